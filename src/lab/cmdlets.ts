/**
 * What each cmdlet does in the lab: the semantics of the real cmdlets (cmdlets.md,
 * failover-procedures.md) over a Deployment and the components the disaster took. Every change
 * goes through the scenario code (applyChanges / ScenarioView), so the lab, the validation rules
 * and the what-if view agree on what a change means.
 *
 * Where Microsoft documents an error text, the lab uses it (the next-hop refusal of
 * Invoke-CsPoolFailover, PowerShell's own parameter-binding errors); elsewhere the lab says plainly
 * what refused and why. Property names the references do not document (cmdlets.md) are the lab's
 * guesses, named after the parameters: record real output before parsing it.
 */
import type { Deployment, Pool } from '../shared/model/types';
import { applyChanges } from '../shared/scenario/apply';
import type { ScenarioChange } from '../shared/scenario/types';
import { ScenarioView } from '../shared/scenario/view';
import { nextHopFailoverError } from '../shared/rules/next-hop';
import type { AllowedCmdlet, Job, ParameterValue } from '../main/powershell/job';
import type { LabConditions } from './conditions';
import { topologyXml } from './topology-xml';

/** What a cmdlet wrote, in order (the shell turns these into records). */
export type LabEvent = { type: 'result'; data: unknown } | { type: 'verbose'; message: string } | { type: 'warning'; message: string };

/** A terminating error, as the job script reports it. */
export class LabCmdletError extends Error {
  override readonly name = 'LabCmdletError';
  constructor(
    message: string,
    readonly errorId: string,
    readonly category: string,
  ) {
    super(message);
  }
}

export interface CmdletContext {
  deployment: Deployment;
  view: ScenarioView;
  conditions: LabConditions;
  job: Job;
  /** The server the cmdlet runs on: the job's target, else the server the session connected to. */
  server: string | undefined;
  /** Windows services stopped per server (from the job log). */
  stopped: ReadonlyMap<string, ReadonlySet<string>>;
  events: LabEvent[];
}

/** A handler returns the deployment after the cmdlet, or nothing when it changed nothing. */
type Handler = (c: CmdletContext) => Deployment | void;

// ---- small helpers ------------------------------------------------------------------------------

const fail = (message: string, errorId: string, category = 'InvalidOperation') => new LabCmdletError(message, errorId, category);

function text(c: CmdletContext, name: string): string | undefined {
  const v: ParameterValue | undefined = c.job.parameters[name];
  return typeof v === 'string' ? v : undefined;
}

function required(c: CmdletContext, name: string): string {
  const v = text(c, name);
  if (v === undefined)
    throw fail(
      `Cannot process command because of one or more missing mandatory parameters: ${name}.`,
      `MissingMandatoryParameter,${c.job.cmdlet}`,
      'InvalidArgument',
    );
  return v;
}

const has = (c: CmdletContext, name: string) => c.job.switches.includes(name);
const verbose = (c: CmdletContext, message: string) => {
  if (has(c, 'Verbose')) c.events.push({ type: 'verbose', message });
};
const output = (c: CmdletContext, data: unknown) => c.events.push({ type: 'result', data });

/** `Role:fqdn` or `fqdn` → the lower-cased FQDN (prefixes are optional, as the references say). */
function fqdnOf(identity: string): string {
  return identity.replace(/^[A-Za-z]+:/, '').toLowerCase();
}

function apply(c: CmdletContext, change: ScenarioChange): Deployment {
  return applyChanges(c.deployment, [change]);
}

function pool(c: CmdletContext, fqdn: string, kinds: Pool['kind'][], what: string): Pool {
  const found = c.view.pools.get(fqdn.toLowerCase());
  if (!found || !kinds.includes(found.kind))
    throw fail(`Cannot find ${what} "${fqdn}" in the topology.`, `ObjectNotFound,${c.job.cmdlet}`, 'ObjectNotFound');
  return found;
}

/** The SQL instance of the active CMS's store and its mirror (when it sits on the pool's mirrored Back End). */
function cmsStores(view: ScenarioView): { store?: string; mirror?: string } {
  if (view.cmsPool === undefined) return {};
  const store = view.cmsStore(view.cmsPool);
  const backEnd = view.pools.get(view.cmsPool)?.backEnd;
  return { store, mirror: store !== undefined && backEnd?.primary === store ? backEnd.mirror : undefined };
}

/**
 * Configuration cmdlets read and write the CMS database directly (its SQL store, not the master
 * service), so they work while the CMS pool's Front Ends are down and fail when its store is.
 * `-LocalStore` reads the server's replica instead.
 */
function requireStore(c: CmdletContext): void {
  if (has(c, 'LocalStore')) return;
  const { store, mirror } = cmsStores(c.view);
  if (store === undefined) return;
  const down = c.view.storeDown(store);
  if (down && (mirror === undefined || c.view.storeDown(mirror)))
    throw fail(
      `Cannot open the Central Management Store database: ${down}${mirror ? ', and so is its mirror' : ''}. ` +
        'Fail the Central Management Server over, or read the local replica with -LocalStore.',
      `CmsUnavailable,${c.job.cmdlet}`,
      'ResourceUnavailable',
    );
}

