/**
 * Discovery's reading half: the objects the read cmdlets output (as the job records bring them
 * back, ConvertTo-Json'd) → the parts of a Deployment. Pure, so the collector's snapshot, the live
 * session and the tests all read results the same way.
 *
 * Property names follow cmdlets.md and topology-xml.md; where the references disagree (the XMPP
 * route), both spellings are read. Anything unreadable becomes an issue naming the cmdlet and the
 * property, never a silent gap.
 */
import type { BackEndStores, BackupSyncState, DeploymentState, ImportIssue, PersistentChatState, Pool, Topology, UnknownPoolField } from '../model/types';
import { unknownFieldPath } from '../model/types';

/** The results of each read query, as `results` of the job outcomes. Absent: the query failed or was not run. */
export interface DiscoveryResults {
  sites?: unknown[];
  /** Get-CsPool: checked against the document (a stale local replica lacks new pools). */
  pools?: unknown[];
  /** Get-CsService -UserDatabase: each Front End Back End's mirror. */
  userDatabases?: unknown[];
  /** Get-CsService -PersistentChatDatabase: each Persistent Chat store's mirror and log-shipping backup. */
  chatDatabases?: unknown[];
  backupRelationships?: unknown[];
  /**
   * Get-CsBackupServiceStatus of each paired Front End pool, as `{ poolFqdn, status }`: the pool
   * asked about travels beside the cmdlet's output because the output's own properties are not
   * documented.
   */
  backupStatuses?: unknown[];
  /** Get-CsService -CentralManagement. */
  cmsServices?: unknown[];
  /** Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus. */
  cmsStatus?: unknown[];
  /** Get-CsManagementStoreReplicationStatus (one object per replica). */
  replicas?: unknown[];
  chatStates?: unknown[];
  chatActiveServers?: unknown[];
  /** Get-CsService -EdgeServer. */
  edgeServices?: unknown[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
/** `Role:fqdn`, `Site:Site1`, `service:x` or a bare value → the value (FQDNs lower-cased by the caller). */
const unprefix = (v: string) => v.replace(/^[A-Za-z]+:/, '');
const fqdnOf = (v: unknown) => {
  const s = str(v);
  return s === undefined ? undefined : unprefix(s).toLowerCase();
};
/** ConvertTo-Json writes a one-item collection as the item itself (Windows PowerShell 5.1). */
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function objects(results: unknown[], cmdlet: string, issues: ImportIssue[]): Obj[] {
  return results.filter((r, i) => {
    if (isObj(r)) return true;
    issues.push({ severity: 'warning', message: `${cmdlet}: result ${i + 1} is not an object; ignored`, element: cmdlet });
    return false;
  }) as Obj[];
}

/**
 * The XMPP route of a site. The procedures' property names an Edge server; the reference's an Edge
 * pool's service identity, which is resolved to the pool's first server (what Set-CsSite does with
 * a pool, src/lab/cmdlets.ts).
 */
function xmppServer(site: Obj, topology: Topology): string | undefined {
  const server = fqdnOf(site.XmppExternalFederationRoute);
  if (server !== undefined) return server;
  const named = fqdnOf(site.XmppFederationRoute);
  if (named === undefined) return undefined;
  const pool = topology.pools.find((p) => p.fqdn === named);
  return pool ? (pool.machines[0] ?? named) : named;
}

/**
 * A time as the job records bring it: Windows PowerShell 5.1's ConvertTo-Json writes a [DateTime]
 * as "/Date(<ms>)/" (an offset may follow the milliseconds; the milliseconds are UTC either way),
 * wrapped in `{ value, DisplayHint, DateTime }` when it came from Get-Date; later PowerShell and
 * hand-made files write ISO 8601. Undefined when it is none of these.
 */
export function readPowerShellTime(v: unknown): string | undefined {
  if (isObj(v) && 'value' in v) return readPowerShellTime(v.value);
  const s = str(v);
  if (s === undefined) return undefined;
  const ms = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(s);
  const time = ms ? Number(ms[1]) : /^\d{4}-\d{2}-\d{2}T/.test(s) ? Date.parse(s) : NaN;
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

/**
 * Export states of the Backup Service, healthiest first (the TechNet blog cited in src/lab/cmdlets.ts):
 * FinalState — everything exported and imported by the partner; SteadyState — keeping up;
 * NonSteadyState — a backlog is building; NotInitialized — nothing exported yet; ErrorState — failing.
 * A value not listed here ranks as the worst: it is reported as it came.
 */
const EXPORT_STATES = ['finalstate', 'steadystate', 'nonsteadystate', 'notinitialized', 'errorstate'];
const exportRank = (state: string) => {
  const i = EXPORT_STATES.indexOf(state.toLowerCase());
  return i < 0 ? EXPORT_STATES.length : i;
};

/**
 * One pool's Get-CsBackupServiceStatus output → how far its Backup Service has copied its data to the
 * partner: the worst export state of its modules and the oldest last-export time. The CMS module is
 * left out while NotInitialized (it exports only from the pool hosting the active CMS master).
 * `LastExportTime` is a guessed property name (src/lab/cmdlets.ts): without it the time stays unknown.
 */
function readBackupStatus(pool: string, outputs: unknown[], issues: ImportIssue[]): BackupSyncState | undefined {
  const cmdlet = `Get-CsBackupServiceStatus -PoolFqdn ${pool}`;
  const modules = outputs.filter(isObj).flatMap((o) => list(o.BackupModules)).filter(isObj);
  if (modules.length === 0) {
    issues.push({ severity: 'warning', message: `${cmdlet}: no BackupModules in the answer; the pair's synchronisation stays unknown`, element: 'BackupModules' });
    return undefined;
  }
  const exporting = modules.filter((m) => !(/^CentralMgmt\./i.test(str(m.Identity) ?? '') && str(m.ExportStatus)?.toLowerCase() === 'notinitialized'));
  const states = exporting.map((m) => str(m.ExportStatus)).filter((s): s is string => s !== undefined);
  const times: string[] = [];
  for (const m of exporting) {
    if (m.LastExportTime === undefined || m.LastExportTime === null) continue;
    const time = readPowerShellTime(m.LastExportTime);
    if (time !== undefined) times.push(time);
    else issues.push({ severity: 'warning', message: `${cmdlet}: cannot read LastExportTime ${JSON.stringify(m.LastExportTime)} of module ${str(m.Identity) ?? '(unnamed)'}`, element: 'LastExportTime' });
  }
  const state = states.sort((a, b) => exportRank(b) - exportRank(a))[0];
  const lastSync = times.sort()[0];
  if (state === undefined && lastSync === undefined) return undefined;
  return { ...(lastSync !== undefined ? { lastSync } : {}), ...(state !== undefined ? { state } : {}) };
}

/** The store roles a database service's answer names beside its own instance, by property prefix. */
const STORE_PROPERTIES: Record<'FrontEnd' | 'PersistentChat', [Exclude<keyof BackEndStores, 'primary'>, string][]> = {
  FrontEnd: [['mirror', 'Mirror']],
  PersistentChat: [
    ['mirror', 'Mirror'],
    ['backup', 'Backup'],
    ['backupMirror', 'BackupMirror'],
  ],
};

/**
 * Each Front End and Persistent Chat pool's mirror (and Persistent Chat's backup and its mirror),
 * read from the database service of the pool's primary store — found by `PoolFqdn` and
 * `SqlInstanceName`, the two properties community scripts read off database services. The
 * `<Prefix>SqlServerFqdn` / `<Prefix>SqlInstanceName` names are guesses (src/lab/cmdlets.ts): where
 * the answer lacks one, or the query failed, the store is marked unknown rather than absent, so
 * nothing downstream mistakes "not read" for "not mirrored". A null or empty value means none.
 */
function readStores(topology: Topology, r: DiscoveryResults, issues: ImportIssue[]): Pool[] {
  const instances = new Map(topology.sqlInstances.map((i) => [i.id, i]));
  const answers = {
    FrontEnd: { cmdlet: 'Get-CsService -UserDatabase', results: r.userDatabases },
    PersistentChat: { cmdlet: 'Get-CsService -PersistentChatDatabase', results: r.chatDatabases },
  } as const;
  const read = {
    FrontEnd: objects(r.userDatabases ?? [], answers.FrontEnd.cmdlet, issues),
    PersistentChat: objects(r.chatDatabases ?? [], answers.PersistentChat.cmdlet, issues),
  };
  return topology.pools.map((pool) => {
    if (pool.kind !== 'FrontEnd' && pool.kind !== 'PersistentChat') return pool;
    const primary = pool.backEnd?.primary;
    const instance = primary === undefined ? undefined : instances.get(primary);
    if (instance === undefined) return pool;
    const { cmdlet, results } = answers[pool.kind];
    const roles = STORE_PROPERTIES[pool.kind];
    const stores: BackEndStores = { primary: instance.id };
    const unknown: UnknownPoolField[] = [];
    const service =
      results === undefined
        ? undefined
        : read[pool.kind].find((o) => fqdnOf(o.PoolFqdn) === instance.poolFqdn && (str(o.SqlInstanceName) ?? '').toLowerCase() === instance.name.toLowerCase());
    if (results !== undefined && service === undefined)
      issues.push({ severity: 'warning', message: `${cmdlet} does not list ${instance.id}, the primary store of ${pool.fqdn}: its other stores are unknown`, element: pool.fqdn });
    for (const [role, prefix] of roles) {
      const field = `backEnd.${role}` as UnknownPoolField;
      const property = `${prefix}SqlServerFqdn`;
      if (service === undefined) {
        unknown.push(field);
        continue;
      }
      if (!(property in service)) {
        unknown.push(field);
        issues.push({ severity: 'warning', message: `${cmdlet}: the answer for ${instance.id} has no ${property}, so ${unknownFieldPath(pool.fqdn, field)} is unknown`, element: property });
        continue;
      }
      const server = fqdnOf(service[property]);
      if (server === undefined) continue;
      const name = str(service[`${prefix}SqlInstanceName`]) ?? '';
      const id = name ? `${server}\\${name.toLowerCase()}` : server;
      if (instances.has(id)) stores[role] = id;
      else {
        unknown.push(field);
        issues.push({ severity: 'warning', message: `${cmdlet}: ${property} of ${instance.id} names ${id}, which is not a SQL instance in the topology; ${unknownFieldPath(pool.fqdn, field)} is unknown`, element: property });
      }
    }
    // Which data centre each server of a stretched pool stands in is in no document and no read
    // cmdlet: a pool with a backup store picks its active servers by it (P7 step 7, P8 step 6).
    if (pool.kind === 'PersistentChat' && (stores.backup !== undefined || unknown.includes('backEnd.backup'))) unknown.push('machineSites');
    return { ...pool, backEnd: stores, ...(unknown.length > 0 ? { unknown } : {}) };
  });
}

/** Applies what the query results say to `state` (a copy is returned) and to the sites' display names. */
export function readDiscoveryResults(topology: Topology, r: DiscoveryResults): { topology: Topology; state: DeploymentState; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const state: DeploymentState = { backupPools: {}, xmppRoutes: {}, persistentChat: {}, failedOver: {}, backupSync: {} };
  let sites = topology.sites;
  let services = topology.services;

  if (r.sites) {
    const sip = new Set<string>();
    const names = new Map<string, string>();
    for (const s of objects(r.sites, 'Get-CsSite', issues)) {
      const id = str(s.Identity) && unprefix(str(s.Identity)!);
      if (id === undefined) {
        issues.push({ severity: 'warning', message: 'Get-CsSite: a site without Identity; ignored', element: 'Get-CsSite' });
        continue;
      }
      const siteId = topology.sites.find((t) => t.id.toLowerCase() === id.toLowerCase())?.id ?? id;
      const display = str(s.DisplayName);
      if (display !== undefined) names.set(siteId, display);
      const route = fqdnOf(s.FederationRoute);
      if (route !== undefined) sip.add(route);
      const xmpp = xmppServer(s, topology);
      if (xmpp !== undefined) state.xmppRoutes[siteId] = xmpp;
    }
    state.sipFederationRoutes = [...sip];
    sites = sites.map((s) => (names.has(s.id) ? { ...s, name: names.get(s.id)! } : s));
  }

  const known = new Set(topology.pools.map((p) => p.fqdn));
  for (const p of objects(r.pools ?? [], 'Get-CsPool', issues)) {
    const fqdn = fqdnOf(p.Identity) ?? fqdnOf(p.Fqdn);
    if (fqdn !== undefined && !known.has(fqdn))
      issues.push({ severity: 'warning', message: `Get-CsPool lists ${fqdn}, which the topology document lacks (was it read from a stale local replica?)`, element: fqdn });
  }

  for (const b of objects(r.backupRelationships ?? [], 'Get-CsPoolBackupRelationship', issues)) {
    const pool = fqdnOf(b.PoolFqdn);
    const backup = fqdnOf(b.BackupPoolFqdn);
    if (pool && backup) state.backupPools[pool] = backup;
    else issues.push({ severity: 'warning', message: 'Get-CsPoolBackupRelationship: a result without PoolFqdn or BackupPoolFqdn; ignored', element: 'Get-CsPoolBackupRelationship' });
  }

  for (const b of objects(r.backupStatuses ?? [], 'Get-CsBackupServiceStatus', issues)) {
    const pool = fqdnOf(b.poolFqdn);
    if (pool === undefined) {
      issues.push({ severity: 'warning', message: 'Get-CsBackupServiceStatus: a result without the pool it was asked about; ignored', element: 'Get-CsBackupServiceStatus' });
      continue;
    }
    const sync = readBackupStatus(pool, list(b.status), issues);
    if (sync !== undefined) state.backupSync[pool] = sync;
  }

  // The active master reported by the replication status outranks IsActive of the services.
  const master = objects(r.cmsStatus ?? [], 'Get-CsManagementStoreReplicationStatus', issues).map((s) => fqdnOf(s.ActiveMasterFqdn)).find(Boolean);
  if (master !== undefined) state.cmsActivePool = master;
  else if (r.cmsStatus) {
    issues.push({
      severity: 'warning',
      message: 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus: ActiveMasterFqdn is empty — the Central Management Server is not available',
      element: 'ActiveMasterFqdn',
    });
  }
  const active = objects(r.cmsServices ?? [], 'Get-CsService -CentralManagement', issues).filter((s) => s.IsActive === true).map((s) => fqdnOf(s.PoolFqdn));
  if (state.cmsActivePool === undefined && active[0] !== undefined) state.cmsActivePool = active[0];

  for (const replica of objects(r.replicas ?? [], 'Get-CsManagementStoreReplicationStatus', issues)) {
    if (replica.UpToDate === false)
      issues.push({ severity: 'warning', message: `CMS replica ${fqdnOf(replica.ReplicaFqdn) ?? '(unnamed)'} is not up to date`, element: 'UpToDate' });
  }

  const chat = new Map<string, PersistentChatState>();
  for (const c of objects(r.chatStates ?? [], 'Get-CsPersistentChatState', issues)) {
    const pool = fqdnOf(c.Identity);
    const poolState = c.PoolState === 'FailedOver' || c.PoolState === 'Normal' ? c.PoolState : undefined;
    if (pool && poolState) chat.set(pool, { poolState, activeServers: [] });
    else issues.push({ severity: 'warning', message: `Get-CsPersistentChatState: cannot read Identity and PoolState (Normal|FailedOver) of ${JSON.stringify(c)}`, element: 'PoolState' });
  }
  for (const a of objects(r.chatActiveServers ?? [], 'Get-CsPersistentChatActiveServer', issues)) {
    const pool = fqdnOf(a.Identity);
    if (pool === undefined) continue;
    const entry = chat.get(pool) ?? { poolState: 'Normal', activeServers: [] };
    chat.set(pool, { ...entry, activeServers: list(a.ActiveServers).map(fqdnOf).filter((s): s is string => s !== undefined) });
  }
  state.persistentChat = Object.fromEntries(chat);

  // Edge next hops as Get-CsService -EdgeServer reports them replace the document's (they can differ
  // when the topology was read from a stale local replica).
  for (const e of objects(r.edgeServices ?? [], 'Get-CsService -EdgeServer', issues)) {
    const id = str(e.Identity);
    const hop = fqdnOf(e.Registrar);
    if (id === undefined || hop === undefined) continue;
    const registrar = services.find((s) => s.role === 'Registrar' && s.poolFqdn === hop);
    if (!registrar) {
      issues.push({ severity: 'warning', message: `Get-CsService -EdgeServer: next hop ${hop} of ${id} is not a Registrar in the topology`, element: id });
      continue;
    }
    services = services.map((s) => {
      if (s.id.toLowerCase() !== id.toLowerCase()) return s;
      // In place, so the order of the relations drawn from dependencies stays the document's.
      const replaced = s.dependsOn.map((d) => (d.startsWith('Registrar:') ? registrar.id : d));
      return { ...s, dependsOn: replaced.includes(registrar.id) ? [...new Set(replaced)] : [...replaced, registrar.id] };
    });
  }

  // No documented read cmdlet says whether a pool's users are failed over (cmdlets.md; Get-CsPoolFabricState
  // prints text for people, not data), so discovery infers nothing there and says so wherever it matters.
  if (Object.keys(state.backupPools).length > 0)
    issues.push({
      severity: 'warning',
      message:
        "Discovery cannot tell whether a Front End pool's users are failed over (no documented read cmdlet reports it), so every pool is shown serving its own users: " +
        'check the pools yourself (Get-CsPoolFabricState -PoolFqdn <pool>) before planning a failover or a failback.',
      element: 'failedOver',
    });

  const pools = readStores(topology, r, issues);
  return { topology: { ...topology, sites, pools, services }, state, issues };
}
