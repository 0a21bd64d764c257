/**
 * The lab's engine: one deployment state, its fault settings and its state file, answering jobs
 * one at a time. Both faces of the lab drive it — the lab shell (lab-shell.ts, which speaks
 * node-powershell's stdin protocol in place of PowerShell) and the engine server
 * (engine-server.ts, which the PowerShell lab module calls from real pwsh) — so a fault, a saved
 * state or a refused parameter means the same in both.
 *
 * After each job the state is saved (atomically) before the answer goes out, so a run killed
 * while waiting for that answer resumes from what was done.
 */
import type { AllowedCmdlet, Job } from '../main/powershell/job';
import type { ErrorDetail } from '../main/powershell/records';
import type { PayloadCredential } from '../main/powershell/payload';
import { Serial } from '../main/services/serial';
import type { LabConfig } from './config';
import { failedByFault, strikingFault } from './faults';
import { connect, labParameters, reachTarget, runJob, type LabAnswer, type LabState } from './state-machine';
import { saveLabState } from './state-file';

/**
 * What the shell must do after the answer, when a fault struck after the job's change was made:
 * `hang` — answer nothing, ever (a stuck cmdlet); `exit` — write the first verbose message only and
 * die with exit code 3 (a crash mid-answer); `stderr` — answer, and write the text to stderr.
 */
export type AfterAnswer = { kind: 'hang' } | { kind: 'exit' } | { kind: 'stderr'; text: string };

export interface EngineAnswer {
  answer: LabAnswer;
  after?: AfterAnswer;
}

export class LabEngine {
  private readonly serial = new Serial();

  constructor(
    private current: LabState,
    private readonly config: LabConfig,
  ) {}

  get state(): LabState {
    return this.current;
  }

  /** Writes the state (the current one by default) to the state file, if there is one. */
  async save(state: LabState = this.current): Promise<void> {
    if (this.config.statePath === undefined) return;
    await saveLabState(this.config.statePath, state);
  }

  /** Opens the management session (New-PSSession's semantics); `connected` is then the server reached. */
  connect(endpoint: string, credential?: PayloadCredential): Promise<LabAnswer> {
    return this.serial.run(async () => {
      await this.slow();
      const result = connect(this.current, endpoint, credential);
      this.current = result.state;
      return result.answer;
    });
  }

  /** The parameters the lab's `cmdlet` has (which disputed spelling, cmdlets.md): `(Get-Command X).Parameters.Keys`. */
  parameters(cmdlet: AllowedCmdlet): string[] {
    return labParameters(this.current.conditions, cmdlet);
  }

  /** Why Invoke-Command cannot run on `target` (down, unreachable, credential refused), or nothing. */
  reach(target: string, credential?: PayloadCredential): ErrorDetail | undefined {
    return reachTarget(this.current, target, credential);
  }

  /**
   * Runs one job. `connected`: the server this shell's management session reached, when the shell
   * keeps it (the module does: the engine outlives the shells that call it). Never rejects for
   * what a cmdlet refuses: that is the answer's error; an internal failure is one too, as the job
   * script's catch would report it, and the state stays as it was.
   */
  run(job: Job, credential?: PayloadCredential, connected?: string): Promise<EngineAnswer> {
    return this.serial.run(async () => {
      await this.slow();
      if (connected !== undefined) this.current = { ...this.current, connected };
      const at = new Date().toISOString();
      const fault = strikingFault(this.config.faults, this.current, job);
      if (fault?.kind === 'fail') {
        this.current = failedByFault(this.current, job, fault.message, at);
        await this.save();
        return { answer: { events: [], error: { message: fault.message, errorId: `LabFault,${job.cmdlet}`, category: 'NotSpecified' } } };
      }
      let result;
      try {
        result = runJob(this.current, job, at, credential);
        await this.save(result.state);
      } catch (err) {
        const message = `PoolPilot lab: ${err instanceof Error ? err.message : String(err)}`;
        return { answer: { events: [], error: { message, errorId: 'LabInternalError', category: 'NotSpecified' } } };
      }
      this.current = result.state;
      if (fault?.kind === 'hang') return { answer: result.answer, after: { kind: 'hang' } };
      if (fault?.kind === 'exit') return { answer: result.answer, after: { kind: 'exit' } };
      if (fault?.kind === 'stderr') return { answer: result.answer, after: { kind: 'stderr', text: fault.text } };
      return { answer: result.answer };
    });
  }

  /** Settles once the jobs taken so far are done (and saved). */
  idle(): Promise<void> {
    return this.serial.run(async () => undefined);
  }

  private async slow(): Promise<void> {
    if (this.config.delayMs > 0) await new Promise((done) => setTimeout(done, this.config.delayMs));
  }
}
