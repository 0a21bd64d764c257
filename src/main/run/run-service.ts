/**
 * Runs plans for the app, one at a time: plans the scenario in main, runs it in the background
 * through the run engine, and tells the window what happens as 'run.event' events — each command
 * before it runs, each step's record as it changes, what the run waits for (a prompt), and at the
 * end the deployment as it is now and what differs from what the plan meant.
 *
 * Nothing that changes the deployment runs unanswered: unless the admin confirmed the whole run up
 * front, each such step waits for a 'confirm' answer to a prompt showing its exact command, as the
 * 'command' event that follows shows it; manual steps always wait for an acknowledgement. Answers
 * must fit the prompt (its kind, its step), or they are refused.
 *
 * Every run has a folder under `runsDir`, named for its id: the journal (the engine writes it after
 * every step), the lock, the deployment the run started from (a snapshot; the lab's source) and,
 * in the lab, the lab's state. A run that stopped, or whose app closed or crashed mid-run, is
 * listed by interrupted() and carries on with resume(); the engine re-checks the step that was in
 * flight before repeating anything. No Electron here: index.ts and the test host wire it.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RequestOf } from '../../shared/ipc/contract';
import type { Emit } from '../../shared/ipc/events';
import type { Deployment } from '../../shared/model/types';
import type { Plan } from '../../shared/plan/types';
import { compareIntended } from '../../shared/run/compare';
import type { Discrepancy, RunAnswer, RunEvent, RunPrompt, RunSummary } from '../../shared/run/types';
import { applyScenario } from '../../shared/scenario/apply';
import { serializeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../shared/snapshot/snapshot';
import type { Credential, CredentialStore } from '../powershell/credentials';
import { writeFileAtomic } from '../services/atomic-write';
import { openFile } from '../services/open-source';
import { planOrRefuse } from '../services/runbook';
import { labConnection, waitsFor, type RunJobs } from './connect';
import { executeRun, newJournal, newRunId, shownCommand, type FailureChoice, type RunCallbacks } from './engine';
import { journalPath, readJournal, writeJournal, type Journal, type RunConnection } from './journal';
import { acquireRunLock, heldByLiveRun, type RunLock } from './lock';
import { reportToHtml, reportToJson, reportToMarkdown } from './report';

export type RunRequest = RequestOf<'run.start'>;
export type ReportFormat = RequestOf<'run.exportReport'>['format'];

export interface RunServiceOptions {
  runsDir: string;
  emit: Emit;
  /** What a run sends its jobs to (openRunJobs in the app); `credential` is the endpoint's saved one, read only when a job needs it. */
  openJobs(connection: RunConnection, options: { credential?: () => Promise<Credential | undefined> }): RunJobs;
  /** Credentials saved per endpoint; without a store every connection uses integrated authentication. */
  credentials?: CredentialStore;
  now?: () => Date;
}

/** The deployment the run started from, in its folder: the lab's source, and what "intended" is computed from on resume. */
const DEPLOYMENT_FILE = 'deployment.poolpilot';
const LAB_STATE_FILE = 'lab-state.json';
/** Run ids as newRunId makes them: also what keeps a run id from naming a path outside runsDir. */
const RUN_ID = /^[0-9A-Za-z][0-9A-Za-z-]*$/;

const REPORTS: Record<ReportFormat, (j: Journal) => string> = { html: reportToHtml, md: reportToMarkdown, json: reportToJson };

/** What a prompt is answered with: the admin's answer, or 'stop' when the run is stopped while it waits. */
type Reply = RunAnswer | 'stop';

interface ActiveRun {
  dir: string;
  journal: Journal;
  /** The deployment as the plan means to leave it, when known. */
  intended: Deployment | undefined;
  jobs: RunJobs;
  waiting?: { prompt: RunPrompt; reply(answer: Reply): void };
  stopRequested: boolean;
  ended: boolean;
  done: Promise<void>;
}

