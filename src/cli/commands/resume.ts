/**
 * `poolpilot resume <journal dir> [--yes] [--ack-manual] [--in-flight done|again] [--report FILE]`:
 * carries on a run that stopped, aborted or was killed, from its journal. Completed steps are never
 * run again; the step that was in flight is re-checked first (the plan's read-back check) and
 * repeated only when it did not take effect. When the plan has no check for it, only a person can
 * tell: the run stops there, and --in-flight carries their answer. Lab faults of the first run do
 * not carry over. Exit codes as `run`.
 */
import { resolve } from 'node:path';
import { readJournal, type Journal } from '../../main/run/journal';
import { planSteps } from '../../main/run/plan-steps';
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
  'usage: poolpilot resume <journal dir> [--yes] [--ack-manual] [--skip-unmet-waits] [--in-flight done|again] [--report FILE]',
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
  '  --report FILE  write the run report: Markdown, or HTML (.html) or JSON (.json) by extension',
  '',
  'Exit code: 0 completed, 1 aborted or could not start, 2 bad input, 3 stopped waiting for a person.',
].join('\n');

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
    const { values, positionals } = parseCommandArgs('resume', args, OPTIONS);
    if (positionals.length !== 1) throw new UsageError(`resume: expected one journal directory, got ${positionals.length === 0 ? 'none' : positionals.length}`);
    const dir = resolve(positionals[0]!);
    const journal = await readJournal(dir);
    if (journal.status === 'completed') {
      io.out(`the run ${journal.runId} is already completed; nothing to do\n`);
      return 0;
    }
    if (values['ack-manual'] && journal.connection.kind !== 'lab') throw new UsageError('resume: --ack-manual is for lab runs');
    if (values.yes) journal.confirmedUpFront = true;
    const inFlight = values['in-flight'] === undefined ? undefined : inFlightAnswer(journal, values['in-flight']);
    io.out(`resuming "${journal.plan.title}" (${journal.runId}) in ${dir}\n`);
    return driveRun(io, dir, journal, {
      ackManual: values['ack-manual'] === true,
      skipUnmetWaits: values['skip-unmet-waits'] === true,
      ...(inFlight ? { inFlight } : {}),
      ...(values.report !== undefined ? { report: values.report } : {}),
    });
  },
};
