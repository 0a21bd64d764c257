/**
 * P6 (associate a Front End pool with another site's Edge pool for media while its own is down) and
 * P5 step 4 (point it back at the local Edge pool once that is restored). Topology Builder only.
 */
import type { ScenarioChange } from '../scenario/types';
import { replicationWait, type PlanContext } from './context';
import { DURATIONS } from './durations';
import type { StepFactory } from './steps';
import type { ProcedureId, Step } from './types';

type Change = Extract<ScenarioChange, { kind: 'changeMediaEdge' }>;

export function planMediaEdge(ctx: PlanContext, f: StepFactory, change: Change): { procedure: ProcedureId; title: string; steps: Step[] } {
  const { view } = ctx;
  const pool = ctx.pool(change.pool);
  const edge = ctx.pool(change.edgePool);
  const current = view.mediaEdgeOf(pool.fqdn);
  // Back to an Edge pool of its own site from another site's: the failback's step 4.
  const failback = edge.siteId === pool.siteId && current !== undefined && view.siteOf(current) !== pool.siteId;
  const procedure = failback ? 'P5.4' : 'P6';
  const steps: Step[] = [
    f.manual({
      key: 'associate-edge',
      procedure,
      title: `In Topology Builder, associate ${pool.fqdn} with ${edge.fqdn} for media, and publish`,
      why: failback
        ? `${edge.fqdn} is restored: ${pool.fqdn}'s Web Conferencing and A/V Conferencing return to the local Edge pool.`
        : `${pool.fqdn}'s Web Conferencing and A/V Conferencing reach remote users through its associated Edge pool${current ? `, ${current}, which is down` : ''}; ${edge.fqdn} stands in until it is restored.`,
      tool: 'Topology Builder',
      checklist: [
        `Right-click the Front End pool ${pool.fqdn} and choose Edit Properties > Associations.`,
        `Under "Associate Edge pool (for media components)", choose ${edge.fqdn}, then click OK.`,
        'Publish the topology (Action > Topology > Publish) and check that publishing succeeded.',
      ],
      estimate: { min: DURATIONS.topologyEdit.min + DURATIONS.topologyPublish.min, max: DURATIONS.topologyEdit.max + DURATIONS.topologyPublish.max },
    }),
    replicationWait(ctx, f, 'replication', procedure, `${pool.fqdn}'s servers read the new association from their replica of the Central Management Store.`),
  ];
  const title = failback ? `Point ${pool.fqdn}'s media back at ${edge.fqdn}` : `Associate ${pool.fqdn} with Edge pool ${edge.fqdn} for media`;
  return { procedure: failback ? 'P5' : 'P6', title, steps };
}
