/**
 * A collector file as collector.ps1 writes it, made from the lab's answers to the same Get- cmdlets
 * (with Windows PowerShell's ConvertTo-Json quirks), read into the snapshot a live discovery saves.
 */
import { describe, expect, it } from 'vitest';
import { CollectionError, looksLikeCollection, readCollection } from '../../../src/shared/discovery/collection';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { cmdletJob, type Job } from '../../../src/main/powershell/job';
import { createLab, runJob } from '../../../src/lab/state-machine';
import { parseSnapshot, serializeSnapshot } from '../../../src/shared/snapshot/snapshot';
import { openBytes } from '../../../src/main/services/open-source';

const lab = createLab(demoDeployment());
function answer(job: Job): unknown[] {
  const { answer } = runJob(lab, job, '2026-11-24T08:00:00Z');
  if (answer.error) throw new Error(answer.error.message);
  return answer.events.flatMap((e) => (e.type === 'result' ? [e.data] : []));
}

function collection(overrides: Record<string, unknown> = {}): string {
  const pools = ['pool1.contoso.com', 'pool2.contoso.com'];
  return JSON.stringify({
    format: 'poolpilot.collection',
    version: 1,
    takenAt: '2026-11-24T08:00:00.0000000Z',
    server: 'fe01.contoso.com',
    topologyXml: answer(cmdletJob('Get-CsTopology', {}, { switches: ['AsXml'] }))[0],
    results: {
      sites: answer(cmdletJob('Get-CsSite')),
      pools: answer(cmdletJob('Get-CsPool')),
      userDatabases: answer(cmdletJob('Get-CsService', {}, { switches: ['UserDatabase'] })),
      // One Persistent Chat store: ConvertTo-Json writes it as the object.
      chatDatabases: answer(cmdletJob('Get-CsService', {}, { switches: ['PersistentChatDatabase'] }))[0],
      backupRelationships: pools.flatMap((p) => answer(cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: p }))),
      // As collector.ps1 writes them: the pool beside the output, a one-object output as the object.
      backupStatuses: pools.map((p) => ({ poolFqdn: p, status: answer(cmdletJob('Get-CsBackupServiceStatus', { PoolFqdn: p }))[0] })),
      cmsServices: answer(cmdletJob('Get-CsService', {}, { switches: ['CentralManagement'] })),
      // ConvertTo-Json writes a one-item array as the item.
      cmsStatus: answer(cmdletJob('Get-CsManagementStoreReplicationStatus', {}, { switches: ['CentralManagementStoreStatus'] }))[0],
      replicas: answer(cmdletJob('Get-CsManagementStoreReplicationStatus')),
      chatStates: answer(cmdletJob('Get-CsPersistentChatState'))[0],
      chatActiveServers: answer(cmdletJob('Get-CsPersistentChatActiveServer', { Identity: 'PersistentChatServer:pchat1.contoso.com' })),
      edgeServices: answer(cmdletJob('Get-CsService', {}, { switches: ['EdgeServer'] })),
    },
    failed: [],
    ...overrides,
  });
}

describe('the collector file', () => {
  it('reads into a snapshot of the deployment it was collected from', () => {
    const text = `\uFEFF${collection()}`;
    expect(looksLikeCollection(text)).toBe(true);
    const { snapshot } = readCollection(text, 'c.json');
    const demo = demoDeployment();
    expect(snapshot.incomplete).toBeUndefined();
    // Only what no collector can see: whether a pool is failed over.
    expect(readCollection(text).discovered.issues.map((i) => i.element)).toEqual(['failedOver']);
    expect(snapshot.deployment.source).toEqual({ kind: 'collector', name: 'Collected on fe01.contoso.com' });
    expect(snapshot.deployment.state).toMatchObject({
      backupPools: demo.state.backupPools,
      sipFederationRoutes: demo.state.sipFederationRoutes,
      xmppRoutes: demo.state.xmppRoutes,
      persistentChat: demo.state.persistentChat,
      cmsActivePool: 'pool1.contoso.com',
      // When each pair last synchronised, to the millisecond, as the lab's state holds it.
      backupSync: lab.deployment.state.backupSync,
    });
    expect(snapshot.deployment.topology.pools.map((p) => p.fqdn)).toEqual(demo.topology.pools.map((p) => p.fqdn));
    // The app opens it as any snapshot.
    expect(parseSnapshot(serializeSnapshot(snapshot)).deployment.topology.pools).toHaveLength(demo.topology.pools.length);
  });

  it('marks the snapshot incomplete, naming what failed on the server', () => {
    const { snapshot } = readCollection(collection({ topologyXml: null, failed: { query: 'Get-CsTopology -AsXml', message: 'Access is denied.' } }));
    expect(snapshot.incomplete).toEqual({ reasons: ['Get-CsTopology -AsXml failed: Access is denied.'] });
    expect(snapshot.deployment.topology.pools).toEqual([]);
  });

  it('warns of a result it cannot read, and keeps the rest', () => {
    const { discovered } = readCollection(collection({ results: { sites: 5 } }));
    expect(discovered.issues.map((i) => i.message)).toContain('Get-CsSite: result 1 is not an object; ignored');
    expect(discovered.deployment.topology.pools.length).toBeGreaterThan(0);
  });

  it('names the file and the field when it is not a collector file', () => {
    expect(() => readCollection('{"format":"poolpilot.collection"', 'c.json')).toThrow(/^c\.json: not valid JSON/);
    expect(() => readCollection(collection({ takenAt: 5 }), 'c.json')).toThrow(CollectionError);
    expect(() => readCollection(collection({ takenAt: 5 }), 'c.json')).toThrow(/^c\.json: not a PoolPilot collector file: takenAt:/);
    expect(() => readCollection(collection({ version: 2 }), 'c.json')).toThrow(/version 2 is newer/);
  });
});

describe('opening a collector file in the app', () => {
  it('shows the same deployment as a live discovery, labelled as collector output', () => {
    const opened = openBytes('fe01-collection.json', new TextEncoder().encode(collection()), '/media/usb/fe01-collection.json');
    expect(opened.deployment.source).toEqual({ kind: 'collector', name: 'fe01-collection.json', path: '/media/usb/fe01-collection.json' });
    expect(opened.deployment.topology.pools.map((p) => p.fqdn)).toContain('edgepool1.contoso.com');
    expect(opened.deployment.state.backupPools['pool1.contoso.com']).toBe('pool2.contoso.com');
    expect(opened.takenAt).toBeDefined();
  });
});
