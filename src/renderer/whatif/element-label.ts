/** A graph element's name as the admin reads it: a pool's FQDN, "Site Datacenter1", "Edge next hop: a → b". */
import type { Deployment, RelationKind } from '../../shared/model/types';
import { siteIdOfNode } from '../../shared/model/graph-ids';
import { RELATION_NAMES } from '../../shared/graph/describe';

const EDGE_ID = /^([A-Za-z]+):(.+?)->(.+)$/;

export function elementLabel(d: Deployment, id: string): string {
  const siteId = siteIdOfNode(id);
  if (siteId !== undefined) return `Site ${d.topology.sites.find((s) => s.id === siteId)?.name ?? siteId}`;
  const edge = EDGE_ID.exec(id);
  if (edge && edge[1]! in RELATION_NAMES) {
    return `${RELATION_NAMES[edge[1] as RelationKind]}: ${elementLabel(d, edge[2]!)} → ${elementLabel(d, edge[3]!)}`;
  }
  return id;
}
