/**
 * The CLI as a user runs it: a separate process (`tsx src/cli/main.ts`, what `npm run cli` does),
 * checked by exit code, stdout and stderr. The last block builds the esbuild bundle the installed
 * `poolpilot` command runs and checks it too. Tests run one after another: on a two-core machine,
 * several CLI processes starting at once only slow each other down past their time limits.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDeployment } from '../../src/shared/demo/demo';
import { deriveRelations } from '../../src/shared/model/relations';

const ROOT = resolve(__dirname, '../..');
const FIXTURES = resolve(ROOT, '../shared/fixtures/topologies/public');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((done) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

const poolpilot = (...args: string[]) => run(TSX, [join(ROOT, 'src/cli/main.ts'), ...args]);

/** A failure: non-zero exit, nothing on stdout, exactly one line on stderr. */
function expectOneLineError(r: Run, code: number): string {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  return r.stderr.trimEnd();
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poolpilot-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface InspectOut {
  sites: { id: string; name: string }[];
  pools: { fqdn: string; site: string; kind: string; edition?: string; machines: string[] }[];
  relations: { kind: string; from: string; to: string }[];
  warnings: string[];
}

async function inspectJson(...args: string[]): Promise<InspectOut> {
  const r = await poolpilot('inspect', ...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as InspectOut;
}

const pool = (out: InspectOut, fqdn: string) => out.pools.find((p) => p.fqdn === fqdn);
const relation = (out: InspectOut, kind: string, from: string, to: string) =>
  out.relations.some((r) => r.kind === kind && r.from === from && r.to === to);

describe('poolpilot inspect demo', () => {
  it('--json lists the demo deployment’s sites, pools and relations', async () => {
    const out = await inspectJson('demo');
    const demo = demoDeployment();
    expect(out.sites.map((s) => s.id)).toEqual(demo.topology.sites.map((s) => s.id));
    expect(out.pools.map((p) => [p.fqdn, p.site, p.kind, p.machines])).toEqual(
      demo.topology.pools.map((p) => [p.fqdn, p.siteId, p.kind, p.machines]),
    );
    expect(out.relations).toEqual(deriveRelations(demo));
    // The procedures' example: Pool1 in Site1 backed up by Pool2, EdgePool1 forwarding to Pool1.
    expect(pool(out, 'pool1.contoso.com')?.kind).toBe('FrontEnd');
    expect(relation(out, 'backupPool', 'pool1.contoso.com', 'pool2.contoso.com')).toBe(true);
    expect(relation(out, 'edgeNextHop', 'edgepool1.contoso.com', 'pool1.contoso.com')).toBe(true);
    expect(relation(out, 'cmsActive', 'pool1.contoso.com', 'sql1a.contoso.com')).toBe(true);
    expect(out.warnings).toEqual([]);
  });

  it('without --json prints a readable summary', async () => {
    const r = await poolpilot('inspect', 'demo');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Site /m);
    expect(r.stdout).toMatch(/^ {2}FrontEnd +pool1\.contoso\.com +Enterprise, \d+ machines?$/m);
    expect(r.stdout).toMatch(/^ {2}edgeNextHop \(\d+\)$/m);
    expect(r.stdout).toContain('    edgepool1.contoso.com -> pool1.contoso.com');
    expect(r.stdout).toContain('\nCMS: active on pool1.contoso.com (store on sql1a.contoso.com); standby on pool2.contoso.com');
  });
});

describe('poolpilot inspect <public fixture>', () => {
  it('AutomatedLab Contoso.tbxml', async () => {
    const out = await inspectJson(join(FIXTURES, 'AutomatedLab__SfBAutomatedLab__Contoso.tbxml'));
    expect(out.sites.map((s) => s.name)).toEqual(['Contoso']);
    expect(pool(out, 'frontendpool.contoso.com')).toMatchObject({ kind: 'FrontEnd', edition: 'Enterprise' });
    expect(pool(out, 'frontendpool.contoso.com')?.machines).toHaveLength(4);
    expect(pool(out, 'edgepool.contoso.com')).toMatchObject({ kind: 'Edge' });
    expect(pool(out, 'edgepool.contoso.com')?.machines).toHaveLength(3);
    expect(relation(out, 'edgeNextHop', 'edgepool.contoso.com', 'frontendpool.contoso.com')).toBe(true);
    expect(relation(out, 'mediaEdge', 'frontendpool.contoso.com', 'edgepool.contoso.com')).toBe(true);
    expect(out.relations.some((r) => r.kind === 'cmsActive')).toBe(false);
  });

  it('ibenbouzid DefaultTopology_Skype.xml', async () => {
    const out = await inspectJson(join(FIXTURES, 'ibenbouzid__SkypeforBusiness_lab_V3__DefaultTopology_Skype.xml'));
    expect(out.sites.map((s) => s.name)).toEqual(['TVP']);
    expect(pool(out, 'skypefe.contoso.com')).toMatchObject({ kind: 'FrontEnd', edition: 'Standard' });
    expect(pool(out, 'edge.contoso.com')).toMatchObject({ kind: 'Edge' });
    expect(pool(out, 'sbc1.contoso.com')).toMatchObject({ kind: 'PstnGateway' });
    expect(relation(out, 'edgeNextHop', 'edge.contoso.com', 'skypefe.contoso.com')).toBe(true);
    expect(relation(out, 'mediaEdge', 'skypefe.contoso.com', 'edge.contoso.com')).toBe(true);
    expect(out.relations.some((r) => r.kind === 'cmsActive' && r.from === 'skypefe.contoso.com')).toBe(true);
  });

  it('rlevchenko DefaultTopology.xml', async () => {
    const out = await inspectJson(join(FIXTURES, 'rlevchenko__powershell-skype__DefaultTopology.xml'));
    expect(out.sites.map((s) => s.name)).toEqual(['Tenant']);
    expect(pool(out, 'poolfe.tenant.rlevchenko.com')).toMatchObject({ kind: 'FrontEnd', edition: 'Enterprise' });
    expect(pool(out, 'poolfe.tenant.rlevchenko.com')?.machines).toEqual(['skype-fe-01.tenant.rlevchenko.com']);
    expect(out.pools.some((p) => p.kind === 'Edge')).toBe(false);
    expect(relation(out, 'cmsActive', 'poolfe.tenant.rlevchenko.com', 'srv-sql-01.tenant.rlevchenko.com')).toBe(true);
  });
});

describe('poolpilot synth', () => {
  it('writes a topology that inspect reads back with the pools asked for', async () => {
    const file = join(dir, 'synth-40.xml');
    const r = await poolpilot('synth', '--pools', '40', '--out', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*synth-40\.xml: 40 pools, \d+ bytes\n$/);
    const out = await inspectJson(file);
    expect(out.pools).toHaveLength(40);
    expect(out.warnings).toEqual([]);
  });

  it.each([
    [['synth', '--out', 'x.xml'], /--pools N is required/],
    [['synth', '--pools', 'ten'], /--pools must be a whole number from 1 to 100000, got "ten"/],
    [['synth', '--pools', '0'], /--pools must be a whole number/],
    [['synth', '--pools', '3', '--colour', 'blue'], /^poolpilot: synth: Unknown option '--colour'$/],
  ])('refuses %j with a usage error', async (args, message) => {
    expect(expectOneLineError(await poolpilot(...args), 2)).toMatch(message);
  });
});

/** The cells of a draw.io file, as diagrams.net reads them: id, parent, and an edge's ends. */
function drawioCells(xml: string): Map<string, { parent?: string; vertex: boolean; edge: boolean; source?: string; target?: string }> {
  const cells = new Map<string, { parent?: string; vertex: boolean; edge: boolean; source?: string; target?: string }>();
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name !== 'mxCell') return;
    const a = tag.attributes as Record<string, string>;
    expect(cells.has(a.id!), `cell id ${a.id} twice`).toBe(false);
    cells.set(a.id!, { parent: a.parent, vertex: a.vertex === '1', edge: a.edge === '1', source: a.source, target: a.target });
  });
  parser.write(xml).close();
  return cells;
}

