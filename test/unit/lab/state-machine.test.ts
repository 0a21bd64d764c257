import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parameterCheckJob } from '../../../src/main/powershell/job';
import { answerRecords, labParameters } from '../../../src/lab/state-machine';
import { defaultConditions } from '../../../src/lab/conditions';
import { deriveRelations } from '../../../src/shared/model/relations';
import { importTopology } from '../../../src/shared/topology/import';
import { CHAT, EDGE1, EDGE2, Lab, POOL1, POOL2, verboseOf } from './helpers';

const DOCS = resolve(__dirname, '../../..', '../shared/docs');
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The refusal as failover-procedures.md prints it under P1 step 7, whitespace collapsed. */
function documentedNextHopError(): string {
  const doc = readFileSync(resolve(DOCS, 'failover-procedures.md'), 'utf8');
  const p1 = doc.slice(doc.indexOf('## P1.'), doc.indexOf('## P2.'));
  const match = /`(Invoke-CsPoolFailOver : This Front-end pool[\s\S]*?before you proceed\.)`/.exec(p1);
  if (!match) throw new Error('failover-procedures.md no longer holds the P1 step 7 error text');
  return collapse(match[1]!);
}

const nextHopOf = (lab: Lab, edge: string) => deriveRelations(lab.deployment).find((r) => r.kind === 'edgeNextHop' && r.from === edge)?.to;
const cmsStatus = (lab: Lab) => lab.ok('Get-CsManagementStoreReplicationStatus', {}, { switches: ['CentralManagementStoreStatus'] })[0] as Record<string, unknown>;

describe('Invoke-CsPoolFailover', () => {
  it('refuses with the documented next-hop error while the pool is the next hop of a running Edge pool', () => {
    const lab = new Lab();
    const message = lab.refused('Invoke-CsPoolFailover', { PoolFqdn: POOL1 }, { switches: ['DisasterMode'] });
    expect(collapse(message)).toBe(documentedNextHopError());
    expect(lab.last.error?.errorId).toMatch(/^EdgeNextHop,/);
    expect(lab.deployment.state.failedOver).toEqual({});
  });

  it('does not count an Edge pool that is down (only a running Edge pool blocks)', () => {
    const lab = new Lab({ down: [{ kind: 'pool', fqdn: EDGE1 }] });
    lab.ok('Invoke-CsPoolFailover', { PoolFqdn: POOL1 });
    expect(lab.deployment.state.failedOver).toEqual({ [POOL1]: POOL2 });
  });

  it('fails the users over once the next hop is moved, and shows progress with -Verbose', () => {
    const lab = new Lab();
    lab.ok('Set-CsEdgeServer', { Identity: `EdgeServer:${EDGE1}`, Registrar: `Registrar:${POOL2}` });
    lab.ok('Invoke-CsPoolFailover', { PoolFqdn: POOL1 }, { switches: ['Verbose'] });
    expect(lab.deployment.state.failedOver).toEqual({ [POOL1]: POOL2 });
    expect(verboseOf(lab.last).join(' ')).toContain(`now served by ${POOL2}`);
    expect(deriveRelations(lab.deployment)).toContainEqual({ kind: 'failedOverTo', from: POOL1, to: POOL2 });
  });

  it('needs -DisasterMode for a pool that is down, and a working CMS', () => {
    const lab = new Lab({ down: [{ kind: 'pool', fqdn: POOL1 }] });
    lab.ok('Set-CsEdgeServer', { Identity: EDGE1, Registrar: `Registrar:${POOL2}` });
    expect(lab.refused('Invoke-CsPoolFailover', { PoolFqdn: POOL1 })).toMatch(/-DisasterMode/);
    // The CMS runs on the lost pool: it must fail over first (P1 step 4).
    expect(lab.refused('Invoke-CsPoolFailover', { PoolFqdn: POOL1 }, { switches: ['DisasterMode'] })).toMatch(/Central Management Store is not available/);
    lab.ok('Invoke-CsManagementServerFailover', { BackupSqlServerFqdn: 'sql2a.contoso.com', BackupSqlInstanceName: 'rtc' }, { switches: ['Force'] });
    lab.ok('Invoke-CsPoolFailover', { PoolFqdn: POOL1 }, { switches: ['DisasterMode'] });
    expect(lab.deployment.state.failedOver).toEqual({ [POOL1]: POOL2 });
  });

  it('changes nothing with -WhatIf and says what it would do', () => {
    const lab = new Lab();
    const answer = lab.run('Invoke-CsPoolFailover', { PoolFqdn: POOL1 }, { whatIf: true });
    expect(answer.error).toBeUndefined();
    expect(verboseOf(answer)).toEqual([`What if: Performing the operation "Invoke-CsPoolFailover" on target "${POOL1}".`]);
    expect(lab.deployment.state.failedOver).toEqual({});
    expect(lab.state.jobs.at(-1)).toMatchObject({ cmdlet: 'Invoke-CsPoolFailover', whatIf: true });
  });
});

