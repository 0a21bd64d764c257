/**
 * The lab inside this process: a job runner over the lab's state machine, for the packaged app,
 * which has no lab executable to start (no checkout, and Electron's runAsNode fuse is off). It
 * answers what the lab executable answers — it is the same state machine, loading and saving the
 * same state file after every job — but skips the PowerShell protocol, so the tests that matter for
 * the session (node-powershell's process path, faults, timeouts) go through the executable.
 *
 * As the session does, it connects to the endpoint before the first job (and again after a refused
 * connection), sends the credential only to connect and with jobs bound to a server, and runs jobs
 * one at a time.
 */
import type { Credential } from '../main/powershell/credentials';
import { validateJob, type Job } from '../main/powershell/job';
import { payloadCredential, type PayloadCredential } from '../main/powershell/payload';
import { Serial } from '../main/services/serial';
import { notRunOutcome, outcomeOf, type JobOutcome } from '../main/powershell/records';
import { answerRecords, connect, runJob, type LabAnswer, type LabState } from './state-machine';
import { loadLabState, saveLabState, type LabStateSource } from './state-file';

export interface InProcessLabOptions extends LabStateSource {
  /** The Front End the management session connects to, as PowerShellSessionOptions.endpoint. */
  endpoint?: string;
  credential?: () => Promise<Credential | undefined>;
}

export class InProcessLab {
  private state: LabState | undefined;
  private connected = false;
  private disposed = false;
  private readonly jobs = new Serial();

  constructor(private readonly options: InProcessLabOptions) {}

  /** Runs a job. Rejects only for a job that fails validation (JobError), as the session does. */
  async run(job: Job): Promise<JobOutcome> {
    validateJob(job);
    return this.jobs.run(() => this.runNow(job));
  }

  private outcome(answer: LabAnswer, started: number): JobOutcome {
    return outcomeOf({ records: answerRecords(answer, ''), host: [], malformed: [] }, '', Date.now() - started);
  }

  private async runNow(job: Job): Promise<JobOutcome> {
    const started = Date.now();
    if (this.disposed) return notRunOutcome('the lab was closed', 0);
    let credential: PayloadCredential | undefined;
    try {
      if (this.state === undefined) {
        this.state = await loadLabState(this.options);
        await this.save(this.state);
      }
      const endpoint = this.options.endpoint;
      if (endpoint !== undefined && !this.connected) {
        const result = connect(this.state, endpoint, await payloadCredential(this.options.credential));
        if (result.answer.error) {
          const reason = `cannot connect to https://${endpoint}/OcsPowershell: ${result.answer.error.message}`;
          return { ...this.outcome(result.answer, started), status: 'failed', reason };
        }
        this.state = result.state;
        this.connected = true;
      }
      if (job.target !== undefined) credential = await payloadCredential(this.options.credential);
    } catch (err) {
      // The state file cannot be read or written, or the credential cannot be read: the job did not run.
      return notRunOutcome(err instanceof Error ? err.message : String(err), Date.now() - started);
    }
    let result;
    try {
      result = runJob(this.state, job, new Date().toISOString(), credential);
      await this.save(result.state);
    } catch (err) {
      // As the lab executable answers: the job fails with the reason; the lab's state stays as it was.
      const message = `PoolPilot lab: ${err instanceof Error ? err.message : String(err)}`;
      return this.outcome({ events: [], error: { message, errorId: 'LabInternalError', category: 'NotSpecified' } }, started);
    }
    this.state = result.state;
    return this.outcome(result.answer, started);
  }

  private async save(state: LabState): Promise<void> {
    if (this.options.statePath !== undefined) await saveLabState(this.options.statePath, state);
  }

  /** Later jobs are not run. The state file already holds every job's effect. */
  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
