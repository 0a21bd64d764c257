/**
 * What the admin can propose for a graph element, in the words of the procedures: mark it down or
 * up, fail a pool over or back, reassign a next hop, move a federation route, fail over the CMS or
 * Persistent Chat. The inspector's buttons and the graph's context menu both list these, so both
 * always offer the same actions. Offered from the deployment as the scenario's changes leave it:
 * a pool the scenario fails over offers its failback.
 */
import type { Deployment, Pool } from '../../shared/model/types';
import { siteIdOfNode } from '../../shared/model/graph-ids';
import { activeChanges, isMarkedDown } from '../../shared/scenario/edit';
import type { DownComponent, Scenario, ScenarioChange } from '../../shared/scenario/types';
import { ScenarioView } from '../../shared/scenario/view';

/** A choice the admin makes in a dialog before the change exists. */
export type DialogRequest = { kind: 'nextHop'; edgePool: string } | { kind: 'mediaEdge'; pool: string };

interface ProposalBase {
  /** Stable per element: the test id suffix and React key. */
  id: string;
  label: string;
  /** A second line: the cmdlet, or what the change would do. */
  detail?: string;
}

export type Proposal =
  | (ProposalBase & { kind: 'down'; component: DownComponent; down: boolean })
  | (ProposalBase & { kind: 'change'; change: ScenarioChange })
  | (ProposalBase & { kind: 'dialog'; dialog: DialogRequest });

/** `edgeNextHop:<edge pool>-><pool>` and `mediaEdge:<pool>-><edge pool>`: the relation edges with actions. */
const EDGE_ID = /^(edgeNextHop|mediaEdge):(.+?)->(.+)$/;

export function proposalsFor(d: Deployment, s: Scenario, elementId: string): Proposal[] {
  const view = new ScenarioView(d);
  for (const change of activeChanges(s)) view.apply(change);

  const edge = EDGE_ID.exec(elementId);
  if (edge) {
    const [, kind, from] = edge as unknown as [string, string, string];
    return kind === 'edgeNextHop' ? [nextHopDialog(view, from)] : [mediaEdgeDialog(view, from)];
  }

  const siteId = siteIdOfNode(elementId);
  if (siteId !== undefined) {
    if (!view.sites.has(siteId)) return [];
    return [downToggle(s, { kind: 'site', siteId }, 'What if the whole site (data center) were lost?')];
  }

  const pool = view.pools.get(elementId);
  if (!pool) return [];
  const siteDown = isMarkedDown(s, { kind: 'site', siteId: pool.siteId });
  const out: Proposal[] = [
    downToggle(s, { kind: 'pool', fqdn: pool.fqdn }, siteDown ? `Its site ${siteName(view, pool.siteId)} is marked down already` : 'What if this pool failed?'),
  ];
  if (pool.kind === 'FrontEnd') out.push(poolFailover(view, pool), mediaEdgeDialog(view, pool.fqdn));
  if (view.cmsPool === pool.fqdn) out.push(cmsFailover(view, pool));
  if (pool.kind === 'Edge') out.push(nextHopDialog(view, pool.fqdn), ...federationMoves(view, pool));
  if (pool.kind === 'PersistentChat') out.push(chatFailover(view, pool));
  return out;
}

function siteName(view: ScenarioView, siteId: string): string {
  return view.sites.get(siteId)?.name ?? siteId;
}

function downToggle(s: Scenario, component: DownComponent, whyDown: string): Proposal {
  const marked = isMarkedDown(s, component);
  return marked
    ? { id: 'mark-up', kind: 'down', component, down: false, label: 'Mark up', detail: 'Take the down mark off: it is running again' }
    : { id: 'mark-down', kind: 'down', component, down: true, label: 'Mark down', detail: whyDown };
}

function poolFailover(view: ScenarioView, pool: Pool): Proposal {
  const servedBy = view.failedOver.get(pool.fqdn);
  if (servedBy !== undefined) {
    return {
      id: 'failback',
      kind: 'change',
      change: { kind: 'failbackPool', pool: pool.fqdn },
      label: 'Fail back this pool',
      detail: `Invoke-CsPoolFailback -PoolFQDN ${pool.fqdn}: its users return from ${servedBy} (P2)`,
    };
  }
  const backup = view.backupPools.get(pool.fqdn);
  return {
    id: 'failover',
    kind: 'change',
    change: { kind: 'failoverPool', pool: pool.fqdn },
    label: 'Fail over this pool',
    detail: backup
      ? `Invoke-CsPoolFailover -PoolFQDN ${pool.fqdn}: its users move to ${backup} (P1)`
      : `Invoke-CsPoolFailover -PoolFQDN ${pool.fqdn}: no backup pool is known for it yet (P1)`,
  };
}

