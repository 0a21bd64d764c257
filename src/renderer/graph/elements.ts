/**
 * The deployment as cytoscape elements: sites are compound parents, pools are nodes inside them,
 * relations are edges. Pure, so the browser and the unit tests see the same graph. In a what-if,
 * the deployment is the one the scenario's changes leave, and the overlay says what is down and
 * which edges the changes drew.
 */
import type { ElementDefinition } from 'cytoscape';
import type { Deployment, Relation } from '../../shared/model/types';
import { siteNodeId } from '../../shared/model/graph-ids';
import { graphEdges } from '../../shared/graph/edges';
import { siteLabel } from '../../shared/graph/describe';
import { poolLabels } from '../../shared/graph/nodes';


export interface WhatIfOverlay {
  /** Node id → the line its label gets (see shared/scenario/down-marks.ts). */
  down: ReadonlyMap<string, string>;
  /** Ids of edges the scenario's changes drew: not in the deployment as it stands. */
  proposed: ReadonlySet<string>;
}

const NO_OVERLAY: WhatIfOverlay = { down: new Map(), proposed: new Set() };

export function buildElements(d: Deployment, relations: Relation[], overlay: WhatIfOverlay = NO_OVERLAY): ElementDefinition[] {
  const poolSite = new Map(d.topology.pools.map((p) => [p.fqdn, p.siteId]));
  const labels = poolLabels(d, relations);
  const elements: ElementDefinition[] = [];
  const nodeIds = new Set<string>();

  for (const site of d.topology.sites) {
    const id = siteNodeId(site.id);
    nodeIds.add(id);
    const down = overlay.down.get(id);
    elements.push({
      group: 'nodes',
      data: { id, label: down ? `${siteLabel(site)}  ${down}` : siteLabel(site), ...(site.parentId ? { parent: siteNodeId(site.parentId) } : {}) },
      classes: down ? 'site down' : 'site',
    });
  }

  for (const pool of d.topology.pools) {
    const label = labels.get(pool.fqdn)!;
    const lines = [...label.lines];
    const classes = ['pool', `kind-${pool.kind}`, ...label.marks];
    const down = overlay.down.get(pool.fqdn);
    if (down) {
      lines.push(down);
      classes.push('down');
    }
    nodeIds.add(pool.fqdn);
    elements.push({
      group: 'nodes',
      data: { id: pool.fqdn, parent: siteNodeId(pool.siteId), label: lines.join('\n'), kind: pool.kind },
      classes: classes.join(' '),
    });
  }

  for (const e of graphEdges(relations, nodeIds, poolSite)) {
    const proposed = overlay.proposed.has(e.id);
    const classes = ['rel', e.kind, e.forward ? 'forward' : '', e.reverse ? 'reverse' : '', e.withinSite ? 'within-site' : '', proposed ? 'proposed' : ''].filter(Boolean);
    elements.push({
      group: 'edges',
      data: { id: e.id, source: e.source, target: e.target, kind: e.kind, roles: e.roles.join(', '), ...(proposed ? { label: 'proposed' } : {}) },
      classes: classes.join(' '),
    });
  }
  return elements;
}
