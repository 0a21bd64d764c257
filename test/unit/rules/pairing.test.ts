import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../src/shared/model/types';
import { check, demo, only, pool, POOL1, POOL2 } from './helpers';

/** A third Front End pool, in Site2. */
function withPool3(d: Deployment): void {
  d.topology.pools.push({ ...pool(d, POOL2), fqdn: 'pool3.contoso.com', machines: ['fe31.contoso.com'] });
}

describe('rule 12: pairing sanity', () => {
  it('says once when no pairing is known at all', () => {
    const findings = only(check(demo((d) => void (d.state.backupPools = {})), []), 'pairing');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'info' });
    expect(findings[0]!.elements).toEqual(expect.arrayContaining([POOL1, POOL2]));
    expect(findings[0]!.message).toContain('Get-CsPoolBackupRelationship');
  });

  it('notes an unpaired Front End pool: no disaster recovery', () => {
    const findings = only(check(demo(withPool3), []), 'pairing');
    expect(findings).toEqual([expect.objectContaining({ severity: 'info', elements: ['pool3.contoso.com'] })]);
    expect(findings[0]!.message).toContain('no disaster recovery');
  });

  it('warns about an asymmetric pair', () => {
    const d = demo((x) => {
      withPool3(x);
      x.state.backupPools[POOL2] = 'pool3.contoso.com';
    });
    const asymmetric = only(check(d, []), 'pairing').filter((f) => f.severity === 'warning');
    expect(asymmetric.map((f) => f.elements)).toContainEqual([POOL1, POOL2]);
    expect(asymmetric.find((f) => f.elements[0] === POOL1)!.message).toContain(`${POOL2}'s is pool3.contoso.com`);
  });

  it('warns that Enterprise paired with Standard Edition is unsupported, though Topology Builder allows it', () => {
    const d = demo((x) => {
      pool(x, POOL2).edition = 'Standard';
    });
    const findings = only(check(d, []), 'pairing');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', elements: [POOL1, POOL2] });
    expect(findings[0]!.message).toContain('unsupported, though Topology Builder allows it');
  });

  it('warns about a pair in one site', () => {
    const d = demo((x) => {
      pool(x, POOL2).siteId = 'Site1';
    });
    expect(only(check(d, []), 'pairing')[0]!.message).toContain('both in site Site1');
  });

  it('does not fire for the procedures\' pair', () => {
    expect(only(check(demo(), []), 'pairing')).toEqual([]);
  });
});
