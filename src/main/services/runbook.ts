/**
 * The runbook `plan.export` writes: main plans the scenario and renders the export itself, so no
 * script or runbook text ever comes from the renderer. A scenario the planner refuses gets no file,
 * and an error the admin can act on: what blocks it, in the words of the What-if tab.
 */
import type { PlanExportFormat } from '../../shared/ipc/contract';
import type { Deployment } from '../../shared/model/types';
import type { Scenario } from '../../shared/scenario/types';
import type { Plan } from '../../shared/plan/types';
import { buildPlan, PlanBlockedError, PlanError } from '../../shared/plan/planner';
import { runbookIn } from '../../shared/export/runbook-writers';

/** Blockers named in the error; the rest are counted (the What-if tab lists them all). */
const NAMED_BLOCKERS = 5;

/**
 * The plan for the scenario, or an Error starting with `refusal` ("No runbook was written") and
 * saying why there is none: the blockers named, or what could not be planned. Runs use it too.
 */
export function planOrRefuse(deployment: Deployment, scenario: Scenario, now: number, refusal: string): Plan {
  try {
    return buildPlan(deployment, scenario, { now });
  } catch (err) {
    if (err instanceof PlanBlockedError) {
      const n = err.blockers.length;
      const named = err.blockers.slice(0, NAMED_BLOCKERS).map((b, i) => `(${i + 1}) ${b.message}`);
      if (n > NAMED_BLOCKERS) named.push(`and ${n - NAMED_BLOCKERS} more`);
      throw new Error(`${refusal}: the scenario has ${n} blocker${n === 1 ? '' : 's'}: ${named.join(' ')}`, { cause: err });
    }
    if (err instanceof PlanError) throw new Error(`${refusal}: ${err.message}`, { cause: err });
    throw err;
  }
}

/** The runbook text, or an Error saying why there is none (blockers named, or what could not be planned). */
export function runbookText(deployment: Deployment, scenario: Scenario, format: PlanExportFormat, now: number): string {
  return runbookIn(format, planOrRefuse(deployment, scenario, now, 'No runbook was written'), deployment, scenario);
}

