/**
 * Find a pool, a server or a site by name: case-insensitive substring of a pool FQDN, a machine
 * FQDN or a site name. A server hit selects its pool, since servers are not drawn.
 */
import type { Deployment } from '../../shared/model/types';
import { siteNodeId } from '../../shared/model/graph-ids';
import { POOL_KIND_NAMES } from '../../shared/graph/describe';

export interface SearchHit {
  /** The graph element to select. */
  elementId: string;
  /** What matched, as the admin typed it. */
  label: string;
  /** Where it is, e.g. "Front End pool · Site1" or "server in pool1.contoso.com". */
  detail: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** All matches, when more than the hits shown. */
  total: number;
}

export function searchDeployment(d: Deployment, query: string, limit = 20): SearchResult {
  const q = query.trim().toLowerCase();
  if (q === '') return { hits: [], total: 0 };
  const siteNames = new Map(d.topology.sites.map((s) => [s.id, s.name]));

  const found: Array<SearchHit & { rank: number }> = [];
  const consider = (text: string, hit: SearchHit) => {
    const at = text.toLowerCase().indexOf(q);
    if (at < 0) return;
    // Exact names first, then names starting with the query, then the rest.
    const rank = text.length === q.length ? 0 : at === 0 ? 1 : 2;
    found.push({ ...hit, rank });
  };

  for (const site of d.topology.sites) {
    consider(site.name, { elementId: siteNodeId(site.id), label: site.name, detail: `${site.kind} site` });
  }
  for (const pool of d.topology.pools) {
    const site = siteNames.get(pool.siteId) ?? pool.siteId;
    consider(pool.fqdn, { elementId: pool.fqdn, label: pool.fqdn, detail: `${POOL_KIND_NAMES[pool.kind]} pool · ${site}` });
    for (const machine of pool.machines) {
      // A single-machine pool's server often has the pool's own FQDN: one hit is enough.
      if (machine === pool.fqdn) continue;
      consider(machine, { elementId: pool.fqdn, label: machine, detail: `server in ${pool.fqdn}` });
    }
  }

  found.sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label));
  return { hits: found.slice(0, limit).map(({ rank: _rank, ...hit }) => hit), total: found.length };
}
