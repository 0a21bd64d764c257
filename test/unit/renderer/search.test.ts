import { describe, expect, it } from 'vitest';
import { searchDeployment } from '../../../src/renderer/graph/search';
import { twoDataCentres } from './deployment-fixture';

describe('searchDeployment', () => {
  const d = twoDataCentres();

  it('finds pools by any part of the FQDN, ignoring case', () => {
    expect(searchDeployment(d, 'EDGEPOOL').hits.map((h) => h.elementId)).toEqual(['edgepool1.contoso.com', 'edgepool2.contoso.com']);
  });

  it('finds a server and selects its pool', () => {
    expect(searchDeployment(d, 'fe03').hits).toEqual([
      { elementId: 'pool2.contoso.com', label: 'fe03.contoso.com', detail: 'server in pool2.contoso.com' },
    ]);
  });

  it('finds a site by name and selects the site node', () => {
    expect(searchDeployment(d, 'datacenter2').hits[0]).toMatchObject({ elementId: 'site:Site2', label: 'Datacenter2' });
  });

  it('lists exact and prefix matches first', () => {
    const labels = searchDeployment(d, 'pool1.contoso.com').hits.map((h) => h.label);
    expect(labels[0]).toBe('pool1.contoso.com');
    expect(labels).toContain('edgepool1.contoso.com');
  });

  it('reports no match, and nothing for an empty query', () => {
    expect(searchDeployment(d, 'nosuchpool')).toEqual({ hits: [], total: 0 });
    expect(searchDeployment(d, '   ')).toEqual({ hits: [], total: 0 });
  });

  it('caps the hits shown but counts them all', () => {
    const r = searchDeployment(d, 'contoso', 3);
    expect(r.hits).toHaveLength(3);
    expect(r.total).toBe(5 + 6); // 5 pools, 6 servers (sql1's only server is named like its pool)
  });
});