/** The active master runs: the CMS pool serves and its store is up (ScenarioView's meaning). */
function masterRunning(view: ScenarioView): boolean {
  return view.cmsPool !== undefined && view.cmsUnavailable() === undefined;
}

function machineDown(view: ScenarioView, machine: string): string | undefined {
  const p = view.poolOfMachine.get(machine);
  return p ? view.poolDown(p.fqdn) : `${machine} is not in the topology`;
}

const siteIdentity = (id: string) => `Site:${id}`;

// ---- reads --------------------------------------------------------------------------------------

const getPool: Handler = (c) => {
  requireStore(c);
  const identity = text(c, 'Identity')?.toLowerCase();
  const site = text(c, 'Site')?.replace(/^site:/i, '');
  const pools = c.deployment.topology.pools.filter((p) => (identity === undefined || p.fqdn === identity) && (site === undefined || p.siteId.toLowerCase() === site.toLowerCase()));
  if (identity !== undefined && pools.length === 0) throw fail(`Cannot find pool "${identity}".`, 'ObjectNotFound,Get-CsPool', 'ObjectNotFound');
  for (const p of pools) {
    output(c, {
      Identity: p.fqdn,
      Fqdn: p.fqdn,
      Site: siteIdentity(p.siteId),
      Computers: p.machines,
      Services: c.deployment.topology.services.filter((s) => s.poolFqdn === p.fqdn).map((s) => s.id),
    });
  }
};

const getSite: Handler = (c) => {
  requireStore(c);
  const identity = text(c, 'Identity')?.replace(/^site:/i, '');
  const sites = c.deployment.topology.sites.filter((s) => identity === undefined || s.id.toLowerCase() === identity.toLowerCase());
  if (identity !== undefined && sites.length === 0) throw fail(`Cannot find site "${identity}".`, 'ObjectNotFound,Get-CsSite', 'ObjectNotFound');
  const spelling = c.conditions.spelling.xmppRoute;
  for (const s of sites) {
    const server = c.view.xmppRoutes.get(s.id);
    const edgePool = server && c.view.poolOfMachine.get(server)?.fqdn;
    // The SIP federation route shows on the site of the Edge pool carrying it (topology-xml.md).
    const sipEdge = c.view.sipRoutes?.find((fqdn) => c.view.pools.get(fqdn)?.siteId === s.id);
    output(c, {
      Identity: siteIdentity(s.id),
      SiteId: s.number,
      DisplayName: s.name,
      SiteType: s.kind === 'central' ? 'CentralSite' : 'BranchOffice',
      Pools: c.deployment.topology.pools.filter((p) => p.siteId === s.id).map((p) => p.fqdn),
      FederationRoute: sipEdge ? `EdgeServer:${sipEdge}` : null,
      ...(spelling !== 'reference' ? { XmppExternalFederationRoute: server ?? null } : {}),
      ...(spelling !== 'procedure' ? { XmppFederationRoute: edgePool ? `EdgeServer:${edgePool}` : null } : {}),
    });
  }
};

/** Get-CsService role switches → the model's role names. */
const SERVICE_SWITCHES: Record<string, string> = {
  EdgeServer: 'EdgeServer',
  Registrar: 'Registrar',
  Director: 'Registrar',
  CentralManagement: 'CentralMgmt',
  CentralManagementDatabase: 'CentralMgmtStore',
  UserServer: 'UserServices',
  UserDatabase: 'UserStore',
  WebServer: 'WebServices',
  ConferencingServer: 'ConfServices',
  MediationServer: 'MediationServer',
  ApplicationServer: 'ApplicationServer',
  PersistentChatServer: 'PersistentChatServer',
  PersistentChatDatabase: 'PersistentChatStore',
};

/**
 * What Get-CsService says of a store's SQL placement. `PoolFqdn` and `SqlInstanceName` are what
 * community scripts read off database services (`$_.PoolFqdn + "\" + $_.SqlInstanceName`). The
 * mirror and Persistent Chat backup properties are the lab's guesses, named as the parameters that
 * name those servers elsewhere (Set-CsConfigurationStoreLocation -MirrorSqlServerFqdn,
 * Invoke-CsManagementServerFailover -BackupSqlServerFqdn / -BackupMirrorSqlServerFqdn): record real
 * output before trusting them. A store without one says so with null, as a real empty property reads.
 */