function summaryOf(journal: Journal, dir: string, prompt?: RunPrompt): RunSummary {
  const c = journal.connection;
  return structuredClone({
    runId: journal.runId,
    mode: journal.mode,
    status: journal.status,
    ...(journal.reason !== undefined ? { reason: journal.reason } : {}),
    environment: c.kind === 'lab' ? 'Lab' : `Live: ${c.endpoint}`,
    operator: journal.operator,
    startedAt: journal.startedAt,
    ...(journal.finishedAt !== undefined ? { finishedAt: journal.finishedAt } : {}),
    confirmedUpFront: journal.confirmedUpFront,
    ...(journal.rehearsedAt !== undefined ? { rehearsedAt: journal.rehearsedAt } : {}),
    plan: journal.plan,
    steps: journal.steps,
    ...(prompt ? { prompt } : {}),
    journalDir: dir,
  });
}

/** What the plan means the deployment to be after the run: a rehearsal changes nothing. */
function intendedAfter(deployment: Deployment, plan: Plan, mode: Journal['mode']): Deployment {
  return mode === 'rehearsal' ? deployment : applyScenario(deployment, plan.scenario);
}

const PROMPT_VERBS: Record<RunPrompt['kind'], string> = {
  confirm: 'a confirmation (run it or not)',
  acknowledge: 'an acknowledgement of the manual step',
  failure: 'a decision about the failed step (retry, run it by hand, skip or abort)',
};

export class RunService {
  private active: ActiveRun | undefined;
  /** Set while start or resume prepares a run: a second one must not slip in meanwhile. */
  private preparing = false;
  private readonly now: () => Date;

