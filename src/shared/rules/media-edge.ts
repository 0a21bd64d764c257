/**
 * Media Edge association (P6). A Front End pool's Web Conferencing and A/V Conferencing reach
 * remote users through the Edge pool it is associated with; when that Edge pool is down but the
 * Front End pool runs, it is associated with an Edge pool in another site until the first returns.
 */
import type { Pool } from '../model/types';
import type { RuleContext } from './context';

const MAX_FIXES = 3;

/** Rule 9 at the end. */
export function checkMediaEdges(ctx: RuleContext): void {
  const { view } = ctx;
  let runningEdges: Pool[] | undefined;
  for (const pool of view.frontEnds) {
    const edge = view.mediaEdgeOf(pool.fqdn);
    if (edge === undefined || view.notServing(pool.fqdn) || view.failedOver.has(pool.fqdn)) continue;
    const down = view.poolDown(edge);
    if (!down) continue;
    runningEdges ??= view.edgePools.filter((e) => !view.poolDown(e.fqdn));
    const edgeSite = view.siteOf(edge);
    // Another site's Edge pool; the backup pool's site first, where the pool's users would go anyway.
    const backupSite = view.siteOf(view.backupPools.get(pool.fqdn) ?? '');
    const others = runningEdges.filter((e) => e.siteId !== edgeSite);
    const ranked = [...others.filter((e) => e.siteId === backupSite), ...others.filter((e) => e.siteId !== backupSite)].slice(0, MAX_FIXES);
    ctx.add({
      rule: 'media-edge',
      severity: 'warning',
      message:
        `${pool.fqdn} is running but its media Edge pool ${edge} is down (${down}): remote users lose its Web Conferencing and A/V Conferencing. ` +
        'Associate it with a running Edge pool in another site until the Edge pool is restored (P6).',
      elements: [pool.fqdn, edge],
      fixes: ranked.map((e) => ({
        label: `Associate ${pool.fqdn} with Edge pool ${e.fqdn} for media (P6)`,
        change: { kind: 'changeMediaEdge', pool: pool.fqdn, edgePool: e.fqdn },
        at: ctx.end,
      })),
    });
  }
}
