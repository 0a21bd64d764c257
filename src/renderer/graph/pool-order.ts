/** Keyboard navigation in the graph: arrow keys and Tab step through pools in a fixed order. */
import type { Deployment } from '../../shared/model/types';

/** Pools site by site, in topology order: the order the grid layout reads. */
export function poolOrder(d: Deployment): string[] {
  const siteIndex = new Map(d.topology.sites.map((s, i) => [s.id, i]));
  return d.topology.pools
    .map((p, i) => ({ fqdn: p.fqdn, site: siteIndex.get(p.siteId) ?? Number.MAX_SAFE_INTEGER, i }))
    .sort((a, b) => a.site - b.site || a.i - b.i)
    .map((p) => p.fqdn);
}

/**
 * The pool `step` places from `current` (wrapping around for arrow keys), or undefined past either
 * end when `wrap` is false — Tab then leaves the graph instead of trapping keyboard focus.
 */
export function stepPool(order: string[], current: string | null, step: 1 | -1, wrap: boolean): string | undefined {
  if (order.length === 0) return undefined;
  const at = current === null ? -1 : order.indexOf(current);
  if (at < 0) return step === 1 ? order[0] : order[order.length - 1];
  const next = at + step;
  if (next >= 0 && next < order.length) return order[next];
  return wrap ? order[(next + order.length) % order.length] : undefined;
}
