/** One-line labels for changes, in the admin's words: the scenario list, quick fixes, the CLI. */
import type { ScenarioChange } from './types';

export function describeChange(change: ScenarioChange): string {
  switch (change.kind) {
    case 'failoverPool':
      return `Fail over ${change.pool} (Invoke-CsPoolFailover)`;
    case 'failbackPool':
      return `Fail back ${change.pool} (Invoke-CsPoolFailback)`;
    case 'reassignNextHop':
      return `Make ${change.nextHop} the next hop of Edge pool ${change.edgePool}`;
    case 'moveSipFederation':
      return `Move SIP federation to Edge pool ${change.edgePool}`;
    case 'moveXmppRoute':
      return `Route site ${change.siteId}'s XMPP federation through ${change.edgeServer}`;
    case 'changeMediaEdge':
      return `Associate ${change.pool} with Edge pool ${change.edgePool} for media`;
    case 'failoverPersistentChat':
      return `Fail over Persistent Chat pool ${change.pool} to its backup SQL store`;
    case 'failbackPersistentChat':
      return `Fail back Persistent Chat pool ${change.pool} to its primary SQL store`;
    case 'failoverCms':
      return 'Fail over the Central Management Store to its backup pool';
  }
}
