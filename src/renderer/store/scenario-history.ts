/**
 * Undo and redo of the admin's edits to a what-if scenario. The scenario keeps its changes in the
 * order they would run, and an edit may land anywhere in that order (a next-hop reassignment goes
 * before the failover it unblocks), so Ctrl+Z must undo the last *edit* — not peel the last change
 * off the end, which is what the scenario's own `applied` count does. The history therefore holds
 * whole scenarios (they are small, immutable data), and the one in the store always has every
 * change in effect.
 */
import { redo } from '../../shared/scenario/edit';
import type { Scenario } from '../../shared/scenario/types';

/** Edits kept for undo; older ones are dropped. */
export const MAX_UNDO = 200;

export interface ScenarioHistory {
  past: Scenario[];
  present: Scenario;
  future: Scenario[];
}

/**
 * History for a scenario as opened (a snapshot, the CLI): changes it lists but has not applied are
 * its redo stack, so they become this history's redo steps, one per change.
 */
export function startHistory(s: Scenario): ScenarioHistory {
  const present: Scenario = s.applied === s.changes.length ? s : { ...s, changes: s.changes.slice(0, s.applied) };
  const future: Scenario[] = [];
  for (let step = s; step.applied < step.changes.length; ) {
    step = redo(step);
    future.push({ ...step, changes: step.changes.slice(0, step.applied) });
  }
  // Redo takes from the end of `future`.
  return { past: [], present, future: future.reverse() };
}

export function record(h: ScenarioHistory, next: Scenario): ScenarioHistory {
  if (next === h.present) return h;
  return { past: [...h.past, h.present].slice(-MAX_UNDO), present: next, future: [] };
}

export function undoEdit(h: ScenarioHistory): ScenarioHistory {
  const previous = h.past.at(-1);
  if (!previous) return h;
  return { past: h.past.slice(0, -1), present: previous, future: [...h.future, h.present] };
}

export function redoEdit(h: ScenarioHistory): ScenarioHistory {
  const next = h.future.at(-1);
  if (!next) return h;
  return { past: [...h.past, h.present], present: next, future: h.future.slice(0, -1) };
}
