/**
 * P0: reassign an Edge pool's internal next hop. In the Edge pool's own site the procedure documents
 * only Topology Builder; in another site, one cmdlet. Either way the result is read back from the
 * EdgeServer service.
 */
import { getService, setEdgeNextHop } from '../powershell/commands';
import type { ScenarioChange } from '../scenario/types';
import { replicationWait, type PlanContext } from './context';
import { DURATIONS } from './durations';
import type { StepFactory } from './steps';
import type { Step } from './types';

type Change = Extract<ScenarioChange, { kind: 'reassignNextHop' }>;

export function nextHopTitle(ctx: PlanContext, change: Change): string {
  const how = sameSite(ctx, change) ? 'Topology Builder' : 'Set-CsEdgeServer';
  return `Make ${change.nextHop} the next hop of Edge pool ${change.edgePool} (${how})`;
}

function sameSite(ctx: PlanContext, change: Change): boolean {
  return ctx.pool(change.edgePool).siteId === ctx.pool(change.nextHop).siteId;
}

export function planNextHop(ctx: PlanContext, f: StepFactory, change: Change): Step[] {
  const { edgePool, nextHop } = change;
  const steps: Step[] = [];
  if (sameSite(ctx, change)) {
    steps.push(
      f.manual({
        key: 'topology-builder',
        procedure: 'P0',
        title: `In Topology Builder, make ${nextHop} the next hop of ${edgePool}, and publish`,
        why: `${nextHop} is in the Edge pool's own site, where the procedure changes the next hop in Topology Builder (no cmdlet is documented for it).`,
        tool: 'Topology Builder',
        checklist: [
          `Right-click the Edge pool ${edgePool} and choose Edit Properties.`,
          `Under Next hop, choose ${nextHop} in "Next hop pool:", then click OK.`,
          'Publish the topology (Action > Topology > Publish) and check that publishing succeeded.',
        ],
        estimate: { min: DURATIONS.topologyEdit.min + DURATIONS.topologyPublish.min, max: DURATIONS.topologyEdit.max + DURATIONS.topologyPublish.max },
      }),
      replicationWait(ctx, f, 'replication', 'P0', `The Edge servers of ${edgePool} learn their new next hop by replication from the Central Management Store.`),
    );
  } else {
    steps.push(
      f.command({
        key: 'set-edge-server',
        procedure: 'P0',
        title: `Make ${nextHop} the next hop of ${edgePool}`,
        why: `${nextHop} is in another site than ${edgePool}, where the procedure uses Set-CsEdgeServer.`,
        command: setEdgeNextHop(edgePool, nextHop),
        runOn: { on: 'any' },
        estimate: DURATIONS.setting,
      }),
    );
  }
  steps.push(
    f.check({
      key: 'read-back',
      procedure: 'P0',
      title: `Check that ${edgePool} now forwards to ${nextHop}`,
      why: 'The failover cmdlet reads the next hop from the topology, so the change must be there before it runs.',
      command: getService('EdgeServer', edgePool),
      runOn: { on: 'any' },
      condition: { test: 'equals', property: 'Registrar', value: `Registrar:${nextHop}` },
      onFail: `The Edge pool's next hop did not change: repeat the change above before going on.`,
    }),
  );
  return steps;
}
