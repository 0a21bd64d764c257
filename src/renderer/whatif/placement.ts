/**
 * Where a proposed next-hop reassignment goes in the scenario. Invoke-CsPoolFailover checks the
 * Edge next hop as it stands when it runs (P1 step 7), so a reassignment the admin drags in after
 * proposing the failover must run before it — where the blocker's own quick fix would put it.
 */
import type { Finding } from '../../shared/rules/types';
import type { Scenario } from '../../shared/scenario/types';

export function nextHopInsertionIndex(scenario: Scenario, findings: readonly Finding[], edgePool: string): number {
  let at = scenario.applied;
  for (const f of findings) {
    if (f.rule === 'failover-edge-next-hop' && f.elements[0] === edgePool && f.change !== undefined) at = Math.min(at, f.change);
  }
  return at;
}
