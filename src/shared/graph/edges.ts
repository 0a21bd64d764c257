/**
 * The edges the deployment graph draws, merged from the relation list: one edge per id (see
 * graph-ids.ts), so a pool whose primary and mirror stores share a SQL pool gets one edge naming
 * both roles, and a backup pairing reported both ways is one edge with an arrow at each end. The
 * renderer's cytoscape elements and the diagram exports (draw.io, SVG) both draw these.
 */
import type { Relation, RelationKind } from '../model/types';
import { relationEdgeId, relationEndpoints, siteIdOfNode } from '../model/graph-ids';

export interface GraphEdge {
  id: string;
  kind: RelationKind;
  source: string;
  target: string;
  roles: string[];
  /** An arrow at the target end (the relation points from source to target). */
  forward: boolean;
  /** An arrow at the source end (a backup pairing reported the other way too). */
  reverse: boolean;
  /** A site's route to an Edge pool inside it (the pool's federation marker shows it too). */
  withinSite: boolean;
  /** The relations merged into this edge, in relation-list order. */
  relations: Relation[];
}

/**
 * `nodeIds`: the nodes that exist; a relation naming a node that does not (a route to a pool the
 * topology lacks) cannot be drawn and is left out — the importer and validation report it.
 * `poolSite`: pool FQDN → site id.
 */
export function graphEdges(relations: readonly Relation[], nodeIds: ReadonlySet<string>, poolSite: ReadonlyMap<string, string>): GraphEdge[] {
  const edges = new Map<string, GraphEdge>();
  for (const r of relations) {
    const { source, target } = relationEndpoints(r);
    if (!nodeIds.has(source) || !nodeIds.has(target)) continue;
    const id = relationEdgeId(r);
    const siteOfSource = siteIdOfNode(source);
    const edge = edges.get(id) ?? {
      id,
      kind: r.kind,
      source,
      target,
      roles: [],
      forward: false,
      reverse: false,
      withinSite: siteOfSource !== undefined && siteOfSource === poolSite.get(target),
      relations: [],
    };
    if (r.to === target) edge.forward = true;
    else edge.reverse = true;
    if (r.role && !edge.roles.includes(r.role)) edge.roles.push(r.role);
    edge.relations.push(r);
    edges.set(id, edge);
  }
  return [...edges.values()];
}