describe('poolpilot export', () => {
  it.each([
    ['demo', 'demo'],
    ['a public fixture', join(FIXTURES, 'AutomatedLab__SfBAutomatedLab__Contoso.tbxml')],
  ])('draws %s as draw.io: each pool in its site, each edge between two drawn shapes', async (_name, source) => {
    const out = await inspectJson(source);
    const file = join(dir, `export-${out.pools.length}.drawio`);
    const r = await poolpilot('export', source, '--out', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${file}: ${out.sites.length} site${out.sites.length === 1 ? '' : 's'}, ${out.pools.length} pools (drawio)\n`);
    const cells = drawioCells(await readFile(file, 'utf8'));
    for (const site of out.sites) expect(cells.get(`n:site:${site.id}`), site.id).toMatchObject({ vertex: true });
    for (const p of out.pools) expect(cells.get(`n:${p.fqdn}`), p.fqdn).toMatchObject({ vertex: true, parent: `n:site:${p.site}` });
    const edges = [...cells.values()].filter((c) => c.edge);
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) {
      expect(cells.get(e.source!)?.vertex, `edge from ${e.source}`).toBe(true);
      expect(cells.get(e.target!)?.vertex, `edge to ${e.target}`).toBe(true);
    }
  });

  it('draws the demo as SVG, a group per pool, and follows the extension of --out', async () => {
    const file = join(dir, 'export-demo.svg');
    const r = await poolpilot('export', 'demo', '--out', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(svg\)\n$/);
    const ids: string[] = [];
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      const a = tag.attributes as Record<string, string>;
      if (tag.name === 'g' && a.class === 'pool') ids.push(a['data-id']!);
    });
    parser.write(await readFile(file, 'utf8')).close();
    expect(ids.sort()).toEqual(demoDeployment().topology.pools.map((p) => p.fqdn).sort());
  });

  it.each([
    [['export', 'demo', '--format', 'png', '--out', 'x.png'], 2, /^poolpilot: export: --format must be drawio or svg, got "png"$/],
    [['export', 'demo', '--out', 'diagram.vsdx'], 2, /--format drawio\|svg is required when --out does not end in \.drawio or \.svg/],
    [['export', 'demo'], 2, /--out FILE is required/],
    [['export', 'demo', '--out', '/no-such-folder/x.svg'], 1, /^poolpilot: Cannot write \/no-such-folder\/x\.svg: no such file or folder$/],
  ])('refuses %j, naming what is wrong', async (args, code, message) => {
    expect(expectOneLineError(await poolpilot(...args), code)).toMatch(message);
  });
});

describe('failures: exit non-zero with one line on stderr naming the file', () => {
  it('a missing file', async () => {
    const line = expectOneLineError(await poolpilot('inspect', 'no-such-topology.xml'), 1);
    expect(line).toBe('poolpilot: Cannot open no-such-topology.xml: no such file or folder');
  });

  it('malformed XML: file, line and column', async () => {
    const file = join(dir, 'broken.xml');
    await writeFile(file, '<?xml version="1.0"?>\n<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008">\n  <Sites>\n    <Site</Sites>\n');
    const line = expectOneLineError(await poolpilot('inspect', file), 1);
    expect(line).toMatch(/^poolpilot: broken\.xml is not well-formed XML \(line 4, column \d+\): /);
  });

  it('a corrupt snapshot: file:line:col', async () => {
    const file = join(dir, 'broken.poolpilot.json');
    await writeFile(file, '{\n  "format": "poolpilot.snapshot",\n  "version": 1,\n  "takenAt": "2024-05-01T10:00:00Z",\n  "deployment": {\n');
    const line = expectOneLineError(await poolpilot('inspect', file, '--json'), 1);
    expect(line).toBe('poolpilot: broken.poolpilot.json:6:1: not valid JSON: the text ends before the JSON is complete');
  });

  it('an unknown command', async () => {
    const line = expectOneLineError(await poolpilot('frobnicate'), 2);
    expect(line).toMatch(/^poolpilot: unknown command "frobnicate"; commands: .*\binspect\b/);
    expect(line).toMatch(/\bsynth\b/);
  });

  it('no command, or inspect without a file', async () => {
    expectOneLineError(await poolpilot(), 2);
    expect(expectOneLineError(await poolpilot('inspect'), 2)).toMatch(/inspect: expected one file/);
  });
});

describe('help', () => {
  it('lists the commands and each command’s usage', async () => {
    const r = await poolpilot('help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}inspect +show/m);
    expect(r.stdout).toMatch(/^ {2}synth +write/m);
    const usage = await poolpilot('inspect', '--help');
    expect(usage.code).toBe(0);
    expect(usage.stdout).toMatch(/^usage: poolpilot inspect <file\|snapshot\|demo> \[--json\]/);
  });
});

describe('bin/poolpilot.cjs (the installed command)', () => {
  it('says how to build the CLI when its bundle is missing', async () => {
    const bin = join(dir, 'unbuilt', 'bin', 'poolpilot.cjs');
    await mkdir(join(dir, 'unbuilt', 'bin'), { recursive: true });
    await copyFile(join(ROOT, 'bin/poolpilot.cjs'), bin);
    const line = expectOneLineError(await run(process.execPath, [bin, 'inspect', 'demo']), 1);
    expect(line).toContain("run 'npm run build:cli'");
    expect(line).toContain(join(dir, 'unbuilt', 'out', 'cli', 'poolpilot.cjs'));
  });

  it('runs the esbuild bundle (built as build:cli does, into a scratch folder)', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const buildArgs = pkg.scripts['build:cli']!.split(' ').slice(1);
    const outfile = join(dir, 'built', 'out', 'cli', 'poolpilot.cjs');
    const esbuild = await run(
      join(ROOT, 'node_modules/.bin/esbuild'),
      buildArgs.map((a) => (a.startsWith('--outfile=') ? `--outfile=${outfile}` : a)),
    );
    expect(esbuild.stderr).toBe('');
    expect(esbuild.code).toBe(0);
    const bin = join(dir, 'built', 'bin', 'poolpilot.cjs');
    await mkdir(join(dir, 'built', 'bin'));
    await copyFile(join(ROOT, 'bin/poolpilot.cjs'), bin);
    const r = await run(process.execPath, [bin, 'inspect', 'demo', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as InspectOut).pools.length).toBe(demoDeployment().topology.pools.length);
    const failed = await run(process.execPath, [bin, 'inspect', 'missing.xml']);
    expect(expectOneLineError(failed, 1)).toBe('poolpilot: Cannot open missing.xml: no such file or folder');
  });
});
