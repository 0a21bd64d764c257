/**
 * topology.openPath through the dispatcher, as a renderer calls it: it opens only paths main handed
 * out (recent files, files Windows asked to open, kept snapshots) and refuses any other path,
 * including UNC and device paths, before touching the disk.
 */
import * as fsPromises from 'node:fs/promises';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Records every stat and read, so a refused path can be shown never to have been looked at.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readFile: vi.fn(actual.readFile), stat: vi.fn(actual.stat) };
});

const { testDispatch } = await import('../../support/test-dispatch');
const { AppData } = await import('../../../src/main/services/app-data');
const { SnapshotStore } = await import('../../../src/main/services/snapshot-store');
const { OfferedPaths } = await import('../../../src/main/services/offered-paths');
const { demoDeployment } = await import('../../../src/shared/demo/demo');
const { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } = await import('../../../src/shared/snapshot/snapshot');

const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/topologies/public');
const REFUSED = 'PoolPilot opens only files chosen in its Open dialog, dropped on the window, opened from Windows, in Recent files or kept in Snapshots: ';

let dir: string;
let topology: string;
let appData: InstanceType<typeof AppData>;
let snapshots: InstanceType<typeof SnapshotStore>;
let offered: InstanceType<typeof OfferedPaths>;
let dispatch: ReturnType<typeof testDispatch>;

/** Every path stat or readFile was called with since the test began. */
const touched = () => [...vi.mocked(fsPromises.stat).mock.calls, ...vi.mocked(fsPromises.readFile).mock.calls].map(([path]) => String(path));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'poolpilot-open-path-'));
  topology = join(dir, 'contoso.tbxml');
  copyFileSync(join(FIXTURES, 'AutomatedLab__SfBAutomatedLab__Contoso.tbxml'), topology);
  appData = new AppData(join(dir, 'data'));
  snapshots = new SnapshotStore(join(dir, 'data'));
  offered = new OfferedPaths(() => appData.recentFiles());
  dispatch = testDispatch(dir, { appData, snapshots, offered });
  vi.mocked(fsPromises.stat).mockClear();
  vi.mocked(fsPromises.readFile).mockClear();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const recentPaths = async () => (await appData.recentFiles()).map((f) => f.path);

describe('topology.openPath', () => {
  it('opens a file in the recent files', async () => {
    await appData.addRecentFile(topology);
    const envelope = await dispatch('topology.openPath', { path: topology });
    expect(envelope).toMatchObject({ ok: true, value: { deployment: { source: { name: 'contoso.tbxml' } } } });
  });

  it('refuses any other path with a message naming it, and neither reads it nor adds it to the recent files', async () => {
    const secret = join(dir, 'not-offered.xml');
    writeFileSync(secret, '<Topology>password=hunter2');
    const envelope = await dispatch('topology.openPath', { path: secret });
    expect(envelope).toEqual({ ok: false, error: { message: REFUSED + secret } });
    expect(touched().filter((p) => p.includes('not-offered'))).toEqual([]);
    expect(await recentPaths()).toEqual([]);
  });

  it('refuses UNC and device paths without reaching for them', async () => {
    for (const path of ['\\\\fileserver\\share\\DefaultTopology.xml', '\\\\?\\C:\\Windows\\win.ini', '\\\\.\\PhysicalDrive0']) {
      expect(await dispatch('topology.openPath', { path }), path).toEqual({ ok: false, error: { message: REFUSED + path } });
    }
    expect(touched().filter((p) => p.includes('fileserver') || p.includes('win.ini') || p.includes('PhysicalDrive'))).toEqual([]);
  });

  it('opens a file Windows asked PoolPilot to open (handed to the window first), and it joins the recent files', async () => {
    offered.offer(topology);
    expect(await dispatch('topology.openPath', { path: topology })).toMatchObject({ ok: true });
    expect(await recentPaths()).toEqual([topology]);
  });

  it('opens a kept snapshot the Snapshots dialog listed', async () => {
    const kept = await snapshots.save({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, takenAt: '2026-11-24T09:31:00.000Z', deployment: demoDeployment(new Date('2026-11-24T09:31:00Z')) });
    expect(await dispatch('topology.openPath', { path: kept })).toMatchObject({ ok: false, error: { message: REFUSED + kept } });
    await dispatch('snapshots.list', undefined);
    expect(await dispatch('topology.openPath', { path: kept })).toMatchObject({ ok: true });
  });
});

describe('topology.openBytes cannot slip a path into the recent files', () => {
  it('a dropped file joins the recent files when its path holds the dropped bytes', async () => {
    const data = new Uint8Array(readFileSync(topology));
    expect(await dispatch('topology.openBytes', { fileName: 'contoso.tbxml', path: topology, data })).toMatchObject({ ok: true });
    expect(await recentPaths()).toEqual([topology]);
  });

  it('bytes claimed to come from another file open, but that path stays out of the recent files and cannot then be opened', async () => {
    const secret = join(dir, 'not-offered.xml');
    writeFileSync(secret, '<Topology>password=hunter2');
    const data = new Uint8Array(readFileSync(topology));
    expect(await dispatch('topology.openBytes', { fileName: 'contoso.tbxml', path: secret, data })).toMatchObject({ ok: true });
    expect(await recentPaths()).toEqual([]);
    expect(await dispatch('topology.openPath', { path: secret })).toEqual({ ok: false, error: { message: REFUSED + secret } });
  });
});
