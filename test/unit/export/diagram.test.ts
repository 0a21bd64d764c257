import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { deploymentToDrawio } from '../../../src/shared/export/drawio';
import { deploymentToSvg } from '../../../src/shared/export/svg';
import { diagramLayout, spreadScale } from '../../../src/shared/export/diagram-layout';
import { siteNodeId } from '../../../src/shared/model/graph-ids';
import { graphEdges } from '../../../src/shared/graph/edges';
import { deriveRelations } from '../../../src/shared/model/relations';
import { emptyState } from '../../../src/shared/model/state';
import { importTopology } from '../../../src/shared/topology/import';
import type { Deployment } from '../../../src/shared/model/types';
import type { Scenario } from '../../../src/shared/scenario/types';
import { SAMPLES, sampleBytes } from '../topology/fixtures';

interface Element {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

/** Every element of `xml` with its attributes and its own text (strict parse: throws on bad XML). */
function parse(xml: string): Element[] {
  const parser = new SaxesParser();
  const out: Element[] = [];
  const stack: Element[] = [];
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    const e: Element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' };
    out.push(e);
    stack.push(e);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return out;
}

function cells(xml: string) {
  const all = parse(xml).filter((e) => e.name === 'mxCell');
  const ids = all.map((c) => c.attributes.id);
  expect(new Set(ids).size).toBe(ids.length);
  return {
    all,
    byId: new Map(all.map((c) => [c.attributes.id!, c])),
    vertices: all.filter((c) => c.attributes.vertex === '1' && !c.attributes.id!.startsWith('legend')),
    edges: all.filter((c) => c.attributes.edge === '1'),
  };
}

function fromFixture(name: string): Deployment {
  const { topology } = importTopology(sampleBytes(name), { fileName: name });
  return { topology, state: emptyState(), source: { kind: 'file', name } };
}

function checkDrawio(d: Deployment): void {
  const xml = deploymentToDrawio(d);
  const { all, byId, vertices, edges } = cells(xml);
  expect(all[0]!.attributes).toEqual({ id: '0' });
  expect(all[1]!.attributes).toEqual({ id: '1', parent: '0' });
  expect(vertices).toHaveLength(d.topology.sites.length + d.topology.pools.length);
  for (const site of d.topology.sites) {
    const cell = byId.get(`n:${siteNodeId(site.id)}`)!;
    expect(cell.attributes.style).toContain('container=1');
    expect(cell.attributes.style).toContain('swimlane');
    expect(cell.attributes.parent).toBe(site.parentId ? `n:${siteNodeId(site.parentId)}` : '1');
  }
  for (const pool of d.topology.pools) {
    const cell = byId.get(`n:${pool.fqdn}`)!;
    expect(cell.attributes.parent).toBe(`n:${siteNodeId(pool.siteId)}`);
    expect(cell.attributes.value!.split('\n')[0]).toBe(pool.fqdn);
    expect(cell.attributes.style).toContain(`poolKind=${pool.kind}`);
  }
  const relations = deriveRelations(d);
  const nodes = new Set([...d.topology.sites.map((s) => siteNodeId(s.id)), ...d.topology.pools.map((p) => p.fqdn)]);
  const expected = graphEdges(relations, nodes, new Map(d.topology.pools.map((p) => [p.fqdn, p.siteId])));
  expect(edges).toHaveLength(expected.length);
  for (const e of expected) {
    const cell = byId.get(`e:${e.id}`)!;
    expect(cell.attributes.source).toBe(`n:${e.source}`);
    expect(cell.attributes.target).toBe(`n:${e.target}`);
    expect(cell.attributes.style).toContain(`relation=${e.kind}`);
  }
  // Every relation the model draws is on some edge.
  for (const r of relations) expect(expected.some((e) => e.relations.includes(r))).toBe(true);
}

describe('draw.io export', () => {
  it('draws the demo: every site, pool and relation, with the right parents and ends', () => {
    const d = demoDeployment(new Date('2026-01-01T00:00:00Z'));
    checkDrawio(d);
    const xml = deploymentToDrawio(d);
    expect(xml).toContain('CMS ● active');
    expect(deploymentToDrawio(d)).toBe(xml);
  });

  it.each(Object.values(SAMPLES))('draws the public fixture %s', (name) => {
    checkDrawio(fromFixture(name));
  });

  it('uses the app layout when it places every pool', () => {
    const d = demoDeployment(new Date('2026-01-01T00:00:00Z'));
    const positions = Object.fromEntries(d.topology.pools.map((p, i) => [p.fqdn, { x: 1000 + i * 300, y: 500 }]));
    const layout = diagramLayout(d, { positions });
    const xs = d.topology.pools.map((p) => layout.pools.find((b) => b.id === p.fqdn)!.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBe(300);
  });
});

describe('hostile names', () => {
  const site = 'Zürich & <Genève> "HQ" \'α\' 東京';
  const fqdn = 'fe&<"\'>.contoso.com';
  const d: Deployment = {
    topology: {
      sites: [{ id: site, name: site, number: 1, kind: 'central' }],
      pools: [{ fqdn, siteId: site, kind: 'FrontEnd', edition: 'Enterprise', machines: ['a&b.contoso.com'], sqlInstances: [], roles: [] }],
      sqlInstances: [],
      services: [],
    },
    state: { ...emptyState(), failedOver: { [fqdn]: fqdn } },
    source: { kind: 'file', name: 'x&<y>"\'.xml' },
  };

  it('draw.io: the XML parses and names read back byte for byte', () => {
    const { byId } = cells(deploymentToDrawio(d));
    expect(byId.get(`n:${siteNodeId(site)}`)!.attributes.value!.startsWith(site)).toBe(true);
    expect(byId.get(`n:${fqdn}`)!.attributes.value!.split('\n')[0]).toBe(fqdn);
    expect(byId.get(`n:${fqdn}`)!.attributes.parent).toBe(`n:${siteNodeId(site)}`);
    expect(parse(deploymentToDrawio(d)).find((e) => e.name === 'diagram')!.attributes.name).toBe('x&<y>"\'.xml');
  });

  it('SVG: parses and names read back byte for byte', () => {
    const elements = parse(deploymentToSvg(d));
    const texts = elements.filter((e) => e.name === 'title' || e.name === 'tspan' || e.name === 'text').map((e) => e.text);
    expect(texts.some((t) => t.includes(site))).toBe(true);
    expect(texts).toContain(fqdn);
  });
});

describe('the what-if scenario over the diagram', () => {
  const d = demoDeployment(new Date('2026-01-01T00:00:00Z'));
  // Datacenter1 is lost: its Edge pool is pointed at pool2 first, then pool1's users fail over.
  const scenario: Scenario = {
    down: [{ kind: 'site', siteId: 'Site1' }],
    changes: [
      { kind: 'reassignNextHop', edgePool: 'edgepool1.contoso.com', nextHop: 'pool2.contoso.com' },
      { kind: 'failoverPool', pool: 'pool1.contoso.com' },
      // Undone (kept for redo): not drawn.
      { kind: 'failoverCms' },
    ],
    applied: 2,
  };

  it('draw.io: its own layer under the root, holding the down frames, the relations added and removed, and the changes in order', () => {
    const xml = deploymentToDrawio(d, { scenario });
    const { all, byId } = cells(xml);
    expect(all.filter((c) => c.attributes.parent === '0').map((c) => c.attributes.id)).toEqual(['1', 'scenario']);
    const layer = all.filter((c) => c.attributes.parent === 'scenario');
    // The site and every pool in it are framed, with the canvas's marks.
    const site1Pools = d.topology.pools.filter((p) => p.siteId === 'Site1').map((p) => p.fqdn);
    const frames = layer.filter((c) => c.attributes.id!.startsWith('s:down:'));
    expect(frames.map((c) => c.attributes.id).sort()).toEqual([siteNodeId('Site1'), ...site1Pools].map((id) => `s:down:${id}`).sort());
    expect(byId.get(`s:down:${siteNodeId('Site1')}`)!.attributes.value).toBe('✕ DOWN');
    expect(byId.get('s:down:pool1.contoso.com')!.attributes.value).toBe('✕ DOWN (site down)');
    // Each frame covers its box in the deployment layer (pools' geometry there is relative to their site).
    const siteGeometry = geometryOf(xml, `n:${siteNodeId('Site1')}`);
    const poolGeometry = geometryOf(xml, 'n:pool1.contoso.com');
    const frame = geometryOf(xml, 's:down:pool1.contoso.com');
    expect(frame.x).toBe(siteGeometry.x + poolGeometry.x - 4);
    expect(frame.y).toBe(siteGeometry.y + poolGeometry.y - 4);
    // The new next hop and the failed-over users are drawn between the deployment's own vertices; the old next hop is marked removed.
    const edges = layer.filter((c) => c.attributes.edge === '1');
    const ends = (c: (typeof edges)[number]) => `${c.attributes.style!.match(/whatIf=(\w+)/)![1]} ${c.attributes.style!.match(/relation=(\w+)/)![1]} ${c.attributes.source} → ${c.attributes.target}`;
    expect(edges.map(ends).sort()).toEqual(
      ['added edgeNextHop n:edgepool1.contoso.com → n:pool2.contoso.com', 'added failedOverTo n:pool1.contoso.com → n:pool2.contoso.com', 'removed edgeNextHop n:edgepool1.contoso.com → n:pool1.contoso.com'].sort(),
    );
    for (const e of edges) expect(byId.get(e.attributes.source!)!.attributes.parent).not.toBe('scenario');
    const notes = byId.get('s:changes')!.attributes.value!.split('\n');
    expect(notes[0]).toBe('What-if scenario');
    expect(notes.slice(1)).toHaveLength(2);
    expect(notes[1]).toBe('1. Make pool2.contoso.com the next hop of Edge pool edgepool1.contoso.com');
    expect(notes[2]).toMatch(/^2\. .*pool1\.contoso\.com/);
    // The deployment layer is the picture without the scenario, cell for cell.
    expect(all.filter((c) => c.attributes.parent !== 'scenario' && c.attributes.id !== 'scenario')).toEqual(cells(deploymentToDrawio(d)).all);
  });

  it('SVG: one scenario group drawn over the picture, with the same frames, lines and changes', () => {
    const elements = parse(deploymentToSvg(d, { scenario }));
    expect(elements.filter((e) => e.name === 'g' && e.attributes.class === 'scenario')).toHaveLength(1);
    const down = elements.filter((e) => e.name === 'g' && e.attributes.class === 'down').map((e) => e.attributes['data-id']);
    expect(down).toHaveLength(d.topology.pools.filter((p) => p.siteId === 'Site1').length + 1);
    expect(elements.filter((e) => e.name === 'g' && e.attributes.class === 'added')).toHaveLength(2);
    expect(elements.filter((e) => e.name === 'g' && e.attributes.class === 'removed')).toHaveLength(1);
    const texts = elements.filter((e) => e.name === 'text').map((e) => e.text);
    expect(texts).toContain('What-if scenario');
    expect(texts.filter((t) => /^\d\. /.test(t))).toHaveLength(2);
    // Drawn last, so it lies over the deployment.
    expect(elements.findIndex((e) => e.attributes.class === 'scenario')).toBeGreaterThan(elements.findIndex((e) => e.attributes.class === 'legend'));
  });

  it('an empty scenario (nothing down, changes all undone) draws no layer', () => {
    const idle: Scenario = { down: [], changes: scenario.changes, applied: 0 };
    expect(deploymentToDrawio(d, { scenario: idle })).toBe(deploymentToDrawio(d));
    expect(deploymentToSvg(d, { scenario: idle })).toBe(deploymentToSvg(d));
  });

  it('a down SQL store frames the SQL pool that holds it, as the canvas marks it', () => {
    const instance = d.topology.sqlInstances[0]!;
    const layout = diagramLayout(d, { scenario: { down: [{ kind: 'sqlStore', instanceId: instance.id }], changes: [], applied: 0 } });
    expect(layout.scenario!.down.map((m) => m.id)).toContain(instance.poolFqdn);
    expect(layout.scenario!.changes).toEqual([]);
  });
});

function geometryOf(xml: string, id: string): { x: number; y: number } {
  const elements = parse(xml);
  const at = elements.findIndex((e) => e.name === 'mxCell' && e.attributes.id === id);
  const g = elements[at + 1]!;
  expect(g.name).toBe('mxGeometry');
  return { x: Number(g.attributes.x), y: Number(g.attributes.y) };
}

describe('SVG export', () => {
  it('draws one box per site and pool and one line per edge, from the same layout as draw.io', () => {
    const d = demoDeployment(new Date('2026-01-01T00:00:00Z'));
    const layout = diagramLayout(d);
    const elements = parse(deploymentToSvg(d));
    expect(elements[0]!.name).toBe('svg');
    const groups = elements.filter((e) => e.name === 'g' && e.attributes['data-id'] !== undefined);
    expect(groups.filter((g) => g.attributes.class === 'site')).toHaveLength(d.topology.sites.length);
    expect(groups.filter((g) => g.attributes.class === 'pool')).toHaveLength(d.topology.pools.length);
    expect(groups.filter((g) => g.attributes.class === 'edge')).toHaveLength(layout.edges.length);
    for (const p of layout.pools) {
      const rect = elements.find((e) => e.name === 'rect' && e.attributes['data-id'] === p.id)!;
      expect(Number(rect.attributes.x)).toBe(p.x);
      expect(Number(rect.attributes.y)).toBe(p.y);
    }
  });
});

describe('the app layout, spread (diagram.export from the window)', () => {
  const d = demoDeployment(new Date('2026-01-01T00:00:00Z'));
  // As cytoscape keeps them: pools 70 apart in a row per site, sites side by side (far smaller than the diagram's boxes).
  const screen = (): Record<string, { x: number; y: number }> => {
    const out: Record<string, { x: number; y: number }> = {};
    d.topology.sites.forEach((site, s) => {
      d.topology.pools
        .filter((p) => p.siteId === site.id)
        .forEach((p, i) => {
          out[p.fqdn] = { x: s * 400 + (i % 4) * 70, y: Math.floor(i / 4) * 60 };
        });
    });
    return out;
  };
  const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('without spread, positions are used as they are (the CLI), boxes overlapping where the canvas is dense', () => {
    const layout = diagramLayout(d, { positions: screen() });
    const [a, b] = layout.pools.filter((p) => p.pool.siteId === d.topology.sites[0]!.id);
    expect(b!.x - a!.x).toBe(70);
  });

  it('spreads the canvas with one scale: no two pools or sibling sites overlap, the order on screen is kept', () => {
    const positions = screen();
    const layout = diagramLayout(d, { positions, spread: true });
    for (let i = 0; i < layout.pools.length; i++)
      for (let j = i + 1; j < layout.pools.length; j++) expect(overlap(layout.pools[i]!, layout.pools[j]!), `${layout.pools[i]!.id} / ${layout.pools[j]!.id}`).toBe(false);
    const nested = (a: string, b: string) => layout.sites.find((s) => s.id === a)!.parent === b || layout.sites.find((s) => s.id === b)!.parent === a;
    for (let i = 0; i < layout.sites.length; i++)
      for (let j = i + 1; j < layout.sites.length; j++) {
        const [a, b] = [layout.sites[i]!, layout.sites[j]!];
        if (!nested(a.id, b.id)) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
      }
    // One scale: every pair of pools keeps its order and the ratio of its gaps.
    const centre = new Map(layout.pools.map((p) => [p.id, { x: p.x + p.width / 2, y: p.y + p.height / 2 }]));
    const ids = [...centre.keys()];
    const scale = spreadScale(d, positions);
    expect(scale).toBeGreaterThan(1);
    for (const a of ids)
      for (const b of ids) {
        expect(centre.get(b)!.x - centre.get(a)!.x).toBeCloseTo((positions[b]!.x - positions[a]!.x) * scale, 0);
        expect(centre.get(b)!.y - centre.get(a)!.y).toBeCloseTo((positions[b]!.y - positions[a]!.y) * scale, 0);
      }
  });

  it('does not shrink a canvas already roomier than the boxes, and pools on top of each other do not spread it without end', () => {
    const wide = Object.fromEntries(d.topology.pools.map((p, i) => [p.fqdn, { x: i * 1000, y: 0 }]));
    expect(spreadScale(d, wide)).toBe(1);
    const stacked = Object.fromEntries(d.topology.pools.map((p) => [p.fqdn, { x: 5, y: 5 }]));
    expect(Number.isFinite(spreadScale(d, stacked))).toBe(true);
    expect(diagramLayout(d, { positions: stacked, spread: true }).pools).toHaveLength(d.topology.pools.length);
  });
});
