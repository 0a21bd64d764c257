/**
 * A deployment seen through a scenario. Validation re-runs from scratch after every edit and must
 * stay fast on thousands of pools, so everything is looked up in Maps (built once per deployment,
 * see indexes.ts); the relations a scenario can change (next hops, media Edges, CMS, routes,
 * failover state) are copies that `apply` updates change by change. `toDeployment` writes them
 * back into a Deployment, so applyScenario and validate share one meaning of every change.
 */
import type { BackupSyncState, Deployment, PersistentChatState, Pool, Service, Site, SqlInstance } from '../model/types';
import { MEDIA_EDGE_ROLES } from '../model/queries';
import { isRegistrarKind, stateIndex, topologyIndex, type TopologyIndex } from './indexes';
import type { DownComponent, ScenarioChange } from './types';

export class ScenarioView {
  // Shared, read-only tables of the deployment.
  readonly pools: ReadonlyMap<string, Pool>;
  readonly sites: ReadonlyMap<string, Site>;
  readonly sqlInstances: ReadonlyMap<string, SqlInstance>;
  readonly poolOfMachine: ReadonlyMap<string, Pool>;
  /** Front End and Director pools, in topology order. */
  readonly registrars: readonly Pool[];
  readonly registrarsBySite: ReadonlyMap<string, readonly Pool[]>;
  readonly edgePools: readonly Pool[];
  readonly frontEnds: readonly Pool[];
  readonly persistentChatPools: readonly Pool[];
  readonly services: ReadonlyMap<string, Service>;
  /** Pool FQDN → its service of the role the changes rewrite. */
  readonly registrarService: ReadonlyMap<string, Service>;
  readonly edgeService: ReadonlyMap<string, Service>;
  readonly cmsService: ReadonlyMap<string, Service>;
  readonly backupPools: ReadonlyMap<string, string>;
  readonly backupSync: ReadonlyMap<string, BackupSyncState>;

  private readonly index: TopologyIndex;
  private readonly downSites = new Set<string>();
  private readonly downPools = new Set<string>();
  private readonly downStores = new Set<string>();
  /** Media Edge associations this scenario changed; the rest are the topology's (one per Front End pool, too many to copy). */
  private readonly mediaEdgeChanges = new Map<string, string>();
  private readonly baseCmsPool: string | undefined;

  // What the changes move. Initialised from the deployment, updated by apply().
  readonly nextHop: Map<string, string>;
  cmsPool: string | undefined;
  readonly failedOver: Map<string, string>;
  sipRoutes: string[] | undefined;
  readonly xmppRoutes: Map<string, string>;
  readonly persistentChat: Map<string, PersistentChatState>;

  constructor(
    readonly deployment: Deployment,
    down: readonly DownComponent[] = [],
  ) {
    const index = topologyIndex(deployment.topology);
    const state = stateIndex(deployment.state);
    this.index = index;
    this.pools = index.pools;
    this.sites = index.sites;
    this.sqlInstances = index.sqlInstances;
    this.poolOfMachine = index.poolOfMachine;
    this.registrars = index.registrars;
    this.registrarsBySite = index.registrarsBySite;
    this.edgePools = index.edgePools;
    this.frontEnds = index.frontEnds;
    this.persistentChatPools = index.persistentChatPools;
    this.services = index.services;
    this.registrarService = index.registrarService;
    this.edgeService = index.edgeService;
    this.cmsService = index.cmsService;
    this.backupPools = state.backupPools;
    this.backupSync = state.backupSync;

    this.nextHop = new Map(index.nextHop);
    // The reported active master outranks the XML flag, which still names the pre-failover pool.
    this.baseCmsPool = state.cmsActivePool ?? index.cmsFlagPool;
    this.cmsPool = this.baseCmsPool;
    this.failedOver = new Map(state.failedOver);
    this.sipRoutes = state.sipRoutes && [...state.sipRoutes];
    this.xmppRoutes = new Map(state.xmppRoutes);
    this.persistentChat = new Map(state.persistentChat);

    for (const c of down) {
      if (c.kind === 'site') this.downSites.add(c.siteId);
      else if (c.kind === 'pool') this.downPools.add(c.fqdn.toLowerCase());
      else this.downStores.add(c.instanceId.toLowerCase());
    }
  }

  /** The Edge pool the pool's Web Conferencing and A/V media use. */
  mediaEdgeOf(pool: string): string | undefined {
    return this.mediaEdgeChanges.get(pool) ?? this.index.mediaEdge.get(pool);
  }

  // ---- down components ----------------------------------------------------------------------

