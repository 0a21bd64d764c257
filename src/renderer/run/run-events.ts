/**
 * Folding main's run events into what the console shows. Events and answers to requests travel on
 * different paths (a `run.start` answer can arrive after the run's first events; a reload catches up
 * with `run.current` while events keep coming), so applying an event twice, or an older record after
 * a newer one, must leave the newest state: records are replaced by id, never by an older attempt or
 * by a "running" copy of a step that has already finished.
 */
import type { OpenResult } from '../../shared/ipc/contract';
import type { Discrepancy, RunEvent, RunSummary, StepRecord } from '../../shared/run/types';

export interface RunView {
  run: RunSummary;
  /** The command main announced last (before its step's record starts), with where it runs. */
  lastCommand?: { stepId: string; command: string };
  /** Set when the 'finished' event arrived in this window. */
  finished?: { discrepancies: Discrepancy[]; after?: OpenResult };
}

/** Whether `incoming` is at least as new as `current` (same step). */
export function isNewer(incoming: StepRecord, current: StepRecord): boolean {
  if (incoming.attempts !== current.attempts) return incoming.attempts > current.attempts;
  // Same attempt: a finished record is not overtaken by the copy sent when the step started.
  return !(incoming.status === 'running' && incoming.finishedAt === undefined && current.finishedAt !== undefined);
}

/** The records with `record` in place of its step's earlier one (or appended: steps are in start order). */
export function upsertRecord(steps: readonly StepRecord[], record: StepRecord): StepRecord[] {
  const at = steps.findIndex((s) => s.id === record.id);
  if (at < 0) return [...steps, record];
  if (!isNewer(record, steps[at]!)) return steps as StepRecord[];
  // A retried step moves to the end, as the journal keeps records in the order they started.
  return record.attempts > steps[at]!.attempts ? [...steps.slice(0, at), ...steps.slice(at + 1), record] : steps.map((s, i) => (i === at ? record : s));
}

/** The view once `event` (of this view's run) is applied. */
export function applyRunEvent(view: RunView, event: RunEvent): RunView {
  switch (event.type) {
    case 'command':
      return { ...view, lastCommand: { stepId: event.stepId, command: event.command } };
    case 'step':
      return { ...view, run: { ...view.run, steps: upsertRecord(view.run.steps, event.record) } };
    case 'prompt':
      return { ...view, run: { ...view.run, prompt: event.prompt } };
    case 'finished':
      return {
        ...view,
        run: event.run,
        finished: { discrepancies: event.discrepancies, ...(event.after ? { after: event.after } : {}) },
      };
  }
}

/**
 * A summary fetched from main (`run.start`, `run.resume`, `run.current`) with the events that
 * arrived while it was on its way: the events are newer or already in it, and applying those
 * already in it changes nothing.
 */
export function catchUp(summary: RunSummary, events: readonly RunEvent[], previous?: RunView): RunView {
  let base: RunView = { run: summary };
  if (previous?.run.runId === summary.runId) {
    // The same run keeps what only events carry: the last command announced, and how it ended
    // unless it runs again (resumed).
    const { finished, ...rest } = previous;
    base = { ...rest, run: mergeSummary(previous.run, summary), ...(finished && summary.status !== 'running' ? { finished } : {}) };
  }
  return events.filter((e) => e.runId === summary.runId).reduce(applyRunEvent, base);
}

/** The newer records of both; the fetched summary's status and prompt (it is the later word). */
function mergeSummary(shown: RunSummary, fetched: RunSummary): RunSummary {
  const steps = shown.steps.reduce((acc, r) => upsertRecord(acc, r), fetched.steps);
  return { ...fetched, steps };
}

/** The step the console shows by default: the one a prompt is about, else the last one started. */
export function currentStepId(run: RunSummary): string | undefined {
  return run.prompt?.stepId ?? run.steps.at(-1)?.id;
}
