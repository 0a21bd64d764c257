/**
 * What the plan view shows for the deployment and the what-if scenario: the plan, or why there is
 * none. The same buildPlan main runs for `plan.export`, so the view and the written runbook agree
 * step for step.
 */
import type { Deployment } from '../../shared/model/types';
import { buildPlan, PlanBlockedError, PlanError } from '../../shared/plan/planner';
import type { Plan, Step } from '../../shared/plan/types';
import type { Finding } from '../../shared/rules/types';
import { activeChanges } from '../../shared/scenario/edit';
import type { Scenario } from '../../shared/scenario/types';

export type PlanState =
  /** No change proposed (or all undone): nothing to plan. */
  | { kind: 'empty' }
  /** Validation still finds blockers once the planner's prerequisites are in: no plan. */
  | { kind: 'blocked'; blockers: Finding[] }
  /** A change the planner cannot turn into commands (a name no command can carry). */
  | { kind: 'unplannable'; message: string }
  | { kind: 'plan'; plan: Plan };

export function planFor(d: Deployment, scenario: Scenario, now?: number): PlanState {
  if (activeChanges(scenario).length === 0) return { kind: 'empty' };
  try {
    return { kind: 'plan', plan: buildPlan(d, scenario, now === undefined ? {} : { now }) };
  } catch (err) {
    if (err instanceof PlanBlockedError) return { kind: 'blocked', blockers: err.blockers };
    if (err instanceof PlanError) return { kind: 'unplannable', message: err.message };
    throw err;
  }
}

/** Every step of the plan, branch steps included: what "N steps" counts. */
export function countSteps(plan: Plan): number {
  const count = (steps: readonly Step[]): number => steps.reduce((n, s) => n + 1 + (s.kind === 'decision' ? s.branches.reduce((m, b) => m + count(b.steps), 0) : 0), 0);
  return plan.sections.reduce((n, s) => n + count(s.steps), 0);
}

/** The sections the planner added as prerequisites of the admin's changes. */
export function prerequisiteCount(plan: Plan): number {
  return plan.sections.filter((s) => s.addedBecause !== undefined).length;
}
