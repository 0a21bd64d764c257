/** The inspector's Back End stores: what is known by id, what discovery could not read marked unknown, naming the field. */
import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { machineSitesUnknown, storeRows } from '../../../src/renderer/panels/store-rows';

const chat = () => structuredClone(demoDeployment().topology.pools.find((p) => p.fqdn === 'pchat1.contoso.com')!);

describe('the stores the inspector lists', () => {
  it('every store of the demo Persistent Chat pool, by id, and nothing unknown', () => {
    expect(storeRows(chat()).map((r) => ('id' in r ? `${r.label}: ${r.id}` : r.unknown))).toEqual([
      'Primary: pchatsql1a.contoso.com\\pchat',
      'Mirror: pchatsql1b.contoso.com\\pchat',
      'Backup (log shipping): pchatsql2a.contoso.com\\pchat',
      'Backup mirror: pchatsql2b.contoso.com\\pchat',
    ]);
    expect(machineSitesUnknown(chat())).toBeUndefined();
  });

  it('a store discovery could not read is listed as unknown, naming the field; a store known to be absent is not listed', () => {
    const pool = chat();
    pool.backEnd = { primary: pool.backEnd!.primary!, backup: pool.backEnd!.backup! };
    pool.unknown = ['backEnd.backupMirror', 'machineSites'];
    expect(storeRows(pool).map((r) => r.label + ('unknown' in r ? ` ? ${r.unknown}` : ''))).toEqual([
      'Primary',
      'Backup (log shipping)',
      'Backup mirror ? Unknown: the discovery could not read it (pools[pchat1.contoso.com].backEnd.backupMirror)',
    ]);
    expect(machineSitesUnknown(pool)).toMatch(/^Data centre of each server: unknown .*pools\[pchat1\.contoso\.com\]\.machineSites/);
  });
});
