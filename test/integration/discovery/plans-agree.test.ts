/**
 * Plans agree: for every procedure (P0–P8) that applies to each round-trip topology, the plan made
 * from a discovery of the lab serving X equals the plan made from X — same steps, same values, same
 * findings — or both are refused alike. The one exception is named: a Persistent Chat failover or
 * failback of a stretched pool needs the data centre of each server, which no read cmdlet reports,
 * so the discovered plan is refused naming `pools[…].machineSites`; once that is supplied, the plans
 * are equal again.
 */
import { describe, expect, it } from 'vitest';
import { discoverDeployment } from '../../../src/main/discovery/discover';
import type { Deployment } from '../../../src/shared/model/types';
import { buildPlan, PlanBlockedError, PlanError } from '../../../src/shared/plan/planner';
import { describeDifference, firstDifference } from '../../support/first-difference';
import { labRunner } from '../../support/lab-runner';
import { cases, type Case } from '../../support/procedure-cases';
import { roundTripCases } from './round-trip-model';

const NOW = Date.parse('2026-12-01T08:00:00Z');

/** The plan as the admin would see it (but for where the deployment came from), or why there is none. */
function outcome(d: Deployment, c: Case): unknown {
  const from = c.from ? c.from(d) : d;
  try {
    const { source: _source, ...plan } = buildPlan(from, { down: c.down, changes: c.changes, applied: c.changes.length }, { now: NOW });
    return { plan };
  } catch (err) {
    if (err instanceof PlanBlockedError) return { blocked: err.blockers.map((b) => b.message) };
    if (err instanceof PlanError) return { refused: err.message };
    throw err;
  }
}

/** The discovered deployment with what the admin supplies that no cmdlet reports: where each server of `pool` stands. */
function withSites(discovered: Deployment, file: Deployment, pool: string): Deployment {
  const out = structuredClone(discovered);
  const target = out.topology.pools.find((p) => p.fqdn === pool)!;
  const sites = file.topology.pools.find((p) => p.fqdn === pool)!.machineSites;
  if (sites) target.machineSites = sites;
  const unknown = target.unknown?.filter((f) => f !== 'machineSites') ?? [];
  if (unknown.length > 0) target.unknown = unknown;
  else delete target.unknown;
  return out;
}

describe('plans made from a discovery equal plans made from the file', () => {
  let planned = 0;
  let made = 0;
  let needingSites = 0;
  for (const [name, imported] of roundTripCases()) {
    it(name, async () => {
      // A document does not say which Edge pool carries SIP federation (unknown); the lab serving it
      // answers Get-CsSite with none, so the file is planned as the deployment the lab is.
      const file = { ...imported, state: { ...imported.state, sipFederationRoutes: imported.state.sipFederationRoutes ?? [] } };
      const discovered = (await discoverDeployment(labRunner(file), { source: { kind: 'discovery', name: 'lab' } })).deployment;
      for (const c of cases(file)) {
        planned++;
        const expected = outcome(file, c);
        if (expected && typeof expected === 'object' && 'plan' in expected) made++;
        if (c.needsSites !== undefined && discovered.topology.pools.find((p) => p.fqdn === c.needsSites)?.unknown?.includes('machineSites')) {
          needingSites++;
          const refused = outcome(discovered, c) as { blocked?: string[] };
          expect(refused.blocked, c.name).toEqual([expect.stringContaining(`pools[${c.needsSites}].machineSites`)]);
          expect(describeDifference(firstDifference(expected, outcome(withSites(discovered, file, c.needsSites), c))), c.name).toBe('no difference');
          continue;
        }
        expect(describeDifference(firstDifference(expected, outcome(discovered, c))), c.name).toBe('no difference');
      }
    });
  }
  it('planned every procedure somewhere, most of them to a plan', () => {
    expect(planned).toBeGreaterThan(300);
    expect(made / planned).toBeGreaterThan(0.6);
    expect(needingSites).toBeGreaterThan(10);
  });
});
