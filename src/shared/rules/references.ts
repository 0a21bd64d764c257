/**
 * Whether a scenario names things this topology has, of the right kind. A scenario saved with one
 * snapshot can be opened against another topology; what it names that is missing is reported, and
 * the change is not checked further (its other rules would only repeat the same problem).
 */
import type { PoolKind } from '../model/types';
import { siteNodeId } from '../model/graph-ids';
import type { DownComponent, ScenarioChange } from '../scenario/types';
import { describeChange } from '../scenario/describe';
import { kindLabel } from '../scenario/view';
import type { RuleContext } from './context';

export function checkDownMarks(ctx: RuleContext, down: readonly DownComponent[]): void {
  const { view } = ctx;
  for (const c of down) {
    const missing =
      c.kind === 'site'
        ? !view.sites.has(c.siteId) && `site ${c.siteId}`
        : c.kind === 'pool'
          ? !view.pools.has(c.fqdn) && `pool ${c.fqdn}`
          : !view.sqlInstances.has(c.instanceId) && `SQL store ${c.instanceId}`;
    if (missing) {
      ctx.add({
        rule: 'scenario-reference',
        severity: 'warning',
        message: `The scenario marks ${missing} down, but the topology has no such ${c.kind === 'sqlStore' ? 'SQL store' : c.kind}; the mark is ignored.`,
        elements: [],
        fixes: [],
      });
    }
  }
}

/** The pools a change names, with the kind each must be. */
function namedPools(change: ScenarioChange): [string, PoolKind | undefined][] {
  switch (change.kind) {
    case 'failoverPool':
    case 'failbackPool':
      return [[change.pool, 'FrontEnd']];
    case 'reassignNextHop':
      // The next hop's kind is rule 6's business: it explains what a next hop must be.
      return [
        [change.edgePool, 'Edge'],
        [change.nextHop, undefined],
      ];
    case 'moveSipFederation':
      return [[change.edgePool, 'Edge']];
    case 'changeMediaEdge':
      return [
        [change.pool, 'FrontEnd'],
        [change.edgePool, 'Edge'],
      ];
    case 'failoverPersistentChat':
    case 'failbackPersistentChat':
      return [[change.pool, 'PersistentChat']];
    case 'moveXmppRoute':
    case 'failoverCms':
      return [];
  }
}

/** Reports what `change` names wrongly; true when it names only what it should. */
export function checkChangeReferences(ctx: RuleContext, change: ScenarioChange, index: number): boolean {
  const { view } = ctx;
  const problems: string[] = [];
  const elements: string[] = [];
  for (const [fqdn, kind] of namedPools(change)) {
    const pool = view.pools.get(fqdn);
    if (!pool) problems.push(`${fqdn} is not in the topology`);
    else if (kind !== undefined && pool.kind !== kind) {
      problems.push(`${fqdn} is not ${/^[aeiou]/i.test(kindLabel(kind)) ? 'an' : 'a'} ${kindLabel(kind)}`);
      elements.push(fqdn);
    }
  }
  if (change.kind === 'moveXmppRoute') {
    if (!view.sites.has(change.siteId)) problems.push(`site ${change.siteId} is not in the topology`);
    else elements.push(siteNodeId(change.siteId));
    if (!view.poolOfMachine.has(change.edgeServer) && !view.pools.has(change.edgeServer))
      problems.push(`${change.edgeServer} is not a server in the topology`);
  }
  if (change.kind === 'failoverPersistentChat' || change.kind === 'failbackPersistentChat') {
    const strangers = change.activeServers.filter((m) => view.poolOfMachine.get(m)?.fqdn !== change.pool);
    if (strangers.length > 0 && problems.length === 0) problems.push(`${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not a server of ${change.pool}`);
  }
  if (problems.length === 0) return true;
  ctx.add({
    rule: 'scenario-reference',
    severity: 'blocker',
    message: `Change ${index + 1} (${describeChange(change)}) cannot be done: ${problems.join('; ')}.`,
    elements,
    fixes: [],
    change: index,
  });
  return false;
}
