/**
 * The draw.io export opened by mxGraph, the library draw.io is built on (npm `mxgraph`, its browser
 * build in a blank Chromium page; no app, no network: every request the page makes is refused, and
 * the only ones allowed are for mxGraph's own images — core mxGraph draws a fold icon on containers
 * unless the style says `foldable=0`; draw.io reads `collapsible=0`, which the export writes).
 * Each document is written to a file and read back as an admin's would be, then the page decodes
 * it as draw.io does (mxUtils.parseXml, mxCodec into an mxGraph's model on a div, so the view
 * validates and renders every cell) and reports what mxGraph made of it: each cell's parent,
 * terminals (the cells mxGraph resolved, not the attributes), geometry and view state, and the text
 * it drew. The checks are what a user would look at: every site and pool is a box in its site's box,
 * every edge of the graph joins the right two boxes, everything is drawn, the legend is there, and
 * names read as the model spells them. A broken document must fail those checks.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { demoDeployment } from '../../src/shared/demo/demo';
import { deploymentToDrawio } from '../../src/shared/export/drawio';
import { diagramLayout, legendEntries } from '../../src/shared/export/diagram-layout';
import { xmlAttr } from '../../src/shared/export/xml';
import { siteLabel } from '../../src/shared/graph/describe';
import { graphEdges } from '../../src/shared/graph/edges';
import { poolLabels } from '../../src/shared/graph/nodes';
import { siteNodeId } from '../../src/shared/model/graph-ids';
import { deriveRelations } from '../../src/shared/model/relations';
import { emptyState } from '../../src/shared/model/state';
import { importTopology } from '../../src/shared/topology/import';
import type { Deployment } from '../../src/shared/model/types';
import type { Scenario } from '../../src/shared/scenario/types';
import { SAMPLES, sampleBytes } from '../unit/topology/fixtures';

const MX_CLIENT = require.resolve('mxgraph/javascript/mxClient.js');
/** Where mxGraph would take its own images from (the fold icon): nothing is there; requests for them are refused and counted apart. */
const MX_IMAGES = 'http://mxgraph-images.invalid';
const NOW = new Date('2026-01-01T00:00:00Z');

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One cell as mxGraph holds it after decoding. */
interface DecodedCell {
  id: string;
  parent: string | null;
  vertex: boolean;
  edge: boolean;
  value: string | null;
  style: string | null;
  /** The terminals mxGraph resolved (cell.source / cell.target), by id. */
  source: string | null;
  target: string | null;
  geometry: (Box & { relative: boolean }) | null;
  /** Visible as mxGraph decides it: the cell and every ancestor visible, no ancestor collapsed. */
  visible: boolean;
  /** The view's state of the cell, or null when the view has none (not drawn). */
  state:
    | (Box & {
        points: { x: number; y: number }[];
        shapeName: string | null;
        shapeClass: string | null;
        /** The perimeter the style names, and whether mxGraph has one by that name (else it uses the bounds). */
        perimeter: { name: string; known: boolean } | null;
      })
    | null;
}

interface Decoded {
  parserErrors: number;
  diagramName: string | null;
  cells: DecodedCell[];
  /** Elements under the container's <svg>. */
  svgElements: number;
  /** The text of every <text> element drawn, one per label line. */
  texts: string[];
  /** What mxLog.warn was given while decoding and drawing. */
  warnings: string[];
}

/** A blank page with mxGraph loaded from node_modules; `requests` collects any request the page tries. */
async function openMxGraph(page: Page): Promise<{ requests: string[]; errors: Error[] }> {
  const requests: string[] = [];
  const errors: Error[] = [];
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  page.on('pageerror', (err) => void errors.push(err));
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  // Before mxClient runs: no resource bundles, no stylesheets, nothing fetched from a base path.
  await page.evaluate((MX_IMAGES) => {
    const w = window as unknown as Record<string, unknown>;
    w.mxBasePath = '.';
    w.mxImageBasePath = MX_IMAGES;
    w.mxLoadResources = false;
    w.mxLoadStylesheets = false;
    w.mxForceIncludes = false;
  }, MX_IMAGES);
  await page.addScriptTag({ path: MX_CLIENT });
  const version = await page.evaluate(() => (window as unknown as { mxClient: { VERSION: string; isBrowserSupported(): boolean } }).mxClient);
  expect(version.VERSION).toBe('4.2.2');
  return { requests, errors };
}

