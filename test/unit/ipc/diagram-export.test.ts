/**
 * `diagram.export` through the dispatcher, as the window calls it: it sends the deployment it shows
 * (the model), the format, its nodes' positions and optionally the what-if scenario; main draws the
 * file, asks where to save, writes atomically. Bad payloads (a format it does not know, an id that is
 * no node of that deployment, a coordinate that is not a number, markup) are refused with a readable
 * message and no dialog.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import type { DiagramFormat, OpenResult, Positions } from '../../../src/shared/ipc/contract';
import { MAX_DIAGRAM_NODES } from '../../../src/shared/ipc/contract';
import { siteNodeId } from '../../../src/shared/model/graph-ids';
import type { Dispatch } from '../../../src/main/ipc/dispatch';
import { testDispatch } from '../../support/test-dispatch';

const NOW = new Date('2026-11-24T09:31:00Z');

/** The diagram dialog answers `path` and remembers what it was asked; the others are cancelled. */
class RecordingDialogs {
  asked: { defaultName: string; format: DiagramFormat }[] = [];
  constructor(public path: string | null) {}
  async chooseDiagramPath(defaultName: string, format: DiagramFormat) {
    this.asked.push({ defaultName, format });
    return this.path;
  }
}

function elements(xml: string): { name: string; attributes: Record<string, string> }[] {
  const parser = new SaxesParser();
  const out: { name: string; attributes: Record<string, string> }[] = [];
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => void out.push({ name: tag.name, attributes: tag.attributes as Record<string, string> }));
  parser.write(xml).close();
  return out;
}

let dir: string;
let dialogs: RecordingDialogs;
let dispatch: Dispatch;
let opened: OpenResult;
/** As the window sends them: every pool in a row, 80 apart, in the order of the topology. */
let positions: Positions;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'poolpilot-diagram-export-'));
  dialogs = new RecordingDialogs(join(dir, 'out.drawio'));
  dispatch = testDispatch(dir, { dialogs: { chooseDiagramPath: (n, f) => dialogs.chooseDiagramPath(n, f) }, now: () => NOW });
  const envelope = await dispatch('topology.openDemo', undefined);
  if (!envelope.ok) throw new Error('the demo did not open');
  opened = envelope.value as OpenResult;
  positions = Object.fromEntries(opened.deployment.topology.pools.map((p, i) => [p.fqdn, { x: i * 80, y: (i % 3) * 50 }]));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const refused = (envelope: unknown) => {
  expect(envelope).toMatchObject({ ok: false });
  expect(dialogs.asked).toEqual([]);
  expect(readdirSync(dir).filter((f) => f.startsWith('out'))).toEqual([]);
  return (envelope as { error: { message: string } }).error.message;
};

