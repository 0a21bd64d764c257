/**
 * What a pool node says: its label lines and its marks (CMS active/standby, federation, failed
 * over). The renderer's cytoscape elements and the diagram exports both label pools this way.
 */
import type { Deployment, Pool, Relation } from '../model/types';
import { cmsHosts } from '../model/blast-radius';
import { poolKindShort, serverCount } from './describe';

export type PoolMark = 'cms-active' | 'cms-standby' | 'sip-federation' | 'xmpp-federation' | 'failed-over';

export interface PoolLabel {
  lines: string[];
  marks: PoolMark[];
}

/** Builds the label of every pool of `d` (keyed by FQDN) from the relation list. */
export function poolLabels(d: Deployment, relations: readonly Relation[]): Map<string, PoolLabel> {
  const { active, standby } = cmsHosts(d, [...relations]);
  const siteName = new Map(d.topology.sites.map((s) => [s.id, s.name]));
  const sipFederation = new Set(relations.filter((r) => r.kind === 'sipFederationRoute').map((r) => r.to));
  const xmppSites = new Map<string, string[]>();
  for (const r of relations) {
    if (r.kind === 'xmppFederationRoute') xmppSites.set(r.to, [...(xmppSites.get(r.to) ?? []), siteName.get(r.from) ?? r.from]);
  }
  const out = new Map<string, PoolLabel>();
  for (const pool of d.topology.pools) {
    out.set(pool.fqdn, poolLabel(pool, d, { active, standby, sipFederation, xmppSites }));
  }
  return out;
}

function poolLabel(
  pool: Pool,
  d: Deployment,
  ctx: { active: string | undefined; standby: string[]; sipFederation: Set<string>; xmppSites: Map<string, string[]> },
): PoolLabel {
  const lines = [pool.fqdn, `${poolKindShort(pool)} · ${serverCount(pool.machines.length)}`];
  const marks: PoolMark[] = [];
  if (pool.fqdn === ctx.active) {
    lines.push('CMS ● active');
    marks.push('cms-active');
  } else if (ctx.standby.includes(pool.fqdn)) {
    lines.push('CMS ○ standby');
    marks.push('cms-standby');
  }
  // Federation is marked on the Edge pool itself: an edge from a site box to a pool inside it
  // can only be drawn by cytoscape as a loop around the box, which reads as noise.
  if (ctx.sipFederation.has(pool.fqdn)) {
    lines.push('⇄ SIP federation');
    marks.push('sip-federation');
  }
  const xmpp = ctx.xmppSites.get(pool.fqdn);
  if (xmpp) {
    lines.push(`⇄ XMPP federation (${xmpp.join(', ')})`);
    marks.push('xmpp-federation');
  }
  const servedBy = d.state.failedOver[pool.fqdn];
  if (servedBy) {
    lines.push(`↪ users failed over to ${servedBy}`);
    marks.push('failed-over');
  }
  return { lines, marks };
}
