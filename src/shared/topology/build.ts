/**
 * RawTopology → Topology: resolves references, checks and lower-cases FQDNs, drops duplicates and
 * derives pool kinds and back-end stores. Anything unusable is skipped with a warning naming its
 * element and line; what depends only on skipped things is dropped quietly, since its cause has
 * already been reported once.
 */
import type { Pool, Service, Site, SqlInstance, Topology } from '../model/types';
import { normalizeFqdn } from './fqdn';
import { frontEndEdition, poolKind, productVersion } from './kinds';
import type { IssueLog, RawCluster, RawRef, RawService, RawSite, RawTopology } from './raw';
import { spell } from './raw';

interface PoolDraft {
  pool: Pool;
  requiresSetup: boolean;
  services: Service[];
  serviceVersions: string[];
}

/** The store role a pool kind's primary back end is read from. */
const PRIMARY_STORE_ROLE: Partial<Record<Pool['kind'], string>> = {
  FrontEnd: 'UserStore',
  PersistentChat: 'PersistentChatStore',
};

export function buildTopology(raw: RawTopology, log: IssueLog): Topology {
  // Keys of records skipped with a warning: references to them are dropped without a second one.
  const skipped = new Set<string>();
  const { sites, siteIdByKey } = buildSites(raw.sites, log);
  const poolByKey = buildPools(raw.clusters, siteIdByKey, skipped, log);
  const instanceByKey = buildSqlInstances(raw, poolByKey, skipped, log);
  const pools = [...poolByKey.values()];
  const services = buildServices(raw.services, pools, poolByKey, instanceByKey, skipped, log);
  const sqlInstances = [...instanceByKey.values()];
  finishPools(pools, services, sqlInstances);
  return {
    sites,
    pools: pools.map((d) => d.pool),
    sqlInstances,
    services,
    ...(raw.defaultDomain ? { defaultDomain: raw.defaultDomain.toLowerCase() } : {}),
  };
}

function buildSites(rawSites: RawSite[], log: IssueLog): { sites: Site[]; siteIdByKey: Map<string, string> } {
  const sites: Site[] = [];
  const siteIdByKey = new Map<string, string>();
  const siteById = new Map<string, Site>();
  for (const raw of rawSites) {
    const element = `${raw.local}[SiteId="${raw.siteId ?? ''}"]`;
    if (siteIdByKey.has(raw.key)) {
      log.warn(`Site ${raw.siteId} appears twice; the later one is skipped`, raw, element);
      continue;
    }
    const number = Number(raw.siteId);
    if (!Number.isInteger(number)) log.warn(`SiteId "${raw.siteId ?? ''}" is not an integer; site number 0 used`, raw, element);
    let name = raw.name;
    if (!name) {
      name = `Site ${raw.siteId ?? sites.length + 1}`;
      log.warn(`Site has no Name; called "${name}"`, raw, element);
    }
    // A site's name is its id; Topology Builder keeps names unique, but a hand-edited file may not.
    let id = name;
    for (let n = 2; siteById.has(id); n++) id = `${name} (${n})`;
    if (id !== name) log.warn(`Site name "${name}" is used by another site; this one is called "${id}"`, raw, element);
    const site: Site = {
      id,
      name,
      number: Number.isInteger(number) ? number : 0,
      kind: raw.kind,
      ...(raw.city ? { city: raw.city } : {}),
      ...(raw.state ? { state: raw.state } : {}),
      ...(raw.countryCode ? { countryCode: raw.countryCode } : {}),
    };
    siteIdByKey.set(raw.key, id);
    siteById.set(id, site);
    sites.push(site);
  }
  for (const raw of rawSites) {
    const site = siteById.get(siteIdByKey.get(raw.key) ?? '');
    const parentId = raw.parentKey && siteIdByKey.get(raw.parentKey);
    if (site && parentId && !site.parentId) site.parentId = parentId;
  }
  return { sites, siteIdByKey };
}

