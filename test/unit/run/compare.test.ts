/**
 * Intended vs actual after a run: nothing when the deployment is as the plan meant it, and each
 * kind of difference named with the graph elements it concerns.
 */
import { describe, expect, it } from 'vitest';
import { compareIntended } from '../../../src/shared/run/compare';
import { applyScenario } from '../../../src/shared/scenario/apply';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { buildPlan } from '../../../src/shared/plan/planner';
import type { Deployment } from '../../../src/shared/model/types';
import type { Scenario } from '../../../src/shared/scenario/types';

const NOW = new Date('2026-11-24T09:31:00Z');
const POOL1 = 'pool1.contoso.com';
const POOL2 = 'pool2.contoso.com';
const EDGE1 = 'edgepool1.contoso.com';
const EDGE2 = 'edgepool2.contoso.com';
const FAILOVER: Scenario = { down: [{ kind: 'pool', fqdn: POOL1 }], changes: [{ kind: 'failoverPool', pool: POOL1 }], applied: 1 };

/** The demo after the planned pool1 failover: next hop moved, CMS on pool2, pool1's users on pool2. */
function intendedFailover(): Deployment {
  const demo = demoDeployment(NOW);
  return applyScenario(demo, buildPlan(demo, FAILOVER, { now: NOW.getTime() }).scenario);
}

function changed(d: Deployment, edit: (d: Deployment) => void): Deployment {
  const copy = structuredClone(d);
  edit(copy);
  return copy;
}

describe('compareIntended', () => {
  it('finds nothing when the deployment is as the plan meant it', () => {
    const intended = intendedFailover();
    expect(compareIntended(intended, structuredClone(intended))).toEqual([]);
    expect(compareIntended(demoDeployment(NOW), demoDeployment(NOW))).toEqual([]);
  });

  it('flags the CMS active on both pools', () => {
    const intended = intendedFailover();
    // Both CMS services say they are active, and no replication status overrides them.
    const actual = changed(intended, (d) => {
      delete d.state.cmsActivePool;
      for (const s of d.topology.services) if (s.role === 'CentralMgmt') s.cmsActive = true;
    });
    const found = compareIntended(intended, actual);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/active on more than one pool \(pool1\.contoso\.com, pool2\.contoso\.com\).*meant it to be active on pool2\.contoso\.com/) });
    expect(found[0]!.elementIds).toEqual(expect.arrayContaining([POOL1, POOL2]));
  });

  it('flags the CMS still where it was', () => {
    const intended = intendedFailover();
    const actual = changed(intended, (d) => void (d.state.cmsActivePool = POOL1));
    expect(compareIntended(intended, actual)).toEqual([
      expect.objectContaining({ severity: 'error', message: 'The Central Management Store is active on pool1.contoso.com; the plan meant it to be active on pool2.contoso.com.' }),
    ]);
  });

  it("flags a pool's users not served where the scenario put them, highlighting the failover line", () => {
    const intended = intendedFailover();
    const actual = changed(intended, (d) => void (d.state.failedOver = {}));
    const [found, ...rest] = compareIntended(intended, actual);
    expect(rest).toEqual([]);
    expect(found).toEqual({
      severity: 'error',
      message: "pool1.contoso.com's users are not failed over; the plan meant them to be served by pool2.contoso.com.",
      elementIds: [POOL1, `failedOverTo:${POOL1}->${POOL2}`, POOL2],
    });
  });

  it('flags an Edge next hop that differs', () => {
    const intended = intendedFailover();
    const actual = changed(intended, (d) => {
      const edge = d.topology.services.find((s) => s.id === `EdgeServer:${EDGE1}`)!;
      edge.dependsOn = edge.dependsOn.map((id) => (id === `Registrar:${POOL2}` ? `Registrar:${POOL1}` : id));
    });
    expect(compareIntended(intended, actual)).toEqual([
      {
        severity: 'error',
        message: `Edge pool ${EDGE1}'s next hop is ${POOL1}; the plan meant it to be ${POOL2}.`,
        elementIds: [EDGE1, `edgeNextHop:${EDGE1}->${POOL2}`, POOL2, `edgeNextHop:${EDGE1}->${POOL1}`, POOL1],
      },
    ]);
  });

  it('flags federation routes, media Edge and Persistent Chat as errors, pairings as warnings', () => {
    const intended = demoDeployment(NOW);
    const actual = changed(intended, (d) => {
      d.state.sipFederationRoutes = [EDGE2];
      d.state.xmppRoutes = { Site1: 'edgeserver2.contoso.com' };
      d.state.backupPools = { [POOL1]: POOL2 };
      d.state.persistentChat['pchat1.contoso.com']!.poolState = 'FailedOver';
      const conf = d.topology.services.find((s) => s.id === `ConfServices:${POOL1}`)!;
      conf.dependsOn = conf.dependsOn.map((id) => (id === `EdgeServer:${EDGE1}` ? `EdgeServer:${EDGE2}` : id));
    });
    const found = compareIntended(intended, actual);
    const bySeverity = (severity: string) => found.filter((f) => f.severity === severity).map((f) => f.message);
    expect(bySeverity('warning')).toEqual([`${POOL2} is paired with no pool, not ${POOL1} as the plan took it to be (a run does not change pairings).`]);
    expect(bySeverity('error')).toEqual([
      "Site Site1's XMPP federation route goes through edgeserver2.contoso.com; the plan meant it to go through edgeserver1.contoso.com.",
      'Persistent Chat pool pchat1.contoso.com is FailedOver; active: pchatsrv1.contoso.com, pchatsrv2.contoso.com; the plan meant it to be Normal; active: pchatsrv1.contoso.com, pchatsrv2.contoso.com.',
      `SIP federation goes through ${EDGE2}; the plan meant it to go through ${EDGE1}.`,
      `${POOL1} uses ${EDGE1}, ${EDGE2} for media; the plan meant it to use ${EDGE1}.`,
    ]);
    expect(found.find((f) => f.message.startsWith('SIP'))!.elementIds).toEqual(expect.arrayContaining([EDGE1, EDGE2, 'site:Site1', 'site:Site2']));
  });
});
