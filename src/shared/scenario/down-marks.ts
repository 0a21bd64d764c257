/**
 * What the graph draws as down in a what-if: the components the scenario marks down and what they
 * take with them, as validation sees it — the pools of a down site, the SQL pool holding a down
 * store. Pure and shared, so the canvas and the diagram exports mark the same things and the unit
 * tests check them.
 */
import type { Deployment } from '../model/types';
import { siteIdOfNode, siteNodeId } from '../model/graph-ids';
import type { DownComponent } from './types';

/** Graph node id → the line its label gets ("✕ DOWN", "✕ DOWN (site down)", …). */
export type DownMarks = Map<string, string>;

export const DOWN_LINE = '✕ DOWN';

export function downMarks(d: Deployment, down: readonly DownComponent[]): DownMarks {
  const marks: DownMarks = new Map();
  if (down.length === 0) return marks;
  const downSites = new Set<string>();
  const downStores = new Set<string>();
  for (const c of down) {
    if (c.kind === 'site') {
      downSites.add(c.siteId);
      marks.set(siteNodeId(c.siteId), DOWN_LINE);
    } else if (c.kind === 'pool') {
      marks.set(c.fqdn, DOWN_LINE);
    } else {
      downStores.add(c.instanceId.toLowerCase());
    }
  }
  for (const pool of d.topology.pools) {
    if (marks.has(pool.fqdn)) continue;
    if (downSites.has(pool.siteId)) {
      marks.set(pool.fqdn, `${DOWN_LINE} (site down)`);
      continue;
    }
    const stores = pool.sqlInstances.filter((id) => downStores.has(id.toLowerCase()));
    if (stores.length === 0) continue;
    if (stores.length === pool.sqlInstances.length) marks.set(pool.fqdn, DOWN_LINE);
    else marks.set(pool.fqdn, `${DOWN_LINE} (${stores.map(instanceLabel).join(', ')})`);
  }
  return marks;
}

/** `sql1.contoso.com\rtc` → `instance rtc`; the default instance by that name. */
export function instanceLabel(instanceId: string): string {
  const at = instanceId.indexOf('\\');
  return at < 0 || at === instanceId.length - 1 ? 'default instance' : `instance ${instanceId.slice(at + 1)}`;
}

/** The down mark a graph node stands for: a pool or a site (SQL stores are marked from the inspector). */
export function componentOfNode(d: Deployment, nodeId: string): DownComponent | undefined {
  const siteId = siteIdOfNode(nodeId);
  if (siteId !== undefined) return d.topology.sites.some((s) => s.id === siteId) ? { kind: 'site', siteId } : undefined;
  return d.topology.pools.some((p) => p.fqdn === nodeId) ? { kind: 'pool', fqdn: nodeId } : undefined;
}

/** How the admin reads a down mark in lists. */
export function describeDown(d: Deployment, c: DownComponent): string {
  switch (c.kind) {
    case 'site': {
      const site = d.topology.sites.find((s) => s.id === c.siteId);
      return site && site.name !== site.id ? `Site ${site.name} (${site.id})` : `Site ${c.siteId}`;
    }
    case 'pool':
      return c.fqdn;
    case 'sqlStore':
      return `SQL store ${c.instanceId}`;
  }
}

/** The graph node that shows a down mark. */
export function nodeOfComponent(d: Deployment, c: DownComponent): string | undefined {
  switch (c.kind) {
    case 'site':
      return siteNodeId(c.siteId);
    case 'pool':
      return c.fqdn;
    case 'sqlStore':
      return d.topology.sqlInstances.find((i) => i.id.toLowerCase() === c.instanceId.toLowerCase())?.poolFqdn;
  }
}