  /** Why the pool is down (the pool or its site marked down), or undefined when it is up. */
  poolDown(fqdn: string): string | undefined {
    const pool = this.pools.get(fqdn);
    if (this.downPools.has(fqdn)) return `${fqdn} is down`;
    if (pool && this.downSites.has(pool.siteId)) return `${fqdn} is down (its site ${pool.siteId} is down)`;
    return undefined;
  }

  /** Why a SQL instance is unavailable (itself, or the SQL pool / site holding it), or undefined. */
  storeDown(instanceId: string): string | undefined {
    if (this.downStores.has(instanceId)) return `SQL store ${instanceId} is down`;
    const instance = this.sqlInstances.get(instanceId);
    const host = instance && this.poolDown(instance.poolFqdn);
    return host ? `SQL store ${instanceId} is down (${host})` : undefined;
  }

  /**
   * Why a store with an optional SQL mirror is unavailable: the primary is down and there is no
   * mirror, or the mirror is down too (mirroring keeps the store up on the mirror). Undefined when up.
   */
  private mirroredStoreDown(primary: string | undefined, mirror: string | undefined): string | undefined {
    const primaryDown = primary === undefined ? undefined : this.storeDown(primary);
    if (!primaryDown) return undefined;
    if (mirror === undefined) return primaryDown;
    const mirrorDown = this.storeDown(mirror);
    return mirrorDown ? `${primaryDown}, and so is its mirror` : undefined;
  }

  /**
   * Why the pool cannot serve: it is down, or its SQL store is. Persistent Chat failed over runs on
   * its backup stores. Undefined when it can serve.
   */
  notServing(fqdn: string): string | undefined {
    const down = this.poolDown(fqdn);
    if (down) return down;
    const stores = this.pools.get(fqdn)?.backEnd;
    if (!stores) return undefined;
    const onBackup = this.persistentChat.get(fqdn)?.poolState === 'FailedOver';
    const storeDown = onBackup ? this.mirroredStoreDown(stores.backup, stores.backupMirror) : this.mirroredStoreDown(stores.primary, stores.mirror);
    return storeDown && `${fqdn} cannot serve: its ${onBackup ? 'backup ' : ''}${storeDown}`;
  }

  /**
   * Why the pool cannot take registrar work (be an Edge next hop, take failed-over users): not a
   * Front End or Director pool, not serving, or its own users failed over. Undefined when it can.
   */
  registrarProblem(fqdn: string): string | undefined {
    const pool = this.pools.get(fqdn);
    if (!pool) return `${fqdn} is not in the topology`;
    if (!isRegistrarKind(pool.kind)) return `${fqdn} is ${article(pool.kind)} ${kindLabel(pool.kind)}, not a Front End or Director pool`;
    const serving = this.notServing(fqdn);
    if (serving) return serving;
    const to = this.failedOver.get(fqdn);
    if (to !== undefined) return `${fqdn} is failed over (its users are served by ${to})`;
    return undefined;
  }

  siteOf(fqdn: string): string | undefined {
    return this.pools.get(fqdn)?.siteId;
  }

  /** The site a server stands in: its pool's, unless the pool is stretched (Pool.machineSites). */
  siteOfMachine(machine: string): string | undefined {
    const pool = this.poolOfMachine.get(machine);
    return pool?.machineSites?.[machine] ?? pool?.siteId;
  }

  /** The SQL instance holding the active CMS's store (the CentralMgmtStore the CMS service depends on). */
  cmsStore(poolFqdn: string): string | undefined {
    const cms = this.cmsService.get(poolFqdn);
    for (const id of cms?.dependsOn ?? []) {
      const store = this.services.get(id);
      if (store?.role === 'CentralMgmtStore' && store.sqlInstanceId) return store.sqlInstanceId;
    }
    return undefined;
  }

  /** Why the CMS cannot work where it is active, or undefined when it can. */
  cmsUnavailable(): string | undefined {
    if (this.cmsPool === undefined) return undefined;
    const pool = this.notServing(this.cmsPool);
    if (pool) return pool;
    const store = this.cmsStore(this.cmsPool);
    if (store === undefined) return undefined;
    // A CMS store on the pool's mirrored Back End is mirrored with it.
    const stores = this.pools.get(this.cmsPool)?.backEnd;
    return this.mirroredStoreDown(store, stores?.primary === store ? stores.mirror : undefined);
  }

  // ---- changes --------------------------------------------------------------------------------

