/**
 * The PowerShell session: one persistent Windows PowerShell 5.1 process that holds the remote
 * session to a Front End's management endpoint and runs jobs in it, one at a time.
 *
 * - Every job is the fixed job script plus a base64 JSON payload, sent as one ASCII line
 *   (job-script.ts, payload.ts); its outcome is decided from the JSON records it writes (records.ts).
 * - A job that does not finish in time has its shell killed — node-powershell's own timeout cancels
 *   nothing — and its outcome is `unknown`: the operation may have happened (or still be running on
 *   the server), so the caller re-checks the state before going on. The next job starts a new shell.
 * - A shell that dies is noticed (the running job's outcome is `unknown`) and replaced on the next job.
 * - A new shell first proves it runs (its setup line answers), then connects to the endpoint when there is
 *   one; jobs that cannot get that far have not run, and fail.
 */
import { randomBytes } from 'node:crypto';
import type { Credential } from './credentials';
import { describeJob, validateJob, type Job } from './job';
import { jobCommandLine, MODULE_IMPORT_FAILED, moduleImportLine, SETUP_LINE } from './job-script';
import { encodePayload, payloadCredential, PAYLOAD_VERSION, type Payload, type PayloadCredential } from './payload';
import { Serial } from '../services/serial';
import { notRunOutcome, outcomeOf, parseOutput, unknownOutcome, type JobOutcome } from './records';
import { ShellExitedError, ShellProcess, ShellStartError } from './shell-process';

