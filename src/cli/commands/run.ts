/**
 * `poolpilot run <file|snapshot|demo> --lab|--server <fqdn> [scenario flags] [--yes] [--rehearse]
 * [--ack-manual] [--journal DIR] [--report FILE] [--lab-state FILE] [--lab-fault <step>:<kind>[@N]]
 * [--lab-delay MS]`: plans the scenario and runs the plan, journalling every step.
 *
 * Unattended by design: nothing is asked on the terminal. Without --yes the run stops before the
 * first step that changes the deployment; manual steps stop it unless --ack-manual says they were
 * done (meant for the lab); a failed step aborts it, printing the change as a command to run by hand
 * where it is one. The journal stays, for `poolpilot resume` (with --by-hand once it was run by hand).
 * Exit codes: 0 completed, 1 aborted (a step failed) or could not start, 2 bad input, 3 stopped
 * waiting for a person (confirmation or a manual step).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../main/services/atomic-write';
import { isAllowedCmdlet } from '../../main/powershell/job';
import { executeRun, newJournal, type RunCallbacks } from '../../main/run/engine';
import type { ManualRun } from '../../main/powershell/fallback';
import { labConnection, openSession, waitsFor } from '../../main/run/connect';
import { cliLabRunner } from '../lab-runner';
import { journalPath, type Journal, type JournalOutcome, type RunConnection } from '../../main/run/journal';
import { acquireRunLock } from '../../main/run/lock';
import { reportFor } from '../../main/run/report';
import { buildPlan, PlanBlockedError } from '../../shared/plan/planner';
import type { Plan, Step } from '../../shared/plan/types';
import { planSteps } from '../../main/run/plan-steps';
import { parseCommandArgs, UsageError, type CliCommand, type CliIo } from '../command';
import { openSource, SCENARIO_OPTIONS, SCENARIO_USAGE, scenarioFromArgs } from '../scenario-flags';

const OPTIONS = {
  ...SCENARIO_OPTIONS,
  lab: { type: 'boolean' },
  server: { type: 'string' },
  yes: { type: 'boolean' },
  rehearse: { type: 'boolean' },
  'ack-manual': { type: 'boolean' },
  'skip-unmet-waits': { type: 'boolean' },
  journal: { type: 'string' },
  report: { type: 'string' },
  'lab-state': { type: 'string' },
  'lab-fault': { type: 'string', multiple: true },
  'lab-delay': { type: 'string' },
} as const;

const USAGE = [
  'usage: poolpilot run <file|snapshot|demo> (--lab | --server FQDN) [scenario flags] [--yes] [--rehearse] [--ack-manual]',
  '                     [--journal DIR] [--report FILE] [--lab-state FILE] [--lab-fault STEP:KIND[@N]] [--lab-delay MS]',
  '',
  'Plans the scenario (as `poolpilot plan` does) and runs it: pre-flight checks, then every step in order,',
  'each command printed before it runs, the journal written after every step.',
  '',
  ...SCENARIO_USAGE,
  '',
  '  --lab                   run against the lab (a simulated deployment behind the PowerShell protocol)',
  '  --server FQDN           run against the Front End (pool) FQDN\'s management endpoint (Windows only)',
  '  --yes                   confirm the whole run up front (otherwise it stops before the first change)',
  '  --ack-manual            count manual steps as done (for the lab; a real run needs a person)',
  '  --skip-unmet-waits      a wait whose condition has not held in its time is skipped (the journal says why), not an abort',
  '  --rehearse              run every change with -WhatIf (skipping those without it) and every check',
  '  --journal DIR           the run\'s directory: journal.json and the lock (default: poolpilot-runs/<run id>)',
  '  --report FILE           write the run report: Markdown, or HTML (.html) or JSON (.json) by extension',
  '  --lab-state FILE        the lab\'s state file (default: lab-state.json in the journal directory)',
  '  --lab-fault STEP:KIND[@N]',
  '                          make the cmdlet of plan step STEP (a step id, or a cmdlet) fail, time out or die',
  '                          (KIND: fail, timeout or die) in every job, or with @N in its first N jobs only',
  '                          (-WhatIf ones count); in this run only: `resume` starts without faults',
  '  --lab-delay MS          the lab waits MS before answering each job (in this run only)',
  '',
  'Exit code: 0 completed, 1 aborted or could not start, 2 bad input, 3 stopped waiting for a person.',
].join('\n');

const FAULT_KINDS = { fail: 'fail', timeout: 'hang', die: 'exit' } as const;


/**
 * `<step id or cmdlet>:<fail|timeout|die>[@N]` → the lab's `<Cmdlet>=fail|hang|exit[@N]`. Step ids
 * hold colons: the kind is after the last.
 */
