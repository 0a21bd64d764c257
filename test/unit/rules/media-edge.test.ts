import { describe, expect, it } from 'vitest';
import { deriveRelations } from '../../../src/shared/model/relations';
import { applyFix } from '../../../src/shared/rules/apply-fix';
import { validate } from '../../../src/shared/rules/validate';
import { applyScenario } from '../../../src/shared/scenario/apply';
import { check, demo, downPool, downSite, EDGE1, EDGE2, failover, nextHop, NOW, only, POOL1, POOL2, scenario } from './helpers';

describe('rule 9: a running Front End pool whose media Edge pool is down', () => {
  it('warns and offers an Edge pool in another site (P6)', () => {
    const [f] = only(check(demo(), [], [downPool(EDGE1)]), 'media-edge');
    expect(f).toMatchObject({ severity: 'warning', elements: [POOL1, EDGE1] });
    expect(f!.message).toContain('P6');
    expect(f!.fixes.map((x) => x.change)).toEqual([{ kind: 'changeMediaEdge', pool: POOL1, edgePool: EDGE2 }]);
  });

  it('is gone once the pool is associated with the other Edge pool, which the topology then shows', () => {
    const s = scenario([], [downPool(EDGE1)]);
    const [f] = only(validate(demo(), s, { now: NOW }), 'media-edge');
    const fixed = applyFix(s, f!.fixes[0]!);
    expect(only(validate(demo(), fixed, { now: NOW }), 'media-edge')).toEqual([]);
    const media = deriveRelations(applyScenario(demo(), fixed)).filter((r) => r.kind === 'mediaEdge' && r.from === POOL1);
    expect(media.map((r) => r.to)).toEqual([EDGE2]);
  });

  it('does not fire when the Front End pool is down or failed over too', () => {
    expect(only(check(demo(), [], [downSite('Site1')]), 'media-edge')).toEqual([]);
    expect(only(check(demo(), [nextHop(EDGE1, POOL2), failover(POOL1)], [downPool(EDGE1)]), 'media-edge')).toEqual([]);
    expect(only(check(demo(), []), 'media-edge')).toEqual([]);
  });
});