function storePlacement(c: CmdletContext, instanceId: string, role: string): Record<string, string | null> {
  const t = c.deployment.topology;
  const instance = (id: string | undefined) => (id === undefined ? undefined : t.sqlInstances.find((i) => i.id === id));
  const at = (prefix: string, id: string | undefined) => {
    const i = instance(id);
    return { [`${prefix}SqlServerFqdn`]: i?.poolFqdn ?? null, [`${prefix}SqlInstanceName`]: i ? i.name : null };
  };
  const kind: Pool['kind'] = role === 'PersistentChatStore' ? 'PersistentChat' : 'FrontEnd';
  const user = t.pools.find((p) => p.kind === kind && p.backEnd?.primary === instanceId)?.backEnd;
  return {
    SqlInstanceName: instance(instanceId)?.name ?? null,
    ...at('Mirror', user?.mirror),
    ...(role === 'PersistentChatStore' ? { ...at('Backup', user?.backup), ...at('BackupMirror', user?.backupMirror) } : {}),
  };
}

const getService: Handler = (c) => {
  requireStore(c);
  const identity = text(c, 'Identity')?.toLowerCase();
  const poolFqdn = text(c, 'PoolFqdn')?.toLowerCase();
  const roleSwitches = c.job.switches.filter((s) => s in SERVICE_SWITCHES);
  const roles = new Set(roleSwitches.map((s) => SERVICE_SWITCHES[s]!));
  const directorsOnly = has(c, 'Director');
  const services = c.deployment.topology.services.filter(
    (s) =>
      (identity === undefined || s.id.toLowerCase() === identity) &&
      (poolFqdn === undefined || s.poolFqdn === poolFqdn) &&
      (roles.size === 0 || roles.has(s.role)) &&
      (!directorsOnly || s.isDirector === true),
  );
  if (identity !== undefined && services.length === 0) throw fail(`Cannot find service "${identity}".`, 'ObjectNotFound,Get-CsService', 'ObjectNotFound');
  for (const s of services) {
    const siteId = c.view.siteOf(s.poolFqdn);
    const hop = s.role === 'EdgeServer' ? c.view.nextHop.get(s.poolFqdn) : undefined;
    output(c, {
      Identity: s.id,
      PoolFqdn: s.poolFqdn,
      Role: s.role,
      ...(siteId !== undefined ? { SiteId: siteIdentity(siteId) } : {}),
      DependentServiceList: s.dependsOn,
      ...(s.role === 'EdgeServer' ? { Registrar: hop ? `Registrar:${hop}` : null } : {}),
      ...(s.role === 'CentralMgmt' ? { IsActive: c.view.cmsPool === s.poolFqdn } : {}),
      ...(s.role === 'Registrar' ? { IsDirector: s.isDirector === true } : {}),
      ...((s.role === 'UserStore' || s.role === 'PersistentChatStore') && s.sqlInstanceId !== undefined ? storePlacement(c, s.sqlInstanceId, s.role) : {}),
    });
  }
};

const getTopology: Handler = (c) => {
  requireStore(c);
  const t = c.deployment.topology;
  if (has(c, 'AsXml')) output(c, topologyXml(c.deployment));
  else output(c, { Sites: t.sites.map((s) => siteIdentity(s.id)), Clusters: t.pools.map((p) => p.fqdn), Machines: t.pools.flatMap((p) => p.machines) });
};

const getPoolBackupRelationship: Handler = (c) => {
  requireStore(c);
  const p = pool(c, required(c, 'PoolFqdn'), ['FrontEnd', 'Director'], 'pool');
  const backup = c.view.backupPools.get(p.fqdn);
  if (backup !== undefined) output(c, { PoolFqdn: p.fqdn, BackupPoolFqdn: backup });
};

/**
 * Windows PowerShell 5.1's ConvertTo-Json writes a [DateTime] as "\/Date(<ms since the epoch>)\/",
 * which is how a real answer's times reach the app: the lab writes its times the same way.
 */
const psDate = (iso: string) => `/Date(${Date.parse(iso)})/`;

/**
 * Get-CsBackupServiceStatus answers from the pair's synchronisation the lab's deployment holds
 * (state.backupSync). The reference documents no output properties. `BackupModules` with `Identity`,
 * `ExportStatus` and `ImportStatus`, the three module names and the status values come from a
 * Microsoft engineer's description of the output (TechNet blog "What does the status reported by
 * Get-CsBackupServiceStatus mean?", 2012); `LastExportTime` is the lab's guess for where the time of
 * the last export sits — record real output before trusting it. What the lab's state does not hold
 * is written as null, never made up: discovery then leaves it unknown.
 */
const getBackupServiceStatus: Handler = (c) => {
  const p = pool(c, required(c, 'PoolFqdn'), ['FrontEnd'], 'Front End pool');
  if (!c.view.backupPools.has(p.fqdn))
    throw fail(`Pool "${p.fqdn}" has no backup pool: the Backup Service runs between paired pools.`, 'NoBackupPool,Get-CsBackupServiceStatus', 'InvalidOperation');
  // The Backup Service runs on the pool's Front End servers: nothing answers for a pool that is down.
  const down = c.view.poolDown(p.fqdn);
  if (down) throw fail(`Cannot reach the Backup Service of pool "${p.fqdn}": ${down}.`, 'ServiceUnreachable,Get-CsBackupServiceStatus', 'ResourceUnavailable');
  const sync = c.view.backupSync.get(p.fqdn);
  // The CMS module exports only from the pool where the CMS master is active (NotInitialized elsewhere, per the blog).
  const module = (Identity: string, exports: boolean) => ({
    Identity,
    ExportStatus: exports ? (sync?.state ?? null) : 'NotInitialized',
    // The lab does not model the import side: it reports it working.
    ImportStatus: 'NormalState',
    LastExportTime: exports && sync?.lastSync !== undefined ? psDate(sync.lastSync) : null,
  });
  output(c, {
    PoolFqdn: p.fqdn,
    BackupModules: [module('UserServices.PresenceFocus', true), module('ConfServices.DataConf', true), module('CentralMgmt.CMSMaster', c.view.cmsPool === p.fqdn)],
  });
};