describe('diagram.export', () => {
  it('writes a draw.io document of the open deployment that parses, one vertex per pool, laid out as sent', async () => {
    const envelope = await dispatch('diagram.export', { deployment: opened.deployment, format: 'drawio', positions });
    expect(envelope).toEqual({ ok: true, value: { path: join(dir, 'out.drawio') } });
    expect(dialogs.asked).toEqual([{ defaultName: 'Built-in-demo-deployment-diagram-2026-11-24-0931.drawio', format: 'drawio' }]);
    const cells = elements(readFileSync(join(dir, 'out.drawio'), 'utf8'));
    const pools = opened.deployment.topology.pools;
    const vertexOf = (fqdn: string) => cells.filter((e) => e.name === 'mxCell' && e.attributes.id === `n:${fqdn}` && e.attributes.vertex === '1');
    for (const pool of pools) expect(vertexOf(pool.fqdn), pool.fqdn).toHaveLength(1);
    expect(cells.filter((e) => e.name === 'mxCell' && /poolKind=/.test(e.attributes.style ?? '') && !e.attributes.id!.startsWith('legend'))).toHaveLength(pools.length);
    // The pools come out in the order they were sent in (left to right): absolute x, parent offsets added.
    const geometry = new Map<string, { x: number; parent: string }>();
    let last: string | undefined;
    for (const e of cells) {
      if (e.name === 'mxCell') last = e.attributes.id;
      if (e.name === 'mxGeometry' && last && e.attributes.x !== undefined)
        geometry.set(last, { x: Number(e.attributes.x), parent: cells.find((c) => c.name === 'mxCell' && c.attributes.id === last)!.attributes.parent! });
    }
    const absX = (id: string): number => {
      const g = geometry.get(id);
      return g ? g.x + absX(g.parent) : 0;
    };
    const xs = pools.map((p) => absX(`n:${p.fqdn}`));
    for (let i = 1; i < xs.length; i++) expect(xs[i]!, pools[i]!.fqdn).toBeGreaterThan(xs[i - 1]!);
  });

  it('writes an SVG that parses, one box per pool', async () => {
    dialogs.path = join(dir, 'out.svg');
    expect(await dispatch('diagram.export', { deployment: opened.deployment, format: 'svg', positions })).toEqual({ ok: true, value: { path: join(dir, 'out.svg') } });
    const svg = elements(readFileSync(join(dir, 'out.svg'), 'utf8'));
    expect(svg[0]!.name).toBe('svg');
    expect(svg.filter((e) => e.name === 'g' && e.attributes.class === 'pool')).toHaveLength(opened.deployment.topology.pools.length);
  });

  it('accepts site positions too (nodes of the graph), and no positions at all (the grid layout)', async () => {
    const site = siteNodeId(opened.deployment.topology.sites[0]!.id);
    expect(await dispatch('diagram.export', { deployment: opened.deployment, format: 'drawio', positions: { ...positions, [site]: { x: 1, y: 2 } } })).toMatchObject({ ok: true });
    expect(await dispatch('diagram.export', { deployment: opened.deployment, format: 'drawio', positions: {} })).toMatchObject({ ok: true });
  });

  it('refuses a format it does not know', async () => {
    expect(refused(await dispatch('diagram.export', { deployment: opened.deployment, format: 'png', positions }))).toMatch(/^Invalid diagram\.export request \(field format\)/);
    expect(refused(await dispatch('diagram.export', { deployment: opened.deployment, format: '<svg onload=alert(1)>', positions }))).toMatch(/field format/);
  });

  it('refuses an id that is no node of the open deployment, naming it', async () => {
    const message = refused(await dispatch('diagram.export', { deployment: opened.deployment, format: 'svg', positions: { ...positions, 'evil.example.com': { x: 0, y: 0 } } }));
    expect(message).toBe('The diagram was not exported: "evil.example.com" is not a node of Built-in demo deployment, the deployment drawn. Reopen it and export again.');
    const many = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((id) => [id, { x: 0, y: 0 }]));
    expect(refused(await dispatch('diagram.export', { deployment: opened.deployment, format: 'svg', positions: many }))).toContain('"a", "b", "c" and 2 more are not nodes of');
  });

  it('refuses coordinates that are not finite numbers, and too many positions', async () => {
    const [first] = Object.keys(positions);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '12', null]) {
      expect(refused(await dispatch('diagram.export', { deployment: opened.deployment, format: 'drawio', positions: { ...positions, [first!]: { x: bad, y: 0 } } })), String(bad)).toMatch(
        new RegExp(`^Invalid diagram\\.export request \\(field positions\\.${first!.replace(/\./g, '\\.')}\\.x\\)`),
      );
    }
    const flood = Object.fromEntries(Array.from({ length: MAX_DIAGRAM_NODES + 1 }, (_, i) => [`n${i}`, { x: i, y: i }]));
    expect(refused(await dispatch('diagram.export', { deployment: opened.deployment, format: 'drawio', positions: flood }))).toContain(`more than ${MAX_DIAGRAM_NODES} node positions`);
    expect(refused(await dispatch('diagram.export', { deployment: opened.deployment, format: 'drawio' }))).toMatch(/field positions/);
  });

  it('refuses any field beyond the deployment, format, positions and scenario (the window sends no markup)', async () => {
    expect(refused(await dispatch('diagram.export', { deployment: opened.deployment, format: 'svg', positions, markup: '<svg/>' }))).toMatch(/^Invalid diagram\.export request: /);
  });

  it('writes nothing when the admin cancels the dialog', async () => {
    dialogs.path = null;
    expect(await dispatch('diagram.export', { deployment: opened.deployment, format: 'drawio', positions })).toEqual({ ok: true, value: null });
    expect(existsSync(join(dir, 'out.drawio'))).toBe(false);
  });
});

describe('diagram.export of what the window shows', () => {
  it('draws the deployment sent (e.g. one discovered or edited in the window), not the last one opened', async () => {
    const edited = structuredClone(opened.deployment);
    edited.source = { kind: 'file', name: 'discovered.poolpilot' };
    edited.topology.pools = edited.topology.pools.filter((p) => p.siteId === 'Site2');
    dialogs.path = join(dir, 'out.svg');
    expect(await dispatch('diagram.export', { deployment: edited, format: 'svg', positions: {} })).toMatchObject({ ok: true });
    expect(dialogs.asked[0]!.defaultName).toBe('discovered-diagram-2026-11-24-0931.svg');
    const pools = elements(readFileSync(join(dir, 'out.svg'), 'utf8')).filter((e) => e.name === 'g' && e.attributes.class === 'pool');
    expect(pools.map((g) => g.attributes['data-id']).sort()).toEqual(edited.topology.pools.map((p) => p.fqdn).sort());
  });

  it('draws the what-if sent as its own layer, and none without it', async () => {
    const scenario = { down: [{ kind: 'pool', fqdn: 'pool1.contoso.com' }], changes: [{ kind: 'failoverPool', pool: 'pool1.contoso.com' }], applied: 1 };
    expect(await dispatch('diagram.export', { deployment: opened.deployment, format: 'drawio', positions, scenario })).toMatchObject({ ok: true });
    const layers = (xml: string) => elements(xml).filter((e) => e.name === 'mxCell' && e.attributes.parent === '0').map((e) => e.attributes.id);
    const written = readFileSync(join(dir, 'out.drawio'), 'utf8');
    expect(layers(written)).toEqual(['1', 'scenario']);
    expect(elements(written).some((e) => e.attributes.id === 's:down:pool1.contoso.com' && e.attributes.parent === 'scenario')).toBe(true);
    expect(await dispatch('diagram.export', { deployment: opened.deployment, format: 'drawio', positions })).toMatchObject({ ok: true });
    expect(layers(readFileSync(join(dir, 'out.drawio'), 'utf8'))).toEqual(['1']);
  });

  it('refuses a scenario or deployment that is not data of the right shape', async () => {
    expect(refused(await dispatch('diagram.export', { deployment: opened.deployment, format: 'svg', positions, scenario: { down: '<script>', changes: [], applied: 0 } }))).toMatch(/field scenario/);
    expect(refused(await dispatch('diagram.export', { format: 'svg', positions }))).toMatch(/field deployment/);
  });
});
