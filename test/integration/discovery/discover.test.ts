/**
 * Discovery through a real PowerShell session against the lab (the lab shell, and pwsh with the lab module): the lab's deployment
 * comes back exactly, a failover made through the lab shows in a new discovery and in the diff, and
 * a failing query leaves a saved snapshot marked incomplete that names it.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LAB_FACES, useLabSessions } from '../../support/lab-sessions';
import { cmdletJob } from '../../../src/main/powershell/job';
import { discoverDeployment, saveDiscoverySnapshot, type DiscoveryProgress } from '../../../src/main/discovery/discover';
import { diffDeployments } from '../../../src/shared/discovery/diff';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { parseSnapshot } from '../../../src/shared/snapshot/snapshot';
import { view } from './inspect-view';

const SOURCE = { kind: 'discovery', name: 'Discovered from the lab' } as const;

describe.each(LAB_FACES)('on the %s', (face) => {
  const lab = useLabSessions('poolpilot-discovery-', face);
  const labSession = (env: Record<string, string> = {}) => lab.labSession(env).session;


  describe('discovery against the lab', () => {
    it('reproduces the demo deployment exactly (pools, machines, SQL mirrors, Persistent Chat backup stores, pairs, routes, CMS, Persistent Chat, Backup Service sync), reporting each query', async () => {
      const progress: DiscoveryProgress[] = [];
      const { session, statePath } = lab.labSession();
      const result = await discoverDeployment(session, { source: SOURCE, onProgress: (p) => progress.push(p) });
      expect(result.failed).toEqual([]);
      const demo = demoDeployment();
      expect(view(result.deployment)).toEqual(view(demo));
      expect(result.deployment.state.persistentChat).toEqual(demo.state.persistentChat);
      // When each pair last synchronised, to the millisecond, as the lab holds it (it made the demo when it started).
      const labState = parseSnapshot(await readFile(statePath, 'utf8')).deployment.state;
      expect(Object.keys(labState.backupSync)).toEqual(['pool1.contoso.com', 'pool2.contoso.com']);
      expect(result.deployment.state.backupSync).toEqual(labState.backupSync);
      expect(diffDeployments(demo, result.deployment)).toEqual([]);
      const queries = progress.filter((p) => p.status === 'succeeded').map((p) => p.query);
      expect(queries).toEqual(
        expect.arrayContaining([
          'Get-CsTopology -AsXml',
          'Get-CsSite',
          'Get-CsPoolBackupRelationship -PoolFqdn "pool1.contoso.com"',
          'Get-CsService -UserDatabase',
          'Get-CsService -PersistentChatDatabase',
          'Get-CsService -CentralManagement',
          'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus',
          'Get-CsManagementStoreReplicationStatus',
          'Get-CsPersistentChatState',
          'Get-CsService -EdgeServer',
          'Get-CsBackupServiceStatus -PoolFqdn "pool1.contoso.com"',
          'Get-CsBackupServiceStatus -PoolFqdn "pool2.contoso.com"',
        ]),
      );
      expect(progress.filter((p) => p.status === 'running')).toHaveLength(queries.length);
      // A bar that only moves forward and ends full.
      expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
      expect(progress.every((p) => p.done <= p.total)).toBe(true);
      expect(progress.at(-1)).toMatchObject({ done: queries.length, total: queries.length });
    }, 60_000);

    it('reads the XMPP route in the procedures\' spelling too', async () => {
      const result = await discoverDeployment(labSession({ POOLPILOT_LAB_SPELLING: 'xmpp=procedure' }), { source: SOURCE });
      expect(result.deployment.state.xmppRoutes).toEqual({ Site1: 'edgeserver1.contoso.com' });
    }, 60_000);

    it('after a failover made through the lab, a new discovery shows it and the diff lists exactly those changes', async () => {
      const session = labSession({ POOLPILOT_LAB_DOWN: 'pool:pool1.contoso.com' });
      const before = await discoverDeployment(session, { source: SOURCE });
      const steps = [
        cmdletJob('Set-CsEdgeServer', { Identity: 'EdgeServer:edgepool1.contoso.com', Registrar: 'Registrar:pool2.contoso.com' }),
        cmdletJob('Invoke-CsManagementServerFailover', { BackupSqlServerFqdn: 'sql2a.contoso.com', BackupSqlInstanceName: 'rtc' }, { switches: ['Force'] }),
        cmdletJob('Set-CsSite', { Identity: 'Site2', XmppFederationRoute: 'EdgeServer:edgepool2.contoso.com' }),
      ];
      for (const step of steps) expect(await session.run(step)).toMatchObject({ status: 'succeeded' });
      const after = await discoverDeployment(session, { source: SOURCE });
      expect(diffDeployments(before.deployment, after.deployment)).toEqual([
        { kind: 'edgeNextHop', subject: 'edgepool1.contoso.com', before: 'pool1.contoso.com', after: 'pool2.contoso.com' },
        { kind: 'xmppFederationRoute', subject: 'Site2', after: 'edgeserver2.contoso.com' },
        { kind: 'cmsActive', subject: 'Central Management Server', before: 'pool1.contoso.com', after: 'pool2.contoso.com' },
      ]);
    }, 60_000);

    it('cannot see a pool failover (no read cmdlet reports it), and says so', async () => {
      const session = labSession({ POOLPILOT_LAB_DOWN: 'pool:pool1.contoso.com' });
      const before = await discoverDeployment(session, { source: SOURCE });
      const steps = [
        cmdletJob('Set-CsEdgeServer', { Identity: 'EdgeServer:edgepool1.contoso.com', Registrar: 'Registrar:pool2.contoso.com' }),
        cmdletJob('Invoke-CsManagementServerFailover', { BackupSqlServerFqdn: 'sql2a.contoso.com', BackupSqlInstanceName: 'rtc' }, { switches: ['Force'] }),
        cmdletJob('Invoke-CsPoolFailover', { PoolFqdn: 'pool1.contoso.com' }, { switches: ['DisasterMode'] }),
      ];
      for (const step of steps) expect(await session.run(step)).toMatchObject({ status: 'succeeded' });
      const after = await discoverDeployment(session, { source: SOURCE });
      // The next hop and the CMS the run moved are seen; the pool failover is not (a known gap, named in the issues).
      expect(diffDeployments(before.deployment, after.deployment)).toEqual([
        { kind: 'edgeNextHop', subject: 'edgepool1.contoso.com', before: 'pool1.contoso.com', after: 'pool2.contoso.com' },
        { kind: 'cmsActive', subject: 'Central Management Server', before: 'pool1.contoso.com', after: 'pool2.contoso.com' },
      ]);
      expect(after.issues.map((i) => i.message)).toContainEqual(expect.stringMatching(/^Discovery cannot tell whether a Front End pool's users are failed over/));
      // pool1 is down: its Backup Service does not answer, pool2's does.
      expect(after.failed.map((f) => f.query)).toEqual(['Get-CsBackupServiceStatus -PoolFqdn "pool1.contoso.com"']);
      expect(Object.keys(after.deployment.state.backupSync)).toEqual(['pool2.contoso.com']);
    }, 60_000);

    it('reads the local replica (-LocalStore) when the CMS store is down, and names what could not be read', async () => {
      const session = labSession({ POOLPILOT_LAB_DOWN: 'sql:sql1a.contoso.com\\rtc,sql:sql1b.contoso.com\\rtc' });
      const result = await discoverDeployment(session, { source: SOURCE });
      expect(result.localStore).toEqual([
        'Get-CsTopology -AsXml',
        'Get-CsPoolBackupRelationship -PoolFqdn "pool1.contoso.com"',
        'Get-CsPoolBackupRelationship -PoolFqdn "pool2.contoso.com"',
        'Get-CsPersistentChatState',
      ]);
      expect(result.deployment.topology.pools).toHaveLength(demoDeployment().topology.pools.length);
      expect(result.deployment.state.backupPools).toEqual(demoDeployment().state.backupPools);
      expect(result.failed.map((f) => f.query)).toEqual([
        'Get-CsSite',
        'Get-CsPool',
        'Get-CsService -UserDatabase',
        'Get-CsService -PersistentChatDatabase',
        'Get-CsService -CentralManagement',
        'Get-CsManagementStoreReplicationStatus',
        'Get-CsPersistentChatActiveServer -Identity "PersistentChatServer:pchat1.contoso.com"',
        'Get-CsService -EdgeServer',
      ]);
      expect(result.issues.map((i) => i.message)).toContain(
        'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus: ActiveMasterFqdn is empty — the Central Management Server is not available',
      );
    }, 60_000);

    const QUERIES = [
      'Get-CsTopology',
      'Get-CsSite',
      'Get-CsPool',
      'Get-CsPoolBackupRelationship',
      'Get-CsService',
      'Get-CsManagementStoreReplicationStatus',
      'Get-CsPersistentChatState',
      'Get-CsPersistentChatActiveServer',
      'Get-CsBackupServiceStatus',
    ];
    for (const cmdlet of QUERIES) {
      it(`saves a snapshot marked incomplete, naming the query, when ${cmdlet} fails`, async () => {
        const session = labSession({ POOLPILOT_LAB_FAULTS: `${cmdlet}=fail:${cmdlet} is broken here.` });
        const result = await discoverDeployment(session, { source: SOURCE });
        const out = lab.file('snapshot');
        await saveDiscoverySnapshot(out, result);
        const saved = parseSnapshot(await readFile(out, 'utf8'), out);
        expect(saved.incomplete?.reasons.length).toBeGreaterThan(0);
        for (const reason of saved.incomplete!.reasons) expect(reason).toMatch(new RegExp(`^${cmdlet}\\b.* failed: ${cmdlet} is broken here\\.$`));
        // What the other queries found is kept.
        if (cmdlet !== 'Get-CsTopology') expect(saved.deployment.topology.pools.length).toBe(demoDeployment().topology.pools.length);
      }, 60_000);
    }
  });
});