/** Pools whose servers hold a replica of the CMS (those Topology Builder marks RequiresReplication). */
const REPLICA_KINDS: ReadonlySet<Pool['kind']> = new Set(['FrontEnd', 'Director', 'Edge', 'Mediation', 'PersistentChat']);

const getReplicationStatus: Handler = (c) => {
  const running = masterRunning(c.view);
  if (has(c, 'CentralManagementStoreStatus')) {
    // failover-procedures.md P1.3: empty values are how an unavailable CMS shows.
    const replicas = c.deployment.topology.pools.filter((p) => REPLICA_KINDS.has(p.kind)).flatMap((p) => p.machines);
    output(c, {
      ActiveMasterFqdn: running ? c.view.cmsPool! : '',
      ActiveFileTransferAgents: running ? [c.view.cmsPool!] : [],
      ActiveReplicas: running ? replicas.filter((m) => !machineDown(c.view, m)) : [],
      DeletedReplicas: [],
    });
    return;
  }
  requireStore(c);
  const only = text(c, 'ReplicaFqdn')?.toLowerCase();
  for (const p of c.deployment.topology.pools) {
    if (!REPLICA_KINDS.has(p.kind)) continue;
    for (const machine of p.machines) {
      if (only !== undefined && machine !== only) continue;
      // A replica is current when the master runs and the server is up to take its copy.
      output(c, { ReplicaFqdn: machine, UpToDate: running && !c.view.poolDown(p.fqdn) });
    }
  }
};

/** DatabaseType values of Lync Server 2013 and Skype for Business Server 2015 (cmdlets.md), lower-cased. */
const DATABASE_TYPES: Record<string, string[]> = {
  centralmgmt: ['xds', 'lis'],
  cms: ['xds', 'lis'],
  user: ['rtcxds', 'rtcshared'],
  app: ['rtcab', 'cpsdyn'],
  application: ['rtcab', 'cpsdyn'],
};
const OTHER_DATABASE_TYPES = [
  'activemonitoring',
  'archiving',
  'edge',
  'lyss',
  'monitoring',
  'persistentchat',
  'persistentchatcompliance',
  'provision',
  'registrar',
  'signintelemetry',
];

const getDatabaseMirrorState: Handler = (c) => {
  requireStore(c);
  const p = pool(c, required(c, 'PoolFqdn'), ['FrontEnd', 'Director', 'PersistentChat'], 'pool');
  const type = text(c, 'DatabaseType')?.toLowerCase();
  if (type !== undefined && !(type in DATABASE_TYPES) && !OTHER_DATABASE_TYPES.includes(type))
    throw fail(
      `Cannot bind parameter 'DatabaseType'. Cannot convert value "${text(c, 'DatabaseType')}" to type "Microsoft.Rtc.Management.Deployment.DatabaseNameType".`,
      'CannotConvertArgumentNoMessage,Get-CsDatabaseMirrorState',
      'InvalidArgument',
    );
  const primary = p.backEnd?.primary;
  if (primary === undefined) throw fail(`Pool "${p.fqdn}" has no Back End SQL Server store.`, 'NoBackEnd,Get-CsDatabaseMirrorState');
  const hostsCms = c.view.cmsStore(p.fqdn) === primary;
  const names =
    type === undefined
      ? [...DATABASE_TYPES.user!, ...DATABASE_TYPES.app!, ...(hostsCms ? DATABASE_TYPES.centralmgmt! : [])]
      : type === 'centralmgmt' || type === 'cms'
        ? hostsCms
          ? DATABASE_TYPES.centralmgmt!
          : []
        : (DATABASE_TYPES[type] ?? []);
  const mirror = p.backEnd?.mirror;
  const primaryUp = !c.view.storeDown(primary);
  const mirrorUp = mirror !== undefined && !c.view.storeDown(mirror);
  const notMirrored = 'DatabaseInaccessibleOrMirroringNotEnabled';
  for (const DatabaseName of names) {
    // The sample in cmdlets.md shows the unmirrored case; the principal/mirror values are the lab's.
    if (mirror === undefined)
      output(c, { DatabaseName, StateOnPrimary: notMirrored, StateOnMirror: notMirrored, MirroringStatusOnPrimary: null, MirroringStatusOnSecondary: null });
    else
      output(c, {
        DatabaseName,
        StateOnPrimary: primaryUp ? 'Principal' : notMirrored,
        StateOnMirror: mirrorUp ? (primaryUp ? 'Mirror' : 'Principal') : notMirrored,
        MirroringStatusOnPrimary: primaryUp ? (mirrorUp ? 'Synchronized' : 'Disconnected') : null,
        MirroringStatusOnSecondary: mirrorUp ? (primaryUp ? 'Synchronized' : 'Disconnected') : null,
      });
  }
};

