/**
 * When a lab fault (config.ts) strikes a job, and what a `fail` fault leaves behind.
 *
 * A fault limited to the first N jobs of its cmdlet (`Set-CsEdgeServer=hang@1`) counts them in the
 * lab's job log — the state file — not in the shell process: a timeout or a death makes the session
 * start a new shell, which must not strike again, or a retry could never succeed. Every job of the
 * cmdlet counts, -WhatIf rehearsals included. So that the count holds for `fail` too, a job a fault
 * fails is logged like any cmdlet that stopped with an error.
 */
import type { AllowedCmdlet, Job } from '../main/powershell/job';
import type { LabFault } from './config';
import { runJob, type LabState } from './state-machine';

/** The fault that strikes `job` in this state, if any. */
export function strikingFault(faults: ReadonlyMap<AllowedCmdlet, LabFault>, state: LabState, job: Job): LabFault | undefined {
  if (job.kind !== 'cmdlet') return undefined;
  const fault = faults.get(job.cmdlet);
  if (fault?.times === undefined) return fault;
  const ran = state.jobs.filter((entry) => entry.cmdlet === job.cmdlet).length;
  return ran < fault.times ? fault : undefined;
}

/** The lab after a `fail` fault stopped `job`: nothing changed, and the log holds the job with the fault's message. */
export function failedByFault(state: LabState, job: Job, message: string, at: string): LabState {
  // runJob writes the log entry as for every job (the server it reached, the switches); its change is dropped.
  const entry = runJob(state, job, at).state.jobs.at(-1)!;
  return { ...state, jobs: [...state.jobs, { ...entry, error: message }] };
}
