import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { edgeNextHop, mediaEdgeOf, poolByFqdn, poolOfMachine } from '../../../src/shared/model/queries';
import { deriveRelations } from '../../../src/shared/model/relations';
import { emptyState } from '../../../src/shared/model/state';
import type { Deployment, Relation } from '../../../src/shared/model/types';

const of = (d: Deployment, ...kinds: Relation['kind'][]) => deriveRelations(d).filter((r) => kinds.includes(r.kind));

function demoWith(state: Partial<Deployment['state']>): Deployment {
  const d = demoDeployment();
  d.state = { ...emptyState(), ...state };
  return d;
}

describe('deriveRelations: topology relations', () => {
  it('draws one media Edge relation per pool pair, though three services depend on the Edge', () => {
    const d = demoDeployment();
    const pool1 = d.topology.services.filter((s) => s.poolFqdn === 'pool1.contoso.com' && s.dependsOn.includes('EdgeServer:edgepool1.contoso.com'));
    expect(pool1.map((s) => s.role).sort()).toEqual(['ConfServices', 'MediationServer', 'Registrar']);
    expect(of(d, 'mediaEdge').filter((r) => r.from === 'pool1.contoso.com')).toHaveLength(1);
  });

  it('follows a changed next hop dependency', () => {
    const d = demoDeployment();
    d.topology.services.find((s) => s.id === 'EdgeServer:edgepool1.contoso.com')!.dependsOn = ['Registrar:pool2.contoso.com'];
    expect(of(d, 'edgeNextHop')).toContainEqual({ kind: 'edgeNextHop', from: 'edgepool1.contoso.com', to: 'pool2.contoso.com' });
    expect(of(d, 'edgeNextHop')).not.toContainEqual({ kind: 'edgeNextHop', from: 'edgepool1.contoso.com', to: 'pool1.contoso.com' });
  });

  it('lets the reported CMS active master outrank the XML flag', () => {
    expect(of(demoWith({ cmsActivePool: 'POOL2.contoso.com' }), 'cmsActive', 'cmsStandby')).toEqual([
      { kind: 'cmsStandby', from: 'pool1.contoso.com', to: 'sql1a.contoso.com' },
      { kind: 'cmsActive', from: 'pool2.contoso.com', to: 'sql2a.contoso.com' },
    ]);
  });

  it('draws no back-end edge from a Standard Edition server to itself', () => {
    const d = demoDeployment();
    const pool1 = d.topology.pools.find((p) => p.fqdn === 'pool1.contoso.com')!;
    d.topology.sqlInstances.push({ id: 'pool1.contoso.com\\rtc', poolFqdn: 'pool1.contoso.com', name: 'rtc' });
    pool1.backEnd = { primary: 'pool1.contoso.com\\rtc' };
    expect(of(d, 'backEnd').filter((r) => r.from === 'pool1.contoso.com')).toEqual([]);
  });
});

describe('deriveRelations: state relations', () => {
  it('knows nothing from an empty state', () => {
    expect(of(demoWith({}), 'backupPool', 'sipFederationRoute', 'xmppFederationRoute', 'failedOverTo')).toEqual([]);
  });

  it('draws pairing, failover and routes, from the Edge pool’s site and via the named Edge server', () => {
    const d = demoWith({
      backupPools: { 'pool1.contoso.com': 'pool2.contoso.com' },
      failedOver: { 'pool1.contoso.com': 'pool2.contoso.com' },
      sipFederationRoutes: ['EdgePool2.contoso.com', 'gone.contoso.com'],
      xmppRoutes: { Site1: 'EdgeServer2.contoso.com', Site2: 'nowhere.contoso.com' },
    });
    expect(of(d, 'backupPool', 'sipFederationRoute', 'xmppFederationRoute', 'failedOverTo')).toEqual([
      { kind: 'backupPool', from: 'pool1.contoso.com', to: 'pool2.contoso.com' },
      { kind: 'sipFederationRoute', from: 'Site2', to: 'edgepool2.contoso.com' },
      { kind: 'xmppFederationRoute', from: 'Site1', to: 'edgepool2.contoso.com', via: 'edgeserver2.contoso.com' },
      { kind: 'failedOverTo', from: 'pool1.contoso.com', to: 'pool2.contoso.com' },
    ]);
  });
});

describe('queries', () => {
  const t = demoDeployment().topology;

  it('find pools by FQDN or machine, in any case', () => {
    expect(poolByFqdn(t, 'Pool1.Contoso.com')?.fqdn).toBe('pool1.contoso.com');
    expect(poolOfMachine(t, 'FE04.contoso.com')?.fqdn).toBe('pool2.contoso.com');
    expect(poolByFqdn(t, 'nope.contoso.com')).toBeUndefined();
  });

  it('answer an Edge pool’s next hop and a Front End pool’s media Edge', () => {
    expect(edgeNextHop(t, 'edgepool2.contoso.com')).toBe('pool2.contoso.com');
    expect(mediaEdgeOf(t, 'pool1.contoso.com')).toBe('edgepool1.contoso.com');
    expect(edgeNextHop(t, 'pool1.contoso.com')).toBeUndefined();
    expect(mediaEdgeOf(t, 'pchat1.contoso.com')).toBeUndefined();
  });
});
