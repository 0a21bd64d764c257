/** Every step of a plan, in plan order, with the steps of every decision branch after their decision. */
import type { Plan, Step } from '../../shared/plan/types';

function flatten(steps: readonly Step[]): Step[] {
  return steps.flatMap((s) => [s, ...(s.kind === 'decision' ? s.branches.flatMap((b) => flatten(b.steps)) : [])]);
}

export function planSteps(plan: Plan): Step[] {
  return flatten(plan.sections.flatMap((s) => s.steps));
}

/**
 * The step the run takes after step `id`, as the engine walks the plan: the next in its list, or for
 * the last step of a decision's branch, what follows the decision (the check that may settle a change).
 */
export function stepAfter(plan: Plan, id: string): Step | undefined {
  const find = (steps: readonly Step[], after: Step | undefined): { found: boolean; next?: Step } => {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const next = steps[i + 1] ?? after;
      if (step.id === id) return next ? { found: true, next } : { found: true };
      if (step.kind === 'decision')
        for (const b of step.branches) {
          const inBranch = find(b.steps, next);
          if (inBranch.found) return inBranch;
        }
    }
    return { found: false };
  };
  // Sections are walked one after another, each on its own: a section's last step has nothing after it.
  for (const section of plan.sections) {
    const r = find(section.steps, undefined);
    if (r.found) return r.next;
  }
  return undefined;
}