describe('failback and failover order (P2)', () => {
  it('fails back P1 before P2 can fail over to P1, and -PoolFqdn always names the pool hit by the disaster', () => {
    const lab = new Lab({ down: [{ kind: 'pool', fqdn: EDGE1 }] });
    lab.ok('Invoke-CsPoolFailover', { PoolFqdn: POOL1 });
    // Step 2 before step 1 fails: pool2 serves pool1's users.
    expect(lab.refused('Invoke-CsPoolFailover', { PoolFqdn: POOL2 })).toContain(`Fail back "${POOL1}" first`);
    // Naming the pool that took the users in the failback fails too, and says which pool to name.
    expect(lab.refused('Invoke-CsPoolFailback', { PoolFqdn: POOL2 })).toContain(`-PoolFqdn ${POOL1}`);
    lab.ok('Invoke-CsPoolFailback', { PoolFqdn: POOL1 });
    expect(lab.deployment.state.failedOver).toEqual({});
    lab.ok('Set-CsEdgeServer', { Identity: EDGE2, Registrar: `Registrar:${POOL1}` });
    lab.ok('Invoke-CsPoolFailover', { PoolFqdn: POOL2 });
    expect(lab.deployment.state.failedOver).toEqual({ [POOL2]: POOL1 });
    lab.ok('Invoke-CsPoolFailback', { PoolFqdn: POOL2 });
    expect(lab.deployment.state.failedOver).toEqual({});
  });

  it('refuses a second failover of the same pool, and a failback to a pool that is still down', () => {
    const lab = new Lab({ down: [{ kind: 'pool', fqdn: EDGE1 }] });
    lab.ok('Invoke-CsPoolFailover', { PoolFqdn: POOL1 });
    expect(lab.refused('Invoke-CsPoolFailover', { PoolFqdn: POOL1 })).toMatch(/already failed over/);
    const down = new Lab({ down: [{ kind: 'pool', fqdn: EDGE1 }, { kind: 'pool', fqdn: POOL1 }] });
    down.ok('Invoke-CsManagementServerFailover', { BackupSqlServerFqdn: 'sql2a.contoso.com', BackupSqlInstanceName: 'rtc' }, { switches: ['Force'] });
    down.ok('Invoke-CsPoolFailover', { PoolFqdn: POOL1 }, { switches: ['DisasterMode'] });
    expect(down.refused('Invoke-CsPoolFailback', { PoolFqdn: POOL1 })).toMatch(/cannot take its users back/);
  });
});

