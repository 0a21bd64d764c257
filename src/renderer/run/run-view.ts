/**
 * What the run console shows, computed from the plan main is running and the journal's step
 * records: the steps grouped by plan section with a status each, the progress, the time, the output
 * of a step, and — before the run — the commands that will change the deployment. Pure functions:
 * the console renders them, the unit tests check them.
 */
import { branchNumber, stepNumber } from '../../shared/export/words';
import type { Minutes, Plan, Step } from '../../shared/plan/types';
import type { JournalOutcome, RunSummary, StepRecord, StepStatus } from '../../shared/run/types';

/** A plan step with no record yet is pending; the rest is the journal's status. */
export type ConsoleStatus = 'pending' | StepStatus;

export interface ConsoleStep {
  id: string;
  /** "1.2", "2.4.a.1" — as the Plan tab numbers it; none for pre-flight checks. */
  number?: string;
  title: string;
  kind: Step['kind'] | 'preflight';
  /** Nesting under decisions (0: a section's own step). */
  depth: number;
  status: ConsoleStatus;
  /** The step's latest record, once it started. */
  record?: StepRecord;
  /** The plan's step (absent for pre-flight checks, which the engine adds). */
  step?: Step;
  /** A decision that chose a branch: that branch's label. */
  branchTaken?: string;
  /** A command that changes the deployment. */
  changes: boolean;
}

export interface ConsoleGroup {
  id: string;
  /** "P1" for a plan section; absent for the pre-flight checks. */
  procedure?: string;
  title: string;
  steps: ConsoleStep[];
}

export const PREFLIGHT_GROUP = 'preflight';

function latestRecords(records: readonly StepRecord[]): Map<string, StepRecord> {
  return new Map(records.map((r) => [r.id, r]));
}

/** The branch a decision's record says it took, if it took one. */
function takenBranch(step: Step, records: Map<string, StepRecord>) {
  if (step.kind !== 'decision') return undefined;
  const branch = records.get(step.id)?.branch;
  return branch === undefined ? undefined : step.branches.find((b) => b.id === branch);
}

/**
 * The steps as the console lists them. A decision's branches stay out of the list until the
 * decision picks one (the others will never run); then that branch's steps follow it, indented.
 * Records of steps the plan does not hold (the engine's pre-flight checks) come first, as a group.
 */
export function consoleGroups(plan: Plan, records: readonly StepRecord[]): ConsoleGroup[] {
  const byId = latestRecords(records);
  const planIds = new Set<string>();
  const walk = (steps: readonly Step[], parent: string, depth: number, out: ConsoleStep[]) => {
    steps.forEach((step, i) => {
      planIds.add(step.id);
      const number = stepNumber(parent, i);
      const record = byId.get(step.id);
      const branch = takenBranch(step, byId);
      out.push({
        id: step.id,
        number,
        title: step.title,
        kind: step.kind,
        depth,
        status: record?.status ?? 'pending',
        ...(record ? { record } : {}),
        step,
        ...(branch ? { branchTaken: branch.label } : {}),
        changes: step.kind === 'command' && step.effect === 'changes',
      });
      if (branch && step.kind === 'decision') walk(branch.steps, branchNumber(number, step.branches.indexOf(branch)), depth + 1, out);
    });
  };
  const sections = plan.sections.map((section, i) => {
    const steps: ConsoleStep[] = [];
    walk(section.steps, String(i + 1), 0, steps);
    return { id: section.id, procedure: section.procedure, title: section.title, steps };
  });
  // Every plan id is known only after the walk; pre-flight records are the ones outside the plan.
  const preflight = records
    .filter((r) => !planIds.has(r.id))
    .map((r): ConsoleStep => ({ id: r.id, title: r.title, kind: 'preflight', depth: 0, status: r.status, record: r, changes: false }));
  return preflight.length > 0 ? [{ id: PREFLIGHT_GROUP, title: 'Pre-flight checks', steps: preflight }, ...sections] : sections;
}

const DONE: ReadonlySet<ConsoleStatus> = new Set(['succeeded', 'skipped']);

/**
 * How far the run is: plan steps done (succeeded or skipped) out of the steps it will run. Until a
 * decision picks its branch, its longest branch counts; once it has, the branch it took. So the
 * total only shrinks as the run goes on and the bar never moves back.
 */
export function runProgress(plan: Plan, records: readonly StepRecord[]): { done: number; total: number; percent: number } {
  const byId = latestRecords(records);
  const count = (steps: readonly Step[]): { done: number; total: number } => {
    let done = 0;
    let total = 0;
    for (const step of steps) {
      total += 1;
      if (DONE.has(byId.get(step.id)?.status ?? 'pending')) done += 1;
      if (step.kind !== 'decision') continue;
      const branch = takenBranch(step, byId);
      if (branch) {
        const inner = count(branch.steps);
        done += inner.done;
        total += inner.total;
      } else {
        total += Math.max(0, ...step.branches.map((b) => count(b.steps).total));
      }
    }
    return { done, total };
  };
  const { done, total } = count(plan.sections.flatMap((s) => s.steps));
  return { done, total, percent: total === 0 ? 100 : Math.round((done / total) * 100) };
}