export function labFault(plan: Plan, spec: string): string {
  const at = spec.lastIndexOf(':');
  const where = spec.slice(0, at);
  const [, kind = '', times = ''] = /^(\w+)(@[1-9]\d*)?$/.exec(spec.slice(at + 1)) ?? [];
  if (at <= 0 || !(kind in FAULT_KINDS)) throw new UsageError(`run: --lab-fault expects <step>:fail|timeout|die, optionally with @N (its first N jobs), got "${spec}"`);
  const step = planSteps(plan).find((s) => s.id === where);
  const cmdlet = step === undefined ? where : step.kind === 'manual' ? undefined : step.kind === 'wait' ? step.until?.command.cmdlet : step.command.cmdlet;
  if (cmdlet === undefined || !isAllowedCmdlet(cmdlet)) throw new UsageError(`run: --lab-fault: "${where}" is not a plan step that runs a cmdlet, nor a cmdlet`);
  return `${cmdlet}=${FAULT_KINDS[kind as keyof typeof FAULT_KINDS]}${times}`;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : ` (${(ms / 1000).toFixed(1)} s)`;
}

export interface RunFlags {
  ackManual: boolean;
  skipUnmetWaits: boolean;
  /**
   * What the person found out about the step that was in flight (or ended with an unknown outcome)
   * and that no check can settle: it took effect (done: skipped, with that reason) or not (run it again).
   */
  inFlight?: { step: string; done: boolean };
  /**
   * The person made the failed change `step` by hand (resume --by-hand): the run settles it with the
   * plan's check that follows it (or, with none, on the comment) instead of running it again.
   */
  byHand?: { step: string; comment?: string };
}

/** A change nobody knows happened: it was in flight when the run stopped, or timed out, or its shell died. */
const undecided = (step: Step, outcome: JournalOutcome | undefined) =>
  step.kind === 'command' && step.effect === 'changes' && (outcome === undefined || outcome.status === 'unknown');

/** Callbacks for an unattended run: print everything, ask nothing. */
export function unattended(io: CliIo, options: RunFlags): RunCallbacks {
  // The person's answer is about one step, once: a later unknown outcome is theirs to check again.
  let inFlight = options.inFlight;
  let claimed = options.byHand;
  const howToRunIt = (byHand: ManualRun) => {
    io.out(`  to run it on the server yourself, on ${byHand.where}:\n  PS> ${byHand.command}\n`);
    io.out(byHand.checkCommand ? `  then check that it took effect:\n  PS> ${byHand.checkCommand}\n` : `  the plan has no check that shows whether it took effect\n`);
  };
  return {
    onCommand: (step, command) => io.out(`> ${step.id}\n  PS> ${command}\n`),
    onStep: (r) => {
      if (r.status !== 'running') io.out(`  ${r.status.toUpperCase()} ${r.id}${seconds(r.durationMs)}${r.detail ? `: ${r.detail}` : ''}\n`);
    },
    confirm: async (step) => {
      io.err(`poolpilot: run: ${step.id} changes the deployment (${step.command.text}); confirm the run with --yes\n`);
      return false;
    },
    acknowledge: async (step) => {
      if (!options.ackManual) {
        io.err(`poolpilot: run: manual step ${step.id} (${step.title}) needs a person: do it, then resume with --ack-manual\n`);
        return { done: false };
      }
      return { done: true, comment: 'acknowledged unattended (--ack-manual)' };
    },
    onFailure: async (step, outcome, detail, byHand) => {
      if (step.kind === 'wait' && options.skipUnmetWaits) return { action: 'skip', reason: 'unattended run with --skip-unmet-waits' };
      if (inFlight?.step === step.id && undecided(step, outcome)) {
        const { done } = inFlight;
        inFlight = undefined;
        return done ? { action: 'skip', reason: 'the person running it checked that it took effect (resume --in-flight done)' } : { action: 'retry' };
      }
      // The engine asks only when the claim was not borne out (the step's record, printed above, says what the check found).
      if (claimed?.step === step.id) {
        claimed = undefined;
        io.err(`poolpilot: resume: ${step.id} was said to be done by hand, but the plan's check does not show that it took effect; nothing is marked done\n`);
        io.err(`poolpilot: resume: make the change, then resume with --by-hand again, or resume without it for the run to make the change itself\n`);
        if (byHand) howToRunIt(byHand);
        return { action: 'abort' };
      }
      io.err(`poolpilot: run: ${step.id} failed: ${detail}\n`);
      if (undecided(step, outcome))
        io.err(`poolpilot: run: check whether ${step.id} took effect, then resume with --in-flight done (it did) or --in-flight again (it did not)\n`);
      // Where remoting cannot reach, the admin can still run it on the server; unattended, nobody is
      // there to say so, so the run aborts, and `resume --by-hand` takes their word, the plan's check
      // permitting. (An unknown outcome is checked first, above.)
      else if (byHand) {
        howToRunIt(byHand);
        io.out(`  then resume with --by-hand${byHand.checkCommand ? '' : ' "what shows it took effect"'}\n`);
      }
      return { action: 'abort' };
    },
  };
}