describe('Invoke-CsManagementServerFailover', () => {
  it('-WhatIf names the pool that hosts the CMS and moves nothing', () => {
    const lab = new Lab();
    const answer = lab.run('Invoke-CsManagementServerFailover', {}, { whatIf: true });
    expect(verboseOf(answer)[0]).toContain(POOL1);
    expect(cmsStatus(lab).ActiveMasterFqdn).toBe(POOL1);
  });

  it('moves the active master to the backup pool (normal mode while the CMS works)', () => {
    const lab = new Lab();
    expect(cmsStatus(lab)).toMatchObject({ ActiveMasterFqdn: POOL1, ActiveFileTransferAgents: [POOL1] });
    lab.ok('Invoke-CsManagementServerFailover');
    expect(cmsStatus(lab)).toMatchObject({ ActiveMasterFqdn: POOL2, ActiveFileTransferAgents: [POOL2] });
    expect(deriveRelations(lab.deployment).filter((r) => r.kind === 'cmsActive').map((r) => r.from)).toEqual([POOL2]);
    const cms = lab.ok('Get-CsService', {}, { switches: ['CentralManagement'] }) as { PoolFqdn: string; IsActive: boolean }[];
    expect(cms.map((s) => [s.PoolFqdn, s.IsActive])).toEqual([
      [POOL1, false],
      [POOL2, true],
    ]);
  });

  it('in disaster recovery: needs -Force and the principal copy, and reports the CMS empty until then', () => {
    const lab = new Lab({ down: [{ kind: 'pool', fqdn: POOL1 }] });
    expect(cmsStatus(lab)).toMatchObject({ ActiveMasterFqdn: '', ActiveFileTransferAgents: [] });
    expect(lab.refused('Invoke-CsManagementServerFailover')).toMatch(/disaster recovery mode/);
    expect(lab.refused('Invoke-CsManagementServerFailover', { BackupSqlServerFqdn: 'sql2a.contoso.com', BackupSqlInstanceName: 'rtc' })).toMatch(/-Force is required/);
    expect(lab.refused('Invoke-CsManagementServerFailover', { BackupSqlServerFqdn: 'sql2b.contoso.com', BackupSqlInstanceName: 'rtc' }, { switches: ['Force'] })).toMatch(
      /principal copy.*sql2a\.contoso\.com\\rtc does/,
    );
    lab.ok('Invoke-CsManagementServerFailover', { BackupSqlServerFqdn: 'sql2a.contoso.com', BackupSqlInstanceName: 'rtc' }, { switches: ['Force'] });
    expect(cmsStatus(lab)).toMatchObject({ ActiveMasterFqdn: POOL2, ActiveFileTransferAgents: [POOL2] });
    // The lost pool's replicas cannot be current; the survivors' are.
    const replicas = lab.ok('Get-CsManagementStoreReplicationStatus') as { ReplicaFqdn: string; UpToDate: boolean }[];
    expect(replicas.filter((r) => !r.UpToDate).map((r) => r.ReplicaFqdn)).toEqual(['fe01.contoso.com', 'fe02.contoso.com']);
  });

  it('takes the mirror when it holds the principal copy, as Get-CsDatabaseMirrorState shows', () => {
    const lab = new Lab({ down: [{ kind: 'pool', fqdn: POOL1 }, { kind: 'sqlStore', instanceId: 'sql2a.contoso.com\\rtc' }], cmsFailoverNeedsForce: false });
    const states = lab.ok('Get-CsDatabaseMirrorState', { PoolFqdn: POOL2, DatabaseType: 'Centralmgmt' }) as Record<string, unknown>[];
    expect(states.map((s) => s.DatabaseName)).toEqual(['xds', 'lis']);
    expect(states[0]).toMatchObject({ StateOnPrimary: 'DatabaseInaccessibleOrMirroringNotEnabled', StateOnMirror: 'Principal' });
    lab.ok('Invoke-CsManagementServerFailover', { BackupSqlServerFqdn: 'sql2b.contoso.com', BackupSqlInstanceName: 'rtc' });
    expect(cmsStatus(lab).ActiveMasterFqdn).toBe(POOL2);
  });

  it('must run on a server of the pool it fails over to', () => {
    const lab = new Lab();
    expect(lab.refused('Invoke-CsManagementServerFailover', {}, { target: 'fe01.contoso.com' })).toMatch(/on a server of the pool .*pool2/);
    lab.ok('Invoke-CsManagementServerFailover', {}, { target: 'fe03.contoso.com' });
    expect(lab.state.jobs.at(-1)).toMatchObject({ target: 'fe03.contoso.com' });
  });
});

