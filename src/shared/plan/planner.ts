/**
 * buildPlan(deployment, scenario) → Plan: the procedures of every change in effect, in order.
 *
 * Prerequisites come first without the admin asking: where validation finds that a failover needs
 * a change before it — an Edge pool's next hop moved off the pool (P1 step 0), the CMS failed over
 * (P1 step 4), the other pool's users failed back (P2's order) — and offers that change as a quick
 * fix, the planner inserts it and validates again. What is still a blocker after that refuses the
 * plan (PlanBlockedError lists the blockers).
 *
 * Then the changes are walked in order over one ScenarioView (indexed once, so planning stays linear
 * in the deployment), each planned against the deployment as the earlier changes leave it.
 */
import type { Deployment } from '../model/types';
import { PowerShellQuoteError } from '../powershell/quote';
import { applyFix } from '../rules/apply-fix';
import type { Finding, RuleId } from '../rules/types';
import { validate } from '../rules/validate';
import { describeChange } from '../scenario/describe';
import { activeChanges } from '../scenario/edit';
import type { DownComponent, Scenario, ScenarioChange } from '../scenario/types';
import { ScenarioView } from '../scenario/view';
import { planChatFailback } from './chat-failback';
import { planChatFailover } from './chat-failover';
import { planCmsFailover } from './cms';
import { PlanContext, PlanError } from './context';
import { estimateSteps, sum } from './durations';
import { planMediaEdge } from './media-edge';
import { nextHopTitle, planNextHop } from './next-hop';
import { planPoolFailback } from './pool-failback';
import { planPoolFailover } from './pool-failover';
import { planSipFederation } from './sip-federation';
import { StepFactory } from './steps';
import { PLAN_FORMAT, PLAN_VERSION, type Plan, type PlanSection, type ProcedureId, type Step } from './types';
import { planXmppRoute } from './xmpp-federation';

export { PlanError } from './context';

/** The scenario has blockers: no plan is made for it. */
export class PlanBlockedError extends Error {
  override readonly name = 'PlanBlockedError';
  constructor(readonly blockers: Finding[]) {
    super(`the scenario has ${blockers.length} blocker${blockers.length === 1 ? '' : 's'}: ${blockers.map((b) => b.message).join(' | ')}`);
  }
}

export interface PlanOptions {
  /** What "now" is for the Backup Service sync age (ms since the epoch); the current time by default. */
  now?: number;
}

/** Findings whose quick fix is a change that must run before the change they are about. */
const PREREQUISITES: Partial<Record<RuleId, string>> = {
  'failover-edge-next-hop': 'Invoke-CsPoolFailover refuses to fail over a pool that a running Edge pool uses as its next hop (P1 step 0)',
  'cms-failover': 'the Central Management Store must work while the users fail over, so it fails over first (P1 step 4)',
  'pool-fqdn-order': "-PoolFQDN names the pool hit by the disaster: the users this pool serves go home before its own users fail over (P2)",
};

export function buildPlan(deployment: Deployment, scenario: Scenario, options: PlanOptions = {}): Plan {
  const now = options.now ?? Date.now();
  const { planned, addedBecause, findings } = addPrerequisites(deployment, scenario, now);
  const blockers = findings.filter((f) => f.severity === 'blocker');
  if (blockers.length > 0) throw new PlanBlockedError(blockers);

  const view = new ScenarioView(deployment, planned.down);
  const ctx = new PlanContext(deployment, view, planned.changes);
  const stepIds = new Set<string>();
  const sectionIds = new Set<string>();
  const sections = planned.changes.map((change, index) => {
    ctx.index = index;
    const section = planSection(ctx, change, index, addedBecause[index], stepIds, sectionIds);
    view.apply(change);
    return section;
  });

  const own = planned.changes.filter((_, i) => addedBecause[i] === undefined);
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    title: own.length === 0 ? 'No changes' : describeChange(own[0]!) + (own.length > 1 ? ` and ${own.length - 1} more change${own.length > 2 ? 's' : ''}` : ''),
    source: { kind: deployment.source.kind, name: deployment.source.name },
    scenario: planned,
    down: planned.down.map(describeDown),
    findings,
    sections,
    estimate: sum(sections.map((s) => s.estimate)),
  };
}

/**
 * The scenario's changes in effect with the prerequisites validation asks for inserted before the
 * changes that need them, and the findings of the result. `addedBecause[i]` says why change i was
 * added (undefined: the admin's own).
 */
