/**
 * The PowerShell commands of the procedures, built from validated model data. A command is data —
 * the cmdlet and its parameters in order — and its text is rendered from that data, never
 * concatenated from raw strings: every value is a single-quoted literal (quote.ts), FQDNs are checked
 * against the strict pattern first, enum values against a word pattern, and names (sites, SQL
 * instances) must be free of control characters. So a hostile name can make a builder throw, but
 * never changes what a command does.
 *
 * The run engine gets the same data and can pass it as a JSON payload instead of text.
 */
import { psFqdn, psLiteral, PowerShellQuoteError } from './quote';

/** What follows a parameter name. */
export type PsArgument =
  | { kind: 'switch' }
  | { kind: 'literal'; value: string }
  | { kind: 'list'; values: string[] }
  /** `$null`: the documented way to empty a list parameter (Set-CsPersistentChatActiveServer). */
  | { kind: 'null' };

export interface PsParameter {
  name: string;
  argument: PsArgument;
}

export interface PsCommand {
  cmdlet: Cmdlet;
  parameters: PsParameter[];
  /** As shown to people and written to exports: rendered from `cmdlet` and `parameters`. */
  text: string;
}

/** Every cmdlet a plan may contain: whether it changes anything, and whether it takes -WhatIf. */
const CMDLETS = {
  'Get-Command': { effect: 'reads', whatIf: false },
  'Get-CsService': { effect: 'reads', whatIf: false },
  'Get-CsSite': { effect: 'reads', whatIf: false },
  'Get-CsPoolBackupRelationship': { effect: 'reads', whatIf: false },
  'Get-CsManagementStoreReplicationStatus': { effect: 'reads', whatIf: false },
  'Get-CsDatabaseMirrorState': { effect: 'reads', whatIf: false },
  'Get-CsWindowsService': { effect: 'reads', whatIf: false },
  'Get-CsPersistentChatState': { effect: 'reads', whatIf: false },
  'Get-CsPersistentChatActiveServer': { effect: 'reads', whatIf: false },
  'Set-CsEdgeServer': { effect: 'changes', whatIf: true },
  'Set-CsSite': { effect: 'changes', whatIf: true },
  'Invoke-CsManagementServerFailover': { effect: 'changes', whatIf: true },
  'Invoke-CsPoolFailover': { effect: 'changes', whatIf: true },
  'Invoke-CsPoolFailback': { effect: 'changes', whatIf: true },
  'Set-CsPersistentChatState': { effect: 'changes', whatIf: true },
  // The references list no -WhatIf for these; a rehearsal must not assume one.
  'Install-CsDatabase': { effect: 'changes', whatIf: false },
  'Move-CsManagementServer': { effect: 'changes', whatIf: false },
  'Stop-CsWindowsService': { effect: 'changes', whatIf: false },
  'Start-CsWindowsService': { effect: 'changes', whatIf: false },
  'Set-CsPersistentChatActiveServer': { effect: 'changes', whatIf: false },
} as const satisfies Record<string, { effect: 'reads' | 'changes'; whatIf: boolean }>;

export type Cmdlet = keyof typeof CMDLETS;

export function cmdletInfo(cmdlet: Cmdlet): { effect: 'reads' | 'changes'; whatIf: boolean } {
  return CMDLETS[cmdlet];
}

/** Enum values (`FailedOver`, `CentralMgmt`) and parameter names: letters and digits only. */
const WORD = /^[A-Za-z][A-Za-z0-9]*$/;

// ---- arguments: each validates its value when built -------------------------------------------

const sw: PsArgument = { kind: 'switch' };

/** A host FQDN (strict pattern), optionally as a service identity (`Registrar:` + FQDN). */
function fqdn(value: string, prefix = ''): PsArgument {
  psFqdn(value, prefix); // throws when it is not a strict FQDN
  return { kind: 'literal', value: prefix + value };
}

/** A name (site, SQL instance): any text without control characters, quoted literally. */
function name(value: string, what: string): PsArgument {
  if (value === '') throw new PowerShellQuoteError(`the ${what} is empty`);
  try {
    psLiteral(value);
  } catch {
    throw new PowerShellQuoteError(`the ${what} ${JSON.stringify(value)} contains a control character and cannot be put in a command`);
  }
  return { kind: 'literal', value };
}

function word(value: string): PsArgument {
  if (!WORD.test(value)) throw new PowerShellQuoteError(`not an enum value: ${JSON.stringify(value)}`);
  return { kind: 'literal', value };
}

/** Fixed text from the procedures (a file name, a cmdlet name): never data. */
function constant(value: string): PsArgument {
  return { kind: 'literal', value };
}

