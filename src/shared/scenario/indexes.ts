/**
 * Look-up tables over a deployment, built in one pass. The topology's tables are kept per Topology
 * object: a scenario never edits the topology it sits on (the model is immutable data: replace it,
 * never mutate it in place), so while the admin edits a scenario every re-validation finds them
 * already built. That matters on large deployments: V8 allocates a Map of more than 4096 entries in
 * large-object space, and rebuilding the service table of a 2000-pool topology alone costs more
 * than a millisecond. The state's tables are small and rebuilt per call.
 */
import type { BackupSyncState, DeploymentState, PersistentChatState, Pool, Service, Site, SqlInstance, Topology } from '../model/types';
import { MEDIA_EDGE_ROLES } from '../model/queries';

const REGISTRAR_KINDS: ReadonlySet<Pool['kind']> = new Set(['FrontEnd', 'Director']);

export function isRegistrarKind(kind: Pool['kind']): boolean {
  return REGISTRAR_KINDS.has(kind);
}

export interface TopologyIndex {
  pools: Map<string, Pool>;
  sites: Map<string, Site>;
  sqlInstances: Map<string, SqlInstance>;
  poolOfMachine: Map<string, Pool>;
  /** Front End and Director pools, in topology order. */
  registrars: Pool[];
  registrarsBySite: Map<string, Pool[]>;
  edgePools: Pool[];
  frontEnds: Pool[];
  persistentChatPools: Pool[];
  services: Map<string, Service>;
  /** Pool FQDN → its service of the role (the first, where a document repeats one). */
  registrarService: Map<string, Service>;
  edgeService: Map<string, Service>;
  cmsService: Map<string, Service>;
  /** Edge pool → its next hop, as the EdgeServer service's Registrar dependency says (as deriveRelations reads it). */
  nextHop: Map<string, string>;
  /** Pool → its media Edge pool: the Registrar's EdgeServer dependency, else ConfServices', else MediationServer's. */
  mediaEdge: Map<string, string>;
  /** The pool whose CentralMgmt service is flagged active. */
  cmsFlagPool: string | undefined;
}

export interface StateIndex {
  backupPools: Map<string, string>;
  backupSync: Map<string, BackupSyncState>;
  failedOver: Map<string, string>;
  xmppRoutes: Map<string, string>;
  persistentChat: Map<string, PersistentChatState>;
  sipRoutes: string[] | undefined;
  cmsActivePool: string | undefined;
}

const topologyIndexes = new WeakMap<Topology, TopologyIndex>();

export function topologyIndex(topology: Topology): TopologyIndex {
  let index = topologyIndexes.get(topology);
  if (!index) {
    index = buildTopologyIndex(topology);
    topologyIndexes.set(topology, index);
  }
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildTopologyIndex(topology: Topology): TopologyIndex {
  const index: TopologyIndex = {
    pools: new Map(),
    sites: new Map(topology.sites.map((s) => [s.id, s])),
    sqlInstances: new Map(topology.sqlInstances.map((i) => [i.id, i])),
    poolOfMachine: new Map(),
    registrars: [],
    registrarsBySite: new Map(),
    edgePools: [],
    frontEnds: [],
    persistentChatPools: [],
    services: new Map(),
    registrarService: new Map(),
    edgeService: new Map(),
    cmsService: new Map(),
    nextHop: new Map(),
    mediaEdge: new Map(),
    cmsFlagPool: undefined,
  };
  for (const pool of topology.pools) {
    index.pools.set(pool.fqdn, pool);
    for (const machine of pool.machines) index.poolOfMachine.set(machine, pool);
    if (REGISTRAR_KINDS.has(pool.kind)) {
      index.registrars.push(pool);
      push(index.registrarsBySite, pool.siteId, pool);
    }
    if (pool.kind === 'Edge') index.edgePools.push(pool);
    if (pool.kind === 'FrontEnd') index.frontEnds.push(pool);
    if (pool.kind === 'PersistentChat') index.persistentChatPools.push(pool);
  }
  const byRole: Record<string, Map<string, Service> | undefined> = {
    Registrar: index.registrarService,
    EdgeServer: index.edgeService,
    CentralMgmt: index.cmsService,
  };
  for (const service of topology.services) {
    index.services.set(service.id, service);
    const map = byRole[service.role];
    if (map && !map.has(service.poolFqdn)) map.set(service.poolFqdn, service);
  }

  const firstDependency = (service: Service, role: string): string | undefined => {
    for (const id of service.dependsOn) {
      const target = index.services.get(id);
      if (target?.role === role) return target.poolFqdn;
    }
    return undefined;
  };
  const mediaRank = new Map<string, number>();
  for (const service of topology.services) {
    if (service.role === 'EdgeServer' && !index.nextHop.has(service.poolFqdn)) {
      const hop = firstDependency(service, 'Registrar');
      if (hop) index.nextHop.set(service.poolFqdn, hop);
    }
    const rank = (MEDIA_EDGE_ROLES as readonly string[]).indexOf(service.role);
    if (rank >= 0 && rank < (mediaRank.get(service.poolFqdn) ?? Infinity)) {
      const edge = firstDependency(service, 'EdgeServer');
      if (edge) {
        index.mediaEdge.set(service.poolFqdn, edge);
        mediaRank.set(service.poolFqdn, rank);
      }
    }
    if (service.role === 'CentralMgmt' && service.cmsActive === true) index.cmsFlagPool ??= service.poolFqdn;
  }
  return index;
}

export function stateIndex(state: DeploymentState): StateIndex {
  const lower = <V>(record: Record<string, V>, value: (v: V) => V = (v) => v) =>
    new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), value(v)] as const));
  const lowerString = (v: string) => v.toLowerCase();
  return {
    backupPools: lower(state.backupPools, lowerString),
    backupSync: lower(state.backupSync),
    failedOver: lower(state.failedOver, lowerString),
    // Site ids are names, kept as written.
    xmppRoutes: new Map(Object.entries(state.xmppRoutes).map(([site, server]) => [site, server.toLowerCase()])),
    persistentChat: lower(state.persistentChat),
    sipRoutes: state.sipFederationRoutes?.map(lowerString),
    cmsActivePool: state.cmsActivePool?.toLowerCase(),
  };
}
