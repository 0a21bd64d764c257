import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBytes, openDemo, openFile, positionsKeyFor } from '../../../src/main/services/open-source';
import { AppData } from '../../../src/main/services/app-data';
import type { Topology } from '../../../src/shared/model/types';

const FIXTURES = resolve(__dirname, '../../..', '../shared/fixtures/topologies/public');
const AUTOMATEDLAB = 'AutomatedLab__SfBAutomatedLab__Contoso.tbxml';
const IBENBOUZID = 'ibenbouzid__SkypeforBusiness_lab_V3__DefaultTopology_Skype.xml';
const RLEVCHENKO = 'rlevchenko__powershell-skype__DefaultTopology.xml';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poolpilot-open-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openFile: topology documents', () => {
  it.each([
    [AUTOMATEDLAB, 'tbxml', 'frontendpool.contoso.com'],
    [IBENBOUZID, 'published', 'skypefe.contoso.com'],
    [RLEVCHENKO, 'published', 'poolfe.tenant.rlevchenko.com'],
  ])('opens %s as a %s file', async (name, form, frontEnd) => {
    const opened = await openFile(join(FIXTURES, name));
    expect(opened.deployment.source).toEqual({ kind: 'file', name, path: join(FIXTURES, name), form });
    expect(opened.deployment.topology.pools.map((p) => p.fqdn)).toContain(frontEnd);
    expect(opened.deployment.state.backupPools).toEqual({});
    expect(opened.positionsKey).toMatch(/^pools-[0-9a-f]{32}$/);
    expect(opened.takenAt).toBeUndefined();
  });

  it('reads the UTF-16LE a PowerShell redirect writes exactly like the UTF-8 original', async () => {
    const utf8 = await readFile(join(FIXTURES, RLEVCHENKO), 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8.replace(/\r?\n/g, '\r\n'), 'utf16le')]);
    const path = join(dir, 'Get-CsTopology.xml');
    await writeFile(path, utf16);
    const fromUtf16 = await openFile(path);
    const original = await openFile(join(FIXTURES, RLEVCHENKO));
    expect(fromUtf16.deployment.topology).toEqual(original.deployment.topology);
    expect(fromUtf16.positionsKey).toBe(original.positionsKey);
  });
});

describe('openFile: snapshots', () => {
  it("the lab's state file (a snapshot with a job log) opens as the lab, not as offline data", async () => {
    const path = join(dir, 'lab-state.json');
    const lab = { format: 'poolpilot.snapshot', version: 1, takenAt: '2026-11-24T09:00:00.000Z', deployment: openDemo().deployment, jobs: [] };
    await writeFile(path, JSON.stringify(lab));
    expect((await openFile(path)).deployment.source).toEqual({ kind: 'lab', name: 'lab-state.json', path });
  });

  it('a snapshot of an opened file reopens with the same topology, positions key and layout', async () => {
    const original = await openFile(join(FIXTURES, AUTOMATEDLAB));
    const path = join(dir, 'contoso.poolpilot.json');
    const positions = { 'frontendpool.contoso.com': { x: 100, y: 50 } };
    const saved = await new AppData(join(dir, 'data')).saveSnapshot(path, {
      deployment: original.deployment,
      positions,
      incomplete: { reasons: ['Get-CsPoolBackupRelationship was not run'] },
    });
    const reopened = await openFile(path);
    expect(reopened.deployment.topology).toEqual(original.deployment.topology);
    expect(reopened.deployment.source).toEqual({ kind: 'snapshot', name: 'contoso.poolpilot.json', path });
    expect(reopened.positionsKey).toBe(original.positionsKey);
    expect(reopened.positions).toEqual(positions);
    expect(reopened.takenAt).toBe(saved.takenAt);
    expect(reopened.incomplete).toEqual(['Get-CsPoolBackupRelationship was not run']);
    expect(reopened.issues).toEqual([
      {
        severity: 'warning',
        message: 'the snapshot is incomplete: Get-CsPoolBackupRelationship was not run',
        file: 'contoso.poolpilot.json',
      },
    ]);
  });
});

