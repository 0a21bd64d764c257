/**
 * The Backup Service's synchronisation, end to end without a shell: the lab answers
 * Get-CsBackupServiceStatus from its state, discovery's reader turns the answer back into the
 * model's backupSync (Windows PowerShell 5.1's date format included), and the failover rule warns
 * about data at risk from what was discovered.
 */
import { describe, expect, it } from 'vitest';
import { readDiscoveryResults, readPowerShellTime } from '../../../src/shared/discovery/read';
import { validate } from '../../../src/shared/rules/validate';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { Deployment } from '../../../src/shared/model/types';
import { Lab, POOL1, POOL2, EDGE1 } from '../lab/helpers';

const NOW = Date.parse('2026-11-24T09:30:00Z');
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();
const psDate = (iso: string) => `/Date(${Date.parse(iso)})/`;

function status(modules: Record<string, unknown>[]) {
  return { poolFqdn: POOL1, status: { BackupModules: modules } };
}
const module = (Identity: string, ExportStatus: string, LastExportTime?: unknown) => ({ Identity, ExportStatus, ImportStatus: 'NormalState', LastExportTime });

/** The demo with pool1's Backup Service as discovery read it from `results`. */
function discovered(results: unknown[]): { deployment: Deployment; messages: string[] } {
  const demo = demoDeployment(new Date(NOW));
  const read = readDiscoveryResults(demo.topology, { backupRelationships: [{ PoolFqdn: POOL1, BackupPoolFqdn: POOL2 }, { PoolFqdn: POOL2, BackupPoolFqdn: POOL1 }], backupStatuses: results });
  return { deployment: { ...demo, state: { ...demo.state, backupSync: read.state.backupSync } }, messages: read.issues.map((i) => i.message) };
}

/** The backup-sync findings for failing pool1 over after its data centre is lost. */
function syncFindings(d: Deployment) {
  const changes = [
    { kind: 'reassignNextHop', edgePool: EDGE1, nextHop: POOL2 },
    { kind: 'failoverPool', pool: POOL1 },
  ] as const;
  return validate(d, { down: [{ kind: 'pool', fqdn: POOL1 }], changes: [...changes], applied: 2 }, { now: NOW }).filter((f) => f.rule === 'backup-sync');
}

describe('Get-CsBackupServiceStatus in the lab', () => {
  it('answers with the modules and the last export time the lab holds for the pair, as Windows PowerShell writes a date', () => {
    const lab = new Lab();
    const sync = lab.state.deployment.state.backupSync[POOL1]!;
    expect(lab.run('Get-CsBackupServiceStatus', { PoolFqdn: POOL1 })).toEqual({
      events: [
        {
          type: 'result',
          data: {
            PoolFqdn: POOL1,
            BackupModules: [
              { Identity: 'UserServices.PresenceFocus', ExportStatus: 'SteadyState', ImportStatus: 'NormalState', LastExportTime: psDate(sync.lastSync!) },
              { Identity: 'ConfServices.DataConf', ExportStatus: 'SteadyState', ImportStatus: 'NormalState', LastExportTime: psDate(sync.lastSync!) },
              // pool1 hosts the active CMS master, so its CMS module exports too.
              { Identity: 'CentralMgmt.CMSMaster', ExportStatus: 'SteadyState', ImportStatus: 'NormalState', LastExportTime: psDate(sync.lastSync!) },
            ],
          },
        },
      ],
    });
    const pool2 = lab.run('Get-CsBackupServiceStatus', { PoolFqdn: POOL2 }).events[0];
    expect(pool2).toMatchObject({ data: { BackupModules: [{}, {}, { Identity: 'CentralMgmt.CMSMaster', ExportStatus: 'NotInitialized', LastExportTime: null }] } });
  });

  it('refuses a pool without a partner, and a pool that is down', () => {
    const lab = new Lab({ down: [{ kind: 'pool', fqdn: POOL1 }] });
    expect(lab.run('Get-CsBackupServiceStatus', { PoolFqdn: POOL1 }).error?.message).toBe(`Cannot reach the Backup Service of pool "${POOL1}": ${POOL1} is down.`);
    expect(lab.run('Get-CsBackupServiceStatus', { PoolFqdn: EDGE1 }).error?.message).toBe(`Cannot find Front End pool "${EDGE1}" in the topology.`);
    lab.state = { ...lab.state, deployment: { ...lab.state.deployment, state: { ...lab.state.deployment.state, backupPools: {} } } };
    expect(lab.run('Get-CsBackupServiceStatus', { PoolFqdn: POOL2 }).error?.message).toMatch(/^Pool "pool2\.contoso\.com" has no backup pool/);
  });

  it('makes up nothing its state does not hold: discovery then reads the pair as unknown', () => {
    const lab = new Lab();
    lab.state = { ...lab.state, deployment: { ...lab.state.deployment, state: { ...lab.state.deployment.state, backupSync: {} } } };
    const answer = lab.run('Get-CsBackupServiceStatus', { PoolFqdn: POOL1 }).events.map((e) => (e.type === 'result' ? e.data : undefined));
    const read = discovered([{ poolFqdn: POOL1, status: answer }]);
    expect(read.deployment.state.backupSync).toEqual({});
    expect(syncFindings(read.deployment)[0]).toMatchObject({ severity: 'info', message: expect.stringContaining('is not known') });
  });
});

