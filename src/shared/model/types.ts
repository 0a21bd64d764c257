/**
 * The deployment model: what PoolPilot knows about a Skype for Business Server / Lync Server 2013
 * deployment. Pure data (JSON-serialisable) so it can travel over IPC, live in snapshots and be
 * compared. Everything else in the app is a function of a Deployment.
 *
 * Two halves:
 *  - `topology`: what a topology document says (sites, pools, machines, SQL instances, services).
 *  - `state`: what the XML cannot say and comes from a snapshot, discovery or the admin
 *    (pairing, federation routes, Persistent Chat state, failover state).
 */

/** Pool kinds, named as `poolpilot inspect --json` prints them. */
export type PoolKind =
  | 'FrontEnd'
  | 'Director'
  | 'Edge'
  | 'SqlBackEnd'
  | 'PersistentChat'
  | 'Mediation'
  | 'OfficeOnline'
  | 'FileStore'
  | 'PstnGateway'
  | 'Other';

export type Edition = 'Enterprise' | 'Standard';

export interface Site {
  /**
   * The site's identity as the cmdlets name it (`Set-CsSite Site1 …`): its Name in a topology
   * document, unique there (Topology Builder enforces it), and the site's key in the model.
   */
  id: string;
  /** What the map shows: the Name from the document, or a friendlier label (the demo's "Datacenter1"). */
  name: string;
  /** The XML `SiteId` (an integer in published documents). */
  number: number;
  kind: 'central' | 'branch';
  /** For a branch site: the id of the central site it belongs to. */
  parentId?: string;
  city?: string;
  state?: string;
  countryCode?: string;
}

export interface SqlInstance {
  /** `<server FQDN>\<instance>`, or the bare server FQDN for the default instance. */
  id: string;
  /** FQDN of the SQL pool (cluster) that holds the instance. */
  poolFqdn: string;
  /** Instance name; '' is the default instance. */
  name: string;
  alwaysOnPrimaryFqdn?: string;
}

export interface Service {
  /** The cmdlet identity: `<RoleName>:<pool FQDN>`, e.g. `EdgeServer:edgepool1.contoso.com`. */
  id: string;
  role: string;
  /** Pool the service is installed on (for store roles: the SQL instance's pool). */
  poolFqdn: string;
  /** For store roles installed on a SQL instance: the instance id. */
  sqlInstanceId?: string;
  /** Ids of the services this one depends on (resolved; dangling references are dropped with a warning). */
  dependsOn: string[];
  /** `<RegistrarService IsDirector="true">`. */
  isDirector?: boolean;
  /** `<CentralMgmtService IsActive=…>` on a CentralMgmt service. */
  cmsActive?: boolean;
}

/** SQL stores of a pool, by role. Ids are SqlInstance ids. */
export interface BackEndStores {
  primary?: string;
  mirror?: string;
  /** Persistent Chat only: the log-shipping backup store in the other data centre, and its mirror. */
  backup?: string;
  backupMirror?: string;
}

export interface Pool {
  /** Lower-cased FQDN: the pool's key. */
  fqdn: string;
  siteId: string;
  kind: PoolKind;
  /** Front End pools only. */
  edition?: Edition;
  /** Lower-cased machine FQDNs, in ordinal order. */
  machines: string[];
  /** Ids of SQL instances hosted on this pool (SQL pools, Standard Edition Front Ends). */
  sqlInstances: string[];
  /** Role names installed on the pool, e.g. ['Registrar', 'UserServices', …]. */
  roles: string[];
  /** The pool's SQL stores (Front End Back End, Persistent Chat databases). */
  backEnd?: BackEndStores;
  /**
   * Servers that stand in another site than the pool's: a Persistent Chat pool stretched across two
   * data centres keeps servers in both (P7 step 7 picks the active ones by data centre). Machine FQDN →
   * site id; a machine not listed is in the pool's site. Not in topology documents: set by the admin,
   * a snapshot or the demo.
   */
  machineSites?: Record<string, string>;
  /** Product version hint from `RoleVersion`/`ServiceVersion` where known (e.g. 'SfB2015', 'Lync2013'). */
  version?: string;
  /**
   * Fields a discovery could not read, so their absence means "not known", never "none": a store
   * whose property the cmdlet's answer lacked, or machineSites, which no read cmdlet reports. The
   * inspector marks them and the planner refuses a step that needs one, naming it.
   */
  unknown?: UnknownPoolField[];
}