function buildPools(clusters: RawCluster[], siteIdByKey: Map<string, string>, skipped: Set<string>, log: IssueLog): Map<string, PoolDraft> {
  const poolByKey = new Map<string, PoolDraft>();
  const poolFqdns = new Set<string>();
  const machineFqdns = new Set<string>();
  for (const raw of clusters) {
    const element = `Cluster[Fqdn="${raw.fqdn ?? ''}"]`;
    if (poolByKey.has(raw.key)) {
      log.warn('Cluster has the same id as an earlier cluster; skipped', raw, element);
      continue;
    }
    const siteId = siteIdByKey.get(raw.site.key);
    const fqdn = normalizeFqdn(raw.fqdn);
    if (!fqdn) {
      log.warn(`Cluster skipped: Fqdn "${raw.fqdn ?? ''}" is not a valid FQDN`, raw, `${element} attribute Fqdn`);
    } else if (!siteId) {
      log.warn(`Cluster ${fqdn} skipped: ${spell(raw.site)} names no site in the document`, raw.site, element);
    } else if (poolFqdns.has(fqdn)) {
      log.warn(`Cluster skipped: pool FQDN ${fqdn} is already used by an earlier cluster`, raw, element);
    }
    if (!fqdn || !siteId || poolFqdns.has(fqdn)) {
      skipped.add(raw.key);
      continue;
    }
    poolFqdns.add(fqdn);
    const machines: string[] = [];
    for (const m of [...raw.machines].sort((a, b) => a.ordinal - b.ordinal)) {
      const machine = m.fqdn === undefined ? fqdn : normalizeFqdn(m.fqdn);
      if (!machine) {
        log.warn(`Machine Fqdn "${m.fqdn}" in ${fqdn} is not a valid FQDN; machine skipped`, m, `Machine[Fqdn="${m.fqdn}"] attribute Fqdn`);
      } else if (machineFqdns.has(machine)) {
        log.warn(`Machine ${machine} is already in an earlier cluster; skipped in ${fqdn}`, m, m.fqdn === undefined ? 'Machine' : `Machine[Fqdn="${m.fqdn}"]`);
      } else {
        machineFqdns.add(machine);
        machines.push(machine);
      }
    }
    poolByKey.set(raw.key, {
      pool: { fqdn, siteId, kind: 'Other', machines, sqlInstances: [], roles: [] },
      requiresSetup: raw.requiresSetup,
      services: [],
      serviceVersions: [],
    });
  }
  return poolByKey;
}

function buildSqlInstances(
  raw: RawTopology,
  poolByKey: Map<string, PoolDraft>,
  skipped: Set<string>,
  log: IssueLog,
): Map<string, SqlInstance> {
  const instanceByKey = new Map<string, SqlInstance>();
  const ids = new Set<string>();
  for (const r of raw.sqlInstances) {
    const draft = resolvePool(r.cluster, poolByKey, skipped, log, 'SQL instance skipped');
    if (!draft) {
      skipped.add(r.key);
      continue;
    }
    const poolFqdn = draft.pool.fqdn;
    const id = r.name ? `${poolFqdn}\\${r.name.toLowerCase()}` : poolFqdn;
    const element = `SqlInstance[Name="${r.name}"]`;
    if (instanceByKey.has(r.key) || ids.has(id)) {
      log.warn(`SQL instance ${id} appears twice; the later one is skipped`, r, element);
      continue;
    }
    const instance: SqlInstance = { id, poolFqdn, name: r.name };
    if (r.alwaysOnPrimary !== undefined) {
      const primary = normalizeFqdn(r.alwaysOnPrimary);
      if (primary) instance.alwaysOnPrimaryFqdn = primary;
      else log.warn(`AlwaysOnPrimaryNodeFqdn "${r.alwaysOnPrimary}" is not a valid FQDN; ignored`, r, `SqlInstance attribute AlwaysOnPrimaryNodeFqdn`);
    }
    ids.add(id);
    instanceByKey.set(r.key, instance);
    draft.pool.sqlInstances.push(id);
  }
  return instanceByKey;
}