function addPrerequisites(d: Deployment, scenario: Scenario, now: number) {
  const changes = activeChanges(scenario);
  let planned: Scenario = { down: scenario.down, changes, applied: changes.length };
  let addedBecause: (string | undefined)[] = changes.map(() => undefined);
  // Each pass adds one change; a fix that did not help would otherwise come back for ever.
  const maxAdded = 3 * changes.length + 3;
  for (let pass = 0; ; pass++) {
    const findings = validate(d, planned, { now });
    const finding = pass < maxAdded ? findings.find((f) => PREREQUISITES[f.rule] !== undefined && f.change !== undefined && f.fixes.some((x) => !x.replace)) : undefined;
    if (!finding) return { planned, addedBecause, findings };
    const fix = finding.fixes.find((x) => !x.replace)!;
    const reason = `needed before "${describeChange(planned.changes[finding.change!]!)}": ${PREREQUISITES[finding.rule]}`;
    planned = applyFix(planned, fix);
    addedBecause = [...addedBecause.slice(0, fix.at), reason, ...addedBecause.slice(fix.at)];
  }
}

function describeDown(c: DownComponent): string {
  return c.kind === 'site' ? `site ${c.siteId}` : c.kind === 'pool' ? c.fqdn : `SQL store ${c.instanceId}`;
}

/** What the section is about, for its id: the pool, Edge pool or server it changes. */
function subject(change: ScenarioChange): string {
  switch (change.kind) {
    case 'failoverPool':
    case 'failbackPool':
    case 'changeMediaEdge':
    case 'failoverPersistentChat':
    case 'failbackPersistentChat':
      return `${change.kind}:${change.pool}`;
    case 'reassignNextHop':
    case 'moveSipFederation':
      return `${change.kind}:${change.edgePool}`;
    case 'moveXmppRoute':
      return `${change.kind}:${change.edgeServer}`;
    case 'failoverCms':
      return change.kind;
  }
}

function planSection(
  ctx: PlanContext,
  change: ScenarioChange,
  index: number,
  addedBecause: string | undefined,
  stepIds: Set<string>,
  sectionIds: Set<string>,
): PlanSection {
  // Ids follow from what a section changes, not where it stands, so inserting a change elsewhere keeps them.
  let id = subject(change);
  for (let n = 2; sectionIds.has(id); n++) id = `${subject(change)}#${n}`;
  sectionIds.add(id);
  const f = new StepFactory(id, stepIds);
  let planned: { procedure: ProcedureId; title: string; steps: Step[] };
  try {
    planned = planChange(ctx, f, change);
  } catch (err) {
    if (err instanceof PowerShellQuoteError || err instanceof PlanError) {
      throw new PlanError(`cannot plan change ${index + 1} (${describeChange(change)}): ${err.message}`, { cause: err });
    }
    throw err;
  }
  return {
    id,
    procedure: planned.procedure,
    title: planned.title,
    change,
    changeIndex: index,
    ...(addedBecause === undefined ? {} : { addedBecause }),
    steps: planned.steps,
    estimate: estimateSteps(planned.steps),
  };
}

function planChange(ctx: PlanContext, f: StepFactory, change: ScenarioChange): { procedure: ProcedureId; title: string; steps: Step[] } {
  const { view } = ctx;
  switch (change.kind) {
    case 'reassignNextHop':
      return { procedure: 'P0', title: nextHopTitle(ctx, change), steps: planNextHop(ctx, f, change) };
    case 'failoverCms': {
      const cms = view.cmsPool;
      const backup = cms === undefined ? undefined : view.backupPools.get(cms);
      const unavailable = view.cmsUnavailable();
      const reason = unavailable
        ? `it is unavailable (${unavailable})`
        : cms !== undefined && ctx.later('failoverPool', (c) => c.pool === cms)
          ? `it is active on ${cms}, which fails over later in this plan`
          : 'the scenario moves it';
      return { procedure: 'P1', title: `Fail over the Central Management Store from ${cms} to ${backup}`, steps: planCmsFailover(ctx, f, reason) };
    }
    case 'failoverPool':
      return { procedure: 'P1', title: `Fail over ${change.pool} to ${view.backupPools.get(change.pool)}`, steps: planPoolFailover(ctx, f, change.pool) };
    case 'failbackPool':
      return { procedure: 'P2', title: `Fail back ${change.pool} from ${view.failedOver.get(change.pool)}`, steps: planPoolFailback(ctx, f, change.pool) };
    case 'moveSipFederation':
      return planSipFederation(ctx, f, change);
    case 'moveXmppRoute':
      return planXmppRoute(ctx, f, change);
    case 'changeMediaEdge':
      return planMediaEdge(ctx, f, change);
    case 'failoverPersistentChat':
      return { procedure: 'P7', title: `Fail over Persistent Chat pool ${change.pool} to its backup SQL store`, steps: planChatFailover(ctx, f, change) };
    case 'failbackPersistentChat':
      return { procedure: 'P8', title: `Fail back Persistent Chat pool ${change.pool} to its primary SQL store`, steps: planChatFailback(ctx, f, change) };
  }
}
