import { describe, expect, it } from 'vitest';
import { deriveRelations } from '../../../src/shared/model/relations';
import { emptyState } from '../../../src/shared/model/state';
import type { Deployment, Relation } from '../../../src/shared/model/types';
import { importTopology } from '../../../src/shared/topology/import';
import { synthTopologyXml } from '../../../src/shared/topology/synth';

function load(pools: number) {
  const { topology, issues, form } = importTopology(synthTopologyXml(pools), { fileName: `synth-${pools}.xml` });
  const d: Deployment = { topology, state: emptyState(), source: { kind: 'synthetic', name: `synth-${pools}` } };
  return { topology, issues, form, relations: deriveRelations(d) };
}
const count = (relations: Relation[], kind: Relation['kind']) => relations.filter((r) => r.kind === kind).length;

describe('synthTopologyXml', () => {
  it.each([0, 1, 2, 3, 10, 49, 50, 51, 137])('gives exactly %i pools that import cleanly', (n) => {
    const { topology, issues, form } = load(n);
    expect(form).toBe('published');
    expect(issues).toEqual([]);
    expect(topology.pools).toHaveLength(n);
  });

  it('is deterministic', () => {
    expect(synthTopologyXml(120)).toBe(synthTopologyXml(120));
  });

  it('spreads 137 pools over 3 sites, each with an Edge pool whose next hop and media association stay in the site', () => {
    const { topology, relations } = load(137);
    expect(topology.sites.map((s) => s.id)).toEqual(['Site1', 'Site2', 'Site3']);
    const siteOf = new Map(topology.pools.map((p) => [p.fqdn, p.siteId]));
    for (const site of topology.sites) {
      const here = topology.pools.filter((p) => p.siteId === site.id);
      expect(here.filter((p) => p.kind === 'Edge')).toHaveLength(1);
      expect(here.filter((p) => p.kind === 'Director')).toHaveLength(1);
      for (const fe of here.filter((p) => p.kind === 'FrontEnd')) {
        expect(fe.edition).toBe('Enterprise');
        expect(fe.machines.length).toBeGreaterThanOrEqual(2);
        expect(fe.machines.length).toBeLessThanOrEqual(4);
        expect(fe.backEnd?.primary).toMatch(/^sql-.*\\rtc$/);
      }
    }
    const nextHops = relations.filter((r) => r.kind === 'edgeNextHop');
    expect(nextHops).toHaveLength(3);
    for (const r of [...nextHops, ...relations.filter((x) => x.kind === 'mediaEdge')]) expect(siteOf.get(r.from)).toBe(siteOf.get(r.to));
    expect(count(relations, 'mediaEdge')).toBe(topology.pools.filter((p) => p.kind === 'FrontEnd').length);
    expect(relations.filter((r) => r.kind === 'cmsActive')).toEqual([{ kind: 'cmsActive', from: 'pool-s1-1.contoso.com', to: 'sql-s1-1.contoso.com' }]);
  });

  it('imports 2000 pools in 40 sites cleanly', () => {
    const { topology, issues, relations } = load(2000);
    expect(issues).toEqual([]);
    expect(topology.pools).toHaveLength(2000);
    expect(new Set(topology.pools.map((p) => p.fqdn)).size).toBe(2000);
    expect(topology.sites).toHaveLength(40);
    expect(count(relations, 'edgeNextHop')).toBe(40);
    expect(count(relations, 'backEnd')).toBe(topology.pools.filter((p) => p.kind === 'FrontEnd').length);
  });
});
