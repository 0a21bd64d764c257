/**
 * The run journal: what a run did, step by step, in one JSON file in the run's directory. It is
 * written atomically after every change of a step's state, so after a crash it shows exactly what
 * was done, what was in flight (status `running`) and what was not reached — which is what
 * `poolpilot resume` and the run report read.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../services/atomic-write';
import type { Plan } from '../../shared/plan/types';

export const JOURNAL_FORMAT = 'poolpilot.journal';
export const JOURNAL_VERSION = 1;
export const JOURNAL_FILE = 'journal.json';

/** How the run reaches PowerShell: enough to start the same session again on resume. */
export type RunConnection =
  /** down: POOLPILOT_LAB_DOWN components; timeoutMs: how long a lab job may take before it is `unknown`. */
  | { kind: 'lab'; source: string; statePath: string; down: string[]; endpoint?: string; timeoutMs: number }
  | { kind: 'server'; endpoint: string };

// Step records and outcomes are shared with the renderer's run console.
export type { JournalOutcome, RunStatus, StepRecord, StepStatus } from '../../shared/run/types';
import type { RunStatus, StepRecord } from '../../shared/run/types';

export interface Journal {
  format: typeof JOURNAL_FORMAT;
  version: typeof JOURNAL_VERSION;
  runId: string;
  mode: 'run' | 'rehearsal';
  operator: string;
  host: string;
  connection: RunConnection;
  /** The whole run was confirmed when it started (--yes). */
  confirmedUpFront: boolean;
  startedAt: string;
  finishedAt?: string;
  status: RunStatus;
  /** Why the run stopped or aborted. */
  reason?: string;
  /** Set by a rehearsal that went through. */
  rehearsedAt?: string;
  plan: Plan;
  /** Step records in the order they started. */
  steps: StepRecord[];
}

export class JournalError extends Error {
  override readonly name = 'JournalError';
}

export function journalPath(dir: string): string {
  return join(dir, JOURNAL_FILE);
}

export async function writeJournal(dir: string, journal: Journal): Promise<void> {
  await writeFileAtomic(journalPath(dir), `${JSON.stringify(journal, null, 2)}\n`);
}

/** Reads and checks a journal; errors name the file and what is wrong. */
export async function readJournal(dir: string): Promise<Journal> {
  const file = journalPath(dir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new JournalError(`${file}: cannot read the journal (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new JournalError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  const j = data as Partial<Journal>;
  if (j.format !== JOURNAL_FORMAT) throw new JournalError(`${file}: not a PoolPilot run journal (format is ${JSON.stringify(j.format)})`);
  if (j.version !== JOURNAL_VERSION) throw new JournalError(`${file}: journal version ${String(j.version)} is not supported (this PoolPilot reads ${JOURNAL_VERSION})`);
  for (const field of ['runId', 'plan', 'steps', 'connection', 'status'] as const) {
    if (j[field] === undefined) throw new JournalError(`${file}: the field "${field}" is missing`);
  }
  if (!Array.isArray(j.steps)) throw new JournalError(`${file}: "steps" is not a list`);
  return j as Journal;
}

/** The latest record of each step (a retried step has one record; this is the map resume works from). */
export function stepRecords(journal: Journal): Map<string, StepRecord> {
  return new Map(journal.steps.map((s) => [s.id, s]));
}
