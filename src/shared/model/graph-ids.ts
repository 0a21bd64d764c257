/**
 * Ids of the elements the graph draws. The renderer, the blast radius and the browser tests all
 * name elements this way, so they live here rather than in the renderer:
 *  - a pool node is its FQDN (already the pool's key),
 *  - a site node is `site:<site id>` (site ids are names and could collide with nothing else, but
 *    the prefix keeps them apart from FQDNs in one id space),
 *  - a relation edge is `<kind>:<source node>-><target node>`. A backup pairing is reported once per
 *    direction but is one partnership, so both directions share one edge, named in alphabetical
 *    order (`backupPool:pool1…->pool2…`).
 */
import type { Relation, RelationKind } from './types';

const SITE_PREFIX = 'site:';

export function siteNodeId(siteId: string): string {
  return SITE_PREFIX + siteId;
}

/** The site id behind a site node id, or undefined when the id is not a site node's. */
export function siteIdOfNode(nodeId: string): string | undefined {
  return nodeId.startsWith(SITE_PREFIX) ? nodeId.slice(SITE_PREFIX.length) : undefined;
}

/** Relations whose `from` is a site id rather than a pool FQDN. */
const SITE_SOURCED: ReadonlySet<RelationKind> = new Set<RelationKind>(['sipFederationRoute', 'xmppFederationRoute']);

/** The node a relation starts from: a pool FQDN, or a site node for federation routes. */
export function relationSourceId(r: Relation): string {
  return SITE_SOURCED.has(r.kind) ? siteNodeId(r.from) : r.from;
}

/** The ends of the edge that draws a relation (a backup pairing's in alphabetical order). */
export function relationEndpoints(r: Relation): { source: string; target: string } {
  const source = relationSourceId(r);
  if (r.kind === 'backupPool' && r.to < source) return { source: r.to, target: source };
  return { source, target: r.to };
}

export function relationEdgeId(r: Relation): string {
  const { source, target } = relationEndpoints(r);
  return `${r.kind}:${source}->${target}`;
}
