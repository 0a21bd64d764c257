import { describe, expect, it } from 'vitest';
import { gridPositions, planLayout, savedPositionsFit } from '../../../src/renderer/graph/layout';
import { importTopology } from '../../../src/shared/topology/import';
import { synthTopologyXml } from '../../../src/shared/topology/synth';
import { emptyState } from '../../../src/shared/model/state';
import type { Deployment } from '../../../src/shared/model/types';
import { twoDataCentres } from './deployment-fixture';

function synthetic(pools: number): Deployment {
  const { topology } = importTopology(synthTopologyXml(pools), { fileName: 'synth.xml' });
  return { topology, state: emptyState(), source: { kind: 'synthetic', name: `${pools} pools` } };
}

describe('gridPositions', () => {
  it('places every pool, no two on the same spot', () => {
    const d = twoDataCentres();
    const positions = gridPositions(d);
    expect(Object.keys(positions).sort()).toEqual(d.topology.pools.map((p) => p.fqdn).sort());
    const spots = new Set(Object.values(positions).map(({ x, y }) => `${x},${y}`));
    expect(spots.size).toBe(d.topology.pools.length);
  });

  it('puts the sites side by side and, in a small site, the Edge pool above the Front End above SQL', () => {
    const p = gridPositions(twoDataCentres());
    const x = (fqdn: string) => p[fqdn]?.x ?? NaN;
    const y = (fqdn: string) => p[fqdn]?.y ?? NaN;
    expect(Math.max(x('pool1.contoso.com'), x('edgepool1.contoso.com'), x('sql1.contoso.com'))).toBeLessThan(
      Math.min(x('pool2.contoso.com'), x('edgepool2.contoso.com')),
    );
    expect(y('edgepool1.contoso.com')).toBeLessThan(y('pool1.contoso.com'));
    expect(y('pool1.contoso.com')).toBeLessThan(y('sql1.contoso.com'));
  });

  it('lays out 2000 pools directly, quickly and repeatably', () => {
    const d = synthetic(2000);
    const started = performance.now();
    const plan = planLayout(d, null);
    expect(performance.now() - started).toBeLessThan(500);
    expect(plan.refine).toBeUndefined(); // no force-directed pass for thousands of nodes
    expect(Object.keys(plan.start)).toHaveLength(2000);
    expect(gridPositions(d)).toEqual(plan.start);
  });
});

describe('planLayout', () => {
  it('refines a small deployment with fcose, keeping each kind of pool on its own row', () => {
    const plan = planLayout(twoDataCentres(), null);
    expect(plan.refine).toMatchObject({ name: 'fcose', randomize: false, animate: false });
    expect(plan.refine).not.toHaveProperty('alignmentConstraint'); // one pool per kind per site: nothing to align
    const wider = twoDataCentres();
    wider.topology.pools.push({ ...wider.topology.pools[0]!, fqdn: 'pool3.contoso.com' });
    expect(planLayout(wider, null).refine).toMatchObject({
      alignmentConstraint: { horizontal: [['pool1.contoso.com', 'pool3.contoso.com']] },
    });
  });

  it('puts pools back where the admin left them when positions cover every pool', () => {
    const d = twoDataCentres();
    const saved = Object.fromEntries(d.topology.pools.map((p, i) => [p.fqdn, { x: i * 10, y: -i }]));
    expect(planLayout(d, saved)).toEqual({ start: saved });
  });

  it('lays out afresh when saved positions miss a pool (the topology changed)', () => {
    const d = twoDataCentres();
    const saved = { 'pool1.contoso.com': { x: 1, y: 2 } };
    expect(savedPositionsFit(d, saved)).toBe(false);
    expect(planLayout(d, saved).start).toEqual(gridPositions(d));
  });
});
