/**
 * A job: one cmdlet the app asks PowerShell (or the lab) to run. Jobs are data, never text: the
 * cmdlet comes from a fixed allow-list, every parameter it may take is named here with the kind of
 * value it accepts, and values are checked against that kind before a job is ever encoded. The job
 * script (job-script.ts) receives the job as a JSON payload and splats it, so a value can never
 * become code; the checks here are so a bad value fails early, with a message naming the parameter.
 *
 * Pure TypeScript: the lab's state machine reads these types too.
 */
import { isStrictFqdn } from '../../shared/powershell/quote';

/** What a parameter's value must look like. */
export type ValueKind =
  /** A host FQDN (strict pattern, lower case). */
  | 'fqdn'
  /** A service identity: an optional `Role:` prefix and an FQDN (`EdgeServer:edgepool1.contoso.com`). */
  | 'identity'
  /** One or more FQDNs, or null (`-ActiveServers $null` empties the list). */
  | 'fqdnList'
  /** A name (site, SQL instance, file path): any text without control characters. */
  | 'name'
  /** An enum value or service name: letters and digits. */
  | 'word'
  /** `hh:mm:ss`, as -WaitTime takes it. */
  | 'timespan'
  /** A whole number of seconds or minutes. */
  | 'integer';

interface CmdletSpec {
  /** Changes the deployment (so a rehearsal must use -WhatIf, where the cmdlet has it). */
  changes: boolean;
  /** The cmdlet takes -WhatIf. */
  whatIf: boolean;
  parameters: Readonly<Record<string, ValueKind>>;
  switches: readonly string[];
}

const spec = (s: Partial<CmdletSpec>): CmdletSpec => ({ changes: false, whatIf: false, parameters: {}, switches: [], ...s });

/**
 * Every cmdlet a job may run, with the parameters the procedures use (failover-procedures.md,
 * cmdlets.md). Where the references disagree on a parameter's name, both spellings are here: the
 * app reads the installed cmdlet's parameters with a parameter-check job and uses the one that exists.
 */
const CMDLETS = {
  'Get-CsPool': spec({ parameters: { Identity: 'fqdn', Site: 'name' } }),
  'Get-CsSite': spec({ parameters: { Identity: 'name' } }),
  'Get-CsService': spec({
    parameters: { Identity: 'identity', PoolFqdn: 'fqdn' },
    switches: [
      'EdgeServer',
      'Registrar',
      'Director',
      'CentralManagement',
      'CentralManagementDatabase',
      'UserServer',
      'UserDatabase',
      'WebServer',
      'ConferencingServer',
      'MediationServer',
      'ApplicationServer',
      'PersistentChatServer',
      'PersistentChatDatabase',
    ],
  }),
  'Get-CsTopology': spec({ switches: ['AsXml', 'LocalStore'] }),
  'Get-CsPoolBackupRelationship': spec({ parameters: { PoolFqdn: 'fqdn' }, switches: ['LocalStore', 'Force'] }),
  // Not in cmdlets.md: the reference (Lync 2013+) gives `-PoolFqdn <Fqdn> [-Category <BackupCategory>] [-Force]`
  // and no output properties. Discovery passes only -PoolFqdn.
  'Get-CsBackupServiceStatus': spec({ parameters: { PoolFqdn: 'fqdn' } }),
  'Get-CsManagementStoreReplicationStatus': spec({ parameters: { ReplicaFqdn: 'fqdn' }, switches: ['CentralManagementStoreStatus'] }),
  'Get-CsDatabaseMirrorState': spec({ parameters: { PoolFqdn: 'fqdn', DatabaseType: 'word' }, switches: ['LocalStore'] }),
  'Get-CsPersistentChatState': spec({ parameters: { Identity: 'identity' }, switches: ['LocalStore'] }),
  'Get-CsPersistentChatActiveServer': spec({ parameters: { Identity: 'identity' } }),
  'Get-CsWindowsService': spec({ parameters: { Name: 'word', ComputerName: 'fqdn' } }),
  'Set-CsEdgeServer': spec({ changes: true, whatIf: true, parameters: { Identity: 'identity', Registrar: 'identity' }, switches: ['Force'] }),
  'Set-CsSite': spec({
    changes: true,
    whatIf: true,
    parameters: { Identity: 'name', XmppExternalFederationRoute: 'fqdn', XmppFederationRoute: 'identity' },
    switches: ['Force'],
  }),
  'Invoke-CsManagementServerFailover': spec({
    changes: true,
    whatIf: true,
    parameters: {
      BackupSqlServerFqdn: 'fqdn',
      BackupSqlInstanceName: 'name',
      BackupMirrorSqlServerFqdn: 'fqdn',
      BackupMirrorSqlInstanceName: 'name',
      MirrorSqlServerFqdn: 'fqdn',
      MirrorSqlInstanceName: 'name',
    },
    switches: ['Force', 'Restore'],
  }),
  'Invoke-CsPoolFailover': spec({
    changes: true,
    whatIf: true,
    parameters: { PoolFqdn: 'fqdn', WaitTime: 'timespan', DatabaseCommandTimeoutInSeconds: 'integer', ServicesStopDelayMins: 'integer' },
    switches: ['DisasterMode', 'Force', 'FlushStorageService', 'SkipDataVerification'],
  }),
  'Invoke-CsPoolFailback': spec({
    changes: true,
    whatIf: true,
    parameters: { PoolFqdn: 'fqdn', WaitTime: 'timespan', DatabaseCommandTimeoutInSeconds: 'integer' },
    switches: ['DisasterMode', 'Force', 'SkipDataVerification'],
  }),
  'Set-CsPersistentChatState': spec({ changes: true, whatIf: true, parameters: { Identity: 'identity', PoolState: 'word' }, switches: ['Force'] }),
  // The references list no -WhatIf for these (as src/shared/powershell/commands.ts says): never rehearsed.
  'Set-CsPersistentChatActiveServer': spec({ changes: true, parameters: { Identity: 'identity', ActiveServers: 'fqdnList' } }),
  'Install-CsDatabase': spec({
    changes: true,
    parameters: { SqlServerFqdn: 'fqdn', SqlInstanceName: 'name' },
    switches: ['CentralManagementDatabase', 'Clean'],
  }),
  'Move-CsManagementServer': spec({
    changes: true,
    parameters: { ConfigurationFileName: 'name', LisConfigurationFileName: 'name' },
    switches: ['Force'],
  }),
  'Stop-CsWindowsService': spec({ changes: true, parameters: { Name: 'word', ComputerName: 'fqdn' }, switches: ['Graceful', 'NoWait'] }),
  'Start-CsWindowsService': spec({ changes: true, parameters: { Name: 'word', ComputerName: 'fqdn' }, switches: ['NoWait'] }),
} as const satisfies Record<string, CmdletSpec>;