  /**
   * Applies one change to the maps. A change that cannot take effect (no backup pool to fail over
   * to, a next hop that is no registrar) leaves them as they were: validate reports it.
   */
  apply(change: ScenarioChange): void {
    switch (change.kind) {
      case 'failoverPool': {
        const backup = this.backupPools.get(change.pool);
        if (backup !== undefined) this.failedOver.set(change.pool, backup);
        break;
      }
      case 'failbackPool':
        this.failedOver.delete(change.pool);
        break;
      case 'reassignNextHop':
        if (this.edgeService.has(change.edgePool) && this.registrarService.has(change.nextHop))
          this.nextHop.set(change.edgePool, change.nextHop);
        break;
      case 'moveSipFederation':
        this.sipRoutes = [change.edgePool];
        break;
      case 'moveXmppRoute':
        this.xmppRoutes.set(change.siteId, change.edgeServer);
        break;
      case 'changeMediaEdge':
        if (this.pools.has(change.pool) && this.edgeService.has(change.edgePool)) this.mediaEdgeChanges.set(change.pool, change.edgePool);
        break;
      case 'failoverPersistentChat':
        this.persistentChat.set(change.pool, { poolState: 'FailedOver', activeServers: [...change.activeServers] });
        break;
      case 'failbackPersistentChat':
        this.persistentChat.set(change.pool, { poolState: 'Normal', activeServers: [...change.activeServers] });
        break;
      case 'failoverCms': {
        const backup = this.cmsPool === undefined ? undefined : this.backupPools.get(this.cmsPool);
        if (backup !== undefined) this.cmsPool = backup;
        break;
      }
    }
  }

  /** The deployment with the applied changes written back; untouched parts are shared, not copied. */
  toDeployment(): Deployment {
    const { topology, state } = this.deployment;
    const rewritten = new Map<string, Service>();

    for (const [edge, hop] of this.nextHop) {
      if (this.index.nextHop.get(edge) === hop) continue;
      const service = this.edgeService.get(edge)!;
      const registrar = this.registrarService.get(hop)!;
      const kept = service.dependsOn.filter((id) => this.services.get(id)?.role !== 'Registrar');
      rewritten.set(service.id, { ...service, dependsOn: [...kept, registrar.id] });
    }
    for (const [pool, edge] of this.mediaEdgeChanges) {
      if (this.index.mediaEdge.get(pool) === edge) continue;
      this.rewriteMediaEdge(pool, this.edgeService.get(edge)!.id, rewritten);
    }
    const cmsMoved = this.cmsPool !== this.baseCmsPool;
    if (cmsMoved) {
      for (const service of this.cmsService.values()) {
        const active = service.poolFqdn === this.cmsPool;
        if ((service.cmsActive === true) !== active) rewritten.set(service.id, { ...service, cmsActive: active });
      }
    }

    const services = rewritten.size === 0 ? topology.services : topology.services.map((s) => rewritten.get(s.id) ?? s);
    return {
      ...this.deployment,
      topology: rewritten.size === 0 ? topology : { ...topology, services },
      state: {
        ...state,
        failedOver: Object.fromEntries(this.failedOver),
        xmppRoutes: Object.fromEntries(this.xmppRoutes),
        persistentChat: Object.fromEntries(this.persistentChat),
        ...(this.sipRoutes === undefined ? {} : { sipFederationRoutes: [...this.sipRoutes] }),
        ...(cmsMoved && this.cmsPool !== undefined ? { cmsActivePool: this.cmsPool } : {}),
      },
    };
  }

  /**
   * P6 in Topology Builder sets one association for the pool; in the document it is the EdgeServer
   * dependency of the pool's Registrar, ConfServices and MediationServer services. Those that name an
   * Edge get the new one; when none did, the Registrar and ConfServices services get it.
   */
  private rewriteMediaEdge(pool: string, edgeServiceId: string, rewritten: Map<string, Service>): void {
    const own = MEDIA_EDGE_ROLES.map((role) => this.services.get(`${role}:${pool}`)).filter((s): s is Service => s !== undefined);
    const isEdge = (id: string) => this.services.get(id)?.role === 'EdgeServer';
    const naming = own.filter((s) => s.dependsOn.some(isEdge));
    const targets = naming.length > 0 ? naming : own.filter((s) => s.role !== 'MediationServer');
    for (const service of targets) {
      rewritten.set(service.id, { ...service, dependsOn: [...service.dependsOn.filter((id) => !isEdge(id)), edgeServiceId] });
    }
  }
}

const KIND_LABELS: Record<Pool['kind'], string> = {
  FrontEnd: 'Front End pool',
  Director: 'Director pool',
  Edge: 'Edge pool',
  SqlBackEnd: 'SQL Server pool',
  PersistentChat: 'Persistent Chat pool',
  Mediation: 'Mediation pool',
  OfficeOnline: 'Office Online Server pool',
  FileStore: 'file store',
  PstnGateway: 'PSTN gateway',
  Other: 'pool',
};

export function kindLabel(kind: Pool['kind']): string {
  return KIND_LABELS[kind];
}

function article(kind: Pool['kind']): string {
  return /^[aeiou]/i.test(KIND_LABELS[kind]) ? 'an' : 'a';
}
