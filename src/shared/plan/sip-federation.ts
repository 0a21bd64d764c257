/**
 * P3 (fail over the Edge pool used for SIP federation) and P5 step 2 (fail it back): the
 * federation flag moves in Topology Builder, the topology is published, and the Edge servers take
 * the change with the Deployment Wizard. A move away from a pool that is down is a failover; a
 * move away from a running pool (back to the restored one) is the failback.
 */
import type { ScenarioChange } from '../scenario/types';
import { getSite } from '../powershell/commands';
import { replicationWait, type PlanContext } from './context';
import { DURATIONS } from './durations';
import { startEdgeServices } from './edge-services';
import type { StepFactory } from './steps';
import type { ProcedureId, Step } from './types';

type Change = Extract<ScenarioChange, { kind: 'moveSipFederation' }>;

const FLAG = '"Enable federation for this Edge pool (port 5061)"';

export function planSipFederation(ctx: PlanContext, f: StepFactory, change: Change): { procedure: ProcedureId; title: string; steps: Step[] } {
  const { view } = ctx;
  const target = ctx.pool(change.edgePool);
  const known = view.sipRoutes;
  const previous = (known ?? []).filter((r) => r !== target.fqdn);
  const failback = previous.length > 0 && previous.every((r) => !view.poolDown(r));
  const step = (n: number) => (failback ? 'P5.2' : `P3.${n}`);
  const steps: Step[] = [];

  if (failback && !ctx.startedEdgePools.has(target.fqdn)) {
    ctx.startedEdgePools.add(target.fqdn);
    steps.push(...startEdgeServices(f, target, 'P5.1', `${target.fqdn} is back online; its services must run before federation returns to it.`));
  }
  steps.push(
    f.manual({
      key: 'clear-federation',
      procedure: step(1),
      title: previous.length > 0 ? `In Topology Builder, clear federation on ${previous.join(', ')}` : 'In Topology Builder, clear federation on any other Edge pool',
      why: 'All SIP federation traffic uses the one Edge pool with federation enabled, so it is cleared where it was before it is set on the new pool.',
      tool: 'Topology Builder',
      checklist:
        previous.length > 0
          ? previous.map((r) => `Edge pools > ${r} > Edit Properties > General: clear ${FLAG}, then click OK.`)
          : [
              known === undefined
                ? `Which Edge pool carries federation is not known to this plan: on every Edge pool other than ${target.fqdn}, open Edit Properties > General and clear ${FLAG}.`
                : `${known.length === 0 ? 'No Edge pool carries federation now' : `Only ${target.fqdn} carries federation already`}: check that ${FLAG} is clear on every Edge pool other than ${target.fqdn}.`,
            ],
      estimate: DURATIONS.topologyEdit,
    }),
    f.manual({
      key: 'set-federation',
      procedure: step(2),
      title: `In Topology Builder, enable federation on ${target.fqdn}`,
      why: failback ? `${target.fqdn} is restored and takes federation back.` : `${target.fqdn} takes over SIP federation.`,
      tool: 'Topology Builder',
      checklist: [`Edge pools > ${target.fqdn} > Edit Properties > General: select ${FLAG}, then click OK.`],
      estimate: DURATIONS.topologyEdit,
    }),
    f.manual({
      key: 'publish',
      procedure: step(3),
      title: 'Publish the topology',
      why: 'The change takes effect only once the topology is published.',
      tool: 'Topology Builder',
      checklist: ['Action > Topology > Publish, and check that publishing succeeded.'],
      estimate: DURATIONS.topologyPublish,
    }),
    replicationWait(ctx, f, 'replication', step(3), 'The Edge servers read the published change from their replica of the Central Management Store.'),
  );

  const servers = [target, ...previous.filter((r) => !view.poolDown(r)).map((r) => ctx.pool(r))];
  for (const pool of servers) {
    for (const server of pool.machines) {
      steps.push(
        f.manual({
          key: `deployment-wizard-${server}`,
          procedure: step(4),
          title: `Run the Deployment Wizard on ${server}`,
          why: `The Edge server applies its new federation setting when its components are installed again.`,
          tool: 'Deployment Wizard',
          runOn: { on: 'edgeServer', pool: pool.fqdn, server },
          checklist: [
            'Install or Update Skype for Business Server System > Install or Remove Skype for Business Server Components > Run Again.',
            'Next, then Finish; check that every task completed.',
          ],
          estimate: DURATIONS.deploymentWizard,
        }),
      );
    }
  }

  steps.push(
    f.check({
      key: 'read-back',
      procedure: step(4),
      title: `Check that federation now goes through ${target.fqdn}`,
      why: 'Get-CsSite shows the federation route Topology Builder published.',
      command: getSite(target.siteId),
      runOn: { on: 'any' },
      condition: { test: 'equals', property: 'FederationRoute', value: `EdgeServer:${target.fqdn}` },
      onFail: 'The published topology does not route federation through the new Edge pool: check the flags in Topology Builder and publish again.',
    }),
  );
  const title = failback ? `Fail SIP federation back to ${target.fqdn}` : `Move SIP federation to ${target.fqdn}`;
  return { procedure: failback ? 'P5' : 'P3', title, steps };
}
