import { describe, expect, it } from 'vitest';
import { readDiscoveryResults } from '../../../src/shared/discovery/read';
import { demoDeployment } from '../../../src/shared/demo/demo';

const topology = demoDeployment().topology;

describe('reading discovery results', () => {
  it('reads the XMPP route in both spellings: a server as is, an Edge pool identity as its first server', () => {
    const procedure = readDiscoveryResults(topology, { sites: [{ Identity: 'Site:Site2', XmppExternalFederationRoute: 'EdgeServer2.contoso.com' }] });
    expect(procedure.state.xmppRoutes).toEqual({ Site2: 'edgeserver2.contoso.com' });
    const reference = readDiscoveryResults(topology, { sites: [{ Identity: 'Site:Site1', XmppFederationRoute: 'EdgeServer:edgepool1.contoso.com' }] });
    expect(reference.state.xmppRoutes).toEqual({ Site1: topology.pools.find((p) => p.fqdn === 'edgepool1.contoso.com')!.machines[0] });
  });

  it('reads the SIP route and display names from Get-CsSite; without Get-CsSite the SIP route stays unknown', () => {
    const r = readDiscoveryResults(topology, { sites: [{ Identity: 'Site:Site1', DisplayName: 'Redmond DC', FederationRoute: 'EdgeServer:EdgePool1.contoso.com' }] });
    expect(r.state.sipFederationRoutes).toEqual(['edgepool1.contoso.com']);
    expect(r.topology.sites.find((s) => s.id === 'Site1')!.name).toBe('Redmond DC');
    expect(readDiscoveryResults(topology, {}).state.sipFederationRoutes).toBeUndefined();
  });

  it('takes the active master from the replication status, and says when it is empty', () => {
    const up = readDiscoveryResults(topology, { cmsStatus: [{ ActiveMasterFqdn: 'pool2.contoso.com' }], cmsServices: [{ PoolFqdn: 'pool1.contoso.com', IsActive: true }] });
    expect(up.state.cmsActivePool).toBe('pool2.contoso.com');
    const down = readDiscoveryResults(topology, { cmsStatus: [{ ActiveMasterFqdn: '' }], cmsServices: [{ PoolFqdn: 'pool1.contoso.com', IsActive: true }] });
    expect(down.state.cmsActivePool).toBe('pool1.contoso.com');
    expect(down.issues[0]!.message).toMatch(/ActiveMasterFqdn is empty/);
  });

  it('reads Persistent Chat state and active servers (a single server as ConvertTo-Json writes it)', () => {
    const r = readDiscoveryResults(topology, {
      chatStates: [{ Identity: 'PersistentChatServer:pchat1.contoso.com', PoolState: 'FailedOver' }],
      chatActiveServers: [{ Identity: 'PersistentChatServer:pchat1.contoso.com', ActiveServers: 'PChat3.contoso.com' }],
    });
    expect(r.state.persistentChat).toEqual({ 'pchat1.contoso.com': { poolState: 'FailedOver', activeServers: ['pchat3.contoso.com'] } });
    const bad = readDiscoveryResults(topology, { chatStates: [{ Identity: 'PersistentChatServer:pchat1.contoso.com', PoolState: 'Weird' }] });
    expect(bad.issues[0]!.message).toMatch(/Get-CsPersistentChatState: cannot read Identity and PoolState/);
  });

  it('moves an Edge pool\'s next hop to what Get-CsService -EdgeServer reports, and names an unknown Registrar', () => {
    const r = readDiscoveryResults(topology, { edgeServices: [{ Identity: 'EdgeServer:edgepool1.contoso.com', Registrar: 'Registrar:pool2.contoso.com' }] });
    expect(r.topology.services.find((s) => s.id === 'EdgeServer:edgepool1.contoso.com')!.dependsOn).toContain('Registrar:pool2.contoso.com');
    expect(r.topology.services.find((s) => s.id === 'EdgeServer:edgepool1.contoso.com')!.dependsOn).not.toContain('Registrar:pool1.contoso.com');
    const unknown = readDiscoveryResults(topology, { edgeServices: [{ Identity: 'EdgeServer:edgepool1.contoso.com', Registrar: 'Registrar:nowhere.contoso.com' }] });
    expect(unknown.issues.map((i) => i.message)).toEqual(['Get-CsService -EdgeServer: next hop nowhere.contoso.com of EdgeServer:edgepool1.contoso.com is not a Registrar in the topology']);
  });

  it('reads backup pairs and names a result it cannot read', () => {
    const r = readDiscoveryResults(topology, { backupRelationships: [{ PoolFqdn: 'pool1.contoso.com', BackupPoolFqdn: 'POOL2.contoso.com' }, { PoolFqdn: 'pool2.contoso.com' }, 'text'] });
    expect(r.state.backupPools).toEqual({ 'pool1.contoso.com': 'pool2.contoso.com' });
    expect(r.issues.filter((i) => i.element !== 'failedOver').map((i) => i.message)).toEqual([
      'Get-CsPoolBackupRelationship: result 3 is not an object; ignored',
      'Get-CsPoolBackupRelationship: a result without PoolFqdn or BackupPoolFqdn; ignored',
    ]);
  });

  it('warns of a pool Get-CsPool lists that the topology document lacks', () => {
    const r = readDiscoveryResults(topology, { pools: [{ Identity: 'pool1.contoso.com' }, { Identity: 'pool9.contoso.com' }] });
    expect(r.issues.map((i) => i.message)).toEqual(['Get-CsPool lists pool9.contoso.com, which the topology document lacks (was it read from a stale local replica?)']);
  });
});