/** Runs the journal under its directory's lock, writes the report, and turns the end into an exit code. */
export async function driveRun(io: CliIo, dir: string, journal: Journal, options: RunFlags & { report?: string; labFaults?: string[]; labDelayMs?: number }): Promise<number> {
  const lock = await acquireRunLock(dir);
  if (lock.tookOverFrom !== undefined) io.err(`poolpilot: run: took over the lock of a run that is gone (pid ${lock.tookOverFrom})\n`);
  const session = openSession(journal.connection, {
    ...(journal.connection.kind === 'lab' ? { lab: await cliLabRunner((t) => io.out(t), journal.mode === 'rehearsal' ? 'rehearse' : 'run') } : {}),
    // A resumed run starts without the faults and the delay its first part had (and without any in the environment).
    labFaults: options.labFaults ?? [],
    labDelayMs: options.labDelayMs ?? 0,
  });
  let done: Journal;
  try {
    done = await executeRun({
      dir,
      journal,
      jobs: session,
      callbacks: unattended(io, options),
      ...waitsFor(journal.connection),
      ...(options.byHand ? { ranByHand: options.byHand } : {}),
    });
  } finally {
    await session.dispose();
    await lock.release();
  }
  if (options.report !== undefined) await writeFileAtomic(options.report, reportFor(options.report, done));
  io.out(`${done.mode === 'rehearsal' ? 'rehearsal' : 'run'} ${done.status}${done.reason ? `: ${done.reason}` : ''}; journal: ${join(dir, 'journal.json')}\n`);
  return done.status === 'completed' ? 0 : done.status === 'stopped' ? 3 : 1;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'plan a scenario and run it against the lab (or a server), with a journal and a report',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('run', args, OPTIONS);
    if (positionals.length !== 1) throw new UsageError(`run: expected one file (or "demo"), got ${positionals.length === 0 ? 'none' : positionals.length}`);
    if ((values.lab === true) === (values.server !== undefined)) throw new UsageError('run: say where to run: --lab or --server <fqdn> (one of them)');
    const labOnly = ['lab-state', 'lab-fault', 'lab-delay', 'ack-manual'] as const;
    if (!values.lab) for (const o of labOnly) if (values[o] !== undefined) throw new UsageError(`run: --${o} is for --lab runs`);
    const delayMs = values['lab-delay'] === undefined ? 0 : Number(values['lab-delay']);
    if (!Number.isInteger(delayMs) || delayMs < 0) throw new UsageError(`run: --lab-delay expects a whole number of milliseconds, got "${values['lab-delay']}"`);

    const source = positionals[0]!;
    const opened = await openSource(source, io);
    const { deployment, scenario } = scenarioFromArgs('run', opened, args, OPTIONS, values);
    let plan: Plan;
    try {
      plan = buildPlan(deployment, scenario);
    } catch (err) {
      if (!(err instanceof PlanBlockedError)) throw err;
      for (const b of err.blockers) io.err(`BLOCKER [${b.rule}]: ${b.message}\n`);
      throw new Error(`run: ${opened.source.name}: the scenario has blockers; nothing was run`);
    }
    const labFaults = (values['lab-fault'] ?? []).map((spec) => labFault(plan, spec));

    const dir = resolve(values.journal ?? join('poolpilot-runs', new Date().toISOString().replace(/[:.]/g, '-')));
    await mkdir(dir, { recursive: true });
    if (existsSync(journalPath(dir))) throw new UsageError(`run: ${dir} already holds a run's journal: resume it (poolpilot resume ${dir}) or choose another --journal`);
    const connection: RunConnection = values.lab
      ? labConnection(plan, {
          source: source === 'demo' ? 'demo' : resolve(source),
          statePath: resolve(values['lab-state'] ?? join(dir, 'lab-state.json')),
          // A timeout fault should show quickly.
          ...(labFaults.some((f) => /=hang(@\d+)?$/.test(f)) ? { timeoutMs: 3_000 } : {}),
        })
      : { kind: 'server', endpoint: values.server!.toLowerCase() };
    const journal = newJournal(plan, { mode: values.rehearse ? 'rehearsal' : 'run', connection, confirmedUpFront: values.yes === true });
    io.out(`${values.rehearse ? 'rehearsing' : 'running'} "${plan.title}" (${journal.runId}) in ${dir}\n`);
    return driveRun(io, dir, journal, {
      ackManual: values['ack-manual'] === true,
      skipUnmetWaits: values['skip-unmet-waits'] === true,
      ...(values.report !== undefined ? { report: values.report } : {}),
      labFaults,
      labDelayMs: delayMs,
    });
  },
};
