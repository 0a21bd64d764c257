/**
 * The run engine: walks a plan's steps in order through a PowerShell session (or the lab behind
 * one) and journals every step as it goes.
 *
 * - Pre-flight: the session connects (a parameter check runs nothing but proves the connection),
 *   and every cmdlet the plan runs outside its own run-time parameter checks exists with the
 *   parameters the plan passes.
 * - Every command is shown (onCommand) before it runs. Steps that change the deployment are
 *   confirmed one by one, unless the whole run was confirmed up front. Manual steps always wait for
 *   an acknowledgement: nothing here can see that a person did them.
 * - Checks gate progress; decisions take the first branch whose condition holds; waits poll.
 * - A failure goes to onFailure: retry, skip (with a reason) or abort — or, for a change, "I ran it
 *   by hand": the step as a command to copy comes with the failure, and the step counts as done only
 *   when the plan's read-back check that follows it then holds (without such a check, only on the
 *   admin's explicit word, recorded as that).
 * - An `unknown` outcome (timeout, a shell that died) — and, on resume, a step that was in flight —
 *   is settled by re-checking the state: the plan's read-back check that follows the step, when it
 *   has one. A completed step is never run again.
 * - A rehearsal runs every state-changing step with -WhatIf (skipping those without it) and every
 *   check, never stopping for a gate, and marks the journal "rehearsed at".
 */
import { hostname, userInfo } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { CheckStep, CommandStep, Condition, DecisionStep, Plan, RunOn, Step, WaitStep } from '../../shared/plan/types';
import type { PsCommand } from '../../shared/powershell/commands';
import { manualCommand, manualRun, type ManualRun } from '../powershell/fallback';
import { jobFromCommand } from '../powershell/from-command';
import { describeJob, isAllowedCmdlet, parameterCheckJob, type Job } from '../powershell/job';
import type { JobOutcome } from '../powershell/records';
import { conditionHolds } from './conditions';
import { JOURNAL_FORMAT, JOURNAL_VERSION, stepRecords, writeJournal, type Journal, type JournalOutcome, type RunConnection, type StepRecord } from './journal';

/** What runs jobs: a PowerShellSession. */
export interface JobRunner {
  run(job: Job, options?: { timeoutMs?: number }): Promise<JobOutcome>;
}

/**
 * `stop`: leave the failed step for a resume (the run stops, resumable), rather than abort.
 * `doneByHand`: the admin ran the step themselves (onFailure's `byHand`); the comment says what they did or saw.
 */
export type FailureChoice = { action: 'retry' } | { action: 'skip'; reason: string } | { action: 'abort' } | { action: 'stop' } | { action: 'doneByHand'; comment?: string };

export interface RunCallbacks {
  /** The exact command, before it runs. */
  onCommand?(step: Step, command: string): void;
  /** A step's record changed (started, finished, settled). */
  onStep?(record: StepRecord): void;
  /** A state-changing step is about to run: true to run it, false to stop the run here. */
  confirm(step: CommandStep): Promise<boolean>;
  /** A manual step: done (with an optional comment), or not (the run stops here, to be resumed). */
  acknowledge(step: Step): Promise<{ done: boolean; comment?: string }>;
  /** `byHand`: for a change, the step as the admin can run it themselves, and the check the run then runs. */
  onFailure(step: Step, outcome: JournalOutcome | undefined, detail: string, byHand?: ManualRun): Promise<FailureChoice>;
}

export interface RunOptions {
  /** The journal directory (the caller holds its lock). */
  dir: string;
  journal: Journal;
  jobs: JobRunner;
  callbacks: RunCallbacks;
  /** How often a wait polls at most, and how long it waits at most (its estimate otherwise). The lab shortens both. */
  waitPollMs?: number;
  waitLimitMs?: number;
  /** Asked before each step not yet done: true stops the run there (status stopped, resumable). */
  shouldStop?: () => boolean;
  /**
   * On resume: the admin ran this change — the journal's failed step — by hand since. It is settled
   * as onFailure's `doneByHand` settles it, not run again; when that does not hold, onFailure is asked
   * with what the check found, as after any claim not borne out.
   */
  ranByHand?: { step: string; comment?: string };
}

/** A run id: when it started, and a random tail; safe as a directory name. */
export function newRunId(now: Date = new Date()): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
}