function cmsFailover(view: ScenarioView, pool: Pool): Proposal {
  const backup = view.backupPools.get(pool.fqdn);
  return {
    id: 'cms-failover',
    kind: 'change',
    change: { kind: 'failoverCms' },
    label: 'Fail over the CMS',
    detail: backup
      ? `The Central Management Store moves from ${pool.fqdn} to ${backup} (P1 steps 4–6)`
      : `The Central Management Store is active here; no backup pool is known to take it (P1 steps 4–6)`,
  };
}

function nextHopDialog(view: ScenarioView, edgePool: string): Proposal {
  const hop = view.nextHop.get(edgePool);
  return {
    id: 'next-hop',
    kind: 'dialog',
    dialog: { kind: 'nextHop', edgePool },
    label: 'Change next hop…',
    detail: hop ? `Now ${hop}; choose another Front End or Director pool (P0)` : 'The topology names no next hop for it (P0)',
  };
}

function mediaEdgeDialog(view: ScenarioView, pool: string): Proposal {
  const edge = view.mediaEdgeOf(pool);
  return {
    id: 'media-edge',
    kind: 'dialog',
    dialog: { kind: 'mediaEdge', pool },
    label: 'Change media Edge…',
    detail: edge ? `Now ${edge}; Web Conferencing and A/V use it (P6)` : 'No media Edge pool is associated now (P6)',
  };
}

/** Move SIP federation to this Edge pool; move other sites' XMPP routes to its first server. */
function federationMoves(view: ScenarioView, pool: Pool): Proposal[] {
  const out: Proposal[] = [];
  const routes = view.sipRoutes;
  if (!(routes?.length === 1 && routes[0] === pool.fqdn)) {
    out.push({
      id: 'sip-here',
      kind: 'change',
      change: { kind: 'moveSipFederation', edgePool: pool.fqdn },
      label: 'Move SIP federation here',
      detail: routes?.length ? `Now through ${routes.join(', ')} (P3)` : 'Enable federation (port 5061) on this Edge pool (P3)',
    });
  }
  const server = pool.machines[0];
  if (server === undefined) return out;
  for (const [siteId, current] of view.xmppRoutes) {
    if (view.poolOfMachine.get(current)?.fqdn === pool.fqdn || !view.sites.has(siteId)) continue;
    out.push({
      id: `xmpp:${siteId}`,
      kind: 'change',
      change: { kind: 'moveXmppRoute', siteId, edgeServer: server },
      label: `Move XMPP route of ${siteName(view, siteId)} to ${server}`,
      detail: `Now through ${current}; Set-CsSite ${siteId} -XmppExternalFederationRoute ${server} (P4)`,
    });
  }
  return out;
}

/** P7 / P8, with the active servers the procedures want: those in the data centre of the database in use. */
function chatFailover(view: ScenarioView, pool: Pool): Proposal {
  const failedOver = view.persistentChat.get(pool.fqdn)?.poolState === 'FailedOver';
  const store = failedOver ? pool.backEnd?.primary : pool.backEnd?.backup;
  const storePool = store === undefined ? undefined : view.sqlInstances.get(store)?.poolFqdn;
  const site = storePool === undefined ? undefined : view.siteOf(storePool);
  const activeServers = site === undefined ? [] : pool.machines.filter((m) => view.siteOfMachine(m) === site);
  const servers = activeServers.length > 0 ? `active servers ${activeServers.join(', ')}` : 'no server in that data centre';
  return failedOver
    ? {
        id: 'chat-failback',
        kind: 'change',
        change: { kind: 'failbackPersistentChat', pool: pool.fqdn, activeServers },
        label: 'Fail back Persistent Chat',
        detail: `Back to its primary SQL store${store ? ` ${store}` : ''}; ${servers} (P8)`,
      }
    : {
        id: 'chat-failover',
        kind: 'change',
        change: { kind: 'failoverPersistentChat', pool: pool.fqdn, activeServers },
        label: 'Fail over Persistent Chat',
        detail: `To its backup SQL store${store ? ` ${store}` : ''}; ${servers} (P7)`,
      };
}