export type AllowedCmdlet = keyof typeof CMDLETS;

/** The allow-list, in a fixed order: the job script embeds it, so the lab can recognise the script. */
export const ALLOWED_CMDLETS: readonly AllowedCmdlet[] = Object.keys(CMDLETS) as AllowedCmdlet[];

/** Common parameters any job may switch on: -Verbose shows what a long cmdlet is waiting for. */
const COMMON_SWITCHES = ['Verbose'];

export function cmdletSpec(cmdlet: AllowedCmdlet): CmdletSpec {
  return CMDLETS[cmdlet];
}

export function isAllowedCmdlet(name: string): name is AllowedCmdlet {
  return Object.prototype.hasOwnProperty.call(CMDLETS, name);
}

export type ParameterValue = string | string[] | null;

/**
 * What a job runs. `kind: 'parameters'` is the parameter check: it runs nothing, it answers with
 * the names of the installed cmdlet's parameters (`(Get-Command X).Parameters.Keys`), which is how
 * the app resolves what the references disagree on.
 */
export interface Job {
  kind: 'cmdlet' | 'parameters';
  cmdlet: AllowedCmdlet;
  /** Named parameters and their values, in order. */
  parameters: Record<string, ParameterValue>;
  /** Switch parameters that are on (`-DisasterMode`, `-Verbose`). Not -WhatIf: that is `whatIf`. */
  switches: string[];
  /** Rehearse: the cmdlet runs with -WhatIf and changes nothing. Only for cmdlets that take it. */
  whatIf: boolean;
  /** A server FQDN: the job runs there (Invoke-Command -ComputerName). Absent: in the management session. */
  target?: string;
}

export class JobError extends Error {
  override readonly name = 'JobError';
}

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A service identity: `Role:` (letters) and an FQDN. */
const IDENTITY = /^(?:([A-Za-z]+):)?(.+)$/;

