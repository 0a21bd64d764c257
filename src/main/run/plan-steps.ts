/** Every step of a plan, in plan order, with the steps of every decision branch after their decision. */
import type { Plan, Step } from '../../shared/plan/types';

function flatten(steps: readonly Step[]): Step[] {
  return steps.flatMap((s) => [s, ...(s.kind === 'decision' ? s.branches.flatMap((b) => flatten(b.steps)) : [])]);
}

export function planSteps(plan: Plan): Step[] {
  return flatten(plan.sections.flatMap((s) => s.steps));
}
