/**
 * The discovery channels through the dispatcher, as the renderer calls them: the collector script
 * shown and saved, kept snapshots listed and read (and nothing else read), a discovery refused for
 * a bad endpoint or while another runs.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch, type Handlers } from '../../../src/main/ipc/dispatch';
import { createDiscoveryHandlers } from '../../../src/main/ipc/discovery-handlers';
import { SnapshotStore } from '../../../src/main/services/snapshot-store';
import { DiscoveryService, type DiscoveryJobs } from '../../../src/main/discovery/discovery-service';
import { ScriptedDialogs } from '../../support/renderer-host';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../../src/shared/snapshot/snapshot';
import type { JobOutcome } from '../../../src/main/powershell/records';

const COLLECTOR = resolve(__dirname, '../../../resources/ps/collector.ps1');

let dir: string;
let dialogs: ScriptedDialogs;
let snapshots: SnapshotStore;
/** Jobs a started discovery waits on: it stays running until the test lets it fail. */
let release: (o: JobOutcome) => void;
let dispatch: Dispatch;

function handlers(collectorPath = COLLECTOR) {
  const jobs: DiscoveryJobs = {
    run: () => new Promise<JobOutcome>((done) => (release = done)),
    dispose: async () => undefined,
  };
  const discovery = new DiscoveryService({ store: snapshots, emit: () => undefined, openJobs: () => jobs, workRoot: dir });
  // Only the discovery channels: the dispatcher parses their requests as for the whole table.
  return createDispatcher(createDiscoveryHandlers({ discovery, snapshots, dialogs, collectorPath }) as Handlers);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'poolpilot-discovery-handlers-'));
  dialogs = new ScriptedDialogs();
  snapshots = new SnapshotStore(join(dir, 'data'));
  dispatch = handlers();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the collector script over IPC', () => {
  it('shows the script shipped with the app', async () => {
    expect(await dispatch('collector.text', undefined)).toEqual({ ok: true, value: { text: readFileSync(COLLECTOR, 'utf8'), fileName: 'collector.ps1' } });
  });

  it('saves an exact copy where the admin chooses, and nothing when the dialog is cancelled', async () => {
    dialogs.savePath = join(dir, 'copy.ps1');
    expect(await dispatch('collector.export', undefined)).toEqual({ ok: true, value: { path: join(dir, 'copy.ps1') } });
    expect(readFileSync(join(dir, 'copy.ps1'))).toEqual(readFileSync(COLLECTOR));
    dialogs.savePath = null;
    expect(await dispatch('collector.export', undefined)).toEqual({ ok: true, value: null });
    expect(readdirSync(dir).sort()).toEqual(['copy.ps1']);
  });

  it('says which file is missing when the installation lacks it', async () => {
    const missing = join(dir, 'ps', 'collector.ps1');
    dialogs.savePath = join(dir, 'copy.ps1');
    const envelope = await handlers(missing)('collector.export', undefined);
    expect(envelope).toEqual({ ok: false, error: { message: `Cannot read the collector script ${missing}: no such file or folder (is PoolPilot installed completely?)` } });
    expect(existsSync(join(dir, 'copy.ps1'))).toBe(false);
  });
});

describe('kept snapshots over IPC', () => {
  it('lists and reads what discoveries kept, and refuses any other file', async () => {
    const deployment = { ...demoDeployment(new Date('2026-11-24T09:00:00Z')), source: { kind: 'discovery' as const, name: 'Lab' } };
    const path = await snapshots.save({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, takenAt: '2026-11-24T09:00:00.000Z', deployment });
    expect(await dispatch('snapshots.list', undefined)).toMatchObject({ ok: true, value: [{ path, source: 'Lab', incomplete: false }] });
    expect(await dispatch('snapshots.read', { path })).toMatchObject({ ok: true, value: { takenAt: '2026-11-24T09:00:00.000Z' } });
    const outside = await dispatch('snapshots.read', { path: COLLECTOR });
    expect(outside).toEqual({ ok: false, error: { message: expect.stringMatching(/is not one of the snapshots PoolPilot keeps: only files in .* are read this way/) } });
  });
});

describe('discovery.start', () => {
  it('refuses an endpoint that is not a host name, before anything runs', async () => {
    const envelope = await dispatch('discovery.start', { environment: { kind: 'server', endpoint: 'fe01; Remove-Item C:\\' } });
    expect(envelope).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Invalid discovery\.start request \(field environment\.endpoint\)/) } });
  });

  it('answers with the discovery id at once, and refuses a second discovery while the first runs', async () => {
    const first = await dispatch('discovery.start', { environment: { kind: 'server', endpoint: 'fe01.contoso.com' } });
    expect(first).toMatchObject({ ok: true, value: { discoveryId: expect.any(String) } });
    expect(await dispatch('discovery.start', { environment: { kind: 'lab' } })).toEqual({
      ok: false,
      error: { message: 'A discovery is already running: wait for it to finish before starting another.' },
    });
    release({ status: 'failed', results: [], errors: [], warnings: [], verbose: [], host: [], stderr: '', reason: 'no PowerShell here', durationMs: 0 });
  });
});
