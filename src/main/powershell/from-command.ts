/**
 * A plan's command (src/shared/powershell/commands.ts: cmdlet + ordered parameters) as a job. The
 * plan keeps commands as data for people and exports; the session runs them as jobs, so nothing is
 * re-parsed from text. `Get-Command -Name X` is the parameter check of X.
 */
import type { PsCommand } from '../../shared/powershell/commands';
import { isAllowedCmdlet, JobError, parameterCheckJob, validateJob, type Job, type ParameterValue } from './job';

/** The job for `command`, run on `target` (a server FQDN) or in the management session. Throws JobError for what the allow-list does not permit. */
export function jobFromCommand(command: PsCommand, target?: string): Job {
  const on = target !== undefined ? { target } : {};
  if (command.cmdlet === 'Get-Command') {
    const name = command.parameters.find((p) => p.name === 'Name')?.argument;
    if (name?.kind !== 'literal' || !isAllowedCmdlet(name.value)) throw new JobError(`${command.text}: not a parameter check of an allowed cmdlet`);
    return parameterCheckJob(name.value, target);
  }
  if (!isAllowedCmdlet(command.cmdlet)) throw new JobError(`${command.cmdlet} is not a cmdlet PoolPilot runs`);
  const job: Job = { kind: 'cmdlet', cmdlet: command.cmdlet, parameters: {}, switches: [], whatIf: false, ...on };
  for (const { name, argument } of command.parameters) {
    if (argument.kind === 'switch') {
      if (name === 'WhatIf') job.whatIf = true;
      else job.switches.push(name);
    } else {
      const value: ParameterValue = argument.kind === 'literal' ? argument.value : argument.kind === 'list' ? [...argument.values] : null;
      job.parameters[name] = value;
    }
  }
  validateJob(job);
  return job;
}
