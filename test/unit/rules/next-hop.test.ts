import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveRelations } from '../../../src/shared/model/relations';
import { applyFix } from '../../../src/shared/rules/apply-fix';
import { nextHopCommand } from '../../../src/shared/rules/next-hop-command';
import { nextHopFailoverError, nextHopTargets } from '../../../src/shared/rules/next-hop';
import { applyScenario } from '../../../src/shared/scenario/apply';
import type { Deployment, Pool } from '../../../src/shared/model/types';
import { check, demo, downPool, downSite, EDGE1, EDGE2, failback, failover, nextHop, NOW, only, pool, POOL1, POOL2, scenario } from './helpers';
import { validate } from '../../../src/shared/rules/validate';

const DOCS = resolve(__dirname, '../../..', '../shared/docs');

/** A Director pool in Site1, so Site1 has a second registrar (a same-site next hop). */
function withDirector(d: Deployment): Pool {
  const director: Pool = { fqdn: 'dir1.contoso.com', siteId: 'Site1', kind: 'Director', machines: ['dir01.contoso.com'], sqlInstances: [], roles: ['Registrar'] };
  d.topology.pools.push(director);
  d.topology.services.push({ id: 'Registrar:dir1.contoso.com', role: 'Registrar', poolFqdn: director.fqdn, dependsOn: [], isDirector: true });
  return director;
}

describe('rule 1: failing over a running Edge pool\'s next hop', () => {
  it('is a blocker that quotes what Invoke-CsPoolFailover prints, naming the Edge pool', () => {
    const findings = only(check(demo(), [failover(POOL1)], [downPool(POOL1)]), 'failover-edge-next-hop');
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.severity).toBe('blocker');
    expect(f!.elements).toEqual([EDGE1, POOL1]);
    expect(f!.message).toContain('P1 step 7');
    expect(f!.message).toContain(nextHopFailoverError(POOL1));
    expect(f!.change).toBe(0);
  });

  it('quotes the error text verbatim from the procedures (P1 step 7)', () => {
    const doc = readFileSync(resolve(DOCS, 'failover-procedures.md'), 'utf8');
    const quoted = /`(Invoke-CsPoolFailOver : This Front-end pool[\s\S]*?before you proceed\.)`/.exec(doc)?.[1];
    expect(quoted).toBeDefined();
    expect(nextHopFailoverError('pool1.contoso.com')).toBe(quoted!.replace(/\s+/g, ' '));
  });

  it('offers the backup pool as the new next hop when the site has no other registrar, placed before the failover', () => {
    const d = demo();
    const registrarsInSite1 = d.topology.pools.filter((p) => p.siteId === 'Site1' && (p.kind === 'FrontEnd' || p.kind === 'Director'));
    expect(registrarsInSite1.map((p) => p.fqdn)).toEqual([POOL1]);
    const [f] = only(check(d, [failover(POOL1)], [downPool(POOL1)]), 'failover-edge-next-hop');
    expect(f!.fixes).toEqual([expect.objectContaining({ change: nextHop(EDGE1, POOL2), at: 0 })]);
    expect(f!.fixes[0]!.label).toContain('Set-CsEdgeServer');
  });

  it('prefers a running registrar in the Edge pool\'s own site', () => {
    const d = demo(withDirector);
    const [f] = only(check(d, [failover(POOL1)], [downPool(POOL1)]), 'failover-edge-next-hop');
    expect(f!.fixes.map((x) => x.change)).toEqual([nextHop(EDGE1, 'dir1.contoso.com')]);
    expect(f!.fixes[0]!.label).toContain('Topology Builder');
  });

  it('is gone once the quick fix is applied', () => {
    const d = demo();
    const s = scenario([failover(POOL1)], [downPool(POOL1)]);
    const [f] = only(validate(d, s, { now: NOW }), 'failover-edge-next-hop');
    const fixed = applyFix(s, f!.fixes[0]!);
    expect(fixed.changes).toEqual([nextHop(EDGE1, POOL2), failover(POOL1)]);
    expect(only(validate(d, fixed, { now: NOW }), 'failover-edge-next-hop')).toEqual([]);
  });

  it('does not fire when the next hop was reassigned before the failover', () => {
    expect(only(check(demo(), [nextHop(EDGE1, POOL2), failover(POOL1)], [downPool(POOL1)]), 'failover-edge-next-hop')).toEqual([]);
  });

  it('still fires when the reassignment comes after the failover: order is what the cmdlet sees', () => {
    expect(only(check(demo(), [failover(POOL1), nextHop(EDGE1, POOL2)], [downPool(POOL1)]), 'failover-edge-next-hop')).toHaveLength(1);
  });

  it('does not fire when the Edge pool is down too (a site outage)', () => {
    expect(only(check(demo(), [failover(POOL1)], [downSite('Site1')]), 'failover-edge-next-hop')).toEqual([]);
    expect(only(check(demo(), [failover(POOL1)], [downPool(POOL1), downPool(EDGE1)]), 'failover-edge-next-hop')).toEqual([]);
  });
});

