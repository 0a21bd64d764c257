/**
 * The snapshots kept in the data folder: named for their time and source, written whole, listed
 * newest first with what the list shows, and read back only from that folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotStore } from '../../../src/main/services/snapshot-store';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, serializeSnapshot, type Snapshot } from '../../../src/shared/snapshot/snapshot';

let dir: string;
let store: SnapshotStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'poolpilot-snapshot-store-'));
  store = new SnapshotStore(join(dir, 'data'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function snapshot(takenAt: string, source: string, incomplete?: string[]): Snapshot {
  const deployment = { ...demoDeployment(new Date(takenAt)), source: { kind: 'discovery' as const, name: source } };
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, takenAt, deployment, ...(incomplete ? { incomplete: { reasons: incomplete } } : {}) };
}

describe('the snapshot store', () => {
  it('keeps each snapshot in <data>/snapshots under its time and source, never over another', async () => {
    const first = await store.save(snapshot('2026-11-24T09:31:05.120Z', 'Live: fe01.contoso.com'));
    const second = await store.save(snapshot('2026-11-24T09:31:05.870Z', 'Live: fe01.contoso.com'));
    const lab = await store.save(snapshot('2026-11-24T10:00:00.000Z', 'Lab'));
    expect(first).toBe(join(dir, 'data', 'snapshots', '2026-11-24T093105Z-live-fe01.contoso.com.poolpilot'));
    expect(second).toBe(join(dir, 'data', 'snapshots', '2026-11-24T093105Z-live-fe01.contoso.com-2.poolpilot'));
    expect(lab).toBe(join(dir, 'data', 'snapshots', '2026-11-24T100000Z-lab.poolpilot'));
    // Written atomically: no temporary file is left beside them.
    expect(readdirSync(store.dir).sort()).toEqual(['2026-11-24T093105Z-live-fe01.contoso.com-2.poolpilot', '2026-11-24T093105Z-live-fe01.contoso.com.poolpilot', '2026-11-24T100000Z-lab.poolpilot']);
  });

  it('lists them newest first with their time, source and completeness', async () => {
    expect(await store.list()).toEqual([]);
    const old = await store.save(snapshot('2026-11-20T08:00:00.000Z', 'Live: fe01.contoso.com', ['Get-CsSite failed: Access is denied.']));
    const recent = await store.save(snapshot('2026-11-24T08:00:00.000Z', 'Lab'));
    // A temporary file of a write in progress is not a snapshot.
    writeFileSync(join(store.dir, '.2026-11-25T000000Z-lab.poolpilot.123.tmp'), '{');
    expect(await store.list()).toEqual([
      { path: recent, name: '2026-11-24T080000Z-lab.poolpilot', takenAt: '2026-11-24T08:00:00.000Z', source: 'Lab', incomplete: false },
      { path: old, name: '2026-11-20T080000Z-live-fe01.contoso.com.poolpilot', takenAt: '2026-11-20T08:00:00.000Z', source: 'Live: fe01.contoso.com', incomplete: true },
    ]);
  });

  it('lists a file that does not read, saying why, rather than hiding it', async () => {
    mkdirSync(store.dir, { recursive: true });
    writeFileSync(join(store.dir, 'broken.poolpilot'), '{"format":"poolpilot.snapshot"');
    const [entry] = await store.list();
    expect(entry).toMatchObject({ name: 'broken.poolpilot', incomplete: true, source: expect.stringMatching(/^Unreadable: broken\.poolpilot:1:\d+: not valid JSON/) });
  });

  it('reads a kept snapshot as it would open', async () => {
    const path = await store.save(snapshot('2026-11-24T08:00:00.000Z', 'Lab', ['Get-CsSite failed: Access is denied.']));
    const opened = await store.read(path);
    expect(opened.takenAt).toBe('2026-11-24T08:00:00.000Z');
    expect(opened.deployment.source).toEqual({ kind: 'snapshot', name: '2026-11-24T080000Z-lab.poolpilot', path });
    expect(opened.issues.map((i) => i.message)).toEqual(['the snapshot is incomplete: Get-CsSite failed: Access is denied.']);
  });

  it('refuses any path outside its folder, naming the folder', async () => {
    await store.save(snapshot('2026-11-24T08:00:00.000Z', 'Lab'));
    const elsewhere = join(dir, 'elsewhere.poolpilot');
    writeFileSync(elsewhere, serializeSnapshot(snapshot('2026-11-24T08:00:00.000Z', 'Lab')));
    mkdirSync(join(store.dir, 'sub'));
    writeFileSync(join(store.dir, 'sub', 'x.poolpilot'), serializeSnapshot(snapshot('2026-11-24T08:00:00.000Z', 'Lab')));
    symlinkSync(elsewhere, join(store.dir, 'link.poolpilot'));
    const outside = [
      elsewhere,
      join(store.dir, '..', 'recent-files.json'),
      join(store.dir, 'sub', 'x.poolpilot'),
      join(store.dir, 'link.poolpilot'),
      '2026-11-24T080000Z-lab.poolpilot',
      '/etc/passwd',
    ];
    for (const path of outside) {
      await expect(store.read(path), path).rejects.toThrow(`is not one of the snapshots PoolPilot keeps: only files in ${store.dir} are read this way`);
    }
  });

  it('says when a kept snapshot is gone', async () => {
    await expect(store.read(join(store.dir, 'gone.poolpilot'))).rejects.toThrow(`Cannot open ${join(store.dir, 'gone.poolpilot')}: no such file or folder`);
  });
});