/** Where Windows PowerShell 5.1 lives: an absolute path, because a bare `powershell` can fail with ENOENT under Electron. */
export function windowsPowerShellPath(env: NodeJS.ProcessEnv = process.env): string {
  const root = env.SystemRoot ?? env.windir ?? 'C:\\Windows';
  return `${root}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

export interface PowerShellSessionOptions {
  /** The shell to start. Default: Windows PowerShell 5.1 (windowsPowerShellPath). Tests start the lab. */
  executable?: string;
  /** The shell's environment (the lab reads its settings from it). Default: this process's. */
  env?: NodeJS.ProcessEnv;
  /**
   * The Front End pool or server whose management endpoint (https://<endpoint>/OcsPowershell) the
   * session connects to. Absent: cmdlets run in the shell itself, which must then be on a server.
   */
  endpoint?: string;
  /**
   * Modules every new shell imports after its setup line, by absolute path (the lab module, for a
   * lab run in real PowerShell). A module that does not load means the shell did not start.
   */
  modules?: readonly string[];
  /** The credential to connect and to reach servers with. Absent or undefined: integrated authentication. */
  credential?: () => Promise<Credential | undefined>;
  /** How long a job may run before its shell is killed. Default 90 minutes (a pool failover can take an hour). */
  timeoutMs?: number;
  /** How long starting a shell and connecting may take. Default 2 minutes. */
  startTimeoutMs?: number;
  /** What happens to the shell, for the run log. Never given a payload or a credential. */
  onLog?: (message: string) => void;
}

const DEFAULT_TIMEOUT_MS = 90 * 60_000;
const DEFAULT_START_TIMEOUT_MS = 2 * 60_000;

type Settled<T> = { kind: 'done'; value: T } | { kind: 'timeout' };

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((done) => (timer = setTimeout(done, ms, { kind: 'timeout' })));
  try {
    return await Promise.race([work.then((value): Settled<T> => ({ kind: 'done', value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why the session could not run a job at all: it failed before the job was sent. */
class NotStarted extends Error {
  constructor(
    message: string,
    readonly detail?: JobOutcome,
  ) {
    super(message);
  }
}

export class PowerShellSession {
  private shell: ShellProcess | undefined;
  /** Jobs run one at a time: each waits for the one before. */
  private readonly jobs = new Serial();
  /**
   * Payload ids: a random prefix per session and a counter, so that no two jobs a session sends
   * share an id (records name their job) — without a random draw per job, which cost more than the
   * rest of the session's own work together (bench/session.ts).
   */
  private readonly idPrefix = randomBytes(4).toString('hex');
  private sent = 0;
  private disposed = false;
  private started = 0;

  constructor(private readonly options: PowerShellSessionOptions = {}) {}

  private log(message: string): void {
    this.options.onLog?.(message);
  }

  private get executable(): string {
    return this.options.executable ?? windowsPowerShellPath();
  }

  /** Runs a job. Rejects only for a job that fails validation (JobError); everything else is an outcome. */
  async run(job: Job, options: { timeoutMs?: number } = {}): Promise<JobOutcome> {
    validateJob(job);
    return this.jobs.run(() => this.runNow(job, options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  }

  private nextId(): string {
    return `${this.idPrefix}${(++this.sent).toString(16).padStart(8, '0')}`;
  }

  /** The credential as the payload carries it. Throws NotStarted when it cannot be read (the store's message names no secret). */
  private async credential(): Promise<PayloadCredential | undefined> {
    try {
      return await payloadCredential(this.options.credential);
    } catch (err) {
      throw new NotStarted((err as Error).message);
    }
  }

  private async runNow(job: Job, timeoutMs: number): Promise<JobOutcome> {
    const started = Date.now();
    if (this.disposed) return notRunOutcome('the PowerShell session was closed', 0);
    let shell: ShellProcess;
    let credential: PayloadCredential | undefined;
    try {
      shell = await this.ready();
      if (job.target !== undefined) credential = await this.credential();
    } catch (err) {
      if (!(err instanceof NotStarted)) throw err;
      return err.detail ?? notRunOutcome(err.message, Date.now() - started);
    }
    const payload: Payload = { v: PAYLOAD_VERSION, id: this.nextId(), ...job, ...(credential ? { credential } : {}) };
    const outcome = await this.send(shell, payload, timeoutMs, started);
    if (outcome.status === 'unknown') this.log(`${describeJob(job)}: outcome unknown (${outcome.reason})`);
    return outcome;
  }

  /** Sends one payload and decides its outcome; kills the shell when it does not answer in time. */
  private async send(shell: ShellProcess, payload: Payload, timeoutMs: number, started: number): Promise<JobOutcome> {
    const call = shell.invoke(jobCommandLine(encodePayload(payload)));
    // Settles after a kill too: nobody waits for it then.
    call.catch(() => undefined);
    let settled: Settled<{ stdout: string; stderr: string }>;
    try {
      settled = await withTimeout(call, timeoutMs);
    } catch (err) {
      this.shell = undefined;
      const reason = err instanceof ShellExitedError ? err.message : String(err);
      this.log(`the shell ended during a job: ${reason}`);
      return unknownOutcome(`the shell ended before the job finished (${reason})`, Date.now() - started);
    }
    if (settled.kind === 'timeout') {
      this.log(`no answer in ${Math.round(timeoutMs / 1000)} s: killing the shell`);
      this.shell = undefined;
      await shell.kill();
      return unknownOutcome(`no answer within ${Math.round(timeoutMs / 1000)} s: the shell was killed, and the job may have run`, Date.now() - started);
    }
    return outcomeOf(parseOutput(settled.value.stdout, payload.id), settled.value.stderr, Date.now() - started);
  }

  /** The running shell, or a new one that answers and is connected. Throws NotStarted. */
  private async ready(): Promise<ShellProcess> {
    if (this.shell?.alive) return this.shell;
    this.shell = undefined;
    let shell: ShellProcess;
    try {
      shell = new ShellProcess({ executable: this.executable, ...(this.options.env ? { env: this.options.env } : {}) });
    } catch (err) {
      throw new NotStarted(err instanceof ShellStartError ? err.message : `cannot start ${this.executable}: ${String(err)}`);
    }
    this.started++;
    this.log(`started shell ${this.started} (${this.executable})`);
    const limit = this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    try {
      const hello = await withTimeout(shell.invoke(SETUP_LINE), limit);
      if (hello.kind === 'timeout') throw new ShellExitedError(`it did not answer within ${Math.round(limit / 1000)} s`);
      // Not fatal (jobs decide their own outcome from records), but worth a line in the run log.
      if (hello.value.stderr.trim() !== '') this.log(`the shell's setup line reported: ${hello.value.stderr.trim()}`);
      for (const module of this.options.modules ?? []) {
        const imported = await withTimeout(shell.invoke(moduleImportLine(module)), limit);
        if (imported.kind === 'timeout') throw new ShellExitedError(`importing ${module} did not finish within ${Math.round(limit / 1000)} s`);
        const failed = imported.value.stderr.split('\n').find((l) => l.startsWith(MODULE_IMPORT_FAILED));
        if (failed !== undefined) throw new ShellExitedError(`cannot import ${module}: ${failed.slice(MODULE_IMPORT_FAILED.length).trim()}`);
      }
    } catch (err) {
      await shell.kill();
      throw new NotStarted(`cannot start ${this.executable}: ${(err as Error).message}`);
    }
    const endpoint = this.options.endpoint;
    if (endpoint !== undefined) {
      const credential = await this.credential().catch(async (err: unknown) => {
        await shell.kill();
        throw err;
      });
      const payload: Payload = { v: PAYLOAD_VERSION, id: this.nextId(), kind: 'connect', endpoint, ...(credential ? { credential } : {}) };
      const connected = await this.send(shell, payload, limit, Date.now());
      if (connected.status !== 'succeeded') {
        await shell.kill();
        const why = connected.errors[0]?.message ?? connected.reason ?? 'no answer';
        throw new NotStarted(`cannot connect to https://${endpoint}/OcsPowershell: ${why}`, { ...connected, status: 'failed', reason: `cannot connect to https://${endpoint}/OcsPowershell: ${why}` });
      }
      this.log(`connected to https://${endpoint}/OcsPowershell`);
    }
    this.shell = shell;
    return shell;
  }

  /** How many shells this session has started: a new number means a new process. */
  get generation(): number {
    return this.started;
  }

  /** Ends the shell; later jobs fail. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const shell = this.shell;
    this.shell = undefined;
    await shell?.kill();
  }
}
