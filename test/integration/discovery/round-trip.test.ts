/**
 * Discovery loses nothing: for the demo, every public topology sample, synthetic topologies and
 * seeded varied ones, discovering the lab that serves deployment X gives back X — every site, pool,
 * server, SQL store (primary, mirror, backup, backup mirror), service dependency and state fact the
 * rules and the planner read — except what no read cmdlet reports, which comes back marked unknown
 * (`undiscoverable`). The first difference is named by its path.
 */
import { describe, expect, it } from 'vitest';
import { discoverDeployment } from '../../../src/main/discovery/discover';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { Deployment } from '../../../src/shared/model/types';
import { describeDifference, firstDifference } from '../../support/first-difference';
import { generatedDeployment } from '../../support/generated-topologies';
import { labRunner } from '../../support/lab-runner';
import { comparable, roundTripCases, undiscoverable } from './round-trip-model';

async function discovered(d: Deployment): Promise<Deployment> {
  const result = await discoverDeployment(labRunner(d), { source: { kind: 'discovery', name: 'lab' } });
  expect(result.failed).toEqual([]);
  return result.deployment;
}

describe('discover(lab(X)) gives back X', () => {
  it('the comparison names the first difference by its path', () => {
    const demo = demoDeployment();
    const changed = structuredClone(demo);
    delete changed.topology.pools.find((p) => p.fqdn === 'pool1.contoso.com')!.backEnd!.mirror;
    expect(describeDifference(firstDifference(comparable(demo), comparable(changed)))).toBe(
      'topology.pools[pool1.contoso.com].backEnd.mirror: expected "sql1b.contoso.com\\\\rtc", got undefined',
    );
  });

  it('the generator varies what matters: mirrors, Persistent Chat backups, Directors as next hops, cross-site media, several sites, pairs', () => {
    const all = Array.from({ length: 40 }, (_, i) => generatedDeployment(i + 1));
    const some = (f: (d: Deployment) => boolean) => all.filter(f).length;
    expect(some((d) => d.topology.pools.some((p) => p.kind === 'FrontEnd' && p.backEnd?.mirror))).toBeGreaterThan(5);
    expect(some((d) => d.topology.pools.some((p) => p.backEnd?.backupMirror))).toBeGreaterThan(3);
    expect(some((d) => d.topology.pools.some((p) => p.kind === 'PersistentChat' && !p.backEnd?.backup))).toBeGreaterThan(0);
    expect(some((d) => d.topology.services.some((s) => s.role === 'EdgeServer' && s.dependsOn.some((id) => id.startsWith('Registrar:dir'))))).toBeGreaterThan(3);
    expect(some((d) => d.topology.sites.length > 1 && Object.keys(d.state.backupPools).length > 0)).toBeGreaterThan(5);
    expect(some((d) => d.topology.pools.some((p) => p.edition === 'Standard'))).toBeGreaterThan(3);
  });

  for (const [name, deployment] of roundTripCases()) {
    it(name, async () => {
      const d = await discovered(deployment);
      expect(describeDifference(firstDifference(comparable(undiscoverable(deployment)), comparable(d)))).toBe('no difference');
    });
  }
});