/** Hands `xml` to the page and decodes it there with mxGraph, on a fresh div. */
async function decode(page: Page, xml: string): Promise<Decoded> {
  return page.evaluate((text) => {
    /* eslint-disable @typescript-eslint/no-explicit-any -- mxGraph's browser build has no types */
    const mx = window as any;
    const warnings: string[] = [];
    mx.mxLog.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    const doc: Document = mx.mxUtils.parseXml(text);
    const container = document.createElement('div');
    container.style.cssText = 'position:relative;width:3000px;height:3000px;overflow:hidden';
    document.body.replaceChildren(container);
    const graph = new mx.mxGraph(container);
    const node = doc.getElementsByTagName('mxGraphModel')[0];
    if (node) new mx.mxCodec(doc).decode(node, graph.getModel());
    const model = graph.getModel();
    const visible = (cell: any): boolean => {
      for (let c = cell; c && c !== model.getRoot(); c = c.parent) {
        if (!model.isVisible(c)) return false;
        if (c !== cell && graph.isCellCollapsed(c)) return false;
      }
      return true;
    };
    const cells = Object.values(model.cells as Record<string, any>).map((c) => {
      const g = c.geometry;
      const s = graph.view.getState(c);
      return {
        id: String(c.id),
        parent: c.parent ? String(c.parent.id) : null,
        vertex: model.isVertex(c) === true,
        edge: model.isEdge(c) === true,
        value: typeof c.value === 'string' ? c.value : null,
        style: typeof c.style === 'string' ? c.style : null,
        source: c.source ? String(c.source.id) : null,
        target: c.target ? String(c.target.id) : null,
        geometry: g ? { x: g.x, y: g.y, width: g.width, height: g.height, relative: g.relative === true } : null,
        visible: visible(c),
        state: s
          ? {
              x: s.x,
              y: s.y,
              width: s.width,
              height: s.height,
              points: (s.absolutePoints ?? []).filter(Boolean).map((p: any) => ({ x: p.x, y: p.y })),
              shapeName: s.style?.shape ?? null,
              shapeClass: s.shape ? s.shape.constructor.name : null,
              perimeter:
                typeof s.style?.perimeter === 'string'
                  ? { name: s.style.perimeter, known: typeof mx.mxStyleRegistry.getValue(s.style.perimeter) === 'function' }
                  : null,
            }
          : null,
      };
    });
    const svg = container.querySelector('svg');
    return {
      parserErrors: doc.getElementsByTagName('parsererror').length,
      diagramName: doc.getElementsByTagName('diagram')[0]?.getAttribute('name') ?? null,
      cells,
      svgElements: svg ? svg.querySelectorAll('*').length : 0,
      texts: [...container.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      warnings,
    };
    /* eslint-enable @typescript-eslint/no-explicit-any */
  }, xml);
}

/** Writes the export to a file and reads it back: the page gets the file's text, as draw.io would. */
function throughFile(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'poolpilot-drawio-'));
  try {
    const file = join(dir, 'deployment.drawio');
    writeFileSync(file, xml, 'utf8');
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const finite = (...n: number[]) => n.every(Number.isFinite);

/**
 * What is wrong with mxGraph's reading of `d`'s export, as a user would see it; empty when nothing.
 * Every site and pool a box (its label the model's), in its parent's box, drawn where its geometry
 * says; every graph edge an edge whose ends mxGraph resolved to the right boxes, drawn; the legend.
 */
function problems(d: Deployment, decoded: Decoded): string[] {
  const out: string[] = [];
  const byId = new Map(decoded.cells.map((c) => [c.id, c]));
  if (decoded.parserErrors) out.push(`${decoded.parserErrors} XML parser error(s)`);
  if (byId.get('0')?.parent !== null) out.push('cell 0 is not the root');
  if (byId.get('1')?.parent !== '0') out.push('cell 1 is not the layer under the root');

  const relations = deriveRelations(d);
  const labels = poolLabels(d, relations);
  const siteIds = new Set(d.topology.sites.map((s) => s.id));
  const absolute = (cell: DecodedCell): { x: number; y: number } => {
    let x = 0;
    let y = 0;
    for (let c: DecodedCell | undefined = cell; c?.geometry; c = c.parent ? byId.get(c.parent) : undefined) {
      x += c.geometry.x;
      y += c.geometry.y;
    }
    return { x, y };
  };
  const vertex = (id: string, parent: string, value: string) => {
    const cell = byId.get(id);
    if (!cell) return void out.push(`${id}: no cell`);
    if (!cell.vertex) out.push(`${id}: not a vertex`);
    if (cell.parent !== parent) out.push(`${id}: parent ${cell.parent}, expected ${parent}`);
    if (cell.value !== value) out.push(`${id}: label ${JSON.stringify(cell.value)}, expected ${JSON.stringify(value)}`);
    const g = cell.geometry;
    if (!g || !finite(g.x, g.y, g.width, g.height) || g.width <= 0 || g.height <= 0) out.push(`${id}: geometry ${JSON.stringify(g)}`);
    const s = cell.state;
    if (!s) return void out.push(`${id}: not drawn (no view state)`);
    if (!finite(s.x, s.y, s.width, s.height) || s.width <= 0 || s.height <= 0) out.push(`${id}: drawn at ${JSON.stringify(s)}`);
    const at = absolute(cell);
    if (g && (Math.abs(s.x - at.x) > 0.5 || Math.abs(s.y - at.y) > 0.5 || Math.abs(s.width - g.width) > 0.5 || Math.abs(s.height - g.height) > 0.5))
      out.push(`${id}: drawn at ${s.x},${s.y} ${s.width}x${s.height}, geometry says ${at.x},${at.y} ${g.width}x${g.height}`);
    for (const line of value.split('\n')) if (!decoded.texts.includes(line)) out.push(`${id}: label line ${JSON.stringify(line)} not drawn`);
  };

  for (const site of d.topology.sites) {
    const parent = site.parentId !== undefined && siteIds.has(site.parentId) && site.parentId !== site.id ? `n:${siteNodeId(site.parentId)}` : '1';
    vertex(`n:${siteNodeId(site.id)}`, parent, siteLabel(site));
  }
  for (const pool of d.topology.pools) vertex(`n:${pool.fqdn}`, `n:${siteNodeId(pool.siteId)}`, labels.get(pool.fqdn)!.lines.join('\n'));
  // The deployment layer's vertices (the what-if layer, when there is one, is checked on its own).
  const modelVertices = decoded.cells.filter((c) => c.vertex && c.id !== 'legend' && !c.id.startsWith('legend:') && c.parent !== 'scenario');
  if (modelVertices.length !== d.topology.sites.length + d.topology.pools.length)
    out.push(`${modelVertices.length} vertices besides the legend, expected ${d.topology.sites.length + d.topology.pools.length}`);

  const nodes = new Set([...d.topology.sites.map((s) => siteNodeId(s.id)), ...d.topology.pools.map((p) => p.fqdn)]);
  const expected = graphEdges(relations, nodes, new Map(d.topology.pools.map((p) => [p.fqdn, p.siteId])));
  for (const e of expected) {
    const id = `e:${e.id}`;
    const cell = byId.get(id);
    if (!cell) {
      out.push(`${id}: no cell`);
      continue;
    }
    if (!cell.edge) out.push(`${id}: not an edge`);
    const source = cell.source ? byId.get(cell.source) : undefined;
    const target = cell.target ? byId.get(cell.target) : undefined;
    if (cell.source !== `n:${e.source}` || !source?.vertex) out.push(`${id}: source resolved to ${cell.source}, expected n:${e.source}`);
    if (cell.target !== `n:${e.target}` || !target?.vertex) out.push(`${id}: target resolved to ${cell.target}, expected n:${e.target}`);
    const s = cell.state;
    if (!s) out.push(`${id}: not drawn (no view state)`);
    else if (s.points.length < 2 || !s.points.every((p) => finite(p.x, p.y)) || !finite(s.x, s.y, s.width, s.height)) out.push(`${id}: drawn with points ${JSON.stringify(s.points)}`);
  }
  const edges = decoded.cells.filter((c) => c.edge && c.parent === '1');
  if (edges.length !== expected.length) out.push(`${edges.length} edge cells, expected ${expected.length}`);

  // Whatever else is in the document: every visible vertex and edge is drawn, with finite bounds.
  for (const c of decoded.cells)
    if ((c.vertex || c.edge) && c.visible && !(c.state && finite(c.state.x, c.state.y, c.state.width, c.state.height)))
      out.push(`${c.id}: visible but not drawn`);

  const legend = byId.get('legend');
  const entries = legendEntries(diagramLayout(d));
  if (!legend?.vertex || legend.value !== 'Legend' || !legend.state) out.push('no legend drawn');
  const legendRows = decoded.cells.filter((c) => c.parent === 'legend' && c.vertex && c.state);
  if (legendRows.length !== entries.pools.length + entries.relations.length)
    out.push(`${legendRows.length} legend rows drawn, expected ${entries.pools.length + entries.relations.length}`);

  const drawn = decoded.cells.filter((c) => (c.vertex || c.edge) && c.state).length;
  if (decoded.svgElements < drawn) out.push(`${decoded.svgElements} SVG elements for ${drawn} drawn cells`);
  return out;
}

function fromFixture(name: string): Deployment {
  const { topology } = importTopology(sampleBytes(name), { fileName: name });
  return { topology, state: emptyState(), source: { kind: 'file', name } };
}

/** Shapes and perimeters the core library drew as something else: draw.io adds these itself (Shapes.js, its default stylesheet). */
function notes(decoded: Decoded): string {
  const fallbacks = new Map<string, Set<string>>();
  for (const c of decoded.cells) {
    if (!c.vertex || !c.state || !c.style) continue;
    const asked = c.style.split(';')[0]!;
    const drew = c.state.shapeClass ?? '?';
    fallbacks.set(asked, (fallbacks.get(asked) ?? new Set()).add(drew));
  }
  const shapes = [...fallbacks].map(([k, v]) => `${k} → ${[...v].join('/')}`).join(', ');
  const unknown = new Set(decoded.cells.flatMap((c) => (c.state?.perimeter && !c.state.perimeter.known ? [c.state.perimeter.name] : [])));
  const warnings = [...new Set(decoded.warnings)].join(' | ');
  return `shapes: ${shapes}; perimeters mxGraph lacks: ${[...unknown].join(', ') || 'none'}; mxLog warnings: ${warnings || 'none'}`;
}

const cases: { name: string; deployment: () => Deployment }[] = [
  { name: 'the demo deployment', deployment: () => demoDeployment(NOW) },
  ...Object.values(SAMPLES).map((name) => ({ name: `public fixture ${name}`, deployment: () => fromFixture(name) })),
];

test.describe('draw.io export opened by mxGraph 4.2.2', () => {
  for (const c of cases) {
    test(`${c.name}: every site, pool and edge decoded, joined and drawn`, async ({ page }, testInfo) => {
      const d = c.deployment();
      expect(d.topology.pools.length).toBeGreaterThan(0);
      const { requests, errors } = await openMxGraph(page);
      const decoded = await decode(page, throughFile(deploymentToDrawio(d)));
      expect(problems(d, decoded)).toEqual([]);
      expect(decoded.diagramName).toBe(d.source.name);
      // Nothing is fetched but mxGraph's own fold icon (see notes()).
      const images = requests.filter((url) => url.startsWith(`${MX_IMAGES}/`));
      expect(requests.filter((url) => !images.includes(url))).toEqual([]);
      expect(errors).toEqual([]);
      const description = `${notes(decoded)}; mxGraph images asked for: ${[...new Set(images.map((u) => new URL(u).pathname))].join(', ') || 'none'}`;
      testInfo.annotations.push({ type: 'mxGraph', description });
      console.log(`${c.name}: ${decoded.cells.length} cells, ${decoded.svgElements} SVG elements; ${description}`);
    });
  }

  test('the what-if is a layer of its own: its frames and edges drawn, its edges joined to the deployment layer\'s boxes', async ({ page }) => {
    const d = demoDeployment(NOW);
    const scenario: Scenario = {
      down: [{ kind: 'site', siteId: 'Site1' }],
      changes: [
        { kind: 'reassignNextHop', edgePool: 'edgepool1.contoso.com', nextHop: 'pool2.contoso.com' },
        { kind: 'failoverPool', pool: 'pool1.contoso.com' },
      ],
      applied: 2,
    };
    await openMxGraph(page);
    const decoded = await decode(page, throughFile(deploymentToDrawio(d, { scenario })));
    // The deployment layer is whole, as without the scenario.
    expect(problems(d, decoded)).toEqual([]);
    const byId = new Map(decoded.cells.map((c) => [c.id, c]));
    expect(decoded.cells.filter((c) => c.parent === '0').map((c) => c.id)).toEqual(['1', 'scenario']);
    const layer = diagramLayout(d, { scenario }).scenario!;
    const inLayer = decoded.cells.filter((c) => c.parent === 'scenario');
    for (const { id } of layer.down) expect(byId.get(`s:down:${id}`)?.state, id).not.toBeNull();
    const edges = inLayer.filter((c) => c.edge);
    expect(edges).toHaveLength(layer.added.length + layer.removed.length);
    for (const e of edges) {
      // mxGraph resolved both ends to the deployment's own boxes, and drew the line.
      for (const end of [e.source, e.target]) expect(end && byId.get(end)?.vertex && byId.get(end)?.parent !== 'scenario', `${e.id} → ${end}`).toBe(true);
      expect(e.state?.points.length ?? 0, e.id).toBeGreaterThanOrEqual(2);
    }
    expect(decoded.texts).toContain('1. Make pool2.contoso.com the next hop of Edge pool edgepool1.contoso.com');
  });

  test('a broken document fails the check: an edge to a missing cell, an edge to the wrong pool', async ({ page }) => {
    const d = demoDeployment(NOW);
    const xml = deploymentToDrawio(d);
    const nodes = new Set([...d.topology.sites.map((s) => siteNodeId(s.id)), ...d.topology.pools.map((p) => p.fqdn)]);
    const [first, second] = graphEdges(deriveRelations(d), nodes, new Map(d.topology.pools.map((p) => [p.fqdn, p.siteId])));
    const wrongPool = d.topology.pools.find((p) => p.fqdn !== first!.target && p.fqdn !== first!.source && p.fqdn !== second!.target)!.fqdn;
    const retarget = (text: string, edgeId: string, to: string) => {
      const tag = new RegExp(`(<mxCell id="${escapeRegExp(xmlAttr(`e:${edgeId}`))}"[^>]*? target=")[^"]*"`);
      expect(text).toMatch(tag);
      return text.replace(tag, `$1${xmlAttr(to)}"`);
    };
    const broken = retarget(retarget(xml, first!.id, 'n:missing.contoso.com'), second!.id, `n:${wrongPool}`);

    await openMxGraph(page);
    const decoded = await decode(page, throughFile(broken));
    const edge = decoded.cells.find((c) => c.id === `e:${first!.id}`)!;
    expect(edge.target).toBeNull();
    expect(edge.state).toBeNull();
    const found = problems(d, decoded);
    expect(found).toContain(`e:${first!.id}: target resolved to null, expected n:${first!.target}`);
    expect(found).toContain(`e:${first!.id}: not drawn (no view state)`);
    expect(found).toContain(`e:${second!.id}: target resolved to n:${wrongPool}, expected n:${second!.target}`);
    // The intact export of the same deployment passes.
    expect(problems(d, await decode(page, throughFile(xml)))).toEqual([]);
  });

  test('names with &, <, ", \' and non-ASCII decode to the labels the model gives', async ({ page }) => {
    const demo = demoDeployment(NOW);
    const name = 'Zürich & <Genève> "HQ" \'α\' 東京';
    const d: Deployment = {
      ...demo,
      topology: {
        ...demo.topology,
        sites: demo.topology.sites.map((s, i) => (i === 0 ? { ...s, name, city: 'Saint-Gall "Ost" & <Nord>' } : s)),
      },
      source: { ...demo.source, name: 'Export <Zürich> & "Genève" \'1\'' },
    };
    const site = d.topology.sites[0]!;
    await openMxGraph(page);
    const decoded = await decode(page, throughFile(deploymentToDrawio(d)));
    expect(problems(d, decoded)).toEqual([]);
    const cell = decoded.cells.find((c) => c.id === `n:${siteNodeId(site.id)}`)!;
    expect(cell.value).toBe(siteLabel(site));
    expect(cell.value!.startsWith(name)).toBe(true);
    // The demo's XMPP route is from this site: its Edge pool's label names the site too.
    const labels = poolLabels(d, deriveRelations(d));
    const naming = [...labels].filter(([, l]) => l.lines.some((line) => line.includes(name)));
    expect(naming.length).toBeGreaterThan(0);
    for (const [fqdn, l] of naming) expect(decoded.cells.find((c) => c.id === `n:${fqdn}`)!.value).toBe(l.lines.join('\n'));
    expect(decoded.texts).toContain(siteLabel(site));
    expect(decoded.diagramName).toBe(d.source.name);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
