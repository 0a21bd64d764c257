/**
 * The app's discovery service through the real lab shell (node-powershell's process path), and
 * through the in-process lab the packaged app uses: a discovery of the lab seeded from the deployment
 * shown lands in the data folder, is listed, reports each query in order and gives back that
 * deployment; a failing query keeps an incomplete snapshot and names the failure; a session that
 * cannot connect keeps nothing.
 */
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LAB_SHELL, SHELL_LAB, IN_PROCESS_LAB, useLabSessions } from '../../support/lab-sessions';
import { DiscoveryService, type OpenJobs } from '../../../src/main/discovery/discovery-service';
import { SnapshotStore } from '../../../src/main/services/snapshot-store';
import { openSession } from '../../../src/main/run/connect';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { DiscoveryEvent } from '../../../src/shared/discovery/events';
import { view } from './inspect-view';

const lab = useLabSessions('poolpilot-discovery-service-');

/** A service over a fresh data folder, recording the events it emits; `finished` waits for the end of a discovery. */
function service(openJobs: OpenJobs) {
  const data = lab.file('data').replace(/\.json$/, '');
  const store = new SnapshotStore(data);
  const events: DiscoveryEvent[] = [];
  let done: (e: DiscoveryEvent) => void = () => undefined;
  const discovery = new DiscoveryService({
    store,
    openJobs,
    workRoot: lab.dir(),
    emit: (name, payload) => {
      expect(name).toBe('discovery.event');
      const event = payload as DiscoveryEvent;
      events.push(event);
      if (event.type === 'finished') done(event);
    },
  });
  const start = (...args: Parameters<DiscoveryService['start']>) => {
    const finished = new Promise<DiscoveryEvent>((resolve) => (done = resolve));
    const { discoveryId } = discovery.start(...args);
    return { discoveryId, finished: finished as Promise<Extract<DiscoveryEvent, { type: 'finished' }>> };
  };
  return { store, events, discovery, start };
}

const shell: OpenJobs = (connection) => openSession(connection, { lab: SHELL_LAB });

/** No lab discovery leaves its folder (seed and lab state) behind. */
async function labFoldersLeft(): Promise<string[]> {
  return (await readdir(lab.dir())).filter((n) => n.startsWith('poolpilot-discovery-'));
}