describe('openFile: a snapshot saved with a what-if scenario', () => {
  const scenario = {
    down: [{ kind: 'pool' as const, fqdn: 'pool1.contoso.com' }],
    changes: [
      { kind: 'reassignNextHop' as const, edgePool: 'edgepool1.contoso.com', nextHop: 'pool2.contoso.com' },
      { kind: 'failoverPool' as const, pool: 'pool1.contoso.com' },
    ],
    applied: 2,
  };

  it('gives the scenario back as it was saved', async () => {
    const path = join(dir, 'what-if.poolpilot.json');
    await new AppData(join(dir, 'data')).saveSnapshot(path, { deployment: openDemo().deployment, scenario });
    const reopened = await openFile(path);
    expect(reopened.scenario).toEqual(scenario);
    expect(reopened.issues).toEqual([]);
  });

  it('opens the deployment without a scenario that does not read, with a warning naming the field', async () => {
    const path = join(dir, 'bad-what-if.poolpilot.json');
    const bad = { ...scenario, changes: [{ kind: 'failoverPool', pool: 'not a host name' }] };
    await new AppData(join(dir, 'data')).saveSnapshot(path, { deployment: openDemo().deployment, scenario: bad });
    const reopened = await openFile(path);
    expect(reopened.scenario).toBeUndefined();
    expect(reopened.deployment.topology.pools.length).toBeGreaterThan(0);
    expect(reopened.issues).toEqual([
      {
        severity: 'warning',
        message: expect.stringMatching(/^the what-if scenario saved in the snapshot was left out: scenario\.changes\[0\]\.pool: not a host name/),
        file: 'bad-what-if.poolpilot.json',
        element: 'scenario.changes[0].pool',
      },
    ]);
  });
});

describe('openFile / openBytes errors name the file', () => {
  it('a missing file', async () => {
    const path = join(dir, 'nowhere.xml');
    await expect(openFile(path)).rejects.toThrow(`Cannot open ${path}: no such file or folder`);
  });

  it('a folder', async () => {
    await expect(openFile(dir)).rejects.toThrow(`Cannot open ${dir}: it is a folder, not a file`);
  });

  it('a truncated topology document: file, line and column', async () => {
    const text = await readFile(join(FIXTURES, RLEVCHENKO), 'utf8');
    const cut = `${text.split('\n').slice(0, 10).join('\n')}\n<Cluster Fqdn="x`;
    expect(() => openBytes('cut.xml', new TextEncoder().encode(cut))).toThrow(/^cut\.xml is not well-formed XML \(line 11, column \d+\)/);
  });

  it('a file that is not XML at all', () => {
    expect(() => openBytes('notes.txt', new TextEncoder().encode('hello, admin'))).toThrow(/^notes\.txt\b/);
  });

  it('a corrupt snapshot: file, line and column', () => {
    const bytes = new TextEncoder().encode('{\n  "format": "poolpilot.snapshot",\n  "version": 1\n  "takenAt": ""\n}');
    expect(() => openBytes('broken.poolpilot.json', bytes)).toThrow(/^broken\.poolpilot\.json:4:3: not valid JSON/);
  });

  it('errors are one line', () => {
    let message = '';
    try {
      openBytes('notes.txt', new TextEncoder().encode('hello, admin'));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toBe('');
    expect(message).not.toContain('\n');
  });
});

describe('openDemo', () => {
  it('opens the built-in demo deployment, with no issues', () => {
    const demo = openDemo();
    expect(demo.deployment.source.kind).toBe('demo');
    expect(demo.deployment.topology.pools.length).toBeGreaterThan(0);
    expect(demo.issues).toEqual([]);
    expect(demo.positionsKey).toBe(positionsKeyFor(demo.deployment.topology));
  });
});

describe('positionsKeyFor', () => {
  const topology = (fqdns: string[]): Topology => ({
    sites: [{ id: 'S', name: 'S', number: 1, kind: 'central' }],
    pools: fqdns.map((fqdn) => ({ fqdn, siteId: 'S', kind: 'FrontEnd', machines: [], sqlInstances: [], roles: [] })),
    sqlInstances: [],
    services: [],
  });

  it('depends on the set of pools, not their order or case', () => {
    expect(positionsKeyFor(topology(['a.contoso.com', 'b.contoso.com']))).toBe(
      positionsKeyFor(topology(['B.contoso.com', 'a.contoso.com'])),
    );
  });

  it('differs for a different set of pools', () => {
    expect(positionsKeyFor(topology(['a.contoso.com']))).not.toBe(positionsKeyFor(topology(['a.contoso.com', 'b.contoso.com'])));
  });
});