function fqdnList(values: readonly string[]): PsArgument {
  if (values.length === 0) throw new PowerShellQuoteError('an empty server list is written as $null, not as a list');
  for (const v of values) psFqdn(v);
  return { kind: 'list', values: [...values] };
}

// ---- rendering --------------------------------------------------------------------------------

function renderArgument(a: PsArgument): string {
  switch (a.kind) {
    case 'switch':
      return '';
    case 'literal':
      return ` ${psLiteral(a.value)}`;
    case 'list':
      return ` ${a.values.map(psLiteral).join(',')}`;
    case 'null':
      return ' $null';
  }
}

function command(cmdlet: Cmdlet, parameters: [string, PsArgument][]): PsCommand {
  const list = parameters.map(([n, argument]) => {
    if (!WORD.test(n)) throw new PowerShellQuoteError(`not a parameter name: ${JSON.stringify(n)}`);
    return { name: n, argument };
  });
  const text = cmdlet + list.map((p) => ` -${p.name}${renderArgument(p.argument)}`).join('');
  return { cmdlet, parameters: list, text };
}

// ---- the procedures' commands -----------------------------------------------------------------

/** A SQL Server instance as the CMS cmdlets take it: the server's FQDN and the instance name ('' = default). */
export interface SqlRef {
  server: string;
  instance: string;
}

/** Parameters naming a SQL instance: the FQDN, and the instance unless it is the default one. */
function sqlParameters(fqdnParameter: string, instanceParameter: string, sql: SqlRef): [string, PsArgument][] {
  const out: [string, PsArgument][] = [[fqdnParameter, fqdn(sql.server)]];
  if (sql.instance !== '') out.push([instanceParameter, name(sql.instance, 'SQL Server instance name')]);
  return out;
}

/** P0, another site: `Set-CsEdgeServer -Identity EdgeServer:<edge pool> -Registrar Registrar:<next hop>`. */
export function setEdgeNextHop(edgePool: string, nextHop: string): PsCommand {
  return command('Set-CsEdgeServer', [
    ['Identity', fqdn(edgePool, 'EdgeServer:')],
    ['Registrar', fqdn(nextHop, 'Registrar:')],
  ]);
}

/** A service by its cmdlet identity (`EdgeServer:edgepool1.contoso.com`): the read-back of P0. */
export function getService(role: 'EdgeServer' | 'Registrar', pool: string): PsCommand {
  return command('Get-CsService', [['Identity', fqdn(pool, `${role}:`)]]);
}

/** P1.1: shows which pool hosts the Central Management Server; changes nothing. */
export function cmsFailoverWhatIf(): PsCommand {
  return command('Invoke-CsManagementServerFailover', [['WhatIf', sw]]);
}

/** P1.2. `-LocalStore` reads the local replica: what is left while the CMS is down. */
export function getPoolBackupRelationship(pool: string, localStore: boolean): PsCommand {
  return command('Get-CsPoolBackupRelationship', [['PoolFqdn', fqdn(pool)], ...(localStore ? [['LocalStore', sw] as [string, PsArgument]] : [])]);
}

/** P1.3, P1.5.4: where the active master and the file transfer agents run. */
export function getCmsStoreStatus(): PsCommand {
  return command('Get-CsManagementStoreReplicationStatus', [['CentralManagementStoreStatus', sw]]);
}

/** P1.5.5: one object per replica, each with `UpToDate`. */
export function getReplicationStatus(): PsCommand {
  return command('Get-CsManagementStoreReplicationStatus', []);
}

/**
 * P1.5.1. The procedure writes `-DatabaseType Centralmgmt`; enum names are case-insensitive, and
 * this is the reference's spelling of the same value.
 */
export function getCmsMirrorState(pool: string): PsCommand {
  return command('Get-CsDatabaseMirrorState', [
    ['PoolFqdn', fqdn(pool)],
    ['DatabaseType', word('CentralMgmt')],
  ]);
}

/** Cmdlets whose parameters the references disagree on: probed with Get-Command at run time. */
export type ProbedCmdlet = 'Invoke-CsManagementServerFailover' | 'Set-CsSite';

export function getCommand(cmdlet: ProbedCmdlet): PsCommand {
  return command('Get-Command', [['Name', constant(cmdlet)]]);
}

/**
 * P1.5.2 / P1.5.3: the CMS fails over to `principal`. The reference's parameter set names it with
 * -BackupSql… and its partner with -BackupMirrorSql…; the procedure's text names a principal mirror
 * with -MirrorSql…. `-Force` is what the reference requires in disaster recovery.
 */
