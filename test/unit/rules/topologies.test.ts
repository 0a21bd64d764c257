/**
 * The rules on real public topology documents and on generated ones: what fires there, that quick
 * fixes clear it. (The speed budget is in bench/validate.ts, not a timed test.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { emptyState } from '../../../src/shared/model/state';
import type { Deployment } from '../../../src/shared/model/types';
import { applyFix } from '../../../src/shared/rules/apply-fix';
import type { Finding, RuleId } from '../../../src/shared/rules/types';
import { hasBlocker, validate } from '../../../src/shared/rules/validate';
import { addChange, emptyScenario, setDown } from '../../../src/shared/scenario/edit';
import type { Scenario } from '../../../src/shared/scenario/types';
import { importTopology } from '../../../src/shared/topology/import';
import { synthTopologyXml } from '../../../src/shared/topology/synth';

const FIXTURES = resolve(__dirname, '../../..', '../shared/fixtures/topologies/public');

function load(file: string): Deployment {
  const { topology } = importTopology(readFileSync(resolve(FIXTURES, file)), { fileName: file });
  return { topology, state: emptyState(), source: { kind: 'file', name: file } };
}

const NOW = Date.parse('2025-03-01T12:00:00Z');
const run = (d: Deployment, s: Scenario): Finding[] => validate(d, s, { now: NOW });
const only = (findings: Finding[], rule: RuleId) => findings.filter((f) => f.rule === rule);

describe('the demo (the procedures\' deployment)', () => {
  it('has nothing to report with nothing down and nothing proposed', () => {
    expect(run(demoDeployment(new Date(NOW)), emptyScenario())).toEqual([]);
  });

  it('Datacenter1 lost: the procedures\' plan (P0, P1, P3, P4) has no blocker', () => {
    let s = setDown(emptyScenario(), { kind: 'site', siteId: 'Site1' }, true);
    for (const change of [
      { kind: 'reassignNextHop', edgePool: 'edgepool1.contoso.com', nextHop: 'pool2.contoso.com' },
      { kind: 'failoverCms' },
      { kind: 'failoverPool', pool: 'pool1.contoso.com' },
      { kind: 'moveSipFederation', edgePool: 'edgepool2.contoso.com' },
      { kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: 'edgeserver2.contoso.com' },
    ] as const)
      s = addChange(s, change);
    const findings = run(demoDeployment(new Date(NOW)), s);
    expect(hasBlocker(findings)).toBe(false);
    // The demo's pairs synchronised minutes ago: nothing left to warn about.
    expect(findings.filter((f) => f.severity === 'warning').map((f) => f.rule)).toEqual([]);
  });

  it('the same plan without the CMS failover and the route moves leaves what is still to do', () => {
    let s = setDown(emptyScenario(), { kind: 'site', siteId: 'Site1' }, true);
    s = addChange(s, { kind: 'failoverPool', pool: 'pool1.contoso.com' });
    const rules = run(demoDeployment(new Date(NOW)), s).map((f) => `${f.severity}:${f.rule}`);
    expect(rules).toEqual(expect.arrayContaining(['warning:cms-failover', 'warning:sip-federation-route', 'warning:xmpp-federation-route']));
  });
});

describe('public samples', () => {
  it('Standard Edition lab (one site, active CMS): failing its only pool over is blocked for every reason that applies', () => {
    const d = load('ibenbouzid__SkypeforBusiness_lab_V3__DefaultTopology_Skype.xml');
    const findings = run(d, addChange(emptyScenario(), { kind: 'failoverPool', pool: 'skypefe.contoso.com' }));
    expect(only(findings, 'failover-edge-next-hop')[0]!.elements).toEqual(['edge.contoso.com', 'skypefe.contoso.com']);
    expect(only(findings, 'failover-backup-pool')[0]!.message).toContain('none is known for skypefe.contoso.com');
    expect(only(findings, 'cms-failover')[0]).toMatchObject({ severity: 'blocker' });
  });

  it('Standard Edition lab with nothing proposed: only notes about what the document cannot say', () => {
    const findings = run(load('ibenbouzid__SkypeforBusiness_lab_V3__DefaultTopology_Skype.xml'), emptyScenario());
    expect(findings.every((f) => f.severity === 'info')).toBe(true);
    expect(findings.map((f) => f.rule).sort()).toEqual(['pairing', 'sip-federation-route', 'xmpp-federation-route']);
  });

  it('Topology Builder lab without a CMS service: says the CMS location is unknown instead of passing', () => {
    const d = load('AutomatedLab__SfBAutomatedLab__Contoso.tbxml');
    const findings = run(d, emptyScenario());
    expect(only(findings, 'cms-failover')[0]!.message).toContain('not known');
    const down = run(d, setDown(emptyScenario(), { kind: 'pool', fqdn: 'edgepool.contoso.com' }, true));
    // One site, one Edge pool: the warning stands, with no other site's Edge pool to offer.
    expect(only(down, 'media-edge')).toEqual([expect.objectContaining({ severity: 'warning', elements: ['frontendpool.contoso.com', 'edgepool.contoso.com'], fixes: [] })]);
  });

  it('lab without an Edge pool: no Edge rule fires on a failover', () => {
    const d = load('rlevchenko__powershell-skype__DefaultTopology.xml');
    const findings = run(d, addChange(emptyScenario(), { kind: 'failoverPool', pool: 'poolfe.tenant.rlevchenko.com' }));
    expect(findings.filter((f) => /edge|federation/.test(f.rule))).toEqual([]);
    expect(only(findings, 'failover-backup-pool')).toHaveLength(1);
  });
});

describe('generated topologies (synthTopologyXml)', () => {
  let d: Deployment;
  let firstFrontEnd: string;
  let edgeOfSite1: string;

  beforeAll(() => {
    d = { topology: importTopology(synthTopologyXml(2000)).topology, state: emptyState(), source: { kind: 'synthetic', name: 'synth 2000' } };
    // Pair the n-th Front End pool of each odd site with the n-th of the next site.
    const bySite = new Map<string, string[]>();
    for (const p of d.topology.pools) if (p.kind === 'FrontEnd') bySite.set(p.siteId, [...(bySite.get(p.siteId) ?? []), p.fqdn]);
    const sites = [...bySite.values()];
    for (let s = 0; s + 1 < sites.length; s += 2) {
      sites[s]!.forEach((a, i) => {
        const b = sites[s + 1]![i];
        if (b) Object.assign(d.state.backupPools, { [a]: b, [b]: a });
      });
    }
    firstFrontEnd = sites[0]![0]!;
    edgeOfSite1 = d.topology.pools.find((p) => p.kind === 'Edge' && p.siteId === d.topology.pools[0]!.siteId)!.fqdn;
  });

  it('blocks failing over the Front End pool an Edge pool uses, and the quick fix clears it', () => {
    const s = setDown(addChange(emptyScenario(), { kind: 'failoverPool', pool: firstFrontEnd }), { kind: 'pool', fqdn: firstFrontEnd }, true);
    const [f] = only(run(d, s), 'failover-edge-next-hop');
    expect(f!.elements).toEqual([edgeOfSite1, firstFrontEnd]);
    const fixed = applyFix(s, f!.fixes[0]!);
    expect(only(run(d, fixed), 'failover-edge-next-hop')).toEqual([]);
  });

  it('a whole site down: its pairs fail over cleanly once the CMS has moved', () => {
    const site = d.topology.pools.find((p) => p.fqdn === firstFrontEnd)!.siteId;
    let s = setDown(emptyScenario(), { kind: 'site', siteId: site }, true);
    s = addChange(s, { kind: 'failoverCms' });
    s = addChange(s, { kind: 'failoverPool', pool: firstFrontEnd });
    const findings = run(d, s);
    expect(hasBlocker(findings)).toBe(false);
    expect(findings.filter((f) => f.severity === 'warning')).toEqual([]);
  });
});
