/**
 * P1 (steps 1–3 and 7): failing a Front End pool's users over to its backup pool. -PoolFqdn names
 * the pool hit by the disaster. The CMS failover itself (P1 steps 4–6) is its own section (cms.ts),
 * placed before the pool by the planner.
 */
import { getCmsStoreStatus, poolFailover } from '../powershell/commands';
import { cmsActiveOn, type PlanContext } from './context';
import { cmsDiscovery } from './cms';
import { DURATIONS } from './durations';
import type { StepFactory } from './steps';
import type { Step } from './types';

/** The stable part of the error Invoke-CsPoolFailover stops with when an Edge pool still uses the pool as next hop. */
export const NEXT_HOP_ERROR = 'is specified in topology as the next hop for the Edge server';

export function planPoolFailover(ctx: PlanContext, f: StepFactory, pool: string): Step[] {
  const { view } = ctx;
  const backup = view.backupPools.get(pool)!;
  const runOn = ctx.frontEnd(backup);
  const steps: Step[] = ctx.cmsMoved ? [] : cmsDiscovery(ctx, f, runOn);

  const cms = view.cmsPool === undefined ? undefined : view.pools.get(view.cmsPool);
  if (cms) {
    steps.push(
      f.check({
        key: 'cms-status',
        procedure: 'P1.3',
        title: `Check that the Central Management Store runs on ${cms.fqdn}`,
        why: ctx.cmsMoved
          ? `The CMS was failed over to ${cms.fqdn} above; the users fail over only while it works (P1.4).`
          : `The CMS must work while the users fail over; this plan expects it on ${cms.fqdn}, where it need not move (P1.4).`,
        command: getCmsStoreStatus(),
        runOn,
        condition: cmsActiveOn(cms),
        onFail:
          `The CMS is not where this plan expects it. If ActiveMasterFqdn is empty, the CMS is unavailable and must fail over first (P1 steps 4–6): ` +
          'stop, and plan again with the CMS location you see.',
      }),
    );
  } else {
    const home = ctx.pool(pool);
    steps.push(
      f.check({
        key: 'cms-status',
        procedure: 'P1.3',
        title: 'Check that the Central Management Store is available and not on the pool failing over',
        why: `Where the CMS runs is not known to this plan; it must work while the users fail over, and must not be on ${pool} (P1.4).`,
        command: getCmsStoreStatus(),
        runOn,
        condition: {
          test: 'all',
          conditions: [
            { test: 'not', condition: { test: 'empty', property: 'ActiveMasterFqdn' } },
            { test: 'not', condition: { test: 'oneOf', property: 'ActiveMasterFqdn', values: [pool, ...home.machines] } },
          ],
        },
        onFail: `The CMS is unavailable or runs on ${pool}: it must fail over first (P1 steps 4–6). Stop, and plan again with the CMS location.`,
      }),
    );
  }

  const down = view.notServing(pool);
  // Edge pools that are down do not block the plan, but the cmdlet reads next hops from the topology.
  const namingEdges = [...view.nextHop].filter(([, hop]) => hop === pool).map(([edge]) => edge);
  steps.push(
    f.command({
      key: 'failover',
      procedure: 'P1.7',
      title: `Fail the users of ${pool} over to ${backup}`,
      why:
        `${pool}'s users sign in to its backup pool ${backup} until ${pool} is restored. -PoolFqdn names the pool hit by the disaster. ` +
        (down
          ? `-DisasterMode because the pool cannot take part (${down}). `
          : `${pool} is running, so the cmdlet fails its users over gracefully (without -DisasterMode, which is for a pool that can no longer be reached). `) +
        'The cmdlet can fail while the CMS has not fully failed over: fix that from the error and run it again.',
      command: poolFailover(pool, down !== undefined),
      runOn,
      estimate: DURATIONS.poolFailover,
      retryable: true,
      knownErrors: [
        {
          match: NEXT_HOP_ERROR,
          advice:
            `An Edge pool still names ${pool} as its internal next hop` +
            (namingEdges.length > 0 ? ` in the topology (${namingEdges.join(', ')})` : '') +
            ': reassign it to a running Front End or Director pool (P0), then run this step again.',
        },
      ],
    }),
  );
  return steps;
}
