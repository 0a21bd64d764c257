/**
 * What a comparison draws on the graph: pools added, removed or changed, and the relation edges
 * (next hops, backup pairs, failed-over users) that appeared, went away or changed direction.
 * Pure: GraphView hands the result to applyDiffMarks, which sets the cytoscape classes and draws
 * an edge only the other deployment has as a "ghost" between the pools on screen.
 *
 * Routes and the CMS are marked on the pools that carry them (the graph draws them as pool
 * markers, not lines), so those pools are "changed".
 */
import type { DiffEntry } from '../../shared/discovery/diff';
import { deriveRelations } from '../../shared/model/relations';
import { relationEdgeId, relationEndpoints } from '../../shared/model/graph-ids';
import type { Deployment, Relation, RelationKind } from '../../shared/model/types';

export type DiffMark = 'added' | 'removed' | 'changed';

export interface DiffEdge {
  /** The edge's id as the graph names it (graph-ids.ts). */
  id: string;
  kind: RelationKind;
  source: string;
  target: string;
  mark: DiffMark;
}

export interface DiffMarks {
  /** Node id (pool FQDN) → its mark. */
  nodes: ReadonlyMap<string, DiffMark>;
  edges: readonly DiffEdge[];
}

/** Relations drawn as lines whose change the diff lists. */
const EDGE_KINDS: ReadonlySet<RelationKind> = new Set<RelationKind>(['edgeNextHop', 'backupPool', 'failedOverTo']);
/** Relations drawn as markers on the pool they point to. */
const MARKER_KINDS: ReadonlySet<RelationKind> = new Set<RelationKind>(['sipFederationRoute', 'xmppFederationRoute', 'cmsActive']);

/** Edge id → the relations it draws, as "kind|from|to" (a backup pair reported both ways is one edge, two relations). */
function edgesOf(relations: Relation[]): Map<string, { relation: Relation; keys: Set<string> }> {
  const out = new Map<string, { relation: Relation; keys: Set<string> }>();
  for (const r of relations) {
    if (!EDGE_KINDS.has(r.kind)) continue;
    const id = relationEdgeId(r);
    const entry = out.get(id) ?? { relation: r, keys: new Set<string>() };
    entry.keys.add(`${r.kind}|${r.from}|${r.to}`);
    out.set(id, entry);
  }
  return out;
}

function markerKeys(relations: Relation[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of relations) if (MARKER_KINDS.has(r.kind)) out.set(`${r.kind}|${r.from}|${r.to}|${r.via ?? ''}`, r.kind === 'cmsActive' ? r.from : r.to);
  return out;
}

/** `earlier` and `later` in time; `entries` is diffDeployments(earlier, later). */
export function diffMarks(earlier: Deployment, later: Deployment, entries: readonly DiffEntry[]): DiffMarks {
  const nodes = new Map<string, DiffMark>();
  // Added and removed say more than changed, so they are never downgraded.
  const changed = (id: string | undefined) => {
    if (id && !nodes.has(id)) nodes.set(id, 'changed');
  };
  for (const e of entries) {
    switch (e.kind) {
      case 'poolAdded':
        nodes.set(e.subject, 'added');
        break;
      case 'poolRemoved':
        nodes.set(e.subject, 'removed');
        break;
      case 'machineAdded':
        changed(e.after);
        break;
      case 'machineRemoved':
        changed(e.before);
        break;
      case 'edgeNextHop':
      case 'backupPool':
      case 'failedOver':
      case 'persistentChat':
        changed(e.subject);
        break;
      // Routes and the CMS: from the relations below, which name the pools rather than servers and sites.
      case 'sipFederationRoute':
      case 'xmppFederationRoute':
      case 'cmsActive':
        break;
    }
  }

  const before = deriveRelations(earlier);
  const after = deriveRelations(later);
  const markersBefore = markerKeys(before);
  const markersAfter = markerKeys(after);
  for (const [key, pool] of markersBefore) if (!markersAfter.has(key)) changed(pool);
  for (const [key, pool] of markersAfter) if (!markersBefore.has(key)) changed(pool);

  const edgesBefore = edgesOf(before);
  const edgesAfter = edgesOf(after);
  const edges: DiffEdge[] = [];
  const edge = (id: string, relation: Relation, mark: DiffMark) => edges.push({ id, kind: relation.kind, ...relationEndpoints(relation), mark });
  for (const [id, b] of edgesBefore) {
    const a = edgesAfter.get(id);
    if (!a) edge(id, b.relation, 'removed');
    else if (a.keys.size !== b.keys.size || [...a.keys].some((k) => !b.keys.has(k))) edge(id, a.relation, 'changed');
  }
  for (const [id, a] of edgesAfter) if (!edgesBefore.has(id)) edge(id, a.relation, 'added');
  return { nodes, edges };
}