export function cmsFailover(options: { principal: SqlRef; partner?: SqlRef; style: 'reference' | 'procedure'; force: boolean }): PsCommand {
  const { principal, partner, style, force } = options;
  const params: [string, PsArgument][] =
    style === 'reference'
      ? [
          ...sqlParameters('BackupSqlServerFqdn', 'BackupSqlInstanceName', principal),
          ...(partner ? sqlParameters('BackupMirrorSqlServerFqdn', 'BackupMirrorSqlInstanceName', partner) : []),
        ]
      : sqlParameters('MirrorSqlServerFqdn', 'MirrorSqlInstanceName', principal);
  if (force) params.push(['Force', sw]);
  return command('Invoke-CsManagementServerFailover', params);
}

/** P1.6.1: a clean CMS database on the backup pool's Back End. */
export function installCmsDatabase(sql: SqlRef): PsCommand {
  return command('Install-CsDatabase', [
    ['CentralManagementDatabase', sw],
    ['Clean', sw],
    ...sqlParameters('SqlServerFqdn', 'SqlInstanceName', sql),
  ]);
}

/** P1.6.2, with the procedure's file names. Runs on the Front End server it moves the CMS to. */
export function moveManagementServer(): PsCommand {
  return command('Move-CsManagementServer', [
    ['ConfigurationFileName', constant('C:\\CsConfigurationFile.zip')],
    ['LisConfigurationFileName', constant('C:\\CsLisConfigurationFile.zip')],
    ['Force', sw],
  ]);
}

/**
 * P1.7. -PoolFqdn names the pool hit by the disaster; -DisasterMode when that pool cannot take part;
 * -Verbose shows what the cmdlet is waiting for.
 */
export function poolFailover(pool: string, disasterMode: boolean): PsCommand {
  return command('Invoke-CsPoolFailover', [['PoolFqdn', fqdn(pool)], ...(disasterMode ? [['DisasterMode', sw] as [string, PsArgument]] : []), ['Verbose', sw]]);
}

/** P2. `-DisasterMode` when the pool serving the users is down (their data there is lost). */
export function poolFailback(pool: string, disasterMode: boolean): PsCommand {
  return command('Invoke-CsPoolFailback', [['PoolFqdn', fqdn(pool)], ...(disasterMode ? [['DisasterMode', sw] as [string, PsArgument]] : []), ['Verbose', sw]]);
}

/**
 * P4.3 / P5.3.1. The procedures use -XmppExternalFederationRoute with the Edge server's FQDN; the
 * reference has -XmppFederationRoute with an `EdgeServer:` service identity (of the Edge pool).
 */
export function setSiteXmppRoute(site: string, parameter: 'XmppExternalFederationRoute' | 'XmppFederationRoute', edgeServer: string, edgePool: string): PsCommand {
  const value = parameter === 'XmppExternalFederationRoute' ? fqdn(edgeServer) : fqdn(edgePool, 'EdgeServer:');
  return command('Set-CsSite', [
    ['Identity', name(site, 'site name')],
    [parameter, value],
  ]);
}

/** A site's settings (the bare site name, as the reference asks), or every site's. */
export function getSite(site?: string): PsCommand {
  return command('Get-CsSite', site === undefined ? [] : [['Identity', name(site, 'site name')]]);
}

/** P4.2, P4.7, P5.1: on the Edge server itself (the perimeter rarely allows remoting). */
export function csWindowsServices(action: 'Stop' | 'Start' | 'Get'): PsCommand {
  return command(`${action}-CsWindowsService`, []);
}

/** The procedure's identity form for Persistent Chat state: `service:<pool FQDN>`. */
export function setChatState(pool: string, state: 'Normal' | 'FailedOver'): PsCommand {
  return command('Set-CsPersistentChatState', [
    ['Identity', fqdn(pool, 'service:')],
    ['PoolState', word(state)],
  ]);
}

export function getChatState(pool: string): PsCommand {
  return command('Get-CsPersistentChatState', [['Identity', fqdn(pool, 'service:')]]);
}

/** P7.7, P8.1, P8.6: the active servers; none is `$null`, as the reference documents. */
export function setChatActiveServers(pool: string, servers: readonly string[]): PsCommand {
  return command('Set-CsPersistentChatActiveServer', [
    ['Identity', fqdn(pool, 'PersistentChatServer:')],
    ['ActiveServers', servers.length === 0 ? { kind: 'null' } : fqdnList(servers)],
  ]);
}

export function getChatActiveServers(pool: string): PsCommand {
  return command('Get-CsPersistentChatActiveServer', [['Identity', fqdn(pool, 'PersistentChatServer:')]]);
}
