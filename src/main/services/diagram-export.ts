/**
 * The deployment diagram the window asks for (diagram.export): drawn in main from the deployment
 * model the window shows (validated data, as plan.export takes it), laid out as on screen from the
 * positions the window sends, which are checked against that deployment's graph first, with the
 * what-if scenario as its own layer. The window never sends markup.
 */
import type { DiagramFormat, Positions } from '../../shared/ipc/contract';
import type { Deployment } from '../../shared/model/types';
import type { Scenario } from '../../shared/scenario/types';
import { siteNodeId } from '../../shared/model/graph-ids';
import { DIAGRAM_WRITERS } from '../../shared/export/diagram-writers';

/** Node ids of the deployment's graph: its pools and its sites. */
function graphNodeIds(d: Deployment): Set<string> {
  return new Set([...d.topology.pools.map((p) => p.fqdn), ...d.topology.sites.map((s) => siteNodeId(s.id))]);
}

/** Throws a readable Error naming (some of) the ids that are not nodes of `d`'s graph. */
function checkPositions(d: Deployment, positions: Positions): void {
  const nodes = graphNodeIds(d);
  const unknown = Object.keys(positions).filter((id) => !nodes.has(id));
  if (unknown.length === 0) return;
  const named = unknown
    .slice(0, 3)
    .map((id) => `"${id.slice(0, 80)}"`)
    .join(', ');
  const more = unknown.length > 3 ? ` and ${unknown.length - 3} more` : '';
  throw new Error(
    `The diagram was not exported: ${named}${more} ${unknown.length === 1 ? 'is not a node' : 'are not nodes'} of ${d.source.name}, the deployment drawn. Reopen it and export again.`,
  );
}

/**
 * The diagram of `d` in `format`, laid out from the window's positions (spread so full-size boxes
 * do not overlap), with `scenario` drawn over it when it marks something down or changes something.
 */
export function diagramText(d: Deployment, format: DiagramFormat, positions: Positions, scenario?: Scenario): string {
  checkPositions(d, positions);
  return DIAGRAM_WRITERS[format](d, { ...(Object.keys(positions).length > 0 ? { positions, spread: true } : {}), ...(scenario ? { scenario } : {}) });
}