describe('Set-CsEdgeServer', () => {
  it('changes the Edge pool\'s next hop, as Get-CsService reads it back', () => {
    const lab = new Lab();
    lab.ok('Set-CsEdgeServer', { Identity: `EdgeServer:${EDGE1}`, Registrar: `Registrar:${POOL2}` });
    expect(nextHopOf(lab, EDGE1)).toBe(POOL2);
    expect(lab.ok('Get-CsService', { Identity: `EdgeServer:${EDGE1}` })).toEqual([expect.objectContaining({ Registrar: `Registrar:${POOL2}` })]);
  });

  it('refuses a registrar that is not in the topology, and -WhatIf changes nothing', () => {
    const lab = new Lab();
    expect(lab.refused('Set-CsEdgeServer', { Identity: EDGE1, Registrar: 'Registrar:nowhere.contoso.com' })).toMatch(/not a Registrar service/);
    lab.run('Set-CsEdgeServer', { Identity: EDGE1, Registrar: `Registrar:${POOL2}` }, { whatIf: true });
    expect(verboseOf(lab.last)[0]).toMatch(/^What if: /);
    expect(nextHopOf(lab, EDGE1)).toBe(POOL1);
  });

  it('fails while the CMS store is down; reads still work from the local replica', () => {
    // The CMS store is mirrored: losing the primary alone leaves it working on the mirror.
    const mirrored = new Lab({ down: [{ kind: 'pool', fqdn: 'sql1a.contoso.com' }] });
    mirrored.ok('Set-CsEdgeServer', { Identity: EDGE1, Registrar: `Registrar:${POOL2}` });
    const lab = new Lab({ down: [{ kind: 'pool', fqdn: 'sql1a.contoso.com' }, { kind: 'pool', fqdn: 'sql1b.contoso.com' }] });
    expect(lab.refused('Set-CsEdgeServer', { Identity: EDGE1, Registrar: `Registrar:${POOL2}` })).toMatch(/Cannot open the Central Management Store/);
    expect(lab.refused('Get-CsTopology', {}, { switches: ['AsXml'] })).toMatch(/-LocalStore/);
    expect(lab.ok('Get-CsTopology', {}, { switches: ['AsXml', 'LocalStore'] })).toHaveLength(1);
  });
});

describe('Set-CsSite and the parameter spellings', () => {
  it('has the reference\'s -XmppFederationRoute by default, and refuses the other spelling as PowerShell does', () => {
    const lab = new Lab();
    expect(lab.refused('Set-CsSite', { Identity: 'Site2', XmppExternalFederationRoute: 'edgeserver2.contoso.com' })).toBe(
      "A parameter cannot be found that matches parameter name 'XmppExternalFederationRoute'.",
    );
    expect(lab.last.error?.errorId).toBe('NamedParameterNotFound,Set-CsSite');
    lab.ok('Set-CsSite', { Identity: 'Site2', XmppFederationRoute: `EdgeServer:${EDGE2}` });
    expect(lab.deployment.state.xmppRoutes.Site2).toBe('edgeserver2.contoso.com');
    expect(lab.ok('Get-CsSite', { Identity: 'Site2' })).toEqual([expect.objectContaining({ XmppFederationRoute: `EdgeServer:${EDGE2}` })]);
  });

  it('takes the procedures\' -XmppExternalFederationRoute with an Edge server FQDN when configured so', () => {
    const lab = new Lab({ spelling: { xmppRoute: 'procedure', cmsMirror: 'procedure' } });
    lab.ok('Set-CsSite', { Identity: 'Site2', XmppExternalFederationRoute: 'edgeserver2.contoso.com' });
    expect(lab.ok('Get-CsSite', { Identity: 'Site2' })).toEqual([expect.objectContaining({ XmppExternalFederationRoute: 'edgeserver2.contoso.com' })]);
    expect(deriveRelations(lab.deployment)).toContainEqual({ kind: 'xmppFederationRoute', from: 'Site2', to: EDGE2, via: 'edgeserver2.contoso.com' });
  });

  it('answers parameter checks with the spellings it models', () => {
    const lab = new Lab();
    const names = (cmdlet: 'Set-CsSite' | 'Invoke-CsManagementServerFailover') => lab.job(parameterCheckJob(cmdlet)).events[0] as { data: string[] };
    expect(names('Set-CsSite').data).toContain('XmppFederationRoute');
    expect(names('Set-CsSite').data).not.toContain('XmppExternalFederationRoute');
    expect(names('Invoke-CsManagementServerFailover').data).toEqual(expect.arrayContaining(['BackupMirrorSqlServerFqdn', 'Force', 'WhatIf']));
    const both = { ...defaultConditions(), spelling: { xmppRoute: 'both', cmsMirror: 'procedure' } as const };
    expect(labParameters(both, 'Set-CsSite')).toEqual(expect.arrayContaining(['XmppFederationRoute', 'XmppExternalFederationRoute']));
    expect(labParameters(both, 'Invoke-CsManagementServerFailover')).toContain('MirrorSqlServerFqdn');
    expect(labParameters(both, 'Invoke-CsManagementServerFailover')).not.toContain('BackupMirrorSqlServerFqdn');
    expect(lab.state.jobs.at(-1)).toMatchObject({ cmdlet: 'Get-Command', parameters: { Name: 'Invoke-CsManagementServerFailover' } });
  });
});