function chatPool(c: CmdletContext): Pool {
  return pool(c, fqdnOf(required(c, 'Identity')), ['PersistentChat'], 'Persistent Chat pool');
}

const getChatState: Handler = (c) => {
  requireStore(c);
  const identity = text(c, 'Identity');
  const pools = identity === undefined ? [...c.view.persistentChatPools] : [chatPool(c)];
  for (const p of pools) output(c, { Identity: `PersistentChatServer:${p.fqdn}`, PoolState: c.view.persistentChat.get(p.fqdn)?.poolState ?? 'Normal' });
};

const getChatActiveServers: Handler = (c) => {
  requireStore(c);
  const p = chatPool(c);
  output(c, { Identity: `PersistentChatServer:${p.fqdn}`, ActiveServers: c.view.persistentChat.get(p.fqdn)?.activeServers ?? [] });
};

// ---- Windows services ----------------------------------------------------------------------------

/** What Get-CsWindowsService lists on a server, by the kind of its pool. */
const WINDOWS_SERVICES: Partial<Record<Pool['kind'], string[]>> = {
  Edge: ['RTCSRV', 'RTCMRAUTH', 'RTCMEDIARELAY', 'RTCDATAPROXY', 'REPLICA', 'RTCCLSAGT'],
  FrontEnd: ['RTCSRV', 'RTCMCU', 'RTCASMCU', 'RTCAVMCU', 'RTCDATAMCU', 'RTCIMMCU', 'RTCMEDSRV', 'REPLICA', 'RTCCLSAGT', 'FTA', 'MASTER'],
  Director: ['RTCSRV', 'REPLICA', 'RTCCLSAGT'],
  PersistentChat: ['RTCCHAT', 'REPLICA', 'RTCCLSAGT'],
  Mediation: ['RTCMEDSRV', 'REPLICA', 'RTCCLSAGT'],
};

/** The Windows services of a server in a pool of `kind`. */
export function windowsServices(kind: Pool['kind']): string[] {
  return WINDOWS_SERVICES[kind] ?? [];
}

/** The server a Windows-service cmdlet acts on: -ComputerName, else where it runs. */
export function windowsServiceServer(job: Job, server: string | undefined): string | undefined {
  const named = job.parameters.ComputerName;
  return typeof named === 'string' ? named.toLowerCase() : server;
}

function servicesOn(c: CmdletContext): { server: string; names: string[] } {
  const server = windowsServiceServer(c.job, c.server);
  const p = server === undefined ? undefined : c.view.poolOfMachine.get(server);
  const all = p ? windowsServices(p.kind) : [];
  if (server === undefined || all.length === 0)
    throw fail(
      `No Skype for Business Server services are installed on ${server ?? 'this computer'}: run the job on a server, or name one with -ComputerName.`,
      `NoServicesInstalled,${c.job.cmdlet}`,
      'ObjectNotFound',
    );
  const down = machineDown(c.view, server);
  if (down) throw fail(`Cannot reach ${server}: ${down}.`, `ComputerUnreachable,${c.job.cmdlet}`, 'ResourceUnavailable');
  const name = text(c, 'Name')?.toUpperCase();
  if (name !== undefined && !all.includes(name)) throw fail(`Service "${name}" is not installed on ${server}.`, `ObjectNotFound,${c.job.cmdlet}`, 'ObjectNotFound');
  return { server, names: name === undefined ? all : [name] };
}

const getWindowsService: Handler = (c) => {
  const { server, names } = servicesOn(c);
  const stopped = c.stopped.get(server);
  for (const Name of names) output(c, { Name, Status: stopped?.has(Name) ? 'Stopped' : 'Running', ComputerName: server });
};

/** Stop- and Start-CsWindowsService change only the job log, which stoppedServices() reads. */
const changeWindowsServices: Handler = (c) => {
  const { server, names } = servicesOn(c);
  for (const name of names) verbose(c, `${c.job.cmdlet.startsWith('Stop') ? 'Stopping' : 'Starting'} ${name} on ${server}.`);
};

// ---- changes ------------------------------------------------------------------------------------

const setEdgeServer: Handler = (c) => {
  requireStore(c);
  const edge = pool(c, fqdnOf(required(c, 'Identity')), ['Edge'], 'Edge pool');
  const registrar = text(c, 'Registrar');
  if (registrar === undefined) return;
  const hop = fqdnOf(registrar);
  if (!c.view.registrarService.has(hop))
    throw fail(`"${registrar}" is not a Registrar service in the topology.`, 'InvalidRegistrar,Set-CsEdgeServer', 'InvalidArgument');
  verbose(c, `Edge pool ${edge.fqdn}: next hop ${c.view.nextHop.get(edge.fqdn) ?? '(none)'} -> ${hop}.`);
  return apply(c, { kind: 'reassignNextHop', edgePool: edge.fqdn, nextHop: hop });
};

