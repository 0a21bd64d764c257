/**
 * "Run it on the server yourself": when remoting cannot reach a server (an Edge server in the
 * perimeter, a second hop to SQL that delegation does not allow), the admin runs the job by hand.
 * This renders the job as a command to copy — every value a single-quoted literal (quote.ts), FQDNs
 * checked against the strict pattern — with where to run it and the read-only command that shows
 * whether it took effect, to run afterwards (or let the app run it once remoting works).
 */
import { psFqdn, psLiteral } from '../../shared/powershell/quote';
import { cmdletJob, cmdletSpec, validateJob, type Job, type ParameterValue, type ValueKind } from './job';

export interface ManualRun {
  /** Where to paste it: the server, or any Skype for Business Server Management Shell. */
  where: string;
  command: string;
  /** The job that reads back what `command` changed, when there is one. */
  check?: Job;
  /** `check` as a command to copy. */
  checkCommand?: string;
}

function literal(kind: ValueKind, value: ParameterValue): string {
  if (value === null) return '$null';
  if (Array.isArray(value)) return value.map((v) => psFqdn(v)).join(',');
  if (kind === 'fqdn') return psFqdn(value);
  if (kind === 'identity') {
    const [, prefix = '', fqdn = ''] = /^((?:[A-Za-z]+:)?)(.*)$/.exec(value) ?? [];
    return psFqdn(fqdn, prefix);
  }
  return psLiteral(value);
}

/** The job as one line of PowerShell, values quoted as literals. */
export function manualCommand(job: Job): string {
  validateJob(job);
  if (job.kind === 'parameters') return `(Get-Command -Name ${psLiteral(job.cmdlet)}).Parameters.Keys`;
  const kinds: Readonly<Record<string, ValueKind>> = cmdletSpec(job.cmdlet).parameters;
  const parts: string[] = [job.cmdlet];
  for (const [name, value] of Object.entries(job.parameters)) parts.push(`-${name} ${literal(kinds[name]!, value)}`);
  for (const name of job.switches) parts.push(`-${name}`);
  if (job.whatIf) parts.push('-WhatIf');
  return parts.join(' ');
}

const str = (job: Job, name: string): string | undefined => {
  const v = job.parameters[name];
  return typeof v === 'string' ? v : undefined;
};

/** The read-only job that shows what `job` changed; undefined for reads and where no cmdlet shows it. */
export function readBackJob(job: Job): Job | undefined {
  if (job.kind !== 'cmdlet' || job.whatIf) return undefined;
  const on = job.target !== undefined ? { target: job.target } : {};
  const identity = str(job, 'Identity');
  switch (job.cmdlet) {
    case 'Set-CsEdgeServer':
      return identity === undefined ? undefined : cmdletJob('Get-CsService', { Identity: /^EdgeServer:/i.test(identity) ? identity : `EdgeServer:${identity}` });
    case 'Set-CsSite':
      return identity === undefined ? undefined : cmdletJob('Get-CsSite', { Identity: identity });
    case 'Invoke-CsManagementServerFailover':
    case 'Move-CsManagementServer':
      return cmdletJob('Get-CsManagementStoreReplicationStatus', {}, { switches: ['CentralManagementStoreStatus'] });
    case 'Set-CsPersistentChatState':
      return identity === undefined ? undefined : cmdletJob('Get-CsPersistentChatState', { Identity: identity });
    case 'Set-CsPersistentChatActiveServer':
      return identity === undefined ? undefined : cmdletJob('Get-CsPersistentChatActiveServer', { Identity: identity });
    case 'Stop-CsWindowsService':
    case 'Start-CsWindowsService': {
      const parameters: Record<string, ParameterValue> = {};
      for (const name of ['Name', 'ComputerName']) if (str(job, name) !== undefined) parameters[name] = str(job, name)!;
      return cmdletJob('Get-CsWindowsService', parameters, on);
    }
    default:
      // Pool failover and failback have no read-back cmdlet in the procedures: the run engine checks them its own way.
      return undefined;
  }
}

export function manualRun(job: Job): ManualRun {
  const check = readBackJob(job);
  return {
    where: job.target ?? 'any Skype for Business Server Management Shell',
    command: manualCommand(job),
    ...(check ? { check, checkCommand: manualCommand(check) } : {}),
  };
}