function buildServices(
  rawServices: RawService[],
  pools: PoolDraft[],
  poolByKey: Map<string, PoolDraft>,
  instanceByKey: Map<string, SqlInstance>,
  skipped: Set<string>,
  log: IssueLog,
): Service[] {
  const services: Service[] = [];
  const placed: RawService[] = []; // placed[i] is what services[i] was read from
  const idByKey = new Map<string, string>();
  const poolByFqdn = new Map(pools.map((d) => [d.pool.fqdn, d]));

  for (const raw of rawServices) {
    if (idByKey.has(raw.key)) {
      log.warn(`Service ${raw.role} appears twice with the same id; the later one is skipped`, raw, `Service[RoleName="${raw.role}"]`);
      continue;
    }
    const instance = instanceByKey.get(raw.installedOn.key);
    const draft = instance ? poolByFqdn.get(instance.poolFqdn) : resolvePool(raw.installedOn, poolByKey, skipped, log, `${raw.role} service skipped`);
    if (!draft) {
      skipped.add(raw.key);
      continue;
    }
    // The cmdlet identity is `<RoleName>:<pool>`; two stores of one role on different instances of
    // the same SQL server would collide, so the second is named by its instance.
    let id = `${raw.role}:${draft.pool.fqdn}`;
    const taken = draft.services.some((s) => s.role === raw.role);
    if (taken && instance) id = `${raw.role}:${instance.id}`;
    if (taken && (!instance || draft.services.some((s) => s.id === id))) {
      log.warn(`A second ${raw.role} service on ${draft.pool.fqdn}; the later one is skipped`, raw, `Service[RoleName="${raw.role}"]`);
      skipped.add(raw.key);
      continue;
    }
    const service: Service = { id, role: raw.role, poolFqdn: draft.pool.fqdn, dependsOn: [] };
    if (instance) service.sqlInstanceId = instance.id;
    if (raw.isDirector !== undefined) service.isDirector = raw.isDirector;
    if (raw.cmsActive !== undefined) service.cmsActive = raw.cmsActive;
    idByKey.set(raw.key, id);
    services.push(service);
    placed.push(raw);
    draft.services.push(service);
    if (raw.serviceVersion) draft.serviceVersions.push(raw.serviceVersion);
  }

  services.forEach((service, i) => {
    const targets: string[] = [];
    for (const ref of placed[i]!.dependsOn) {
      const target = idByKey.get(ref.key);
      if (target) {
        if (!targets.includes(target)) targets.push(target);
      } else if (!skipped.has(ref.key)) {
        log.warn(`${service.id} depends on ${spell(ref)}, which is not in the document; dependency dropped`, ref, spell(ref));
      }
    }
    // Copied at its exact length: an array grown by push keeps spare slots for as long as the model lives.
    if (targets.length > 0) service.dependsOn = targets.slice();
  });
  return services;
}

/** Looks a cluster reference up; warns when it names nothing (and nothing skipped explains why). */
function resolvePool(
  ref: RawRef,
  poolByKey: Map<string, PoolDraft>,
  skipped: Set<string>,
  log: IssueLog,
  consequence: string,
): PoolDraft | undefined {
  const draft = poolByKey.get(ref.key);
  if (!draft && !skipped.has(ref.key)) log.warn(`${spell(ref)} refers to nothing in the document; ${consequence}`, ref, spell(ref));
  return draft;
}

/** Roles, kind, edition, back end and version: everything that needs the services in place. */
function finishPools(pools: PoolDraft[], services: Service[], sqlInstances: SqlInstance[]): void {
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const instanceById = new Map(sqlInstances.map((i) => [i.id, i]));
  for (const { pool, services: own, requiresSetup, serviceVersions } of pools) {
    const roles = new Set(own.map((s) => s.role));
    pool.roles = [...roles];
    pool.kind = poolKind({
      roles,
      isDirector: own.some((s) => s.role === 'Registrar' && s.isDirector === true),
      hasSqlInstance: pool.sqlInstances.length > 0,
    });
    const storeRole = PRIMARY_STORE_ROLE[pool.kind];
    const primary = storeRole && primaryStore(own, storeRole, serviceById);
    if (primary) pool.backEnd = { primary };
    if (pool.kind === 'FrontEnd') {
      pool.edition = frontEndEdition(pool.machines.length, primary !== undefined && instanceById.get(primary)?.poolFqdn === pool.fqdn);
    }
    // Only servers that run setup carry a product version; SQL servers, shares and gateways do not.
    const version = requiresSetup ? productVersion(serviceVersions) : undefined;
    if (version) pool.version = version;
  }
}

/** The SQL instance of the first `storeRole` service that a service on the pool depends on. */
function primaryStore(own: Service[], storeRole: string, serviceById: Map<string, Service>): string | undefined {
  for (const service of own) {
    for (const dependency of service.dependsOn) {
      const store = serviceById.get(dependency);
      if (store && store.role === storeRole && store.sqlInstanceId) return store.sqlInstanceId;
    }
  }
  return undefined;
}