/** Elapsed time as an admin reads it off a wall clock: "42 s", "3 min 05 s", "1 h 02 min". */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return 'under a second';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** How long the run has taken: to its end, or to `now` while it runs. */
export function runElapsedMs(run: Pick<RunSummary, 'startedAt' | 'finishedAt' | 'status'>, now: number): number {
  const end = run.status !== 'running' && run.finishedAt ? Date.parse(run.finishedAt) : now;
  return Math.max(0, end - Date.parse(run.startedAt));
}

/** Whether the elapsed time is past the plan's upper estimate (the console says so, calmly). */
export function overEstimate(elapsedMs: number, estimate: Minutes): boolean {
  return elapsedMs > estimate.max * 60_000;
}

/**
 * Main shows a command with the server it runs on appended ("…   (on fe03.contoso.com)"): the
 * command alone is what to copy into a shell, the server is said beside it.
 */
export function splitShownCommand(shown: string): { command: string; on?: string } {
  const match = /^([\s\S]*?) {3}\(on ([^()\s]+)\)$/.exec(shown);
  return match ? { command: match[1]!, on: match[2]! } : { command: shown };
}

export type OutputKind = 'result' | 'error' | 'warning' | 'verbose';

export interface OutputLine {
  kind: OutputKind;
  text: string;
}

/** Results shown per step; the report keeps them all. */
export const MAX_RESULTS = 40;
const MAX_VALUE = 400;

function valueText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (${text.length - MAX_VALUE} more characters)` : text;
}

/** One result object as one line, its properties as `Name: value` pairs, as a compact Format-List. */
export function resultText(result: unknown): string {
  if (result === null || typeof result !== 'object' || Array.isArray(result)) return valueText(result);
  const pairs = Object.entries(result as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return pairs.length === 0 ? '(an object with no values)' : pairs.map(([k, v]) => `${k}: ${valueText(v)}`).join('; ');
}

/** A step's outcome as lines: errors first (what went wrong), then warnings, results, verbose. */
export function outputLines(outcome: JournalOutcome): OutputLine[] {
  const lines: OutputLine[] = [
    ...outcome.errors.map((e): OutputLine => ({ kind: 'error', text: e.errorId ? `${e.message} (${e.errorId})` : e.message })),
    ...outcome.warnings.map((text): OutputLine => ({ kind: 'warning', text })),
    ...outcome.results.slice(0, MAX_RESULTS).map((r): OutputLine => ({ kind: 'result', text: resultText(r) })),
  ];
  if (outcome.results.length > MAX_RESULTS) lines.push({ kind: 'result', text: `… and ${outcome.results.length - MAX_RESULTS} more results (all of them are in the report)` });
  return [...lines, ...outcome.verbose.map((text): OutputLine => ({ kind: 'verbose', text }))];
}

export interface ReviewCommand {
  id: string;
  title: string;
  command: string;
  procedure: string;
  /** Runs only when its decisions take this branch: the branches' conditions in words. */
  onlyIf?: string;
}

/**
 * A change the run makes: one command, or one of several a decision chooses between when the run
 * reaches it (what the deployment answers decides which).
 */
export type ReviewChange = { kind: 'command'; command: ReviewCommand } | { kind: 'oneOf'; id: string; question: string; options: ReviewCommand[] };

export interface ReviewManual {
  id: string;
  title: string;
  tool: string;
}

/**
 * What the admin reviews before starting: every change in plan order — a decision's alternatives
 * as one change, each saying when it runs — and the manual steps the run will wait for.
 */
export function reviewItems(plan: Plan): { changes: ReviewChange[]; manual: ReviewManual[] } {
  const changes: ReviewChange[] = [];
  const manual: ReviewManual[] = [];
  const walk = (steps: readonly Step[], onlyIf: string | undefined, options: ReviewCommand[] | undefined) => {
    for (const step of steps) {
      if (step.kind === 'command' && step.effect === 'changes') {
        const command: ReviewCommand = { id: step.id, title: step.title, command: step.command.text, procedure: step.procedure, ...(onlyIf ? { onlyIf } : {}) };
        if (options) options.push(command);
        else changes.push({ kind: 'command', command });
      } else if (step.kind === 'manual') {
        manual.push({ id: step.id, title: step.title, tool: step.tool });
      } else if (step.kind === 'decision') {
        // Nested decisions add their alternatives to the outermost one's.
        const into = options ?? [];
        for (const b of step.branches) walk(b.steps, onlyIf ? `${onlyIf}, and ${b.expect}` : b.expect, into);
        if (!options && into.length > 0) changes.push({ kind: 'oneOf', id: step.id, question: step.question, options: into });
      }
    }
  };
  walk(plan.sections.flatMap((s) => s.steps), undefined, undefined);
  return { changes, manual };
}

/** The plan step a prompt is about (a branch step included), for its checklist and details. */
export function findPlanStep(plan: Plan, stepId: string): Step | undefined {
  const find = (steps: readonly Step[]): Step | undefined => {
    for (const step of steps) {
      if (step.id === stepId) return step;
      if (step.kind === 'decision') {
        for (const b of step.branches) {
          const inner = find(b.steps);
          if (inner) return inner;
        }
      }
    }
    return undefined;
  };
  return find(plan.sections.flatMap((s) => s.steps));
}
