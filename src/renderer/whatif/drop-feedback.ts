/** What the pointer's tooltip says while an Edge pool's next hop is being dragged. */
import type { NextHopTarget } from '../../shared/rules/next-hop';

/** "pool1.contoso.com is down" → "is down": the tooltip names the pool once, in front. */
export function reasonWithoutSubject(pool: string, reason: string): string {
  return reason.startsWith(`${pool} `) ? reason.slice(pool.length + 1) : reason;
}

export interface DropFeedback {
  valid: boolean;
  text: string;
}

/**
 * `target`: the pool under the pointer as a next hop for `edgePool`, or undefined when the pointer
 * is over no pool (a site box, empty canvas).
 */
export function dropFeedback(edgePool: string, target: NextHopTarget | undefined): DropFeedback {
  if (!target) return { valid: false, text: `Drop on a Front End or Director pool to make it the next hop of ${edgePool}. Esc cancels.` };
  if (!target.valid) return { valid: false, text: `✕ ${target.pool}: ${reasonWithoutSubject(target.pool, target.reason ?? 'cannot be a next hop')}` };
  const how = target.sameSite ? 'same site: a Topology Builder change' : 'another site: Set-CsEdgeServer';
  return { valid: true, text: `✓ Drop to make ${target.pool} the next hop of ${edgePool} (${how})` };
}
