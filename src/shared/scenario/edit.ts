/**
 * Editing a scenario: pure functions from one Scenario to the next, so the UI store can keep them
 * as plain state and undo/redo needs no command objects. A new change (or an applied quick fix)
 * drops the redo stack, as in every editor.
 */
import type { DownComponent, Scenario, ScenarioChange } from './types';

export function emptyScenario(): Scenario {
  return { down: [], changes: [], applied: 0 };
}

/** The changes in effect, in order. */
export function activeChanges(s: Scenario): ScenarioChange[] {
  return s.changes.slice(0, s.applied);
}

/** Whether the scenario marks anything down or has a change in effect: whether there is a what-if to draw. */
export function hasEffect(s: Scenario): boolean {
  return s.down.length > 0 || s.applied > 0;
}

/** Appends a change after the ones in effect. */
export function addChange(s: Scenario, change: ScenarioChange): Scenario {
  return insertChange(s, s.applied, change);
}

/** Inserts a change before the change at `at` (0 ≤ at ≤ applied). */
export function insertChange(s: Scenario, at: number, change: ScenarioChange): Scenario {
  checkIndex(s, at, s.applied);
  const changes = [...s.changes.slice(0, at), change, ...s.changes.slice(at, s.applied)];
  return { ...s, changes, applied: changes.length };
}

/** Replaces the change at `at` (0 ≤ at < applied). */
export function replaceChange(s: Scenario, at: number, change: ScenarioChange): Scenario {
  checkIndex(s, at, s.applied - 1);
  const changes = [...s.changes.slice(0, at), change, ...s.changes.slice(at + 1, s.applied)];
  return { ...s, changes, applied: changes.length };
}

/** Removes the change at `at` (0 ≤ at < applied). */
export function removeChange(s: Scenario, at: number): Scenario {
  checkIndex(s, at, s.applied - 1);
  const changes = [...s.changes.slice(0, at), ...s.changes.slice(at + 1, s.applied)];
  return { ...s, changes, applied: changes.length };
}

export function canUndo(s: Scenario): boolean {
  return s.applied > 0;
}

export function canRedo(s: Scenario): boolean {
  return s.applied < s.changes.length;
}

export function undo(s: Scenario): Scenario {
  return canUndo(s) ? { ...s, applied: s.applied - 1 } : s;
}

export function redo(s: Scenario): Scenario {
  return canRedo(s) ? { ...s, applied: s.applied + 1 } : s;
}

function sameComponent(a: DownComponent, b: DownComponent): boolean {
  switch (a.kind) {
    case 'site':
      return b.kind === 'site' && a.siteId === b.siteId;
    case 'pool':
      return b.kind === 'pool' && a.fqdn === b.fqdn;
    case 'sqlStore':
      return b.kind === 'sqlStore' && a.instanceId === b.instanceId;
  }
}

export function isMarkedDown(s: Scenario, component: DownComponent): boolean {
  return s.down.some((d) => sameComponent(d, component));
}

/** Marks a component down (`down` true) or back up; marking twice changes nothing. */
export function setDown(s: Scenario, component: DownComponent, down: boolean): Scenario {
  const others = s.down.filter((d) => !sameComponent(d, component));
  return { ...s, down: down ? [...others, component] : others };
}

function checkIndex(s: Scenario, at: number, max: number): void {
  if (!Number.isInteger(at) || at < 0 || at > max)
    throw new RangeError(`change index ${at} is outside 0..${max} (${s.applied} changes in effect)`);
}
