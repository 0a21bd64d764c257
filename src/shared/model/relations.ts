/**
 * The edges of the deployment graph, derived from the model: topology relations come from service
 * dependencies and pool stores, state relations from DeploymentState. Pure and linear in the size
 * of the deployment, since it reruns on every scenario change.
 */
import type { Deployment, Relation, Topology } from './types';
import { MEDIA_EDGE_ROLES, dependencyPools, servicesById } from './queries';

export function deriveRelations(d: Deployment): Relation[] {
  const out = new RelationList();
  topologyRelations(d, out);
  stateRelations(d, out);
  return out.relations;
}

/** Collects relations, keeping one of each (kind, from, to, role). */
class RelationList {
  readonly relations: Relation[] = [];
  private readonly seen = new Set<string>();

  add(relation: Relation): void {
    const key = `${relation.kind}|${relation.from}|${relation.to}|${relation.role ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.relations.push(relation);
  }
}

function topologyRelations({ topology, state }: Deployment, out: RelationList): void {
  const services = servicesById(topology);
  for (const service of topology.services) {
    if (service.role === 'EdgeServer') {
      for (const to of dependencyPools(service, 'Registrar', services)) out.add({ kind: 'edgeNextHop', from: service.poolFqdn, to });
    }
    if ((MEDIA_EDGE_ROLES as readonly string[]).includes(service.role)) {
      for (const to of dependencyPools(service, 'EdgeServer', services)) out.add({ kind: 'mediaEdge', from: service.poolFqdn, to });
    }
    if (service.role === 'CentralMgmt') {
      // The active master reported by Get-CsManagementStoreReplicationStatus outranks the XML flag.
      const active = state.cmsActivePool !== undefined ? state.cmsActivePool.toLowerCase() === service.poolFqdn : service.cmsActive === true;
      // Kept even when the store is on the pool itself (Standard Edition): it is where the CMS runs.
      for (const to of dependencyPools(service, 'CentralMgmtStore', services)) {
        out.add({ kind: active ? 'cmsActive' : 'cmsStandby', from: service.poolFqdn, to });
      }
    }
  }
  storeRelations(topology, out);
}

function storeRelations(topology: Topology, out: RelationList): void {
  const poolOfInstance = new Map(topology.sqlInstances.map((i) => [i.id, i.poolFqdn]));
  for (const pool of topology.pools) {
    const kind = pool.kind === 'FrontEnd' ? 'backEnd' : pool.kind === 'PersistentChat' ? 'chatStore' : undefined;
    if (!kind || !pool.backEnd) continue;
    for (const [role, instanceId] of Object.entries(pool.backEnd)) {
      const to = instanceId && poolOfInstance.get(instanceId);
      // A Standard Edition server holds its own store: no edge from a pool to itself.
      if (to && to !== pool.fqdn) out.add({ kind, from: pool.fqdn, to, role });
    }
  }
}

function stateRelations({ topology, state }: Deployment, out: RelationList): void {
  const poolByFqdn = new Map(topology.pools.map((p) => [p.fqdn, p]));
  const poolOfMachine = new Map<string, string>();
  for (const pool of topology.pools) for (const machine of pool.machines) poolOfMachine.set(machine, pool.fqdn);

  for (const [pool, backup] of Object.entries(state.backupPools)) {
    out.add({ kind: 'backupPool', from: pool.toLowerCase(), to: backup.toLowerCase() });
  }
  // Routes naming a pool or server the topology lacks draw nothing here; validation reports them.
  for (const fqdn of state.sipFederationRoutes ?? []) {
    const edge = poolByFqdn.get(fqdn.toLowerCase());
    if (edge) out.add({ kind: 'sipFederationRoute', from: edge.siteId, to: edge.fqdn });
  }
  for (const [siteId, server] of Object.entries(state.xmppRoutes)) {
    const via = server.toLowerCase();
    const edge = poolOfMachine.get(via) ?? poolByFqdn.get(via)?.fqdn;
    if (edge) out.add({ kind: 'xmppFederationRoute', from: siteId, to: edge, via });
  }
  for (const [home, serving] of Object.entries(state.failedOver)) {
    out.add({ kind: 'failedOverTo', from: home.toLowerCase(), to: serving.toLowerCase() });
  }
}
