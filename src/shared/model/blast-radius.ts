/**
 * Blast radius: what stops working, or has to be moved, when a pool (or a whole site) goes down.
 * The graph highlights it when the admin selects an element, so "what does Pool1 take with it?" is
 * answered before anyone plans a failover.
 *
 * Ids are graph element ids (see graph-ids.ts): pool FQDNs, `site:<id>`, `<kind>:<from>-><to>`.
 */
import type { Deployment, Relation } from './types';
import { relationEdgeId, relationEndpoints, relationSourceId, siteIdOfNode } from './graph-ids';

export interface BlastRadius {
  /** Affected nodes, not including the selected element itself. */
  nodes: string[];
  /** The relations through which they are affected. */
  edges: string[];
}

/**
 * Where the Central Management Server runs. A replication status reported by the deployment
 * (`state.cmsActivePool`) beats the topology document, which still names the pre-failover pool.
 */
export function cmsHosts(d: Deployment, relations: Relation[]): { active?: string; standby: string[] } {
  const hosts = relations.filter((r) => r.kind === 'cmsActive' || r.kind === 'cmsStandby');
  const active = d.state.cmsActivePool ?? hosts.find((r) => r.kind === 'cmsActive')?.from;
  const standby = [...new Set(hosts.map((r) => r.from))].filter((fqdn) => fqdn !== active);
  return active === undefined ? { standby } : { active, standby };
}

export function blastRadius(d: Deployment, relations: Relation[], elementId: string): BlastRadius {
  const nodes = new Set<string>();
  const edges = new Set<string>();

  const siteId = siteIdOfNode(elementId);
  if (siteId !== undefined && d.topology.sites.some((s) => s.id === siteId)) {
    // A site outage takes every pool in it down, and with them everything that depends on those pools.
    for (const pool of d.topology.pools) {
      if (pool.siteId !== siteId) continue;
      nodes.add(pool.fqdn);
      addPoolDependents(d, relations, pool.fqdn, nodes, edges);
    }
  } else if (d.topology.pools.some((p) => p.fqdn === elementId)) {
    addPoolDependents(d, relations, elementId, nodes, edges);
  } else {
    // An edge: just the two ends it connects.
    const relation = relations.find((r) => relationEdgeId(r) === elementId);
    if (relation) {
      const { source, target } = relationEndpoints(relation);
      nodes.add(source);
      nodes.add(target);
      edges.add(elementId);
    }
  }

  nodes.delete(elementId);
  return { nodes: [...nodes], edges: [...edges] };
}

function addPoolDependents(d: Deployment, relations: Relation[], fqdn: string, nodes: Set<string>, edges: Set<string>): void {
  const affect = (nodeId: string, r: Relation) => {
    nodes.add(nodeId);
    edges.add(relationEdgeId(r));
  };

  for (const r of relations) {
    const source = relationSourceId(r);
    switch (r.kind) {
      case 'edgeNextHop': // the Edge pool loses its way in: external access, federation
      case 'mediaEdge': // the Front End pool loses conferencing and A/V media for remote users
      case 'sipFederationRoute': // federation through this Edge pool stops
      case 'xmppFederationRoute':
      case 'failedOverTo': // users failed over to this pool are served by it now
        if (r.to === fqdn) affect(source, r);
        break;
      case 'backupPool': // the partner takes the users: it is part of any failover
        if (source === fqdn) affect(r.to, r);
        if (r.to === fqdn) affect(source, r);
        break;
      case 'backEnd':
      case 'chatStore':
      case 'cmsActive':
      case 'cmsStandby':
        // A pool's SQL stores go with it (they are what failover moves); a SQL pool takes its users down.
        if (source === fqdn) affect(r.to, r);
        if (r.to === fqdn) affect(source, r);
        break;
    }
  }

  // The active CMS serves the whole deployment: losing its pool, or the SQL pool holding its store,
  // touches every pool until the CMS is failed over.
  const { active } = cmsHosts(d, relations);
  if (active === undefined) return;
  const cmsEdges = relations.filter((r) => (r.kind === 'cmsActive' || r.kind === 'cmsStandby') && r.from === active);
  if (fqdn === active || cmsEdges.some((r) => r.to === fqdn)) {
    for (const pool of d.topology.pools) nodes.add(pool.fqdn);
    for (const r of cmsEdges) edges.add(relationEdgeId(r));
  }
}