const setSite: Handler = (c) => {
  requireStore(c);
  const identity = required(c, 'Identity').replace(/^site:/i, '');
  const site = c.deployment.topology.sites.find((s) => s.id.toLowerCase() === identity.toLowerCase());
  if (!site) throw fail(`Cannot find site "${identity}".`, 'ObjectNotFound,Set-CsSite', 'ObjectNotFound');
  // The procedures name an Edge server (P4.3); the reference an Edge pool's service identity.
  const route = text(c, 'XmppExternalFederationRoute') ?? text(c, 'XmppFederationRoute');
  if (route === undefined) return;
  const named = fqdnOf(route);
  const edge = c.view.poolOfMachine.get(named) ?? c.view.pools.get(named);
  if (!edge || edge.kind !== 'Edge') throw fail(`"${route}" is not an Edge server or Edge pool in the topology.`, 'InvalidXmppRoute,Set-CsSite', 'InvalidArgument');
  const server = edge.machines.includes(named) ? named : edge.machines[0] ?? named;
  verbose(c, `Site ${site.id}: XMPP federation route -> ${server}.`);
  return apply(c, { kind: 'moveXmppRoute', siteId: site.id, edgeServer: server });
};

const setChatState: Handler = (c) => {
  requireStore(c);
  const p = chatPool(c);
  const stateValue = required(c, 'PoolState');
  const poolState = ['Normal', 'FailedOver'].find((s) => s.toLowerCase() === stateValue.toLowerCase());
  if (!poolState)
    throw fail(
      `Cannot bind parameter 'PoolState'. Cannot convert value "${stateValue}" to type "PoolState": valid values are "Normal, FailedOver".`,
      'CannotConvertArgumentNoMessage,Set-CsPersistentChatState',
      'InvalidArgument',
    );
  const activeServers = c.view.persistentChat.get(p.fqdn)?.activeServers ?? [];
  verbose(c, `Persistent Chat pool ${p.fqdn}: pool state ${poolState}.`);
  return apply(c, { kind: poolState === 'FailedOver' ? 'failoverPersistentChat' : 'failbackPersistentChat', pool: p.fqdn, activeServers });
};

const setChatActiveServers: Handler = (c) => {
  requireStore(c);
  const p = chatPool(c);
  const value = c.job.parameters.ActiveServers;
  const servers = value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map((s) => s.toLowerCase());
  for (const s of servers) {
    if (!p.machines.includes(s)) throw fail(`"${s}" is not a server of Persistent Chat pool ${p.fqdn}.`, 'InvalidActiveServer,Set-CsPersistentChatActiveServer', 'InvalidArgument');
  }
  const failedOver = c.view.persistentChat.get(p.fqdn)?.poolState === 'FailedOver';
  verbose(c, `Persistent Chat pool ${p.fqdn}: active servers ${servers.length === 0 ? '(none)' : servers.join(', ')}.`);
  return apply(c, { kind: failedOver ? 'failoverPersistentChat' : 'failbackPersistentChat', pool: p.fqdn, activeServers: servers });
};

/** Pools that serve users failed over from `pool` (P2: they must be failed back first). */
function servedFor(view: ScenarioView, pool: string): string | undefined {
  return [...view.failedOver].find(([, to]) => to === pool)?.[0];
}

const poolFailover: Handler = (c) => {
  const p = pool(c, required(c, 'PoolFqdn'), ['FrontEnd'], 'Front End pool');
  const backup = c.view.backupPools.get(p.fqdn);
  if (backup === undefined) throw fail(`Pool "${p.fqdn}" has no backup pool: pair it in Topology Builder first.`, 'NoBackupPool,Invoke-CsPoolFailover', 'InvalidOperation');
  const servedBy = c.view.failedOver.get(p.fqdn);
  if (servedBy !== undefined) throw fail(`Pool "${p.fqdn}" is already failed over to "${servedBy}".`, 'AlreadyFailedOver,Invoke-CsPoolFailover');
  const guest = servedFor(c.view, p.fqdn);
  if (guest !== undefined)
    throw fail(
      `Pool "${p.fqdn}" is serving the users of "${guest}", which are failed over to it. Fail back "${guest}" first (Invoke-CsPoolFailback -PoolFqdn ${guest}).`,
      'PoolHostsFailedOverUsers,Invoke-CsPoolFailover',
    );
  for (const [edge, hop] of c.view.nextHop) {
    // The documented refusal (failover-procedures.md P1 step 7), for an Edge pool that still runs.
    if (hop === p.fqdn && !c.view.poolDown(edge)) throw fail(nextHopFailoverError(p.fqdn), 'EdgeNextHop,Invoke-CsPoolFailover');
  }
  const down = c.view.notServing(p.fqdn);
  if (down && !has(c, 'DisasterMode'))
    throw fail(`Cannot reach pool "${p.fqdn}" (${down}). If the pool is lost, run with -DisasterMode.`, 'PoolUnreachable,Invoke-CsPoolFailover', 'ResourceUnavailable');
  const backupProblem = c.view.registrarProblem(backup);
  if (backupProblem) throw fail(`The backup pool "${backup}" cannot take the users: ${backupProblem}.`, 'BackupPoolUnavailable,Invoke-CsPoolFailover', 'ResourceUnavailable');
  const cms = c.view.cmsUnavailable();
  if (cms)
    throw fail(
      `The Central Management Store is not available (${cms}). Fix the Central Management Server (fail it over), then run this cmdlet again.`,
      'CmsUnavailable,Invoke-CsPoolFailover',
      'ResourceUnavailable',
    );
  verbose(c, `Failing over pool ${p.fqdn} to its backup pool ${backup}${has(c, 'DisasterMode') ? ' in disaster mode' : ''}.`);
  verbose(c, `The users of ${p.fqdn} are now served by ${backup}.`);
  return apply(c, { kind: 'failoverPool', pool: p.fqdn });
};

