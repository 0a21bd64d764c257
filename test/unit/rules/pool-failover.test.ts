import { describe, expect, it } from 'vitest';
import { applyFix } from '../../../src/shared/rules/apply-fix';
import { validate } from '../../../src/shared/rules/validate';
import { backEndDown, check, demo, downPool, downSite, failback, failover, nextHop, NOW, only, pool, POOL1, POOL2, EDGE1, scenario } from './helpers';

describe('rule 2: the pool being failed over needs a usable backup pool', () => {
  it('blocks when no backup pool is known, and says where pairing comes from', () => {
    const d = demo((x) => {
      x.state.backupPools = {};
    });
    const [f] = only(check(d, [failover(POOL1)], [downPool(POOL1)]), 'failover-backup-pool');
    expect(f).toMatchObject({ severity: 'blocker', elements: [POOL1], change: 0 });
    expect(f!.message).toContain(`Get-CsPoolBackupRelationship -PoolFQDN ${POOL1}`);
  });

  it('blocks when the backup pool is down (and the failing pool is not)', () => {
    const [f] = only(check(demo(), [failover(POOL1)], [downPool(POOL2)]), 'failover-backup-pool');
    expect(f).toMatchObject({ severity: 'blocker', elements: [POOL1, POOL2] });
    expect(f!.message).toContain(`${POOL2} is down`);
  });

  it('blocks when the pair is in one site', () => {
    const d = demo((x) => {
      pool(x, POOL2).siteId = 'Site1';
    });
    const [f] = only(check(d, [failover(POOL1)]), 'failover-backup-pool');
    expect(f!.severity).toBe('blocker');
    expect(f!.message).toContain('both in site Site1');
  });

  it('does not fire for a healthy pair in two sites', () => {
    expect(only(check(demo(), [nextHop(EDGE1, POOL2), failover(POOL1)], [downPool(POOL1)]), 'failover-backup-pool')).toEqual([]);
  });
});

describe('rule 13: both pools of a pair down', () => {
  it('is a blocker naming both, whether or not a failover is planned', () => {
    for (const changes of [[], [failover(POOL1)]]) {
      const findings = only(check(demo(), changes, [downPool(POOL1), downPool(POOL2)]), 'pair-down');
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ severity: 'blocker', elements: [POOL1, POOL2] });
      expect(findings[0]!.message).toContain('nothing to fail over to');
    }
  });

  it('counts a pool whose SQL store is down as down', () => {
    const d = demo();
    const [primary] = backEndDown(d, POOL2);
    // The mirror keeps the pool up; only with both copies down is it down.
    expect(only(check(d, [], [downPool(POOL1), primary!]), 'pair-down')).toEqual([]);
    expect(only(check(d, [], [downPool(POOL1), ...backEndDown(d, POOL2)]), 'pair-down')).toHaveLength(1);
  });

  it('does not fire when one of the pair runs, and leaves the partner-down blocker of rule 2 to it', () => {
    expect(only(check(demo(), [], [downPool(POOL1)]), 'pair-down')).toEqual([]);
    expect(only(check(demo(), [failover(POOL1)], [downPool(POOL1), downPool(POOL2)]), 'failover-backup-pool')).toEqual([]);
  });
});

describe('rule 4: -PoolFQDN order', () => {
  const p1FailedOver = () =>
    demo((x) => {
      x.state.failedOver = { [POOL1]: POOL2 };
    });

  it('blocks failing P2 over to P1 while P1\'s users are on P2, and states the right order', () => {
    const [f] = only(check(p1FailedOver(), [failover(POOL2)]), 'pool-fqdn-order');
    expect(f).toMatchObject({ severity: 'blocker', elements: [POOL2, POOL1], change: 0 });
    expect(f!.message).toContain(`1. fail back ${POOL1} (Invoke-CsPoolFailback -PoolFQDN ${POOL1})`);
    expect(f!.message).toContain(`2. then fail over ${POOL2}`);
    expect(f!.fixes).toEqual([{ label: `Fail back ${POOL1} first`, change: failback(POOL1), at: 0 }]);
  });

  it('is gone with the fix applied (fail back P1 first)', () => {
    const d = p1FailedOver();
    const s = scenario([failover(POOL2)]);
    const [f] = only(validate(d, s, { now: NOW }), 'pool-fqdn-order');
    const fixed = applyFix(s, f!.fixes[0]!);
    expect(fixed.changes).toEqual([failback(POOL1), failover(POOL2)]);
    expect(only(validate(d, fixed, { now: NOW }), 'pool-fqdn-order')).toEqual([]);
  });

  it('does not fire when nothing is failed over', () => {
    expect(only(check(demo(), [failover(POOL2)]), 'pool-fqdn-order')).toEqual([]);
  });
});

