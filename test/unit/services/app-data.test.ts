import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppData, MAX_RECENT_FILES } from '../../../src/main/services/app-data';
import { parseSnapshot } from '../../../src/shared/snapshot/snapshot';
import { sampleDeployment } from '../snapshot/sample-deployment';

let dir: string;
let clock: number;
/** A clock that moves a second per call, so "most recent" is unambiguous. */
const now = () => new Date(Date.UTC(2024, 4, 1, 10, 0, clock++));
const appData = () => new AppData(dir, now);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poolpilot-appdata-'));
  clock = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('recent files', () => {
  it('starts empty, then lists files most recent first with name and time', async () => {
    const data = appData();
    expect(await data.recentFiles()).toEqual([]);
    await data.addRecentFile('/topologies/site1.xml');
    await data.addRecentFile('/topologies/site2.tbxml');
    expect(await data.recentFiles()).toEqual([
      { path: resolve('/topologies/site2.tbxml'), name: 'site2.tbxml', openedAt: '2024-05-01T10:00:01.000Z' },
      { path: resolve('/topologies/site1.xml'), name: 'site1.xml', openedAt: '2024-05-01T10:00:00.000Z' },
    ]);
  });

  it('re-opening a file moves it to the top instead of listing it twice', async () => {
    const data = appData();
    for (const f of ['a.xml', 'b.xml', 'c.xml', 'a.xml']) await data.addRecentFile(join('/t', f));
    expect((await data.recentFiles()).map((f) => f.name)).toEqual(['a.xml', 'c.xml', 'b.xml']);
  });

  it(`keeps at most ${MAX_RECENT_FILES}, dropping the oldest`, async () => {
    const data = appData();
    for (let i = 1; i <= 13; i++) await data.addRecentFile(`/t/f${i}.xml`);
    const names = (await data.recentFiles()).map((f) => f.name);
    expect(names).toHaveLength(10);
    expect(names[0]).toBe('f13.xml');
    expect(names[9]).toBe('f4.xml');
  });

  it('persists across instances (a restart)', async () => {
    await appData().addRecentFile('/t/kept.xml');
    expect((await appData().recentFiles()).map((f) => f.name)).toEqual(['kept.xml']);
  });

  it('concurrent additions are all kept', async () => {
    const data = appData();
    await Promise.all(['a', 'b', 'c', 'd'].map((n) => data.addRecentFile(`/t/${n}.xml`)));
    expect((await data.recentFiles()).map((f) => f.name).sort()).toEqual(['a.xml', 'b.xml', 'c.xml', 'd.xml']);
  });

  it.each([
    ['not JSON', '{"version": 1, "files": [ {"path": '],
    ['JSON of the wrong shape', '{"version": 1, "files": "a.xml"}'],
  ])('a corrupt store (%s) starts empty and keeps the bad file aside', async (_what, content) => {
    await writeFile(join(dir, 'recent-files.json'), content);
    const data = appData();
    expect(await data.recentFiles()).toEqual([]);
    const files = await readdir(dir);
    expect(files).toEqual(['recent-files.json.corrupt-2024-05-01T10-00-00-000Z']);
    expect(await readFile(join(dir, files[0]!), 'utf8')).toBe(content);
    await data.addRecentFile('/t/new.xml');
    expect((await data.recentFiles()).map((f) => f.name)).toEqual(['new.xml']);
  });
});

describe('node positions', () => {
  it('saves and loads positions per key; an unknown key has none', async () => {
    const data = appData();
    await data.savePositions('pools-abc', { 'pool1.contoso.com': { x: 1, y: 2 } });
    await data.savePositions('other key/with:odd*chars', { 'pool2.contoso.com': { x: -5, y: 0.5 } });
    expect(await appData().positions('pools-abc')).toEqual({ 'pool1.contoso.com': { x: 1, y: 2 } });
    expect(await appData().positions('other key/with:odd*chars')).toEqual({ 'pool2.contoso.com': { x: -5, y: 0.5 } });
    expect(await appData().positions('pools-unknown')).toBeNull();
  });

  it('a later save replaces the earlier layout', async () => {
    const data = appData();
    await data.savePositions('k', { a: { x: 1, y: 1 } });
    await data.savePositions('k', { b: { x: 2, y: 2 } });
    expect(await data.positions('k')).toEqual({ b: { x: 2, y: 2 } });
  });

  it('a corrupt positions file gives no positions and is kept aside', async () => {
    const data = appData();
    await data.savePositions('k', { a: { x: 1, y: 1 } });
    const [file] = await readdir(join(dir, 'positions'));
    await writeFile(join(dir, 'positions', file!), '{"key": "k", "positions": {"a": {"x": "NaN"');
    expect(await data.positions('k')).toBeNull();
    expect((await readdir(join(dir, 'positions')))[0]).toMatch(/\.json\.corrupt-2024-05-01T10-00-01-000Z$/);
  });
});

describe('saveSnapshot', () => {
  it('writes a snapshot that opens again, and adds it to the recent files', async () => {
    const data = appData();
    const target = join(dir, 'saved', 'site1.poolpilot.json');
    await mkdir(join(dir, 'saved'));
    const positions = { 'pool1.contoso.com': { x: 3, y: 4 } };
    const written = await data.saveSnapshot(target, { deployment: sampleDeployment(), positions });
    expect(written.takenAt).toBe('2024-05-01T10:00:00.000Z');
    const reread = parseSnapshot(await readFile(target, 'utf8'), 'site1.poolpilot.json');
    expect(reread).toEqual(written);
    expect(reread.positions).toEqual(positions);
    expect((await data.recentFiles())[0]).toMatchObject({ path: target, name: 'site1.poolpilot.json' });
  });

  it('refuses to write a snapshot it could not read back, and leaves the old file', async () => {
    const data = appData();
    const target = join(dir, 'site1.poolpilot.json');
    await writeFile(target, 'previous');
    const bad = sampleDeployment();
    bad.topology.pools[0]!.fqdn = 'not a host';
    await expect(data.saveSnapshot(target, { deployment: bad })).rejects.toThrow(
      /^Cannot save .*site1\.poolpilot\.json: .*deployment\.topology\.pools\[0\]\.fqdn/,
    );
    expect(await readFile(target, 'utf8')).toBe('previous');
    expect(await data.recentFiles()).toEqual([]);
  });
});