describe('reading the Backup Service status', () => {
  it('gives back what the lab holds, to the millisecond', () => {
    const lab = new Lab();
    const answers = [POOL1, POOL2].map((pool) => ({ poolFqdn: pool, status: lab.run('Get-CsBackupServiceStatus', { PoolFqdn: pool }).events.map((e) => (e.type === 'result' ? e.data : undefined)) }));
    expect(discovered(answers).deployment.state.backupSync).toEqual(lab.state.deployment.state.backupSync);
  });

  it('takes the worst module state and the oldest export, leaving out the CMS module where it does not export', () => {
    const read = discovered([
      status([
        module('UserServices.PresenceFocus', 'FinalState', psDate(minutesAgo(3))),
        module('ConfServices.DataConf', 'NonSteadyState', psDate(minutesAgo(40))),
        module('CentralMgmt.CMSMaster', 'NotInitialized', null),
      ]),
    ]);
    expect(read.deployment.state.backupSync[POOL1]).toEqual({ state: 'NonSteadyState', lastSync: minutesAgo(40) });
  });

  it('reads the date forms PowerShell writes', () => {
    const iso = '2026-11-24T09:25:00.000Z';
    expect(readPowerShellTime(`/Date(${Date.parse(iso)})/`)).toBe(iso);
    expect(readPowerShellTime(`/Date(${Date.parse(iso)}+0100)/`)).toBe(iso);
    expect(readPowerShellTime({ value: `/Date(${Date.parse(iso)})/`, DisplayHint: 2, DateTime: 'Tuesday, November 24, 2026 9:25:00 AM' })).toBe(iso);
    expect(readPowerShellTime('2026-11-24T10:25:00+01:00')).toBe(iso);
    expect(readPowerShellTime('24/11/2026 09:25')).toBeUndefined();
  });

  it('names what it cannot read, and keeps the rest', () => {
    const read = discovered([status([module('UserServices.PresenceFocus', 'SteadyState', 'yesterday')]), { status: {} }, status([])]);
    expect(read.deployment.state.backupSync[POOL1]).toEqual({ state: 'SteadyState' });
    expect(read.messages).toEqual(
      expect.arrayContaining([
        `Get-CsBackupServiceStatus -PoolFqdn ${POOL1}: cannot read LastExportTime "yesterday" of module UserServices.PresenceFocus`,
        'Get-CsBackupServiceStatus: a result without the pool it was asked about; ignored',
        `Get-CsBackupServiceStatus -PoolFqdn ${POOL1}: no BackupModules in the answer; the pair's synchronisation stays unknown`,
      ]),
    );
  });

  it('says that failed-over pools cannot be discovered, wherever there are pairs to fail over', () => {
    expect(discovered([]).messages.filter((m) => m.startsWith("Discovery cannot tell whether a Front End pool's users are failed over"))).toHaveLength(1);
    expect(readDiscoveryResults(demoDeployment().topology, {}).issues).toEqual([]);
  });
});

describe('the failover rule, from discovered data', () => {
  it('warns about data a failover would lose when the last export is old', () => {
    const [finding] = syncFindings(discovered([status([module('UserServices.PresenceFocus', 'SteadyState', psDate(minutesAgo(180)))])]).deployment);
    expect(finding).toMatchObject({ severity: 'warning', elements: [POOL1, POOL2] });
    expect(finding!.message).toContain('3 hours ago: data changed since then may be lost');
  });

  it('warns about a Backup Service in error, and is quiet for one that is keeping up or done', () => {
    expect(syncFindings(discovered([status([module('UserServices.PresenceFocus', 'ErrorState', psDate(minutesAgo(2)))])]).deployment)[0]!.message).toContain('in state ErrorState');
    expect(syncFindings(discovered([status([module('UserServices.PresenceFocus', 'FinalState', psDate(minutesAgo(2)))])]).deployment)).toEqual([]);
    expect(syncFindings(discovered([status([module('UserServices.PresenceFocus', 'SteadyState', psDate(minutesAgo(2)))])]).deployment)).toEqual([]);
  });
});