describe('rule 5: failover state', () => {
  it('blocks failing back a pool that is not failed over', () => {
    const [f] = only(check(demo(), [failback(POOL1)]), 'pool-failover-state');
    expect(f).toMatchObject({ severity: 'blocker', elements: [POOL1] });
    expect(f!.message).toContain('not failed over');
  });

  it('catches naming the pool that took the users, and offers the right failback instead', () => {
    const d = demo((x) => {
      x.state.failedOver = { [POOL1]: POOL2 };
    });
    const [f] = only(check(d, [failback(POOL2)]), 'pool-failover-state');
    expect(f!.message).toContain(`Invoke-CsPoolFailback -PoolFQDN ${POOL1}`);
    expect(f!.fixes).toEqual([{ label: `Fail back ${POOL1} instead`, change: failback(POOL1), at: 0, replace: true }]);
  });

  it('blocks failing back while the home pool is still down', () => {
    const d = demo((x) => {
      x.state.failedOver = { [POOL1]: POOL2 };
    });
    const [f] = only(check(d, [failback(POOL1)], [downSite('Site1')]), 'pool-failover-state');
    expect(f!.severity).toBe('blocker');
    expect(f!.message).toContain('back online');
  });

  it('warns that failing back from a backup pool that is down loses data (-DisasterMode)', () => {
    const d = demo((x) => {
      x.state.failedOver = { [POOL1]: POOL2 };
    });
    const [f] = only(check(d, [failback(POOL1)], [downPool(POOL2)]), 'pool-failover-state');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('-DisasterMode');
  });

  it('blocks failing over a pool twice, and passes a failover followed by its failback', () => {
    const twice = only(check(demo(), [nextHop(EDGE1, POOL2), failover(POOL1), failover(POOL1)], [downPool(POOL1)]), 'pool-failover-state');
    expect(twice).toHaveLength(1);
    expect(twice[0]).toMatchObject({ severity: 'blocker', change: 2 });
    expect(only(check(demo(), [nextHop(EDGE1, POOL2), failover(POOL1), failback(POOL1)]), 'pool-failover-state')).toEqual([]);
  });
});

describe('rule 14: Backup Service synchronisation', () => {
  const sync = (state?: string, minutesAgo?: number) =>
    demo((x) => {
      x.state.backupSync = {
        [POOL1]: { ...(state ? { state } : {}), ...(minutesAgo !== undefined ? { lastSync: new Date(NOW - minutesAgo * 60_000).toISOString() } : {}) },
      };
    });
  const run = (d: ReturnType<typeof demo>) => only(check(d, [nextHop(EDGE1, POOL2), failover(POOL1)], [downPool(POOL1)]), 'backup-sync');

  it('warns when the last synchronisation is old', () => {
    const [f] = run(sync('SteadyState', 180));
    expect(f).toMatchObject({ severity: 'warning', elements: [POOL1, POOL2] });
    expect(f!.message).toContain('3 hours ago');
    expect(run(sync('SteadyState', 16))[0]!.message).toContain('16 minutes ago');
    expect(f!.message).toContain('may be lost');
  });

  it('warns when the Backup Service is not in a steady state', () => {
    const [f] = run(sync('Error', 1));
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('state Error, not SteadyState');
  });

  it('says so when the synchronisation state is unknown', () => {
    const [f] = run(
      demo((x) => {
        x.state.backupSync = {};
      }),
    );
    expect(f!.severity).toBe('info');
    expect(f!.message).toContain('not known');
  });

  it('does not fire for a recent steady-state synchronisation', () => {
    expect(run(sync('SteadyState', 2))).toEqual([]);
  });
});