describe('rule 6: what an Edge next hop may be', () => {
  it('explains that another site\'s pool is set with Set-CsEdgeServer, quoted', () => {
    const [f] = only(check(demo(), [nextHop(EDGE1, POOL2)]), 'edge-next-hop');
    expect(f!.severity).toBe('info');
    expect(f!.message).toContain("Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com' -Registrar 'Registrar:pool2.contoso.com'");
  });

  it('explains that a pool in the same site is set in Topology Builder', () => {
    const [f] = only(check(demo(withDirector), [nextHop(EDGE1, 'dir1.contoso.com')]), 'edge-next-hop');
    expect(f!.severity).toBe('info');
    expect(f!.message).toMatch(/Topology Builder.*Edit Properties.*dir1\.contoso\.com in "Next hop pool:".*Publish/);
  });

  it('blocks a next hop that is not a registrar, is down, or is failed over later in the scenario', () => {
    const notRegistrar = only(check(demo(), [nextHop(EDGE1, EDGE2)]), 'edge-next-hop');
    expect(notRegistrar[0]).toMatchObject({ severity: 'blocker', elements: [EDGE1, EDGE2] });
    expect(notRegistrar[0]!.message).toContain('not a Front End or Director pool');

    const down = only(check(demo(), [nextHop(EDGE1, POOL2)], [downPool(POOL2)]), 'edge-next-hop');
    expect(down[0]).toMatchObject({ severity: 'blocker' });
    expect(down[0]!.message).toContain(`${POOL2} is down`);

    const later = only(check(demo(), [nextHop(EDGE2, POOL1), failover(POOL1)]), 'edge-next-hop');
    expect(later[0]).toMatchObject({ severity: 'blocker', change: 0 });
    expect(later[0]!.message).toContain('failed over later in this scenario (change 2)');
  });

  it('offers running registrars instead of an invalid next hop, replacing the change', () => {
    const [f] = only(check(demo(), [nextHop(EDGE1, EDGE2)]), 'edge-next-hop');
    expect(f!.fixes[0]).toMatchObject({ change: nextHop(EDGE1, POOL2), at: 0, replace: true });
  });

  it('warns at the end about a running Edge pool whose next hop is down', () => {
    const findings = only(check(demo(), [], [downPool(POOL1)]), 'edge-next-hop');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', elements: [EDGE1, POOL1] });
    expect(findings[0]!.fixes[0]!.change).toEqual(nextHop(EDGE1, POOL2));
    expect(only(check(demo(), [nextHop(EDGE1, POOL2)], [downPool(POOL1)]), 'edge-next-hop').filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('does not fire for the demo as it is', () => {
    expect(only(check(demo(), []), 'edge-next-hop')).toEqual([]);
  });
});

describe('rule 11: an Edge pool with no registrar left', () => {
  it('is a blocker when every Front End and Director pool is down but the Edge pool runs', () => {
    const d = demo();
    const registrars = d.topology.pools.filter((p) => p.kind === 'FrontEnd' || p.kind === 'Director');
    const findings = only(check(d, [], registrars.map((p) => downPool(p.fqdn))), 'edge-without-registrar');
    expect(findings.map((f) => f.elements[0]).sort()).toEqual([EDGE1, EDGE2]);
    expect(findings.every((f) => f.severity === 'blocker')).toBe(true);
  });

  it('does not fire while one registrar still runs', () => {
    expect(only(check(demo(), [], [downPool(POOL1)]), 'edge-without-registrar')).toEqual([]);
  });
});

describe('nextHopTargets', () => {
  it('lists valid drop targets first and gives a reason for each invalid one', () => {
    const d = demo(withDirector);
    const targets = nextHopTargets(d, scenario([failover(POOL2)], [downPool(POOL2)]), EDGE1);
    const valid = targets.filter((t) => t.valid).map((t) => t.pool);
    expect(valid).toEqual(['dir1.contoso.com']);
    const reason = (fqdn: string) => targets.find((t) => t.pool === fqdn)?.reason;
    expect(reason(POOL1)).toBe(`${POOL1} is already its next hop`);
    expect(reason(POOL2)).toBe(`this scenario fails ${POOL2} over (change 1)`);
    expect(reason(EDGE2)).toContain('not a Front End or Director pool');
    expect(targets.find((t) => t.pool === EDGE1)).toBeUndefined();
    expect(targets[0]).toEqual({ pool: 'dir1.contoso.com', valid: true, sameSite: true });
  });

  it('follows the scenario: after a failback the pool is a valid target again', () => {
    const targets = nextHopTargets(demo(), scenario([failover(POOL2), failback(POOL2)]), EDGE1);
    expect(targets.find((t) => t.pool === POOL2)).toEqual({ pool: POOL2, valid: true, sameSite: false });
  });

  it('refuses a pool that is not an Edge pool', () => {
    expect(() => nextHopTargets(demo(), scenario([]), POOL1)).toThrow(/not an Edge pool/);
  });
});

describe('nextHopCommand', () => {
  it('is Set-CsEdgeServer for another site and Topology Builder steps for the same site', () => {
    expect(nextHopCommand(demo(), EDGE1, POOL2)).toEqual({
      kind: 'cmdlet',
      command: "Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com' -Registrar 'Registrar:pool2.contoso.com'",
    });
    const same = nextHopCommand(demo(withDirector), EDGE1, 'dir1.contoso.com');
    expect(same.kind).toBe('topologyBuilder');
    expect(same.kind === 'topologyBuilder' && same.steps.join(' ')).toMatch(/right-click the Edge pool edgepool1\.contoso\.com.*dir1\.contoso\.com.*Publish/);
  });

  it('refuses unknown pools and FQDNs that cannot be quoted safely', () => {
    expect(() => nextHopCommand(demo(), EDGE1, 'nowhere.contoso.com')).toThrow(/nowhere\.contoso\.com is not a pool/);
    const d = demo((x) => {
      x.topology.pools.push({ ...pool(x, POOL2), fqdn: "evil'pool.contoso.com" });
    });
    expect(() => nextHopCommand(d, EDGE1, "evil'pool.contoso.com")).toThrow(/not a valid FQDN/);
  });

  it('matches what applying the change does to the topology', () => {
    const after = applyScenario(demo(), scenario([nextHop(EDGE1, POOL2)]));
    expect(deriveRelations(after).filter((r) => r.kind === 'edgeNextHop' && r.from === EDGE1)).toEqual([
      { kind: 'edgeNextHop', from: EDGE1, to: POOL2 },
    ]);
  });
});
