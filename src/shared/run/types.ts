/**
 * A run as main and the renderer both see it: the journal's step records, what the run is waiting
 * for (a prompt), and the events main pushes while it runs. The journal (src/main/run/journal.ts)
 * stores these same records.
 */
import type { OpenResult } from '../ipc/contract';
import type { Plan } from '../plan/types';

export type RunMode = 'run' | 'rehearsal';
export type RunStatus = 'running' | 'completed' | 'aborted' | 'stopped';
export type StepStatus = 'running' | 'succeeded' | 'failed' | 'unknown' | 'skipped';
export type OutcomeStatus = 'succeeded' | 'failed' | 'unknown';

/** A job's outcome as the journal keeps it (no stderr noise beyond the text, no payload). */
export interface JournalOutcome {
  status: OutcomeStatus;
  results: unknown[];
  errors: { message: string; errorId?: string }[];
  warnings: string[];
  verbose: string[];
  reason?: string;
}

export interface StepRecord {
  id: string;
  title: string;
  kind: string;
  status: StepStatus;
  /** The exact command run (with -WhatIf in a rehearsal). */
  command?: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  attempts: number;
  outcome?: JournalOutcome;
  /** A check's or wait's verdict, a decision's branch, why a step was skipped, how an unknown outcome was settled. */
  detail?: string;
  /** A decision's chosen branch id. */
  branch?: string;
  comments: string[];
  /** Who confirmed or acknowledged the step. */
  by: string;
}

/** Where a run sends its jobs, as the admin chose it. */
export type RunEnvironment = { kind: 'lab' } | { kind: 'server'; endpoint: string };

/** What a run waits for from the admin. */
export type RunPrompt =
  /** A state-changing step, shown with the exact command, before it runs. */
  | { kind: 'confirm'; stepId: string; title: string; command: string }
  /** A manual step: done (with an optional comment) or not yet (the run stops, to be resumed). */
  | { kind: 'acknowledge'; stepId: string; title: string }
  /**
   * A step failed (or its outcome is unknown): retry, skip with a reason, or abort. For a change,
   * `byHand` offers to run it on the server yourself: where, the command to copy (every value a
   * literal) and, when the plan has one, the read-back check the run runs once the admin says it is
   * done (without one, the admin's word is recorded as that).
   */
  | { kind: 'failure'; stepId: string; title: string; detail: string; byHand?: { where: string; command: string; checkCommand?: string } };

/** The admin's answer to a prompt; main checks it matches the prompt it is waiting on. */
export type RunAnswer =
  | { kind: 'confirm'; run: boolean }
  | { kind: 'acknowledge'; done: boolean; comment?: string }
  | { kind: 'failure'; action: 'retry' | 'abort' }
  | { kind: 'failure'; action: 'skip'; reason: string }
  /** "I ran it by hand — check now": done only if the check holds (or, without a check, on the comment's word). */
  | { kind: 'failure'; action: 'doneByHand'; comment?: string };

/** The run as the console shows it. */
export interface RunSummary {
  runId: string;
  mode: RunMode;
  status: RunStatus;
  reason?: string;
  /** "Lab" or "Live: <server>". */
  environment: string;
  operator: string;
  startedAt: string;
  finishedAt?: string;
  confirmedUpFront: boolean;
  rehearsedAt?: string;
  plan: Plan;
  /** Step records in the order they started. */
  steps: StepRecord[];
  /** What the run waits for now, if anything. */
  prompt?: RunPrompt;
  /** The run's folder: journal.json, the lock, the lab's state. */
  journalDir: string;
}

/** Intended vs actual after a run: something the deployment does not show as the plan meant it to. */
export interface Discrepancy {
  severity: 'error' | 'warning';
  message: string;
  /** Graph element ids it concerns (graph-ids.ts), to highlight. */
  elementIds: string[];
}

export type RunEvent =
  | { type: 'command'; runId: string; stepId: string; command: string }
  | { type: 'step'; runId: string; record: StepRecord }
  | { type: 'prompt'; runId: string; prompt: RunPrompt }
  | {
      type: 'finished';
      runId: string;
      run: RunSummary;
      /** The deployment as it is after the run (the lab's state; a fresh discovery live), when it could be read. */
      after?: OpenResult;
      /** Intended vs actual: empty when the deployment is as the plan meant it to be. */
      discrepancies: Discrepancy[];
    };
