/**
 * Planning on a large deployment: a site failover on a 2000-pool synthetic topology plans the CMS
 * failover first. (How fast it plans is measured by `npm run bench`, not asserted here.)
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/shared/plan/planner';
import { siteFailoverOnSynth } from '../../../bench/plan';

describe('planning on synthTopologyXml(2000)', () => {
  it('plans a site failover with the CMS failover added first', () => {
    const { d, scenario } = siteFailoverOnSynth();
    expect(d.topology.pools).toHaveLength(2000);
    const plan = buildPlan(d, scenario, { now: 0 });
    // The CMS (on pool-s1-1) fails over first: the planner added it.
    expect(plan.sections.map((s) => s.change.kind)).toEqual(['failoverCms', 'failoverPool', 'moveSipFederation', 'moveXmppRoute']);
  });
});