export function newJournal(plan: Plan, options: { mode: 'run' | 'rehearsal'; connection: RunConnection; confirmedUpFront: boolean; runId?: string }): Journal {
  return {
    format: JOURNAL_FORMAT,
    version: JOURNAL_VERSION,
    runId: options.runId ?? newRunId(),
    mode: options.mode,
    operator: userInfo().username,
    host: hostname(),
    connection: options.connection,
    confirmedUpFront: options.confirmedUpFront,
    startedAt: new Date().toISOString(),
    status: 'running',
    plan,
    steps: [],
  };
}

/** Where a step runs: the server to send the job to, or the management session (undefined). */
export function targetOf(runOn: RunOn | undefined): string | undefined {
  if (runOn === undefined) return undefined;
  switch (runOn.on) {
    case 'any':
      return undefined;
    case 'frontEnd':
      return runOn.servers[0];
    case 'frontEndServer':
    case 'edgeServer':
      return runOn.server;
    case 'sqlInstance':
      return runOn.server;
  }
}

/** A command as the run shows it (onCommand), and so as a confirmation must show it: the text, -WhatIf in a rehearsal, and the server it runs on. */
export function shownCommand(command: PsCommand, runOn: RunOn | undefined, whatIf = false): string {
  const target = targetOf(runOn);
  return (whatIf ? `${command.text} -WhatIf` : command.text) + (target ? `   (on ${target})` : '');
}

/**
 * A state-changing command step as the admin can run it by hand (fallback.ts: where, every value a
 * literal). The check it carries is the plan's read-back check that follows the step — the one the
 * run runs when the admin says it is done — not fallback.ts's own read-back, for which the plan has
 * no condition to judge it by: without a plan check there is no check to offer.
 */