export type UnknownPoolField = 'backEnd.mirror' | 'backEnd.backup' | 'backEnd.backupMirror' | 'machineSites';
export const UNKNOWN_POOL_FIELDS: readonly UnknownPoolField[] = ['backEnd.mirror', 'backEnd.backup', 'backEnd.backupMirror', 'machineSites'];

/** `pools[pool1.contoso.com].backEnd.mirror`: how a missing field is named to the admin. */
export const unknownFieldPath = (pool: string, field: UnknownPoolField) => `pools[${pool}].${field}`;

export interface Topology {
  sites: Site[];
  pools: Pool[];
  sqlInstances: SqlInstance[];
  services: Service[];
  defaultDomain?: string;
}

/** Where a topology came from: shown in the status bar and kept in snapshots. */
export interface TopologySource {
  kind: 'demo' | 'file' | 'snapshot' | 'discovery' | 'lab' | 'collector' | 'synthetic';
  /** Display name, e.g. a file's base name or 'Built-in demo deployment'. */
  name: string;
  /** Absolute path where the source is a file. */
  path?: string;
  /** 'published' (<Topology>) or 'tbxml' (Topology Builder) for XML files. */
  form?: 'published' | 'tbxml';
}

export type PersistentChatPoolState = 'Normal' | 'FailedOver';

export interface PersistentChatState {
  poolState: PersistentChatPoolState;
  /** Machine FQDNs of the active Persistent Chat servers. */
  activeServers: string[];
}

export interface BackupSyncState {
  /** ISO time of the last completed synchronisation, when known. */
  lastSync?: string;
  /** Backup Service state as reported, e.g. 'SteadyState'. */
  state?: string;
}

/**
 * What the topology XML cannot say. Every field is optional knowledge: absent means "unknown",
 * which the validation rules report instead of silently passing.
 */
export interface DeploymentState {
  /** Front End pool FQDN → its backup pool FQDN (one entry per direction as reported). */
  backupPools: Record<string, string>;
  /** Edge pool FQDNs carrying SIP federation (normally exactly one). Undefined: not known. */
  sipFederationRoutes?: string[];
  /** Site id → FQDN of the Edge server carrying XMPP federation for that site. */
  xmppRoutes: Record<string, string>;
  /** Persistent Chat pool FQDN → its state. */
  persistentChat: Record<string, PersistentChatState>;
  /** Home pool FQDN → pool currently serving its users (present only while failed over). */
  failedOver: Record<string, string>;
  /** CMS active master as reported by Get-CsManagementStoreReplicationStatus (overrides the XML). */
  cmsActivePool?: string;
  /** Front End pool FQDN → Backup Service synchronisation state with its partner. */
  backupSync: Record<string, BackupSyncState>;
}

export interface Deployment {
  topology: Topology;
  state: DeploymentState;
  source: TopologySource;
}

/** Relation kinds, named as `poolpilot inspect --json` prints them. */
export type RelationKind =
  | 'edgeNextHop' // Edge pool → Front End/Director pool
  | 'mediaEdge' // Front End pool → Edge pool
  | 'backupPool' // Front End pool → its backup pool
  | 'cmsActive' // pool hosting the active CMS → the SQL pool holding its store
  | 'cmsStandby' // pool hosting the standby CMS → the SQL pool holding its store
  | 'sipFederationRoute' // site of the route → Edge pool
  | 'xmppFederationRoute' // site → Edge pool (the Edge server's pool); `via` names the server
  | 'backEnd' // Front End pool → SQL pool (role in `role`)
  | 'chatStore' // Persistent Chat pool → SQL pool (role in `role`)
  | 'failedOverTo'; // home pool → pool serving its users

export interface Relation {
  kind: RelationKind;
  from: string;
  to: string;
  /** e.g. 'primary' | 'mirror' | 'backup' for store relations. */
  role?: string;
  /** For xmppFederationRoute: the Edge server FQDN named in the route. */
  via?: string;
}

/** A problem found while reading input: names the file and line/column, or the element. */
export interface ImportIssue {
  severity: 'error' | 'warning';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** The element or field involved, e.g. `Cluster[Fqdn="pool1.contoso.com"]`. */
  element?: string;
}
