import { describe, expect, it } from 'vitest';
import type { ImportIssue } from '../../../src/shared/model/types';
import { TopologyImportError, importTopology } from '../../../src/shared/topology/import';

const T = 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008';
const ROLES = 'urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008';

/** A small published topology: site 1 "Site1", then the given clusters, SQL instances and services. */
function published(clusters: string, services = '', sqlInstances = '', sites = '<CentralSite SiteId="1"><Name>Site1</Name></CentralSite>'): string {
  return [
    `<Topology xmlns="${T}">`,
    `  <Sites>${sites}</Sites>`,
    '  <Clusters>',
    clusters,
    '  </Clusters>',
    `  <SqlInstances>${sqlInstances}</SqlInstances>`,
    '  <Services>',
    services,
    '  </Services>',
    '</Topology>',
  ].join('\n');
}

const cluster = (fqdn: string, number: number, machines: string[] = [fqdn], site = 1) =>
  `    <Cluster Fqdn="${fqdn}" RequiresSetup="true"><ClusterId SiteId="${site}" Number="${number}" />` +
  machines.map((m, i) => `<Machine OrdinalInCluster="${i + 1}" Fqdn="${m}" />`).join('') +
  '</Cluster>';

const service = (role: string, instance: number, cluster: number, deps: [string, number][] = [], extra = '') =>
  `    <Service ServiceVersion="7"><ServiceId SiteId="1" RoleName="${role}" Instance="${instance}" />` +
  `<DependsOn>${deps.map(([r, i]) => `<Dependency Usage="Default"><ServiceId SiteId="1" RoleName="${r}" Instance="${i}" /></Dependency>`).join('')}</DependsOn>` +
  `<InstalledOn><ClusterId SiteId="1" Number="${cluster}" /></InstalledOn>${extra}</Service>`;