describe('Persistent Chat', () => {
  it('Set-CsPersistentChatState and Set-CsPersistentChatActiveServer change what the Get cmdlets report', () => {
    const lab = new Lab();
    lab.ok('Set-CsPersistentChatState', { Identity: `service:${CHAT}`, PoolState: 'FailedOver' });
    lab.ok('Set-CsPersistentChatActiveServer', { Identity: `PersistentChatServer:${CHAT}`, ActiveServers: ['pchatsrv3.contoso.com', 'pchatsrv4.contoso.com'] });
    expect(lab.ok('Get-CsPersistentChatState', { Identity: `PersistentChatServer:${CHAT}` })).toEqual([{ Identity: `PersistentChatServer:${CHAT}`, PoolState: 'FailedOver' }]);
    expect(lab.deployment.state.persistentChat[CHAT]).toEqual({ poolState: 'FailedOver', activeServers: ['pchatsrv3.contoso.com', 'pchatsrv4.contoso.com'] });
    lab.ok('Set-CsPersistentChatActiveServer', { Identity: `PersistentChatServer:${CHAT}`, ActiveServers: null });
    expect(lab.ok('Get-CsPersistentChatActiveServer', { Identity: `PersistentChatServer:${CHAT}` })).toEqual([expect.objectContaining({ ActiveServers: [] })]);
  });

  it('refuses a server outside the pool and a pool state that does not exist', () => {
    const lab = new Lab();
    expect(lab.refused('Set-CsPersistentChatActiveServer', { Identity: CHAT, ActiveServers: ['fe01.contoso.com'] })).toMatch(/not a server of Persistent Chat pool/);
    expect(lab.refused('Set-CsPersistentChatState', { Identity: CHAT, PoolState: 'Broken' })).toMatch(/Cannot bind parameter 'PoolState'/);
  });
});

describe('servers and Windows services', () => {
  it('stops and starts the services of an Edge server it is sent to', () => {
    const lab = new Lab();
    lab.ok('Stop-CsWindowsService', {}, { target: 'edgeserver2.contoso.com' });
    const status = () => (lab.ok('Get-CsWindowsService', { ComputerName: 'edgeserver2.contoso.com' }) as { Status: string }[]).map((s) => s.Status);
    expect(new Set(status())).toEqual(new Set(['Stopped']));
    lab.ok('Start-CsWindowsService', { Name: 'RTCSRV' }, { target: 'edgeserver2.contoso.com' });
    expect(status().filter((s) => s === 'Running')).toHaveLength(1);
  });

  it('cannot reach a server that is down or unreachable, with WinRM\'s message', () => {
    const lab = new Lab({ down: [{ kind: 'site', siteId: 'Site1' }], unreachable: ['edgeserver2.contoso.com'] });
    for (const server of ['fe01.contoso.com', 'edgeserver2.contoso.com', 'nosuch.contoso.com']) {
      expect(lab.refused('Get-CsWindowsService', {}, { target: server })).toMatch(new RegExp(`^Connecting to remote server ${server.replace(/\./g, '\\.')} failed .*WinRM cannot complete the operation`));
      expect(lab.last.error?.errorId).toBe('CannotConnect,PSSessionStateBroken');
    }
    expect(lab.refused('Get-CsWindowsService')).toMatch(/No Skype for Business Server services are installed on this computer/);
  });
});