export function byHandRun(step: Step, next: Step | undefined): ManualRun | undefined {
  if (step.kind !== 'command' || step.effect !== 'changes') return undefined;
  const { where, command } = manualRun(jobFromCommand(step.command, targetOf(step.runOn)));
  if (next?.kind !== 'check') return { where, command };
  const check = jobFromCommand(next.command, targetOf(next.runOn));
  return { where, command, check, checkCommand: manualCommand(check) };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function journalOutcome(o: JobOutcome): JournalOutcome {
  return {
    status: o.status,
    results: o.results,
    errors: o.errors.map((e) => ({ message: e.message, ...(e.errorId ? { errorId: e.errorId } : {}) })),
    warnings: o.warnings,
    verbose: o.verbose,
    ...(o.reason ? { reason: o.reason } : {}),
  };
}

const failureText = (o: JobOutcome) => o.errors[0]?.message ?? o.reason ?? o.status;

/** The run stops here (a person must act, or chose to abort): unwinds to executeRun. */
class Halt extends Error {
  constructor(
    readonly status: 'stopped' | 'aborted',
    message: string,
  ) {
    super(message);
  }
}

/** Cmdlets and parameters the plan passes outside its own Get-Command decisions (which probe at run time). */
function plannedParameters(steps: readonly Step[], into = new Map<string, { target: string | undefined; parameters: Set<string> }>()) {
  for (const step of steps) {
    if (step.kind === 'manual') continue;
    const command = step.kind === 'wait' ? step.until?.command : step.command;
    const runOn = step.kind === 'wait' ? step.until?.runOn : step.runOn;
    if (command && command.cmdlet !== 'Get-Command' && isAllowedCmdlet(command.cmdlet)) {
      const entry = into.get(command.cmdlet) ?? { target: targetOf(runOn), parameters: new Set<string>() };
      for (const p of command.parameters) if (p.name !== 'WhatIf') entry.parameters.add(p.name);
      into.set(command.cmdlet, entry);
    }
    if (step.kind === 'decision' && step.command.cmdlet !== 'Get-Command') for (const b of step.branches) plannedParameters(b.steps, into);
  }
  return into;
}

class Run {
  private readonly done: Map<string, StepRecord>;
  private readonly rehearsal: boolean;

  constructor(private readonly o: RunOptions) {
    this.done = stepRecords(o.journal);
    this.rehearsal = o.journal.mode === 'rehearsal';
  }

  private get journal(): Journal {
    return this.o.journal;
  }

  private async save(record?: StepRecord): Promise<void> {
    await writeJournal(this.o.dir, this.journal);
    if (record) this.o.callbacks.onStep?.(record);
  }

  /** A new record for `step` (replacing an earlier one of the same step: a retry, or a resumed step). */
  private async start(step: Step | { id: string; title: string; kind: string }, command?: string): Promise<StepRecord> {
    const earlier = this.done.get(step.id);
    const record: StepRecord = {
      id: step.id,
      title: step.title,
      kind: step.kind,
      status: 'running',
      ...(command !== undefined ? { command } : {}),
      startedAt: new Date().toISOString(),
      attempts: (earlier?.attempts ?? 0) + 1,
      comments: earlier?.comments ?? [],
      by: this.journal.operator,
    };
    this.journal.steps = [...this.journal.steps.filter((s) => s.id !== step.id), record];
    this.done.set(step.id, record);
    await this.save(record);
    return record;
  }

  private async finish(record: StepRecord, status: StepRecord['status'], extra: Partial<StepRecord> = {}): Promise<void> {
    Object.assign(record, extra, { status, finishedAt: new Date().toISOString() });
    record.durationMs = Date.parse(record.finishedAt!) - Date.parse(record.startedAt);
    await this.save(record);
  }

  private async job(step: Step, command: PsCommand, runOn: RunOn | undefined, whatIf = false): Promise<{ job: Job; text: string }> {
    const job = jobFromCommand(command, targetOf(runOn));
    if (whatIf) job.whatIf = true;
    const text = whatIf ? `${command.text} -WhatIf` : command.text;
    this.o.callbacks.onCommand?.(step, shownCommand(command, runOn, whatIf));
    return { job, text };
  }

  async preflight(): Promise<void> {
    const connection = { id: 'preflight/connection', title: 'Connect to PowerShell', kind: 'preflight' };
    const record = await this.start(connection, '(Get-Command Get-CsPool).Parameters.Keys');
    const probe = await this.o.jobs.run(parameterCheckJob('Get-CsPool'));
    if (probe.status !== 'succeeded') {
      await this.finish(record, 'failed', { outcome: journalOutcome(probe), detail: failureText(probe) });
      throw new Halt('aborted', `pre-flight: cannot run PowerShell: ${failureText(probe)}`);
    }
    await this.finish(record, 'succeeded', { outcome: journalOutcome(probe) });
    const wanted = plannedParameters(this.journal.plan.sections.flatMap((s) => s.steps));
    for (const [cmdlet, { target, parameters }] of wanted) {
      if (!isAllowedCmdlet(cmdlet)) continue;
      const job = parameterCheckJob(cmdlet, target);
      const r = await this.start({ id: `preflight/parameters:${cmdlet}`, title: `Check that ${cmdlet} takes the plan's parameters`, kind: 'preflight' }, describeJob(job));
      const outcome = await this.o.jobs.run(job);
      const missing = [...parameters].filter((p) => !conditionHolds({ test: 'hasParameter', parameter: p }, outcome.results));
      if (outcome.status !== 'succeeded' || missing.length > 0) {
        const detail = outcome.status !== 'succeeded' ? `${cmdlet} is not available: ${failureText(outcome)}` : `${cmdlet} has no ${missing.map((p) => `-${p}`).join(', ')}`;
        await this.finish(r, 'failed', { outcome: journalOutcome(outcome), detail });
        throw new Halt('aborted', `pre-flight: ${detail}`);
      }
      await this.finish(r, 'succeeded', { detail: `has ${[...parameters].map((p) => `-${p}`).join(', ') || 'no parameters to check'}` });
    }
  }

  /** `after`: the step that follows these (a branch's last step is followed by what follows its decision). */
  async steps(steps: readonly Step[], after?: Step): Promise<void> {
    for (let i = 0; i < steps.length; i++) await this.step(steps[i]!, steps[i + 1] ?? after);
  }

  private async step(step: Step, next: Step | undefined): Promise<void> {
    const earlier = this.done.get(step.id);
    if (earlier?.status === 'succeeded' || earlier?.status === 'skipped') {
      // Never repeated; a decision's branch is walked again for the steps in it not yet done.
      if (step.kind === 'decision' && earlier.branch !== undefined) {
        const branch = step.branches.find((b) => b.id === earlier.branch);
        if (branch) await this.steps(branch.steps, next);
      }
      return;
    }
    if (this.o.shouldStop?.()) throw new Halt('stopped', `stopped before ${step.id}`);
    // In flight when the run stopped: a change may have happened. Re-check before deciding to repeat
    // it; without a check to tell, the person running it decides. A read is simply run again.
    let undecided = false;
    if (earlier !== undefined && step.kind === 'command' && step.effect === 'changes' && !this.rehearsal && (earlier.status === 'running' || earlier.status === 'unknown')) {
      if (await this.settle(step, next, earlier, 'was in flight when the run stopped')) return;
      undecided = next?.kind !== 'check';
    }
    // Set when a by-hand claim was not borne out: the admin is asked again, the step not run again.
    let askAgain: string | undefined;
    let failure = '';
    let byHand: ManualRun | undefined;
    const claim = this.o.ranByHand;
    if (claim?.step === step.id && earlier?.status === 'failed' && step.kind === 'command' && !this.rehearsal && (byHand = byHandRun(step, next))) {
      // The run's own attempt, as it failed: not the detail, which may already hold an earlier claim.
      failure = earlier.outcome?.errors[0]?.message ?? earlier.outcome?.reason ?? earlier.detail ?? 'failed';
      askAgain = await this.doneByHand(step, next, earlier, failure, byHand, claim.comment?.trim());
      if (askAgain === undefined) return;
    }
    for (;;) {
      if (askAgain === undefined) {
        const result = undecided ? 'failed' : await this.attempt(step, next);
        undecided = false;
        if (result === 'done') return;
        failure = this.done.get(step.id)!.detail ?? 'failed';
        // A rehearsal offers nothing to run by hand: what it runs is a -WhatIf.
        byHand = this.rehearsal ? undefined : byHandRun(step, next);
      }
      const record = this.done.get(step.id)!;
      const choice = await this.o.callbacks.onFailure(step, record.outcome, askAgain ?? failure, byHand);
      askAgain = undefined;
      if (choice.action === 'retry') continue;
      if (choice.action === 'doneByHand') {
        askAgain = byHand && step.kind === 'command' ? await this.doneByHand(step, next, record, failure, byHand, choice.comment?.trim()) : `${failure}; only a step that changes the deployment can be recorded as run by hand`;
        if (askAgain === undefined) return;
        continue;
      }
      if (choice.action === 'stop') throw new Halt('stopped', `${step.id}: ${record.detail ?? 'failed'}; stopped, to be resumed`);
      if (choice.action === 'skip') {
        await this.finish(record, 'skipped', { detail: `${record.detail ?? 'failed'}; skipped: ${choice.reason}` });
        return;
      }
      throw new Halt('aborted', `${step.id}: ${record.detail ?? 'failed'}`);
    }
  }

  /** Runs the step once: 'done', or 'failed' with the record saying why. */
  private async attempt(step: Step, next: Step | undefined): Promise<'done' | 'failed'> {
    switch (step.kind) {
      case 'command':
        return this.command(step, next);
      case 'check':
        return this.check(step);
      case 'decision':
        return this.decision(step, next);
      case 'wait':
        return this.wait(step);
      case 'manual': {
        const record = await this.start(step);
        if (this.rehearsal) {
          await this.finish(record, 'skipped', { detail: 'manual step: not rehearsed' });
          return 'done';
        }
        const ack = await this.o.callbacks.acknowledge(step);
        if (!ack.done) throw new Halt('stopped', `${step.id}: waiting for the manual step to be acknowledged`);
        await this.finish(record, 'succeeded', { detail: 'acknowledged', ...(ack.comment ? { comments: [...record.comments, ack.comment] } : {}) });
        return 'done';
      }
    }
  }

  private async command(step: CommandStep, next: Step | undefined): Promise<'done' | 'failed'> {
    if (this.rehearsal && step.effect === 'changes' && !step.whatIf) {
      const record = await this.start(step, step.command.text);
      await this.finish(record, 'skipped', { detail: `${step.command.cmdlet} takes no -WhatIf: not rehearsed` });
      return 'done';
    }
    const rehearse = this.rehearsal && step.effect === 'changes';
    if (!this.rehearsal && step.effect === 'changes' && !this.journal.confirmedUpFront && !(await this.o.callbacks.confirm(step)))
      throw new Halt('stopped', `${step.id}: not confirmed`);
    const { job, text } = await this.job(step, step.command, step.runOn, rehearse);
    const record = await this.start(step, text);
    const outcome = await this.o.jobs.run(job);
    if (outcome.status === 'succeeded') {
      await this.finish(record, 'succeeded', { outcome: journalOutcome(outcome) });
      return 'done';
    }
    const known = step.knownErrors?.find((k) => failureText(outcome).replace(/\s+/g, ' ').toLowerCase().includes(k.match.toLowerCase()));
    await this.finish(record, outcome.status === 'unknown' ? 'unknown' : 'failed', {
      outcome: journalOutcome(outcome),
      detail: failureText(outcome) + (known ? ` (${known.advice})` : ''),
    });
    // Why the outcome is unknown stays in the detail: settling replaces the record's outcome with the check's.
    const why = `had an unknown outcome (${failureText(outcome)})`;
    if (outcome.status === 'unknown' && step.effect === 'changes' && !this.rehearsal && (await this.settle(step, next, record, why))) return 'done';
    return 'failed';
  }

  /**
   * A step that may or may not have taken effect: runs the plan's read-back check that follows it.
   * True when the check shows the change happened (the step is then done, not repeated).
   */
  private async settle(step: CommandStep, next: Step | undefined, record: StepRecord, why: string): Promise<boolean> {
    if (next?.kind !== 'check') {
      record.detail = `${step.id} ${why}, and the plan has no check that shows whether it took effect`;
      record.status = 'unknown';
      await this.save(record);
      return false;
    }
    const { job } = await this.job(next, next.command, next.runOn);
    const outcome = await this.o.jobs.run(job);
    if (outcome.status === 'succeeded' && conditionHolds(next.condition, outcome.results)) {
      await this.finish(record, 'succeeded', { detail: `${why}; re-checked with ${next.id} (${next.expect}): it took effect`, outcome: journalOutcome(outcome) });
      return true;
    }
    record.detail = `${why}; re-checked with ${next.id}: it did not take effect (${next.expect} does not hold)`;
    record.status = 'unknown';
    await this.save(record);
    return false;
  }

  /**
   * The admin says they ran the step by hand. It counts as done only when the plan's read-back check
   * that follows it holds, run now (as for an unknown outcome) — the admin's word alone is not proof
   * when there is a check to ask. Without such a check, the admin's word is all there is: it counts
   * when they state it (a comment saying what shows it took effect), and the record says it is that.
   * Returns undefined when the step is done, otherwise what the admin is told when asked again; a
   * check that did not hold is journalled with the step.
   */
  private async doneByHand(step: CommandStep, next: Step | undefined, record: StepRecord, failure: string, byHand: ManualRun, comment: string | undefined): Promise<string | undefined> {
    const by = `run by hand by ${this.journal.operator} on ${byHand.where}${comment ? ` ("${comment}")` : ''}`;
    const before = `the run's own attempt: ${failure}`;
    if (next?.kind !== 'check') {
      if (!comment)
        return `${failure}; the plan has no check that shows whether ${step.id} took effect, so PoolPilot cannot confirm it was run by hand: to record it as done on your word, say in a comment what shows it took effect`;
      await this.finish(record, 'succeeded', { detail: `${by}; no check: done on the admin's word (${before})` });
      return undefined;
    }
    const { job } = await this.job(next, next.command, next.runOn);
    const outcome = await this.o.jobs.run(job);
    if (outcome.status === 'succeeded' && conditionHolds(next.condition, outcome.results)) {
      await this.finish(record, 'succeeded', { detail: `${by}; re-checked with ${next.id} (${next.expect}): it took effect (${before})`, outcome: journalOutcome(outcome) });
      return undefined;
    }
    const verdict = outcome.status === 'succeeded' ? `it has not taken effect (${next.expect} does not hold)` : `the check could not run (${failureText(outcome)})`;
    record.detail = `${failure}; said to be ${by}, but re-checked with ${next.id}: ${verdict}`;
    await this.save(record);
    return `${record.detail}. Nothing is marked done: run it and check again, retry, skip it saying why, or abort`;
  }

  private async evaluate(step: Step, command: PsCommand, runOn: RunOn | undefined, condition: Condition) {
    const { job, text } = await this.job(step, command, runOn);
    const record = await this.start(step, text);
    const outcome = await this.o.jobs.run(job);
    return { record, outcome, holds: outcome.status === 'succeeded' && conditionHolds(condition, outcome.results) };
  }

  private async check(step: CheckStep): Promise<'done' | 'failed'> {
    const { record, outcome, holds } = await this.evaluate(step, step.command, step.runOn, step.condition);
    if (holds) {
      await this.finish(record, 'succeeded', { outcome: journalOutcome(outcome), detail: `holds: ${step.expect}` });
      return 'done';
    }
    const detail = outcome.status === 'succeeded' ? `does not hold: ${step.expect}. ${step.onFail}` : failureText(outcome);
    // A rehearsal changed nothing, so later checks may not hold yet: recorded, not a stop.
    await this.finish(record, this.rehearsal ? 'skipped' : 'failed', { outcome: journalOutcome(outcome), detail: this.rehearsal ? `rehearsal: ${detail}` : detail });
    return this.rehearsal ? 'done' : 'failed';
  }

  private async decision(step: DecisionStep, next: Step | undefined): Promise<'done' | 'failed'> {
    const { job, text } = await this.job(step, step.command, step.runOn);
    const record = await this.start(step, text);
    const outcome = await this.o.jobs.run(job);
    const branch = outcome.status === 'succeeded' ? step.branches.find((b) => conditionHolds(b.when, outcome.results)) : undefined;
    if (!branch) {
      const detail = outcome.status === 'succeeded' ? `no branch holds: ${step.branches.map((b) => b.expect).join(' / ')}` : failureText(outcome);
      await this.finish(record, this.rehearsal ? 'skipped' : 'failed', { outcome: journalOutcome(outcome), detail });
      return this.rehearsal ? 'done' : 'failed';
    }
    await this.finish(record, 'succeeded', { outcome: journalOutcome(outcome), branch: branch.id, detail: `${branch.label} (${branch.expect})` });
    await this.steps(branch.steps, next);
    return 'done';
  }

  private async wait(step: WaitStep): Promise<'done' | 'failed'> {
    const limit = Math.min(step.estimate.max * 60_000, this.o.waitLimitMs ?? Infinity);
    const until = step.until;
    if (!until) {
      const record = await this.start(step);
      if (!this.rehearsal) await sleep(Math.min(step.estimate.min * 60_000, limit));
      await this.finish(record, 'succeeded', { detail: this.rehearsal ? 'rehearsal: not waited' : 'waited' });
      return 'done';
    }
    const poll = Math.min(until.pollSeconds * 1000, this.o.waitPollMs ?? Infinity);
    const deadline = Date.now() + limit;
    const { job, text } = await this.job(step, until.command, until.runOn);
    const record = await this.start(step, text);
    for (let polls = 1; ; polls++) {
      const outcome = await this.o.jobs.run(job);
      if (outcome.status === 'succeeded' && conditionHolds(until.condition, outcome.results)) {
        await this.finish(record, 'succeeded', { outcome: journalOutcome(outcome), detail: `holds: ${until.expect} (after ${polls} poll${polls === 1 ? '' : 's'})` });
        return 'done';
      }
      if (this.rehearsal || Date.now() + poll > deadline) {
        const detail = `${until.expect} did not hold within ${Math.round(limit / 1000)} s (${polls} poll${polls === 1 ? '' : 's'})${outcome.status === 'succeeded' ? '' : `: ${failureText(outcome)}`}`;
        await this.finish(record, this.rehearsal ? 'skipped' : 'failed', { outcome: journalOutcome(outcome), detail: this.rehearsal ? `rehearsal: ${detail}` : detail });
        return this.rehearsal ? 'done' : 'failed';
      }
      await sleep(poll);
    }
  }
}

/**
 * Runs (or resumes) the journal's plan to the end, or until it stops or aborts, and returns the
 * journal as saved. Pre-flight runs every time a run starts or resumes: the connection may be new.
 */
export async function executeRun(options: RunOptions): Promise<Journal> {
  const run = new Run(options);
  const journal = options.journal;
  journal.status = 'running';
  delete journal.reason;
  delete journal.finishedAt;
  try {
    await run.preflight();
    for (const section of journal.plan.sections) await run.steps(section.steps);
    journal.status = 'completed';
    if (journal.mode === 'rehearsal') journal.rehearsedAt = new Date().toISOString();
  } catch (err) {
    if (!(err instanceof Halt)) {
      journal.status = 'aborted';
      journal.reason = err instanceof Error ? err.message : String(err);
      journal.finishedAt = new Date().toISOString();
      await writeJournal(options.dir, journal);
      throw err;
    }
    journal.status = err.status;
    journal.reason = err.message;
  }
  journal.finishedAt = new Date().toISOString();
  await writeJournal(options.dir, journal);
  return journal;
}