/** 1-based line and column of the first occurrence of `needle`'s enclosing `<` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const index = text.lastIndexOf('<', text.indexOf(needle));
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

function importError(input: string | Uint8Array, fileName = 'topology.xml'): ImportIssue {
  try {
    importTopology(input, { fileName });
  } catch (error) {
    expect(error).toBeInstanceOf(TopologyImportError);
    const issues = (error as TopologyImportError).issues;
    expect(issues).toHaveLength(1);
    return issues[0]!;
  }
  throw new Error('expected the import to fail');
}

describe('input that is not XML', () => {
  it('names the file, line and column of the first error', () => {
    const issue = importError('<Topology>\n  <Sites>\n</Topology>');
    expect(issue).toMatchObject({ severity: 'error', file: 'topology.xml', line: 3, column: 11 });
    expect(issue.message).toMatch(/^topology\.xml is not well-formed XML \(line 3, column 11\): unexpected close tag/);
  });

  it('rejects plain text and empty files', () => {
    expect(importError('Get-CsTopology : The term is not recognized').message).toMatch(/not well-formed XML \(line 1, column \d+\)/);
    expect(importError('').message).toMatch(/root element/);
    expect(importError(new Uint8Array()).message).toMatch(/root element/);
  });

  it('reports an attribute error where it is', () => {
    expect(importError(published('    <Cluster Fqdn=pool1.contoso.com>'))).toMatchObject({ line: 4 });
  });
});

describe('XML that is not a topology', () => {
  it('says what root element was found and what was expected', () => {
    const issue = importError('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', 'page.html');
    expect(issue).toMatchObject({ severity: 'error', file: 'page.html', line: 1, column: 1, element: '{http://www.w3.org/1999/xhtml}html' });
    expect(issue.message).toContain('page.html is not a topology document: its root element is <html> in namespace "http://www.w3.org/1999/xhtml"');
    expect(issue.message).toContain('expected <Topology');
  });

  it('does not accept a <Topology> in the wrong namespace', () => {
    expect(importError('<Topology><Sites/></Topology>').message).toContain('its root element is <Topology> without a namespace');
    expect(importError('<x:Topology xmlns:x="urn:other"/>').message).toContain('<Topology> in namespace "urn:other"');
  });

  it('matches on namespace, not prefix', () => {
    const prefixed = `<t:Topology xmlns:t="${T}"><t:Sites><t:CentralSite SiteId="1"><t:Name>A</t:Name></t:CentralSite></t:Sites></t:Topology>`;
    expect(importTopology(prefixed).topology.sites.map((s) => s.id)).toEqual(['A']);
  });

  it('rejects a Topology Builder file with no topology in it', () => {
    const tb = '<TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"><OriginalTopology/></TopologyBuilder>';
    expect(importError(tb, 'x.tbxml').message).toContain('x.tbxml is a Topology Builder file without NewTopology/PartialTopology');
  });
});

describe('dangling references', () => {
  it('drops a dependency on a service that does not exist, naming the reference and its line', () => {
    const text = published(
      cluster('pool1.contoso.com', 1, ['fe01.contoso.com']),
      [service('Registrar', 1, 1, [['UserServices', 1], ['EdgeServer', 9]]), service('UserServices', 1, 1)].join('\n'),
    );
    const { topology, issues } = importTopology(text, { fileName: 't.xml' });
    expect(issues).toEqual([
      {
        severity: 'warning',
        file: 't.xml',
        ...positionOf(text, 'RoleName="EdgeServer" Instance="9"'),
        element: 'ServiceId[SiteId="1" RoleName="EdgeServer" Instance="9"]',
        message: 'Registrar:pool1.contoso.com depends on ServiceId[SiteId="1" RoleName="EdgeServer" Instance="9"], which is not in the document; dependency dropped',
      },
    ]);
    expect(topology.services.find((s) => s.role === 'Registrar')?.dependsOn).toEqual(['UserServices:pool1.contoso.com']);
    expect(topology.pools[0]?.kind).toBe('FrontEnd');
  });

  it('skips a service installed on a cluster that does not exist, and a cluster in a site that does not exist', () => {
    const text = published(
      [cluster('pool1.contoso.com', 1), cluster('lost.contoso.com', 1, ['lost.contoso.com'], 7)].join('\n'),
      service('EdgeServer', 1, 4),
    );
    const { topology, issues } = importTopology(text);
    expect(topology.pools.map((p) => p.fqdn)).toEqual(['pool1.contoso.com']);
    expect(topology.services).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'SiteId="7"'),
        message: 'Cluster lost.contoso.com skipped: SiteId="7" names no site in the document',
        element: 'Cluster[Fqdn="lost.contoso.com"]',
      }),
      expect.objectContaining({
        ...positionOf(text, 'Number="4"'),
        message: 'ClusterId[SiteId="1" Number="4"] refers to nothing in the document; EdgeServer service skipped',
      }),
    ]);
  });

  it('reports a dangling GUID in a .tbxml file', () => {
    const W = 'urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008';
    const text = [
      '<TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008"><NewTopology>',
      `<PartialTopology xmlns="${W}"><CentralSites><CentralSite SiteId="1"><Name xmlns="${T}">S</Name><Clusters>`,
      '<Cluster UniqueId="AAAA" Fqdn="edge.contoso.com" RequiresSetup="true"><Machines><Machine /></Machines></Cluster>',
      '</Clusters></CentralSite></CentralSites><Services>',
      '<Service UniqueId="E1" RoleName="EdgeServer" InstalledOn="aaaa"><DependsOn>',
      '  <Dependency ServiceUniqueId="0123-dead" Usage="Default" />',
      '</DependsOn></Service>',
      '<Service UniqueId="X1" RoleName="WacService" InstalledOn="ffff"><DependsOn /></Service>',
      '</Services></PartialTopology></NewTopology></TopologyBuilder>',
    ].join('\n');
    const { topology, issues, form } = importTopology(text);
    expect(form).toBe('tbxml');
    expect(topology.pools).toMatchObject([{ fqdn: 'edge.contoso.com', kind: 'Edge', machines: ['edge.contoso.com'] }]);
    expect(issues).toEqual([
      expect.objectContaining({ line: 8, column: 1, element: 'InstalledOn="ffff"', message: 'InstalledOn="ffff" refers to nothing in the document; WacService service skipped' }),
      expect.objectContaining({ line: 6, column: 3, element: 'ServiceUniqueId="0123-dead"' }),
    ]);
  });
});

describe('duplicate FQDNs', () => {
  it('skips the later pool with the same FQDN (in any case), and what is installed on it, with one warning', () => {
    const text = published(
      [cluster('pool1.contoso.com', 1, ['fe01.contoso.com']), cluster('POOL1.contoso.com', 2, ['fe02.contoso.com'])].join('\n'),
      [service('Registrar', 1, 1), service('Registrar', 2, 2), service('WebServices', 1, 1, [['Registrar', 2]])].join('\n'),
    );
    const { topology, issues } = importTopology(text);
    expect(topology.pools.map((p) => [p.fqdn, p.machines])).toEqual([['pool1.contoso.com', ['fe01.contoso.com']]]);
    expect(topology.services.map((s) => s.id)).toEqual(['Registrar:pool1.contoso.com', 'WebServices:pool1.contoso.com']);
    expect(issues).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'POOL1'),
        element: 'Cluster[Fqdn="POOL1.contoso.com"]',
        message: 'Cluster skipped: pool FQDN pool1.contoso.com is already used by an earlier cluster',
      }),
    ]);
  });

  it('keeps a machine in the first pool that lists it', () => {
    const text = published([cluster('pool1.contoso.com', 1, ['fe01.contoso.com']), cluster('pool2.contoso.com', 2, ['FE01.contoso.com', 'fe02.contoso.com'])].join('\n'));
    const { topology, issues } = importTopology(text);
    expect(topology.pools.map((p) => p.machines)).toEqual([['fe01.contoso.com'], ['fe02.contoso.com']]);
    expect(issues).toEqual([
      expect.objectContaining({ ...positionOf(text, 'Fqdn="FE01'), message: 'Machine fe01.contoso.com is already in an earlier cluster; skipped in pool2.contoso.com' }),
    ]);
  });
});

describe('invalid FQDNs', () => {
  it('skips a cluster whose Fqdn cannot be a host name, naming the attribute and line', () => {
    const text = published([cluster('pool one.contoso.com', 1), cluster('pool2.contoso.com', 2)].join('\n'));
    const { topology, issues } = importTopology(text);
    expect(topology.pools.map((p) => p.fqdn)).toEqual(['pool2.contoso.com']);
    expect(issues).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'pool one'),
        element: 'Cluster[Fqdn="pool one.contoso.com"] attribute Fqdn',
        message: 'Cluster skipped: Fqdn "pool one.contoso.com" is not a valid FQDN',
      }),
    ]);
  });

  it('skips a machine with a bad Fqdn but keeps its pool', () => {
    const text = published(cluster('pool1.contoso.com', 1, ['fe01..contoso.com', '-fe02.contoso.com', 'fe03.contoso.com']));
    const { topology, issues } = importTopology(text);
    expect(topology.pools[0]?.machines).toEqual(['fe03.contoso.com']);
    expect(issues.map((i) => [i.line, i.element])).toEqual([
      [4, 'Machine[Fqdn="fe01..contoso.com"] attribute Fqdn'],
      [4, 'Machine[Fqdn="-fe02.contoso.com"] attribute Fqdn'],
    ]);
  });

  it('lower-cases mixed-case FQDNs without complaint', () => {
    const text = published(cluster('Pool1.Contoso.COM', 1, ['FE01.contoso.com']), service('Registrar', 1, 1));
    const { topology, issues } = importTopology(text);
    expect(issues).toEqual([]);
    expect(topology.pools[0]).toMatchObject({ fqdn: 'pool1.contoso.com', machines: ['fe01.contoso.com'] });
    expect(topology.services[0]?.id).toBe('Registrar:pool1.contoso.com');
  });
});

describe('other damage', () => {
  it('keeps site ids unique when two sites share a name', () => {
    const sites = '<CentralSite SiteId="1"><Name>DC</Name></CentralSite><CentralSite SiteId="2"><Name>DC</Name></CentralSite>';
    const text = published(cluster('pool2.contoso.com', 1, undefined, 2), '', '', sites);
    const { topology, issues } = importTopology(text);
    expect(topology.sites.map((s) => [s.id, s.name, s.number])).toEqual([['DC', 'DC', 1], ['DC (2)', 'DC', 2]]);
    expect(topology.pools[0]?.siteId).toBe('DC (2)');
    expect(issues).toEqual([expect.objectContaining({ line: 2, message: 'Site name "DC" is used by another site; this one is called "DC (2)"' })]);
  });

  it('reads IsDirector and IsActive from the service-role namespace only', () => {
    const text = published(
      [cluster('dir.contoso.com', 1), cluster('fe.contoso.com', 2)].join('\n'),
      [
        service('Registrar', 1, 1, [], `<RegistrarService xmlns="${ROLES}" IsDirector="true" />`),
        service('Registrar', 2, 2, [['UserServices', 2]], '<RegistrarService IsDirector="true" />'),
        service('UserServices', 2, 2),
      ].join('\n'),
    );
    const { topology } = importTopology(text);
    expect(topology.pools.map((p) => [p.fqdn, p.kind])).toEqual([['dir.contoso.com', 'Director'], ['fe.contoso.com', 'FrontEnd']]);
  });
});
