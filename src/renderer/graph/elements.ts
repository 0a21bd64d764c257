/**
 * The deployment as cytoscape elements: sites are compound parents, pools are nodes inside them,
 * relations are edges. Pure, so the browser and the unit tests see the same graph. In a what-if,
 * the deployment is the one the scenario's changes leave, and the overlay says what is down and
 * which edges the changes drew.
 */
import type { ElementDefinition } from 'cytoscape';
import type { Deployment, Relation, RelationKind } from '../../shared/model/types';
import { cmsHosts } from '../../shared/model/blast-radius';
import { relationEdgeId, relationEndpoints, siteIdOfNode, siteNodeId } from '../../shared/model/graph-ids';
import { poolKindShort, serverCount } from './describe';

export function siteLabel(site: Deployment['topology']['sites'][number]): string {
  const place = [site.city, site.countryCode].filter(Boolean).join(', ');
  const kind = site.kind === 'central' ? 'central site' : 'branch site';
  return place ? `${site.name} · ${place} (${kind})` : `${site.name} (${kind})`;
}

export interface WhatIfOverlay {
  /** Node id → the line its label gets (see whatif/down-marks.ts). */
  down: ReadonlyMap<string, string>;
  /** Ids of edges the scenario's changes drew: not in the deployment as it stands. */
  proposed: ReadonlySet<string>;
}

const NO_OVERLAY: WhatIfOverlay = { down: new Map(), proposed: new Set() };

export function buildElements(d: Deployment, relations: Relation[], overlay: WhatIfOverlay = NO_OVERLAY): ElementDefinition[] {
  const { active, standby } = cmsHosts(d, relations);
  const siteName = new Map(d.topology.sites.map((s) => [s.id, s.name]));
  const poolSite = new Map(d.topology.pools.map((p) => [p.fqdn, p.siteId]));
  const sipFederation = new Set(relations.filter((r) => r.kind === 'sipFederationRoute').map((r) => r.to));
  const xmppSites = new Map<string, string[]>();
  for (const r of relations) {
    if (r.kind === 'xmppFederationRoute') xmppSites.set(r.to, [...(xmppSites.get(r.to) ?? []), siteName.get(r.from) ?? r.from]);
  }
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
    const lines = [pool.fqdn, `${poolKindShort(pool)} · ${serverCount(pool.machines.length)}`];
    const classes = ['pool', `kind-${pool.kind}`];
    if (pool.fqdn === active) {
      lines.push('CMS ● active');
      classes.push('cms-active');
    } else if (standby.includes(pool.fqdn)) {
      lines.push('CMS ○ standby');
      classes.push('cms-standby');
    }
    // Federation is marked on the Edge pool itself: an edge from a site box to a pool inside it
    // can only be drawn by cytoscape as a loop around the box, which reads as noise.
    if (sipFederation.has(pool.fqdn)) {
      lines.push('⇄ SIP federation');
      classes.push('sip-federation');
    }
    const xmpp = xmppSites.get(pool.fqdn);
    if (xmpp) {
      lines.push(`⇄ XMPP federation (${xmpp.join(', ')})`);
      classes.push('xmpp-federation');
    }
    const servedBy = d.state.failedOver[pool.fqdn];
    if (servedBy) {
      lines.push(`↪ users failed over to ${servedBy}`);
      classes.push('failed-over');
    }
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

  // One edge per id: a pool whose primary and mirror stores share a SQL pool gets one edge naming
  // both roles, and a backup pairing reported both ways is one edge with an arrow at each end.
  type Edge = { kind: RelationKind; source: string; target: string; roles: string[]; forward: boolean; reverse: boolean };
  const edges = new Map<string, Edge>();
  for (const r of relations) {
    const { source, target } = relationEndpoints(r);
    // A route naming a pool the topology lacks cannot be drawn; the importer reports it.
    if (!nodeIds.has(source) || !nodeIds.has(target)) continue;
    const id = relationEdgeId(r);
    const edge = edges.get(id) ?? { kind: r.kind, source, target, roles: [], forward: false, reverse: false };
    if (r.to === target) edge.forward = true;
    else edge.reverse = true;
    if (r.role && !edge.roles.includes(r.role)) edge.roles.push(r.role);
    edges.set(id, edge);
  }
  for (const [id, e] of edges) {
    // A site's route to an Edge pool inside it is shown by the pool's federation marker instead.
    const withinSite = siteIdOfNode(e.source) !== undefined && siteIdOfNode(e.source) === poolSite.get(e.target);
    const proposed = overlay.proposed.has(id);
    const classes = ['rel', e.kind, e.forward ? 'forward' : '', e.reverse ? 'reverse' : '', withinSite ? 'within-site' : '', proposed ? 'proposed' : ''].filter(Boolean);
    elements.push({
      group: 'edges',
      data: { id, source: e.source, target: e.target, kind: e.kind, roles: e.roles.join(', '), ...(proposed ? { label: 'proposed' } : {}) },
      classes: classes.join(' '),
    });
  }
  return elements;
}
