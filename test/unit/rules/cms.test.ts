import { describe, expect, it } from 'vitest';
import { deriveRelations } from '../../../src/shared/model/relations';
import { applyFix } from '../../../src/shared/rules/apply-fix';
import { validate } from '../../../src/shared/rules/validate';
import { applyScenario } from '../../../src/shared/scenario/apply';
import { check, demo, downPool, EDGE1, failover, nextHop, NOW, only, POOL1, POOL2, scenario, backEndDown } from './helpers';

/** The demo with the CMS active on `pool` (as Get-CsManagementStoreReplicationStatus would report it). */
const cmsOn = (pool: string) =>
  demo((d) => {
    d.state.cmsActivePool = pool;
  });

describe('rule 3: the CMS before a pool failover', () => {
  it('warns that a CMS active on the failing pool must fail over first, with the fix placed before the failover', () => {
    const [f] = only(check(cmsOn(POOL1), [nextHop(EDGE1, POOL2), failover(POOL1)], [downPool(POOL1)]), 'cms-failover');
    expect(f).toMatchObject({ severity: 'warning', change: 1 });
    expect(f!.message).toContain('P1 step 4');
    expect(f!.message).toContain(`active on ${POOL1}, the pool being failed over`);
    expect(f!.fixes).toEqual([expect.objectContaining({ change: { kind: 'failoverCms' }, at: 1 })]);
  });

  it('is gone once the CMS failover is in the plan', () => {
    const d = cmsOn(POOL1);
    const s = scenario([nextHop(EDGE1, POOL2), failover(POOL1)], [downPool(POOL1)]);
    const [f] = only(validate(d, s, { now: NOW }), 'cms-failover');
    const fixed = applyFix(s, f!.fixes[0]!);
    expect(fixed.changes.map((c) => c.kind)).toEqual(['reassignNextHop', 'failoverCms', 'failoverPool']);
    expect(only(validate(d, fixed, { now: NOW }), 'cms-failover')).toEqual([]);
  });

  it('warns, with the reason, when the CMS is unavailable though not on the failing pool', () => {
    const d = cmsOn(POOL2);
    const [f] = only(check(d, [failover(POOL1)], backEndDown(d, POOL2)), 'cms-failover');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('unavailable');
    expect(f!.message).toContain('SQL store sql2a.contoso.com\\rtc is down, and so is its mirror');
  });

  it('blocks when the CMS pool and its backup are both down', () => {
    const [f] = only(check(cmsOn(POOL1), [failover(POOL1)], [downPool(POOL1), downPool(POOL2)]), 'cms-failover');
    expect(f!.severity).toBe('blocker');
    expect(f!.message).toContain('both down');
  });

  it('warns when where the CMS runs is not known, instead of passing', () => {
    const d = demo((x) => {
      delete x.state.cmsActivePool;
      for (const s of x.topology.services) if (s.role === 'CentralMgmt') s.cmsActive = false;
    });
    const [f] = only(check(d, [failover(POOL1)]), 'cms-failover');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('not known');
  });

  it('does not fire when the CMS runs on the surviving pool', () => {
    expect(only(check(cmsOn(POOL2), [nextHop(EDGE1, POOL2), failover(POOL1)], [downPool(POOL1)]), 'cms-failover')).toEqual([]);
  });
});

describe('rule 3: the CMS failover itself and the end state', () => {
  it('blocks a CMS failover whose target (the CMS pool\'s backup) is down', () => {
    const [f] = only(check(cmsOn(POOL1), [{ kind: 'failoverCms' }], [downPool(POOL2)]), 'cms-failover');
    expect(f!.severity).toBe('blocker');
    expect(f!.message).toContain(POOL2);
  });

  it('warns at the end about a CMS left unavailable, offering its failover', () => {
    const [f] = only(check(cmsOn(POOL1), [], [downPool(POOL1)]), 'cms-failover');
    expect(f).toMatchObject({ severity: 'warning', fixes: [expect.objectContaining({ change: { kind: 'failoverCms' }, at: 0 })] });
    expect(only(check(cmsOn(POOL1), [{ kind: 'failoverCms' }], [downPool(POOL1)]), 'cms-failover').filter((x) => x.severity !== 'info')).toEqual([]);
  });

  it('moves the active CMS in the resulting deployment', () => {
    const after = applyScenario(cmsOn(POOL1), scenario([{ kind: 'failoverCms' }]));
    expect(after.state.cmsActivePool).toBe(POOL2);
    const active = deriveRelations(after).filter((r) => r.kind === 'cmsActive');
    expect(active.every((r) => r.from === POOL2)).toBe(true);
  });
});
