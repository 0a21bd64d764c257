import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../src/shared/demo/demo';
import { deriveRelations } from '../../src/shared/model/relations';

describe('the built-in demo', () => {
  const d = demoDeployment();

  it('is the procedures’ two-data-centre deployment', () => {
    expect(d.source).toEqual({ kind: 'demo', name: 'Built-in demo deployment' });
    expect(d.topology.sites.map((s) => [s.id, s.name, s.number])).toEqual([
      ['Site1', 'Datacenter1', 1],
      ['Site2', 'Datacenter2', 2],
    ]);
    const pools = Object.fromEntries(d.topology.pools.map((p) => [p.fqdn, [p.siteId, p.kind, p.machines.join(' ')]]));
    expect(pools).toMatchObject({
      'pool1.contoso.com': ['Site1', 'FrontEnd', 'fe01.contoso.com fe02.contoso.com'],
      'edgepool1.contoso.com': ['Site1', 'Edge', 'edgeserver1.contoso.com'],
      'pchat1.contoso.com': [
        'Site1',
        'PersistentChat',
        'pchatsrv1.contoso.com pchatsrv2.contoso.com pchatsrv3.contoso.com pchatsrv4.contoso.com',
      ],
      'pool2.contoso.com': ['Site2', 'FrontEnd', 'fe03.contoso.com fe04.contoso.com'],
      'edgepool2.contoso.com': ['Site2', 'Edge', 'edgeserver2.contoso.com'],
    });
    // Stretched across the data centres, active in Datacenter1.
    expect(d.topology.pools.find((p) => p.fqdn === 'pchat1.contoso.com')?.machineSites).toEqual({
      'pchatsrv3.contoso.com': 'Site2',
      'pchatsrv4.contoso.com': 'Site2',
    });
    expect(d.state.persistentChat['pchat1.contoso.com']).toEqual({
      poolState: 'Normal',
      activeServers: ['pchatsrv1.contoso.com', 'pchatsrv2.contoso.com'],
    });
    expect(d.topology.pools.find((p) => p.fqdn === 'pool1.contoso.com')).toMatchObject({
      edition: 'Enterprise',
      backEnd: { primary: 'sql1a.contoso.com\\rtc', mirror: 'sql1b.contoso.com\\rtc' },
    });
  });

  it('is consistent: every reference names something in the topology', () => {
    const pools = new Set(d.topology.pools.map((p) => p.fqdn));
    const instances = new Map(d.topology.sqlInstances.map((i) => [i.id, i]));
    const services = new Set(d.topology.services.map((s) => s.id));
    const sites = new Set(d.topology.sites.map((s) => s.id));
    for (const p of d.topology.pools) {
      expect(sites.has(p.siteId)).toBe(true);
      for (const id of [...p.sqlInstances, ...Object.values(p.backEnd ?? {})]) expect(instances.has(id), `${p.fqdn}: ${id}`).toBe(true);
    }
    for (const i of d.topology.sqlInstances) expect(pools.has(i.poolFqdn)).toBe(true);
    for (const s of d.topology.services) {
      expect(pools.has(s.poolFqdn)).toBe(true);
      expect(s.id).toBe(`${s.role}:${s.poolFqdn}`);
      for (const dep of s.dependsOn) expect(services.has(dep), `${s.id} → ${dep}`).toBe(true);
      expect(d.topology.pools.find((p) => p.fqdn === s.poolFqdn)?.roles).toContain(s.role);
    }
    expect(new Set(d.topology.pools.flatMap((p) => p.machines)).size).toBe(d.topology.pools.flatMap((p) => p.machines).length);
  });

  it('derives exactly the procedures’ relations', () => {
    const sql = (host: string) => `${host}.contoso.com`;
    expect(deriveRelations(d)).toEqual(
      expect.arrayContaining([
        { kind: 'edgeNextHop', from: 'edgepool1.contoso.com', to: 'pool1.contoso.com' },
        { kind: 'edgeNextHop', from: 'edgepool2.contoso.com', to: 'pool2.contoso.com' },
        { kind: 'mediaEdge', from: 'pool1.contoso.com', to: 'edgepool1.contoso.com' },
        { kind: 'mediaEdge', from: 'pool2.contoso.com', to: 'edgepool2.contoso.com' },
        { kind: 'cmsActive', from: 'pool1.contoso.com', to: sql('sql1a') },
        { kind: 'cmsStandby', from: 'pool2.contoso.com', to: sql('sql2a') },
        { kind: 'backEnd', from: 'pool1.contoso.com', to: sql('sql1a'), role: 'primary' },
        { kind: 'backEnd', from: 'pool1.contoso.com', to: sql('sql1b'), role: 'mirror' },
        { kind: 'backEnd', from: 'pool2.contoso.com', to: sql('sql2a'), role: 'primary' },
        { kind: 'backEnd', from: 'pool2.contoso.com', to: sql('sql2b'), role: 'mirror' },
        { kind: 'chatStore', from: 'pchat1.contoso.com', to: sql('pchatsql1a'), role: 'primary' },
        { kind: 'chatStore', from: 'pchat1.contoso.com', to: sql('pchatsql1b'), role: 'mirror' },
        { kind: 'chatStore', from: 'pchat1.contoso.com', to: sql('pchatsql2a'), role: 'backup' },
        { kind: 'chatStore', from: 'pchat1.contoso.com', to: sql('pchatsql2b'), role: 'backupMirror' },
        { kind: 'backupPool', from: 'pool1.contoso.com', to: 'pool2.contoso.com' },
        { kind: 'backupPool', from: 'pool2.contoso.com', to: 'pool1.contoso.com' },
        { kind: 'sipFederationRoute', from: 'Site1', to: 'edgepool1.contoso.com' },
        { kind: 'xmppFederationRoute', from: 'Site1', to: 'edgepool1.contoso.com', via: 'edgeserver1.contoso.com' },
      ]),
    );
    expect(deriveRelations(d)).toHaveLength(18);
  });

  it('puts the Persistent Chat stores where P7 expects them and says which servers are active', () => {
    const site = (id: string | undefined) => d.topology.pools.find((p) => p.fqdn === d.topology.sqlInstances.find((i) => i.id === id)?.poolFqdn)?.siteId;
    const chat = d.topology.pools.find((p) => p.kind === 'PersistentChat')!;
    expect([site(chat.backEnd?.primary), site(chat.backEnd?.mirror), site(chat.backEnd?.backup), site(chat.backEnd?.backupMirror)]).toEqual([
      'Site1',
      'Site1',
      'Site2',
      'Site2',
    ]);
    expect(d.state.persistentChat).toEqual({
      'pchat1.contoso.com': { poolState: 'Normal', activeServers: ['pchatsrv1.contoso.com', 'pchatsrv2.contoso.com'] },
    });
    // Healthy pairs: synchronised five minutes before the demo opened.
    expect(demoDeployment(new Date('2026-01-01T00:05:00Z')).state.backupSync['pool1.contoso.com']).toEqual({
      lastSync: '2026-01-01T00:00:00.000Z',
      state: 'SteadyState',
    });
    expect(d.state.failedOver).toEqual({});
  });

  it('returns a fresh copy each time', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const before = demoDeployment(at);
    const a = demoDeployment(at);
    a.topology.pools.pop();
    expect(demoDeployment(at)).toEqual(before);
  });
});
