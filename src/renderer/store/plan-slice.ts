/**
 * The plan view's part of the store: which step the admin selected (its elements are highlighted
 * on the graph through the finding-focus mechanism, so the graph needs nothing new) and which
 * checklist items of manual steps are ticked. The plan itself is derived from the deployment and
 * the scenario where it is shown, not stored.
 */
import type { StateCreator } from 'zustand';
import type { Deployment } from '../../shared/model/types';
import type { AppState } from './store';

/** The finding-focus index of a plan step's highlight: no finding has it. */
export const PLAN_STEP_FOCUS = -1;

export interface PlanSlice {
  planStep: string | null;
  /** Ticked checklist items (`<step id>#<item>`) of the deployment they were ticked on. */
  planChecks: { deployment: Deployment | null; ticked: ReadonlySet<string> };
  /** Selects a step and highlights `elements` (none: no highlight); null clears both. */
  focusPlanStep(stepId: string | null, elements?: readonly string[]): void;
  togglePlanCheck(key: string): void;
}

export const createPlanSlice: StateCreator<AppState, [], [], PlanSlice> = (set, get) => ({
  planStep: null,
  planChecks: { deployment: null, ticked: new Set() },
  focusPlanStep: (stepId, elements = []) =>
    set((s) => {
      if (stepId === null) return { planStep: null, findingFocus: s.findingFocus?.index === PLAN_STEP_FOCUS ? null : s.findingFocus };
      return {
        planStep: stepId,
        // Like a clicked finding: the step's elements are the highlight now, not a selection.
        findingFocus: elements.length > 0 ? { index: PLAN_STEP_FOCUS, elements: [...elements], seq: (s.findingFocus?.seq ?? 0) + 1 } : null,
        selectedId: null,
      };
    }),
  togglePlanCheck: (key) => {
    const { deployment, planChecks } = get();
    // Ticks belong to the deployment they were made on: a newly opened one starts unticked.
    const ticked = new Set(planChecks.deployment === deployment ? planChecks.ticked : []);
    if (!ticked.delete(key)) ticked.add(key);
    set({ planChecks: { deployment, ticked } });
  },
});

/** Whether the checklist item is ticked on the deployment shown. */
export function isTicked(s: Pick<AppState, 'deployment' | 'planChecks'>, key: string): boolean {
  return s.planChecks.deployment === s.deployment && s.planChecks.ticked.has(key);
}

/** The selected step, while its highlight is the one on the graph. */
export function shownPlanStep(s: Pick<AppState, 'planStep' | 'findingFocus'>): string | null {
  return s.planStep !== null && s.findingFocus?.index === PLAN_STEP_FOCUS ? s.planStep : null;
}
