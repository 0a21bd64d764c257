/**
 * Small look-ups over a Topology that several parts of the app need. Each walks the services once;
 * callers doing many look-ups over a large topology should build their own maps.
 */
import type { Pool, Service, Topology } from './types';

export function poolByFqdn(t: Topology, fqdn: string): Pool | undefined {
  const key = fqdn.toLowerCase();
  return t.pools.find((p) => p.fqdn === key);
}

/** The pool a machine (server) belongs to; a pool FQDN names its own pool. */
export function poolOfMachine(t: Topology, machineFqdn: string): Pool | undefined {
  const key = machineFqdn.toLowerCase();
  return t.pools.find((p) => p.machines.includes(key)) ?? poolByFqdn(t, key);
}

/** The registrar pool an Edge pool forwards to: its EdgeServer service's dependency on a Registrar. */
export function edgeNextHop(t: Topology, edgePoolFqdn: string): string | undefined {
  const services = servicesById(t);
  const edge = services.get(`EdgeServer:${edgePoolFqdn.toLowerCase()}`);
  return edge && dependencyPools(edge, 'Registrar', services)[0];
}

/** The Edge pool a Front End pool uses for media: its Registrar/ConfServices/MediationServer's EdgeServer dependency. */
export function mediaEdgeOf(t: Topology, frontEndFqdn: string): string | undefined {
  const services = servicesById(t);
  const pool = frontEndFqdn.toLowerCase();
  for (const role of MEDIA_EDGE_ROLES) {
    const service = services.get(`${role}:${pool}`);
    const edge = service && dependencyPools(service, 'EdgeServer', services)[0];
    if (edge) return edge;
  }
  return undefined;
}

/** Roles whose dependency on an EdgeServer service names a pool's Edge for media. */
export const MEDIA_EDGE_ROLES = ['Registrar', 'ConfServices', 'MediationServer'] as const;

/** Pools of the services of `role` that `service` depends on, in dependency order. */
export function dependencyPools(service: Service, role: string, services: Map<string, Service>): string[] {
  const pools: string[] = [];
  for (const id of service.dependsOn) {
    const target = services.get(id);
    if (target?.role === role) pools.push(target.poolFqdn);
  }
  return pools;
}

export function servicesById(t: Topology): Map<string, Service> {
  return new Map(t.services.map((s) => [s.id, s]));
}