describe('the discovery service', () => {
  it('discovers the lab seeded from the deployment shown, keeps the snapshot in the data folder and lists it', async () => {
    const { store, events, start } = service(shell);
    const seed = demoDeployment();
    const { discoveryId, finished } = start({ kind: 'lab' }, seed);
    const end = await finished;
    expect(end.error).toBeUndefined();
    const result = end.result!;
    expect(result.incomplete).toBeUndefined();
    expect(view(result.deployment)).toEqual(view(seed));
    // The Backup Service's last sync of each pair comes back as the lab held it.
    expect(result.deployment.state.backupSync).toEqual(seed.state.backupSync);
    expect(result.issues.map((i) => i.element)).toEqual(['failedOver']);

    expect(result.snapshotPath.startsWith(store.dir)).toBe(true);
    expect(result.deployment.source).toMatchObject({ kind: 'snapshot', path: result.snapshotPath });
    expect(await store.list()).toEqual([{ path: result.snapshotPath, name: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d{6}Z-lab\.poolpilot$/), takenAt: result.takenAt, source: 'Lab', incomplete: false }]);
    const reread = await store.read(result.snapshotPath);
    expect(reread.deployment).toEqual(result.deployment);
    expect(reread.takenAt).toBe(result.takenAt);

    // Each query running then answered, in order, the bar only moving forward, and the end last.
    const progress = events.slice(0, -1);
    expect(events.at(-1)).toBe(end);
    expect(events.every((e) => e.discoveryId === discoveryId)).toBe(true);
    expect(progress[0]).toEqual({ type: 'progress', discoveryId, query: { query: 'Get-CsTopology -AsXml', status: 'running' }, done: 0, total: 9 });
    const statuses = progress.map((e) => (e.type === 'progress' ? `${e.query.status} ${e.query.query}` : ''));
    for (let i = 0; i < statuses.length; i += 2) {
      expect(statuses[i]).toMatch(/^running /);
      expect(statuses[i + 1]).toBe(statuses[i]!.replace(/^running/, 'succeeded'));
    }
    expect(statuses).toContain('succeeded Get-CsBackupServiceStatus -PoolFqdn "pool2.contoso.com"');
    const last = progress.at(-1)!;
    expect(last.type === 'progress' && last.done === last.total && last.done === statuses.length / 2).toBe(true);
    expect(await labFoldersLeft()).toEqual([]);
  }, 60_000);

  it('keeps a snapshot marked incomplete when a query fails, naming the failure in the events', async () => {
    const { store, events, start } = service((connection) => openSession(connection, { lab: SHELL_LAB, labFaults: ['Get-CsBackupServiceStatus=fail:Access is denied.'] }));
    const end = await start({ kind: 'lab' }, demoDeployment()).finished;
    const reasons = ['pool1', 'pool2'].map((p) => `Get-CsBackupServiceStatus -PoolFqdn "${p}.contoso.com" failed: Access is denied.`);
    expect(end.result!.incomplete).toEqual(reasons);
    expect(end.result!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(reasons.map((r) => `the snapshot is incomplete: ${r}`)));
    // What the other queries found is kept; the pairs' sync is unknown, as the rules will say.
    expect(end.result!.deployment.state.backupPools).toEqual(demoDeployment().state.backupPools);
    expect(end.result!.deployment.state.backupSync).toEqual({});
    const failures = events.flatMap((e) => (e.type === 'progress' && e.query.status === 'failed' ? [e.query] : []));
    expect(failures).toEqual([
      { query: 'Get-CsBackupServiceStatus -PoolFqdn "pool1.contoso.com"', status: 'failed', message: 'Access is denied.' },
      { query: 'Get-CsBackupServiceStatus -PoolFqdn "pool2.contoso.com"', status: 'failed', message: 'Access is denied.' },
    ]);
    expect((await store.list()).map((k) => k.incomplete)).toEqual([true]);
  }, 60_000);

  it('keeps nothing when the session cannot connect, and says why', async () => {
    // The Front End the session connects to is down.
    const { store, start } = service((connection) => shell(connection.kind === 'lab' ? { ...connection, down: ['pool:pool1.contoso.com'] } : connection));
    const end = await start({ kind: 'lab' }, demoDeployment()).finished;
    expect(end.result).toBeUndefined();
    expect(end.error).toMatch(/^Discovery from the lab failed: cannot connect to https:\/\/pool1\.contoso\.com\/OcsPowershell: Connecting to remote server pool1\.contoso\.com failed/);
    expect(await store.list()).toEqual([]);
    expect(await labFoldersLeft()).toEqual([]);
  }, 60_000);

  it('runs one discovery at a time', async () => {
    const { start, discovery } = service(shell);
    const first = start({ kind: 'lab' }, demoDeployment());
    expect(() => discovery.start({ kind: 'lab' }, demoDeployment())).toThrow('A discovery is already running: wait for it to finish before starting another.');
    expect((await first.finished).error).toBeUndefined();
    // Once it has finished, the next one may start.
    expect((await start({ kind: 'lab' }).finished).result?.deployment.topology.pools).toHaveLength(demoDeployment().topology.pools.length);
  }, 60_000);

  it('discovers the same through the in-process lab of the packaged app', async () => {
    const { start } = service((connection) => openSession(connection, { lab: IN_PROCESS_LAB }));
    const seed = demoDeployment();
    const end = await start({ kind: 'lab' }, seed).finished;
    expect(end.result!.incomplete).toBeUndefined();
    expect(view(end.result!.deployment)).toEqual(view(seed));
    expect(end.result!.deployment.state.backupSync).toEqual(seed.state.backupSync);
  }, 60_000);
});
