import { describe, expect, it } from 'vitest';
import { diffDeployments, diffText } from '../../../src/shared/discovery/diff';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { Deployment } from '../../../src/shared/model/types';

function changed(edit: (d: Deployment) => void): Deployment {
  const d = structuredClone(demoDeployment());
  edit(d);
  return d;
}

describe('diff of two deployments', () => {
  it('finds nothing between a deployment and itself', () => {
    expect(diffDeployments(demoDeployment(), demoDeployment())).toEqual([]);
    expect(diffText([])).toBe('No differences.\n');
  });

  it('lists added and removed pools and machines', () => {
    const b = changed((d) => {
      d.topology.pools = d.topology.pools.filter((p) => p.fqdn !== 'edgepool2.contoso.com');
      d.topology.pools.find((p) => p.fqdn === 'pool1.contoso.com')!.machines.push('fe09.contoso.com');
    });
    const entries = diffDeployments(demoDeployment(), b);
    expect(entries.filter((e) => e.kind.startsWith('pool') || e.kind.startsWith('machine'))).toEqual([
      { kind: 'poolRemoved', subject: 'edgepool2.contoso.com', before: 'Edge' },
      { kind: 'machineAdded', subject: 'fe09.contoso.com', after: 'pool1.contoso.com' },
    ]);
  });

  it('lists changed pairs, routes, CMS location, Persistent Chat state and failed-over pools', () => {
    const b = changed((d) => {
      d.state.backupPools = { 'pool1.contoso.com': 'pool2.contoso.com' };
      d.state.sipFederationRoutes = ['edgepool2.contoso.com'];
      d.state.xmppRoutes = { Site1: 'edgeserver2.contoso.com' };
      d.state.cmsActivePool = 'pool2.contoso.com';
      d.state.persistentChat['pchat1.contoso.com']!.poolState = 'FailedOver';
      d.state.failedOver = { 'pool1.contoso.com': 'pool2.contoso.com' };
    });
    const entries = diffDeployments(demoDeployment(), b);
    expect(entries.map((e) => [e.kind, e.subject, e.before, e.after])).toEqual([
      ['backupPool', 'pool2.contoso.com', 'pool1.contoso.com', undefined],
      ['sipFederationRoute', 'Site1', 'edgepool1.contoso.com', undefined],
      ['sipFederationRoute', 'Site2', undefined, 'edgepool2.contoso.com'],
      ['xmppFederationRoute', 'Site1', 'edgeserver1.contoso.com', 'edgeserver2.contoso.com'],
      ['cmsActive', 'Central Management Server', 'pool1.contoso.com', 'pool2.contoso.com'],
      ['persistentChat', 'pchat1.contoso.com', expect.stringMatching(/^Normal/), expect.stringMatching(/^FailedOver/)],
      ['failedOver', 'pool1.contoso.com', undefined, 'pool2.contoso.com'],
    ]);
    expect(diffText(entries)).toContain('failed over to: pool1.contoso.com: (none) -> pool2.contoso.com\n');
  });
});