describe('reads', () => {
  it('Get-CsPoolBackupRelationship names the backup pool', () => {
    expect(new Lab().ok('Get-CsPoolBackupRelationship', { PoolFqdn: POOL1 })).toEqual([{ PoolFqdn: POOL1, BackupPoolFqdn: POOL2 }]);
  });

  it('Get-CsPool, Get-CsSite and Get-CsService list what the topology holds', () => {
    const lab = new Lab();
    expect(lab.ok('Get-CsPool', { Site: 'Site2' }).map((p) => (p as { Identity: string }).Identity)).toEqual([
      POOL2,
      EDGE2,
      'sql2a.contoso.com',
      'sql2b.contoso.com',
      'pchatsql2a.contoso.com',
      'pchatsql2b.contoso.com',
    ]);
    expect(lab.ok('Get-CsSite').map((s) => (s as { Identity: string }).Identity)).toEqual(['Site:Site1', 'Site:Site2']);
    expect(lab.ok('Get-CsService', {}, { switches: ['EdgeServer'] })).toHaveLength(2);
    expect(lab.refused('Get-CsPool', { Identity: 'nosuch.contoso.com' })).toMatch(/Cannot find pool/);
  });

  it('Get-CsTopology -AsXml is a published topology that imports to the lab\'s current deployment', () => {
    const lab = new Lab();
    lab.ok('Set-CsEdgeServer', { Identity: EDGE1, Registrar: `Registrar:${POOL2}` });
    lab.ok('Invoke-CsManagementServerFailover');
    const [xml] = lab.ok('Get-CsTopology', {}, { switches: ['AsXml'] }) as [string];
    const imported = importTopology(xml, { fileName: 'lab.xml' });
    expect(imported.issues).toEqual([]);
    expect(imported.form).toBe('published');
    const { topology } = lab.deployment;
    expect(imported.topology.pools.map((p) => [p.fqdn, p.kind, p.machines])).toEqual(topology.pools.map((p) => [p.fqdn, p.kind, p.machines]));
    const relations = deriveRelations({ ...lab.deployment, topology: imported.topology, state: { ...lab.deployment.state, cmsActivePool: undefined } });
    expect(relations.filter((r) => r.kind === 'edgeNextHop').map((r) => [r.from, r.to])).toEqual([
      [EDGE1, POOL2],
      [EDGE2, POOL2],
    ]);
    expect(relations.filter((r) => r.kind === 'cmsActive').map((r) => r.from)).toEqual([POOL2]);
  });

  it('Get-CsDatabaseMirrorState refuses a database type that does not exist', () => {
    expect(new Lab().refused('Get-CsDatabaseMirrorState', { PoolFqdn: POOL1, DatabaseType: 'Nonsense' })).toMatch(/Cannot convert value "Nonsense"/);
  });
});

describe('the job log', () => {
  it('logs every job in order, switches as true, with the error of a refused one', () => {
    const lab = new Lab();
    lab.ok('Get-CsPool', { Identity: POOL1 });
    lab.refused('Invoke-CsPoolFailover', { PoolFqdn: POOL1 }, { switches: ['DisasterMode'] });
    expect(lab.state.jobs).toEqual([
      { cmdlet: 'Get-CsPool', parameters: { Identity: POOL1 }, whatIf: false, at: '2026-01-01T00:00:00.000Z' },
      {
        cmdlet: 'Invoke-CsPoolFailover',
        parameters: { PoolFqdn: POOL1, DisasterMode: true },
        whatIf: false,
        at: '2026-01-01T00:00:00.000Z',
        error: expect.stringContaining('next hop for the Edge server'),
      },
    ]);
  });

  it('answers as records that end with an end record, the error last', () => {
    const lab = new Lab();
    lab.refused('Invoke-CsPoolFailover', { PoolFqdn: POOL1 }, { switches: ['Verbose'] });
    expect(answerRecords(lab.last, 'j1').map((r) => r.type)).toEqual(['error', 'end']);
    expect(answerRecords({ events: [{ type: 'result', data: 1 }] }, 'j2')).toEqual([
      { id: 'j2', type: 'result', data: 1 },
      { id: 'j2', type: 'end' },
    ]);
  });
});
