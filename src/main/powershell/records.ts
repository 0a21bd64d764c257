/**
 * Job records: how a job answers. The job script writes one JSON record per line to stdout, each
 * after a prefix no cmdlet prints, and every record names the job it belongs to. Whether a job
 * succeeded is decided from the records alone — not from "stderr was non-empty", which is how
 * node-powershell decides, and which a cmdlet's stray warning would turn into a lost result.
 *
 * Pure TypeScript: the lab writes the same records with formatRecord.
 */

export const RECORD_PREFIX = 'PoolPilot:record:';

export interface ErrorDetail {
  message: string;
  /** PowerShell's FullyQualifiedErrorId, e.g. `NamedParameterNotFound,…`. */
  errorId?: string;
  /** The ErrorCategory, e.g. `InvalidOperation`. */
  category?: string;
}

export type JobRecord =
  /** One object the cmdlet output, serialised with ConvertTo-Json -Depth 6. */
  | { id: string; type: 'result'; data: unknown }
  | ({ id: string; type: 'error' } & ErrorDetail)
  | { id: string; type: 'warning'; message: string }
  /** Verbose and information messages (what a long cmdlet is waiting for; the lab's "What if:"). */
  | { id: string; type: 'verbose'; message: string }
  /** The job script finished (in its `finally`): without it the answer is incomplete. */
  | { id: string; type: 'end' };

/** A record as one line (no newline). Non-ASCII is escaped, as the job script does, so the line survives any console code page. */
export function formatRecord(record: JobRecord): string {
  return RECORD_PREFIX + JSON.stringify(record).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface ParsedOutput {
  /** The job's records, in order. */
  records: JobRecord[];
  /** Lines that are not records: what a cmdlet wrote to the host (Windows PowerShell prints "What if:" there). */
  host: string[];
  /** Prefixed lines that are not valid records: a sign that something wrote over the job's output. */
  malformed: string[];
}

function asRecord(value: unknown): JobRecord | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string') return undefined;
  const text = (key: string) => (r[key] === undefined || r[key] === null ? undefined : String(r[key]));
  switch (r.type) {
    case 'result':
      return { id: r.id, type: 'result', data: r.data ?? null };
    case 'error': {
      const errorId = text('errorId');
      const category = text('category');
      return {
        id: r.id,
        type: 'error',
        message: text('message') ?? '',
        ...(errorId ? { errorId } : {}),
        ...(category ? { category } : {}),
      };
    }
    case 'warning':
    case 'verbose':
      return { id: r.id, type: r.type, message: text('message') ?? '' };
    case 'end':
      return { id: r.id, type: 'end' };
    default:
      return undefined;
  }
}

/**
 * Splits what a job wrote to stdout into its records and the rest. Records of another job (output
 * a timed-out job left behind) are dropped; a record with an empty id is the current job's (the
 * script had not read the id yet when it failed).
 */
const TERMINAL_CONTROLS = /^(?:\u001b\[[0-9;?]*[A-Za-z])+/;

export function parseOutput(stdout: string, jobId: string): ParsedOutput {
  const out: ParsedOutput = { records: [], host: [], malformed: [] };
  for (const rawLine of stdout.split(/\r?\n/)) {
    // A UTF-8 byte order mark can precede the first line after the console encoding changes, and
    // pwsh on a terminal-less stdin still writes cursor-key mode switches (ESC [ ? 1 h / l) before it
    // reads each line: neither is part of what the job wrote.
    const line = rawLine.replace(/^\uFEFF/, '').replace(TERMINAL_CONTROLS, '');
    if (!line.startsWith(RECORD_PREFIX)) {
      if (line.trim() !== '') out.host.push(line.trimEnd());
      continue;
    }
    let record: JobRecord | undefined;
    try {
      record = asRecord(JSON.parse(line.slice(RECORD_PREFIX.length)));
    } catch {
      record = undefined;
    }
    if (!record) out.malformed.push(line);
    else if (record.id === jobId || record.id === '') out.records.push(record);
  }
  return out;
}

export type { OutcomeStatus } from '../../shared/run/types';
import type { OutcomeStatus } from '../../shared/run/types';

/** What a job did, as the run engine needs it. Never holds the payload or a credential. */
export interface JobOutcome {
  /**
   * succeeded: the script finished and reported no error. failed: it reported an error, or never
   * ran. unknown: no complete answer (timeout, shell died, output cut short): the operation may
   * have happened, so the caller re-checks the state before going on.
   */
  status: OutcomeStatus;
  results: unknown[];
  errors: ErrorDetail[];
  warnings: string[];
  verbose: string[];
  host: string[];
  /** Whatever reached stderr (it does not decide the status). */
  stderr: string;
  /** Why the status is unknown, or why a job failed without an error record. */
  reason?: string;
  durationMs: number;
}

/** The outcome of a job whose shell answered (delimiters seen): decided from the records. */
export function outcomeOf(parsed: ParsedOutput, stderr: string, durationMs: number): JobOutcome {
  const outcome: JobOutcome = { status: 'succeeded', results: [], errors: [], warnings: [], verbose: [], host: parsed.host, stderr, durationMs };
  let ended = false;
  for (const r of parsed.records) {
    if (r.type === 'result') outcome.results.push(r.data);
    else if (r.type === 'error') outcome.errors.push({ message: r.message, ...(r.errorId ? { errorId: r.errorId } : {}), ...(r.category ? { category: r.category } : {}) });
    else if (r.type === 'warning') outcome.warnings.push(r.message);
    else if (r.type === 'verbose') outcome.verbose.push(r.message);
    else ended = true;
  }
  if (outcome.errors.length > 0) outcome.status = 'failed';
  else if (!ended && parsed.records.length === 0) {
    // Nothing of the job script ran: PowerShell refused the line (or the lab did).
    outcome.status = 'failed';
    outcome.reason = `the job script did not run${stderr.trim() ? `: ${stderr.trim()}` : ''}`;
  } else if (!ended) {
    outcome.status = 'unknown';
    outcome.reason = 'the job stopped before it finished (no end record)';
  }
  return outcome;
}

/** An outcome without an answer (timeout, the shell died): the job may or may not have run. */
export function unknownOutcome(reason: string, durationMs: number): JobOutcome {
  return { status: 'unknown', results: [], errors: [], warnings: [], verbose: [], host: [], stderr: '', reason, durationMs };
}

/** An outcome of a job that was never sent (no shell, no connection): it did not run. */
export function notRunOutcome(reason: string, durationMs: number): JobOutcome {
  return { ...unknownOutcome(reason, durationMs), status: 'failed' };
}