const poolFailback: Handler = (c) => {
  const p = pool(c, required(c, 'PoolFqdn'), ['FrontEnd'], 'Front End pool');
  const servedBy = c.view.failedOver.get(p.fqdn);
  if (servedBy === undefined) {
    const home = servedFor(c.view, p.fqdn);
    throw fail(
      `Pool "${p.fqdn}" is not failed over.` +
        (home ? ` The users of "${home}" are failed over to it: the pool FQDN used during failback must be the same FQDN used during failover (-PoolFqdn ${home}).` : ''),
      'NotFailedOver,Invoke-CsPoolFailback',
    );
  }
  const down = c.view.notServing(p.fqdn);
  if (down) throw fail(`Pool "${p.fqdn}" cannot take its users back: ${down}.`, 'PoolUnreachable,Invoke-CsPoolFailback', 'ResourceUnavailable');
  const backupDown = c.view.notServing(servedBy);
  if (backupDown && !has(c, 'DisasterMode'))
    throw fail(
      `Cannot reach pool "${servedBy}" (${backupDown}). Run with -DisasterMode to fail back without it: data its failed-over users generated there is lost.`,
      'BackupPoolUnreachable,Invoke-CsPoolFailback',
      'ResourceUnavailable',
    );
  verbose(c, `Failing back the users of ${p.fqdn} from ${servedBy}.`);
  return apply(c, { kind: 'failbackPool', pool: p.fqdn });
};

/** The principal copy of a pool's CMS database: the primary, unless it is down and the mirror is up. */
function cmsPrincipal(view: ScenarioView, poolFqdn: string): string | undefined {
  const backEnd = view.pools.get(poolFqdn)?.backEnd;
  const store = view.cmsStore(poolFqdn);
  if (store === undefined) return undefined;
  const mirror = backEnd?.primary === store ? backEnd.mirror : undefined;
  return view.storeDown(store) && mirror !== undefined && !view.storeDown(mirror) ? mirror : store;
}

const cmsFailover: Handler = (c) => {
  const from = c.view.cmsPool;
  if (from === undefined) throw fail('No Central Management Server is active in the topology.', 'NoCms,Invoke-CsManagementServerFailover');
  const to = c.view.backupPools.get(from);
  if (to === undefined || c.view.cmsStore(to) === undefined)
    throw fail(
      `The Central Management Server is not installed on a backup pool of ${from}: install it there (Install-CsDatabase -CentralManagementDatabase, Move-CsManagementServer).`,
      'NoStandbyCms,Invoke-CsManagementServerFailover',
    );
  if (c.server !== undefined && c.view.poolOfMachine.get(c.server)?.fqdn !== to)
    throw fail(
      `Run Invoke-CsManagementServerFailover on a server of the pool the Central Management Server fails over to (${to}), not on ${c.server}.`,
      'WrongServer,Invoke-CsManagementServerFailover',
    );
  const named = text(c, 'BackupSqlServerFqdn') ?? text(c, 'MirrorSqlServerFqdn');
  const instance = text(c, 'BackupSqlInstanceName') ?? text(c, 'MirrorSqlInstanceName') ?? '';
  if (named === undefined) {
    // Normal mode: replication must finish and the source store go read-only, so the source must work.
    const problem = c.view.cmsUnavailable();
    if (problem)
      throw fail(
        `The Central Management Server on ${from} is not available (${problem}): fail it over in disaster recovery mode (-BackupSqlServerFqdn … -Force).`,
        'CmsUnavailable,Invoke-CsManagementServerFailover',
        'ResourceUnavailable',
      );
  } else {
    if (c.conditions.cmsFailoverNeedsForce && !has(c, 'Force'))
      throw fail('-Force is required to fail over the Central Management Server in disaster recovery mode.', 'ForceRequired,Invoke-CsManagementServerFailover', 'InvalidArgument');
    const principal = cmsPrincipal(c.view, to)!;
    const [server = '', name = ''] = principal.split('\\');
    if (named.toLowerCase() !== server || instance.toLowerCase() !== name.toLowerCase())
      throw fail(
        `${named}${instance ? `\\${instance}` : ''} does not hold the principal copy of the Central Management Store of ${to}: ${principal} does (Get-CsDatabaseMirrorState -PoolFqdn ${to} -DatabaseType CentralMgmt).`,
        'NotPrincipal,Invoke-CsManagementServerFailover',
        'InvalidArgument',
      );
    if (c.view.storeDown(principal)) throw fail(`Cannot reach ${principal}: ${c.view.storeDown(principal)}.`, 'SqlUnreachable,Invoke-CsManagementServerFailover', 'ResourceUnavailable');
  }
  if (c.view.notServing(to)) throw fail(`Pool ${to} cannot host the Central Management Server: ${c.view.notServing(to)}.`, 'PoolUnreachable,Invoke-CsManagementServerFailover', 'ResourceUnavailable');
  verbose(c, `Moving the Central Management Server from ${from} to ${to}.`);
  return apply(c, { kind: 'failoverCms' });
};

