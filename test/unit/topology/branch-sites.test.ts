import { describe, expect, it } from 'vitest';
import { importTopology } from '../../../src/shared/topology/import';

// No public sample has a branch site; these are the shapes the documentation describes.
const T = 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008';
const W = 'urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008';

describe('branch sites', () => {
  it('reads a .tbxml RemoteSite under its central site, with its clusters', () => {
    const text = [
      '<TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"><NewTopology>',
      `<PartialTopology xmlns="${W}"><CentralSites><CentralSite SiteId="1"><Name xmlns="${T}">HQ</Name>`,
      '<Clusters><Cluster UniqueId="c1" Fqdn="pool1.contoso.com"><Machines><Machine Fqdn="fe01.contoso.com" /></Machines></Cluster></Clusters>',
      `<RemoteSites><RemoteSite SiteId="2"><Name xmlns="${T}">Branch</Name>`,
      '<Clusters><Cluster UniqueId="c2" Fqdn="sba1.contoso.com"><Machines><Machine /></Machines></Cluster></Clusters>',
      '</RemoteSite></RemoteSites></CentralSite></CentralSites><Services /></PartialTopology></NewTopology></TopologyBuilder>',
    ].join('\n');
    const { topology, issues } = importTopology(text);
    expect(issues).toEqual([]);
    expect(topology.sites).toEqual([
      { id: 'HQ', name: 'HQ', number: 1, kind: 'central' },
      { id: 'Branch', name: 'Branch', number: 2, kind: 'branch', parentId: 'HQ' },
    ]);
    expect(topology.pools.map((p) => [p.fqdn, p.siteId, p.machines])).toEqual([
      ['pool1.contoso.com', 'HQ', ['fe01.contoso.com']],
      ['sba1.contoso.com', 'Branch', ['sba1.contoso.com']],
    ]);
  });

  it('reads a published BranchSite as a branch (its parent is not known from the XML)', () => {
    const text =
      `<Topology xmlns="${T}"><Sites><CentralSite SiteId="1"><Name>HQ</Name></CentralSite><BranchSite SiteId="2"><Name>Branch</Name></BranchSite></Sites>` +
      '<Clusters><Cluster Fqdn="sba1.contoso.com"><ClusterId SiteId="2" Number="1" /><Machine OrdinalInCluster="1" Fqdn="sba1.contoso.com" /></Cluster></Clusters></Topology>';
    const { topology, issues } = importTopology(text);
    expect(issues).toEqual([]);
    expect(topology.sites[1]).toEqual({ id: 'Branch', name: 'Branch', number: 2, kind: 'branch' });
    expect(topology.pools[0]?.siteId).toBe('Branch');
  });
});
