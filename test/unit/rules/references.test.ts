import { describe, expect, it } from 'vitest';
import { check, demo, EDGE1, failover, only, POOL1 } from './helpers';

describe('changes that name the wrong thing', () => {
  it('blocks failing over an Edge pool, naming the change', () => {
    const [f] = only(check(demo(), [failover(EDGE1)]), 'scenario-reference');
    expect(f).toMatchObject({ severity: 'blocker', elements: [EDGE1], change: 0 });
    expect(f!.message).toContain(`Change 1 (Fail over ${EDGE1}`);
    expect(f!.message).toContain('not a Front End pool');
  });

  it('blocks a change naming a pool the topology lacks, and checks nothing else about it', () => {
    const findings = check(demo(), [failover('pool9.contoso.com')]);
    expect(only(findings, 'scenario-reference')[0]!.message).toContain('pool9.contoso.com is not in the topology');
    expect(findings.filter((f) => f.change === 0)).toHaveLength(1);
  });

  it('warns about a down mark naming nothing in the topology', () => {
    const [f] = only(check(demo(), [], [{ kind: 'site', siteId: 'Atlantis' }]), 'scenario-reference');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('site Atlantis');
  });

  it('does not fire for changes naming the right kinds', () => {
    expect(only(check(demo(), [failover(POOL1)]), 'scenario-reference')).toEqual([]);
  });
});