const installDatabase: Handler = (c) => {
  if (!has(c, 'CentralManagementDatabase')) throw fail('The lab installs only the Central Management database (-CentralManagementDatabase).', 'NotModelled,Install-CsDatabase', 'NotImplemented');
  const server = required(c, 'SqlServerFqdn').toLowerCase();
  const name = (text(c, 'SqlInstanceName') ?? '').toLowerCase();
  const instance = c.deployment.topology.sqlInstances.find((i) => i.poolFqdn === server && i.name.toLowerCase() === name);
  if (!instance) throw fail(`SQL Server instance ${server}${name ? `\\${name}` : ''} is not in the topology.`, 'ObjectNotFound,Install-CsDatabase', 'ObjectNotFound');
  const down = c.view.storeDown(instance.id);
  if (down) throw fail(`Cannot reach ${instance.id}: ${down}.`, 'SqlUnreachable,Install-CsDatabase', 'ResourceUnavailable');
  verbose(c, `Installed the Central Management databases (xds, lis) on ${instance.id}${has(c, 'Clean') ? ' (clean)' : ''}.`);
};

/** P1.6.2: run on one Front End server of the pool the CMS moves to. */
const moveManagementServer: Handler = (c) => {
  const here = c.server === undefined ? undefined : c.view.poolOfMachine.get(c.server);
  if (!here || here.kind !== 'FrontEnd')
    throw fail('Move-CsManagementServer runs on a Front End server of the pool the Central Management Server moves to: run the job on that server.', 'WrongServer,Move-CsManagementServer');
  if (c.view.notServing(here.fqdn)) throw fail(`Pool ${here.fqdn} cannot host the Central Management Server: ${c.view.notServing(here.fqdn)}.`, 'PoolUnreachable,Move-CsManagementServer');
  verbose(c, `Moving the Central Management Server to ${here.fqdn}.`);
  const view = new ScenarioView(c.deployment);
  view.cmsPool = here.fqdn;
  return view.toDeployment();
};

export const HANDLERS: Record<AllowedCmdlet, Handler> = {
  'Get-CsPool': getPool,
  'Get-CsSite': getSite,
  'Get-CsService': getService,
  'Get-CsTopology': getTopology,
  'Get-CsPoolBackupRelationship': getPoolBackupRelationship,
  'Get-CsBackupServiceStatus': getBackupServiceStatus,
  'Get-CsManagementStoreReplicationStatus': getReplicationStatus,
  'Get-CsDatabaseMirrorState': getDatabaseMirrorState,
  'Get-CsPersistentChatState': getChatState,
  'Get-CsPersistentChatActiveServer': getChatActiveServers,
  'Get-CsWindowsService': getWindowsService,
  'Set-CsEdgeServer': setEdgeServer,
  'Set-CsSite': setSite,
  'Invoke-CsManagementServerFailover': cmsFailover,
  'Invoke-CsPoolFailover': poolFailover,
  'Invoke-CsPoolFailback': poolFailback,
  'Set-CsPersistentChatState': setChatState,
  'Set-CsPersistentChatActiveServer': setChatActiveServers,
  'Install-CsDatabase': installDatabase,
  'Move-CsManagementServer': moveManagementServer,
  'Stop-CsWindowsService': changeWindowsServices,
  'Start-CsWindowsService': changeWindowsServices,
};

/** The "What if:" line of a rehearsal: the operation and the target, as ShouldProcess prints it. */
export function whatIfMessage(c: CmdletContext): string {
  const target =
    c.job.cmdlet === 'Invoke-CsManagementServerFailover'
      ? `Central Management Server active on ${c.view.cmsPool ?? '(none)'}`
      : (text(c, 'PoolFqdn') ?? text(c, 'Identity') ?? c.server ?? 'localhost');
  return `What if: Performing the operation "${c.job.cmdlet}" on target "${target}".`;
}