  constructor(private readonly o: RunServiceOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** A copy: the engine goes on changing the records it reports. */
  private emitEvent(event: RunEvent): void {
    this.o.emit('run.event', structuredClone(event));
  }

  /** Claims the one run slot, or says which run holds it. */
  private claim(): void {
    const going = this.active !== undefined && !this.active.ended ? this.active : undefined;
    if (going) throw new Error(`A run is going on ("${going.journal.plan.title}", ${going.journal.runId}): stop it, or let it end, before starting or resuming another.`);
    if (this.preparing) throw new Error('A run is being started: wait for it before starting or resuming another.');
    this.preparing = true;
  }

  /** The folder of a run in runsDir. The message names no part of the id: it came from the window. */
  private dirOf(runId: string): string {
    const dir = join(this.o.runsDir, runId);
    if (!RUN_ID.test(runId) || !existsSync(journalPath(dir))) throw new Error(`There is no such run in ${this.o.runsDir}.`);
    return dir;
  }

  /** Plans the scenario, sets the run's folder up and starts it; returns at once, the run goes on in the background. */
  async start(request: RunRequest): Promise<RunSummary> {
    this.claim();
    try {
      const at = this.now();
      const plan = planOrRefuse(request.deployment, request.scenario, at.getTime(), 'Nothing was run');
      const runId = newRunId(at);
      const dir = join(this.o.runsDir, runId);
      await mkdir(dir, { recursive: true });
      // Locked before the journal is written, so interrupted() never lists a run being set up as one cut off.
      const lock = await acquireRunLock(dir);
      try {
        const source = join(dir, DEPLOYMENT_FILE);
        await writeFileAtomic(source, serializeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, takenAt: at.toISOString(), deployment: request.deployment }));
        const connection: RunConnection =
          request.environment.kind === 'lab'
            ? labConnection(plan, { source, statePath: join(dir, LAB_STATE_FILE) })
            : { kind: 'server', endpoint: request.environment.endpoint.toLowerCase() };
        const journal = newJournal(plan, { mode: request.mode, connection, confirmedUpFront: request.confirmAll, runId });
        await writeJournal(dir, journal);
        return this.launch(dir, journal, intendedAfter(request.deployment, plan, request.mode), lock);
      } catch (err) {
        await lock.release();
        throw err;
      }
    } finally {
      this.preparing = false;
    }
  }

  /** Carries on a run that did not complete; completed steps are not run again. */
  async resume(runId: string): Promise<RunSummary> {
    this.claim();
    try {
      const dir = this.dirOf(runId);
      const journal = await readJournal(dir);
      if (journal.status === 'completed') throw new Error(`The run "${journal.plan.title}" (${journal.runId}) is already completed: there is nothing to resume.`);
      // Runs journalled without the deployment they started from still resume; only the comparison is lost.
      const started = await openFile(join(dir, DEPLOYMENT_FILE)).catch(() => undefined);
      const lock = await acquireRunLock(dir);
      try {
        return this.launch(dir, journal, started && intendedAfter(started.deployment, journal.plan, journal.mode), lock);
      } catch (err) {
        await lock.release();
        throw err;
      }
    } finally {
      this.preparing = false;
    }
  }

  /** Starts the journal's run in the background, under the lock the caller took (released when the run ends). */
  private launch(dir: string, journal: Journal, intended: Deployment | undefined, lock: RunLock): RunSummary {
    const endpoint = journal.connection.endpoint;
    const store = this.o.credentials;
    const jobs = this.o.openJobs(journal.connection, store && endpoint !== undefined ? { credential: () => store.get(endpoint) } : {});
    const run: ActiveRun = { dir, journal, intended, jobs, stopRequested: false, ended: false, done: Promise.resolve() };
    this.active = run;
    run.done = this.drive(run, lock);
    return summaryOf(journal, dir);
  }

  private async drive(run: ActiveRun, lock: RunLock): Promise<void> {
    try {
      await executeRun({
        dir: run.dir,
        journal: run.journal,
        jobs: run.jobs,
        callbacks: this.callbacks(run),
        ...waitsFor(run.journal.connection),
        shouldStop: () => run.stopRequested,
      });
    } catch (err) {
      // Not a step failing (those are outcomes): a bug or a journal that cannot be written. The
      // engine set the journal aborted with the reason; if it could not save it, the window still hears.
      run.journal.status = 'aborted';
      run.journal.reason ??= err instanceof Error ? err.message : String(err);
    } finally {
      await run.jobs.dispose().catch(() => undefined);
      await lock.release();
      run.ended = true;
      delete run.waiting;
    }
    const after = await this.after(run.journal);
    const discrepancies: Discrepancy[] = after && run.intended ? compareIntended(run.intended, after.deployment) : [];
    this.emitEvent({ type: 'finished', runId: run.journal.runId, run: summaryOf(run.journal, run.dir), ...(after ? { after } : {}), discrepancies });
  }

  /**
   * The deployment after the run: in the lab, its state file (a PoolPilot snapshot). Live, nothing
   * here reads it back: a discovery is the way to see it, which the admin starts from the app.
   */
  private async after(journal: Journal) {
    if (journal.connection.kind !== 'lab') return undefined;
    return openFile(journal.connection.statePath).catch(() => undefined);
  }

  /** Shows the prompt and waits for the answer that fits it (or the run being stopped). */
  private ask(run: ActiveRun, prompt: RunPrompt): Promise<Reply> {
    if (run.stopRequested) return Promise.resolve('stop');
    return new Promise<Reply>((reply) => {
      run.waiting = { prompt, reply };
      this.emitEvent({ type: 'prompt', runId: run.journal.runId, prompt });
    });
  }

  private callbacks(run: ActiveRun): RunCallbacks {
    const runId = run.journal.runId;
    return {
      onCommand: (step, command) => this.emitEvent({ type: 'command', runId, stepId: step.id, command }),
      onStep: (record) => this.emitEvent({ type: 'step', runId, record }),
      confirm: async (step) => {
        // The same text the 'command' event shows next: what is confirmed is what runs.
        const reply = await this.ask(run, { kind: 'confirm', stepId: step.id, title: step.title, command: shownCommand(step.command, step.runOn) });
        return reply !== 'stop' && reply.kind === 'confirm' && reply.run;
      },
      acknowledge: async (step) => {
        const reply = await this.ask(run, { kind: 'acknowledge', stepId: step.id, title: step.title });
        if (reply === 'stop' || reply.kind !== 'acknowledge') return { done: false };
        return { done: reply.done, ...(reply.comment ? { comment: reply.comment } : {}) };
      },
      onFailure: async (step, _outcome, detail, byHand): Promise<FailureChoice> => {
        const offer = byHand && { where: byHand.where, command: byHand.command, ...(byHand.checkCommand !== undefined ? { checkCommand: byHand.checkCommand } : {}) };
        const reply = await this.ask(run, { kind: 'failure', stepId: step.id, title: step.title, detail, ...(offer ? { byHand: offer } : {}) });
        if (reply === 'stop' || reply.kind !== 'failure') return { action: 'stop' };
        if (reply.action === 'skip') return { action: 'skip', reason: reply.reason };
        if (reply.action === 'doneByHand') return { action: 'doneByHand', ...(reply.comment ? { comment: reply.comment } : {}) };
        return { action: reply.action };
      },
    };
  }

  /** The run this session knows by that id (the one going on, or the last one). */
  private known(runId: string): ActiveRun {
    const run = this.active;
    if (run === undefined || run.journal.runId !== runId) throw new Error('That run is not the one going on in this window.');
    return run;
  }

  /** The admin's answer to what the run waits for; refused unless it fits the prompt. */
  respond(runId: string, stepId: string, answer: RunAnswer): void {
    const run = this.known(runId);
    const waiting = run.waiting;
    if (run.ended || waiting === undefined) throw new Error(`The run is not waiting for an answer${run.ended ? ` (it has ${run.journal.status})` : ''}.`);
    const { prompt } = waiting;
    if (prompt.stepId !== stepId) throw new Error(`The run is waiting for an answer about ${prompt.stepId} ("${prompt.title}"), not about another step.`);
    if (answer.kind !== prompt.kind) throw new Error(`The run is waiting for ${PROMPT_VERBS[prompt.kind]} for ${prompt.stepId}; a ${answer.kind} answer does not fit.`);
    if (answer.kind === 'failure' && answer.action === 'doneByHand' && !(prompt.kind === 'failure' && prompt.byHand))
      throw new Error(`${prompt.stepId} ("${prompt.title}") is not a change the run offered to run by hand: retry it, skip it or abort.`);
    delete run.waiting;
    waiting.reply(answer);
  }

  /** Stops the run before its next step (the step running now finishes); it can be resumed. */
  stop(runId: string): void {
    const run = this.known(runId);
    if (run.ended) throw new Error(`The run has already ended (${run.journal.status}).`);
    run.stopRequested = true;
    const waiting = run.waiting;
    delete run.waiting;
    waiting?.reply('stop');
  }

  /** The run going on, or the last one of this session. */
  current(): RunSummary | null {
    const run = this.active;
    return run ? summaryOf(run.journal, run.dir, run.waiting?.prompt) : null;
  }

  /** Runs that did not complete (stopped, or cut off by a crash or the app closing): resumable, newest first. */
  async interrupted(): Promise<RunSummary[]> {
    let names: string[];
    try {
      names = (await readdir(this.o.runsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new Error(`Cannot list the runs in ${this.o.runsDir}: ${(err as Error).message}`);
    }
    const out: RunSummary[] = [];
    for (const name of names) {
      const dir = join(this.o.runsDir, name);
      // A folder without a readable journal is not a run (or not one this PoolPilot reads).
      const journal = await readJournal(dir).catch(() => undefined);
      if (!journal || journal.status === 'completed' || journal.status === 'aborted') continue;
      if (journal.status !== 'running') out.push(summaryOf(journal, dir));
      else if (!(await heldByLiveRun(dir))) {
        const inFlight = journal.steps.find((s) => s.status === 'running');
        out.push({
          ...summaryOf(journal, dir),
          status: 'stopped',
          reason: `PoolPilot closed or crashed during the run${inFlight ? `, while ${inFlight.id} was running: it is re-checked before anything is repeated` : ''}`,
        });
      }
    }
    return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** A file name for the run's report; refuses a run that does not exist, before any dialog. */
  reportName(runId: string, format: ReportFormat): string {
    this.dirOf(runId);
    return `poolpilot-run-${runId}.${format}`;
  }

  /** Writes the run's report (its journal as it stands) in `format`. */
  async exportReport(runId: string, path: string, format: ReportFormat): Promise<void> {
    const run = this.active?.journal.runId === runId ? this.active : undefined;
    const journal = run ? run.journal : await readJournal(this.dirOf(runId));
    await writeFileAtomic(path, REPORTS[format](journal));
  }

  /**
   * Ends the run going on, for the app quitting: stops it before its next step and closes its
   * session (a job in flight is cut off: its outcome is unknown, and resume re-checks it first).
   */
  async dispose(): Promise<void> {
    const run = this.active;
    if (!run || run.ended) return;
    this.stop(run.journal.runId);
    await run.jobs.dispose();
    await run.done;
  }
}
