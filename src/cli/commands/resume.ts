/**
 * `poolpilot resume <journal dir> [--yes] [--ack-manual] [--in-flight done|again | --by-hand ["comment"]] [--report FILE]`:
 * carries on a run that stopped, aborted or was killed, from its journal. Completed steps are never
 * run again; the step that was in flight is re-checked first (the plan's read-back check) and
 * repeated only when it did not take effect. When the plan has no check for it, only a person can
 * tell: the run stops there, and --in-flight carries their answer. A change that failed, the admin
 * may have made by hand since (--by-hand): it counts as done only when the plan's check that follows
 * it holds, or, where the plan has none, on their stated word (the comment) — never run again either
 * way. Lab faults of the first run do not carry over. Exit codes as `run`.
 */
import { resolve } from 'node:path';
import { readJournal, type Journal } from '../../main/run/journal';
import { byHandRun } from '../../main/run/engine';
import { planSteps, stepAfter } from '../../main/run/plan-steps';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { driveRun } from './run';

const OPTIONS = {
  yes: { type: 'boolean' },
  'ack-manual': { type: 'boolean' },
  'skip-unmet-waits': { type: 'boolean' },
  'in-flight': { type: 'string' },
  report: { type: 'string' },
} as const;

const USAGE = [
  'usage: poolpilot resume <journal dir> [--yes] [--ack-manual] [--skip-unmet-waits] [--in-flight done|again]',
  '                        [--by-hand ["comment"]] [--report FILE]',
  '',
  'Carries on the run journalled in the directory. Completed steps are not run again; a step that was',
  'in flight is re-checked before it is repeated, and a change no check can settle waits for --in-flight.',
  '',
  '  --yes          confirm the rest of the run up front (a run started with --yes stays confirmed)',
  '  --ack-manual   count manual steps as done (for the lab)',
  '  --skip-unmet-waits  skip a wait whose condition has not held in its time, instead of aborting',
  '  --in-flight done|again  the step that was in flight (or whose outcome is unknown) has no check that shows',
  '                 whether it took effect: you checked, and it did (done: recorded as skipped, with that',
  '                 reason) or it did not (again: it runs again)',
  '  --by-hand ["comment"]  the change the run failed at, you made by hand: it is not run again, and counts as',
  '                 done only when the plan\'s check that follows it holds (otherwise nothing is marked done,',
  '                 exit 1); where the plan has no such check, on your word: say what shows it took effect',
  '  --report FILE  write the run report: Markdown, or HTML (.html) or JSON (.json) by extension',
  '',
  'Exit code: 0 completed, 1 aborted or could not start, 2 bad input, 3 stopped waiting for a person.',
].join('\n');

/**
 * `--by-hand` takes an optional comment, the argument after it unless that is an option; parseArgs
 * has no optional values, so it is taken out of the arguments first (also as --by-hand=comment).
 */
function takeByHand(args: string[]): { rest: string[]; byHand?: { comment?: string } } {
  const options = args.includes('--') ? args.indexOf('--') : args.length;
  const found = args.slice(0, options).flatMap((a, i) => (a === '--by-hand' || a.startsWith('--by-hand=') ? [i] : []));
  if (found.length === 0) return { rest: args };
  if (found.length > 1) throw new UsageError('resume: --by-hand given more than once');
  const at = found[0]!;
  const arg = args[at]!;
  const next = at + 1 < options ? args[at + 1] : undefined;
  const comment = arg !== '--by-hand' ? arg.slice('--by-hand='.length) : next?.startsWith('-') === false ? next : undefined;
  const taken = arg === '--by-hand' && comment !== undefined ? 2 : 1;
  const rest = [...args.slice(0, at), ...args.slice(at + taken)];
  return { rest, byHand: comment?.trim() ? { comment: comment.trim() } : {} };
}

/**
 * `--by-hand`, about the change the run failed at: a state-changing command whose record failed.
 * Without a check after it in the plan, only a comment can settle it: asked for here, before anything runs.
 */
function byHandClaim(journal: Journal, comment: string | undefined): { step: string; comment?: string } {
  if (journal.mode === 'rehearsal') throw new UsageError('resume: --by-hand is for runs: a rehearsal changes nothing to make by hand');
  const failed = new Set(journal.steps.flatMap((s) => (s.status === 'failed' ? [s.id] : [])));
  const step = planSteps(journal.plan).find((s) => failed.has(s.id) && s.kind === 'command' && s.effect === 'changes');
  if (step === undefined) throw new UsageError('resume: --by-hand: this run did not fail at a step that changes the deployment; there is nothing to have made by hand');
  if (comment === undefined && byHandRun(step, stepAfter(journal.plan, step.id))?.check === undefined)
    throw new UsageError(`resume: --by-hand: the plan has no check that shows whether ${step.id} took effect, so it is done only on your word: say what shows it took effect (--by-hand "…")`);
  return { step: step.id, ...(comment !== undefined ? { comment } : {}) };
}

/** `--in-flight done|again`, about the journal's one change whose outcome is not known. */
function inFlightAnswer(journal: Journal, answer: string): { step: string; done: boolean } {
  if (answer !== 'done' && answer !== 'again') throw new UsageError(`resume: --in-flight expects done or again, got "${answer}"`);
  const changes = new Set(planSteps(journal.plan).flatMap((s) => (s.kind === 'command' && s.effect === 'changes' ? [s.id] : [])));
  const step = journal.steps.find((s) => changes.has(s.id) && (s.status === 'running' || s.status === 'unknown'));
  if (step === undefined) throw new UsageError('resume: --in-flight: no step of this run was in flight or has an unknown outcome');
  return { step: step.id, done: answer === 'done' };
}

export const resumeCommand: CliCommand = {
  name: 'resume',
  summary: 'carry on a stopped or killed run from its journal directory',
  usage: USAGE,
  async run(args, io) {
    const { rest, byHand } = takeByHand(args);
    const { values, positionals } = parseCommandArgs('resume', rest, OPTIONS);
    if (positionals.length !== 1) {
      const hint = positionals.length === 0 && byHand?.comment !== undefined ? ' (the argument after --by-hand is its comment: put the directory first)' : '';
      throw new UsageError(`resume: expected one journal directory, got ${positionals.length === 0 ? 'none' : positionals.length}${hint}`);
    }
    if (byHand && values['in-flight'] !== undefined) throw new UsageError('resume: --by-hand and --in-flight answer for different steps (a failed change, one whose outcome is unknown): give one');
    const dir = resolve(positionals[0]!);
    const journal = await readJournal(dir);
    if (journal.status === 'completed') {
      io.out(`the run ${journal.runId} is already completed; nothing to do\n`);
      return 0;
    }
    if (values['ack-manual'] && journal.connection.kind !== 'lab') throw new UsageError('resume: --ack-manual is for lab runs');
    if (values.yes) journal.confirmedUpFront = true;
    const inFlight = values['in-flight'] === undefined ? undefined : inFlightAnswer(journal, values['in-flight']);
    const claim = byHand ? byHandClaim(journal, byHand.comment) : undefined;
    io.out(`resuming "${journal.plan.title}" (${journal.runId}) in ${dir}\n`);
    return driveRun(io, dir, journal, {
      ackManual: values['ack-manual'] === true,
      skipUnmetWaits: values['skip-unmet-waits'] === true,
      ...(inFlight ? { inFlight } : {}),
      ...(claim ? { byHand: claim } : {}),
      ...(values.report !== undefined ? { report: values.report } : {}),
    });
  },
};
