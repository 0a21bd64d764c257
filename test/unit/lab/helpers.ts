/** The lab over the demo deployment (failover-procedures.md's example), and a short way to run a job in it. */
import { demoDeployment } from '../../../src/shared/demo/demo';
import { cmdletJob, type AllowedCmdlet, type Job, type ParameterValue } from '../../../src/main/powershell/job';
import type { LabConditions } from '../../../src/lab/conditions';
import { createLab, runJob, type LabAnswer, type LabState } from '../../../src/lab/state-machine';

export const POOL1 = 'pool1.contoso.com';
export const POOL2 = 'pool2.contoso.com';
export const EDGE1 = 'edgepool1.contoso.com';
export const EDGE2 = 'edgepool2.contoso.com';
export const CHAT = 'pchat1.contoso.com';
export const AT = '2026-01-01T00:00:00.000Z';

export function demoLab(conditions: Partial<LabConditions> = {}): LabState {
  return createLab(demoDeployment(), conditions);
}

/** A lab that runs jobs in turn, keeping the state; `last` is the last answer. */
export class Lab {
  state: LabState;
  last: LabAnswer = { events: [] };

  constructor(conditions: Partial<LabConditions> = {}) {
    this.state = demoLab(conditions);
  }

  job(job: Job): LabAnswer {
    const result = runJob(this.state, job, AT);
    this.state = result.state;
    this.last = result.answer;
    return result.answer;
  }

  run(
    cmdlet: AllowedCmdlet,
    parameters: Record<string, ParameterValue> = {},
    options: { switches?: string[]; whatIf?: boolean; target?: string } = {},
  ): LabAnswer {
    return this.job(cmdletJob(cmdlet, parameters, options));
  }

  /** Runs a job that must succeed; returns its output objects. */
  ok(...args: Parameters<Lab['run']>): unknown[] {
    const answer = this.run(...args);
    if (answer.error) throw new Error(`${args[0]} failed: ${answer.error.message}`);
    return answer.events.filter((e) => e.type === 'result').map((e) => (e as { data: unknown }).data);
  }

  /** Runs a job that must fail; returns its error message. */
  refused(...args: Parameters<Lab['run']>): string {
    const answer = this.run(...args);
    if (!answer.error) throw new Error(`${args[0]} succeeded, expected a refusal`);
    return answer.error.message;
  }

  get deployment() {
    return this.state.deployment;
  }
}

export const verboseOf = (answer: LabAnswer) => answer.events.filter((e) => e.type === 'verbose').map((e) => (e as { message: string }).message);
