/**
 * P2: failing a Front End pool's users back from its backup pool once the pool is online again.
 * -PoolFqdn names the pool hit by the disaster, as in the failover; in a cross-failover this
 * failback comes before the other pool's failover (the planner puts it there).
 */
import { poolFailback } from '../powershell/commands';
import type { PlanContext } from './context';
import { DURATIONS } from './durations';
import type { StepFactory } from './steps';
import type { Step } from './types';

export function planPoolFailback(ctx: PlanContext, f: StepFactory, pool: string): Step[] {
  const { view } = ctx;
  const servedBy = view.failedOver.get(pool)!;
  const servingDown = view.notServing(servedBy);
  const crossOver = ctx.later('failoverPool', (c) => c.pool === servedBy);
  return [
    f.command({
      key: 'failback',
      procedure: 'P2',
      title: `Fail the users of ${pool} back from ${servedBy}`,
      why:
        `${pool} is back online, so its users return from ${servedBy}. -PoolFqdn names the pool hit by the disaster, as in the failover.` +
        (crossOver ? ` This must finish before ${servedBy}'s own users fail over to ${pool} (P2: failing over first fails).` : '') +
        (servingDown ? ` -DisasterMode because ${servingDown}: data the failed-over users created there is lost.` : ''),
      command: poolFailback(pool, servingDown !== undefined),
      runOn: ctx.frontEnd(pool),
      estimate: DURATIONS.poolFailback,
      retryable: true,
    }),
  ];
}