function checkValue(cmdlet: string, name: string, kind: ValueKind, value: ParameterValue): void {
  const where = `${cmdlet} -${name}`;
  if (value === null) {
    if (kind === 'fqdnList') return;
    throw new JobError(`${where}: a value is required`);
  }
  if (Array.isArray(value)) {
    if (kind !== 'fqdnList') throw new JobError(`${where} takes one value, not a list`);
    if (value.length === 0) throw new JobError(`${where}: an empty list is written as null`);
    for (const v of value) checkValue(cmdlet, name, 'fqdn', v);
    return;
  }
  if (typeof value !== 'string') throw new JobError(`${where}: not a text value`);
  const bad = (what: string) => new JobError(`${where}: ${JSON.stringify(value)} is not ${what}`);
  switch (kind) {
    case 'fqdn':
    case 'fqdnList':
      if (!isStrictFqdn(value)) throw bad('a valid FQDN (lower case, at least two labels)');
      return;
    case 'identity': {
      const fqdn = IDENTITY.exec(value)?.[2] ?? '';
      if (!isStrictFqdn(fqdn)) throw bad('a service identity (Role:fqdn) or an FQDN');
      return;
    }
    case 'name':
      if (value === '' || CONTROL.test(value)) throw bad('a name (non-empty, no control characters)');
      return;
    case 'word':
      if (!NAME.test(value)) throw bad('a single word');
      return;
    case 'timespan':
      if (!/^\d{1,2}:\d{2}:\d{2}$/.test(value)) throw bad('a time span (hh:mm:ss)');
      return;
    case 'integer':
      if (!/^\d{1,9}$/.test(value)) throw bad('a whole number');
      return;
  }
}

/**
 * Throws JobError naming the cmdlet and parameter when the job is not one the allow-list permits:
 * an unknown cmdlet, parameter or switch, a value of the wrong kind, -WhatIf on a cmdlet without
 * it, or a target that is not an FQDN.
 */
export function validateJob(job: Job): void {
  if (!isAllowedCmdlet(job.cmdlet)) throw new JobError(`${JSON.stringify(job.cmdlet)} is not a cmdlet PoolPilot runs`);
  const s = CMDLETS[job.cmdlet];
  if (job.target !== undefined && !isStrictFqdn(job.target)) throw new JobError(`${job.cmdlet}: target ${JSON.stringify(job.target)} is not a server FQDN`);
  if (job.kind === 'parameters') {
    if (Object.keys(job.parameters).length > 0 || job.switches.length > 0 || job.whatIf)
      throw new JobError(`a parameter check of ${job.cmdlet} takes no parameters`);
    return;
  }
  if (job.kind !== 'cmdlet') throw new JobError(`unknown job kind ${JSON.stringify(job.kind)}`);
  if (job.whatIf && !s.whatIf) throw new JobError(`${job.cmdlet} has no -WhatIf: it cannot be rehearsed`);
  const params: Readonly<Record<string, ValueKind>> = s.parameters;
  for (const [name, value] of Object.entries(job.parameters)) {
    const kind = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
    if (kind === undefined) throw new JobError(`${job.cmdlet} has no parameter -${name} that PoolPilot passes`);
    checkValue(job.cmdlet, name, kind, value);
  }
  const switches: readonly string[] = s.switches;
  for (const name of job.switches) {
    if (!switches.includes(name) && !COMMON_SWITCHES.includes(name)) throw new JobError(`${job.cmdlet} has no switch -${name} that PoolPilot passes`);
  }
}

/** `{cmdlet, parameters}` → a job for the management session; checked. */
export function cmdletJob(
  cmdlet: AllowedCmdlet,
  parameters: Record<string, ParameterValue> = {},
  options: { switches?: string[]; whatIf?: boolean; target?: string } = {},
): Job {
  const job: Job = {
    kind: 'cmdlet',
    cmdlet,
    parameters,
    switches: options.switches ?? [],
    whatIf: options.whatIf ?? false,
    ...(options.target !== undefined ? { target: options.target } : {}),
  };
  validateJob(job);
  return job;
}

/** The parameter check: which parameters the installed `cmdlet` has (for the doc conflicts). */
export function parameterCheckJob(cmdlet: AllowedCmdlet, target?: string): Job {
  const job: Job = { kind: 'parameters', cmdlet, parameters: {}, switches: [], whatIf: false, ...(target !== undefined ? { target } : {}) };
  validateJob(job);
  return job;
}

/** A job as one line for people and logs (values JSON-quoted; never a credential: jobs carry none). */
export function describeJob(job: Job): string {
  if (job.kind === 'parameters') return `(Get-Command ${job.cmdlet}).Parameters.Keys${job.target ? ` on ${job.target}` : ''}`;
  const parts: string[] = [job.cmdlet];
  for (const [name, value] of Object.entries(job.parameters)) parts.push(`-${name} ${JSON.stringify(value)}`);
  for (const name of job.switches) parts.push(`-${name}`);
  if (job.whatIf) parts.push('-WhatIf');
  return parts.join(' ') + (job.target ? ` on ${job.target}` : '');
}
