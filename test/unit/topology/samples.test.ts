import { describe, expect, it } from 'vitest';
import { deriveRelations } from '../../../src/shared/model/relations';
import { emptyState } from '../../../src/shared/model/state';
import type { Relation, Topology } from '../../../src/shared/model/types';
import { importTopology } from '../../../src/shared/topology/import';
import { SAMPLES, sampleBytes } from './fixtures';

function load(name: string) {
  const result = importTopology(sampleBytes(name), { fileName: name });
  const relations = deriveRelations({ topology: result.topology, state: emptyState(), source: { kind: 'file', name } });
  return { ...result, relations };
}

const pool = (t: Topology, fqdn: string) => t.pools.find((p) => p.fqdn === fqdn);
const kinds = (t: Topology) => Object.fromEntries(t.pools.map((p) => [p.fqdn, p.kind]));
const of = (relations: Relation[], kind: Relation['kind']) => relations.filter((r) => r.kind === kind);

describe('public sample: AutomatedLab Contoso.tbxml', () => {
  const { topology, issues, form, relations } = load(SAMPLES.tbxml);

  it('reads as a Topology Builder file without problems', () => {
    expect(form).toBe('tbxml');
    expect(issues).toEqual([]);
  });

  it('has site Contoso with the Front End, Edge, Office Online, SQL and two file servers', () => {
    expect(topology.sites).toEqual([{ id: 'Contoso', name: 'Contoso', number: 1, kind: 'central' }]);
    expect(kinds(topology)).toEqual({
      'frontendpool.contoso.com': 'FrontEnd',
      'edgepool.contoso.com': 'Edge',
      'xoffice1.contoso.com': 'OfficeOnline',
      'xsql1.contoso.com': 'SqlBackEnd',
      'xfile1.contoso.com': 'FileStore',
      'xfile2.contoso.com': 'FileStore',
    });
    expect(topology.pools.every((p) => p.siteId === 'Contoso')).toBe(true);
    expect(topology.services).toHaveLength(15);
  });

  it('gives the Enterprise pool its 4 servers and the Edge pool its 3', () => {
    expect(pool(topology, 'frontendpool.contoso.com')).toMatchObject({
      edition: 'Enterprise',
      machines: ['xfrontend1.contoso.com', 'xfrontend2.contoso.com', 'xfrontend3.contoso.com', 'xfrontend4.contoso.com'],
      backEnd: { primary: 'xsql1.contoso.com' },
      version: 'SfB2015',
    });
    expect(pool(topology, 'edgepool.contoso.com')?.machines).toEqual(['xedge1.contoso.com', 'xedge2.contoso.com', 'xedge3.contoso.com']);
  });

  it('gives a bare <Machine/> the cluster FQDN, lower-cased', () => {
    expect(pool(topology, 'xsql1.contoso.com')?.machines).toEqual(['xsql1.contoso.com']);
    expect(pool(topology, 'xoffice1.contoso.com')?.machines).toEqual(['xoffice1.contoso.com']);
    expect(topology.sqlInstances).toEqual([{ id: 'xsql1.contoso.com', poolFqdn: 'xsql1.contoso.com', name: '' }]);
  });

  it('has the Edge next hop, media Edge and back end relations, and no CMS', () => {
    expect(of(relations, 'edgeNextHop')).toEqual([{ kind: 'edgeNextHop', from: 'edgepool.contoso.com', to: 'frontendpool.contoso.com' }]);
    expect(of(relations, 'mediaEdge')).toEqual([{ kind: 'mediaEdge', from: 'frontendpool.contoso.com', to: 'edgepool.contoso.com' }]);
    expect(of(relations, 'backEnd')).toEqual([{ kind: 'backEnd', from: 'frontendpool.contoso.com', to: 'xsql1.contoso.com', role: 'primary' }]);
    expect(relations.filter((r) => r.kind.startsWith('cms'))).toEqual([]);
  });
});

describe('public sample: ibenbouzid DefaultTopology_Skype.xml (Standard Edition)', () => {
  const { topology, issues, form, relations } = load(SAMPLES.standard);

  it('reads as a published topology without problems', () => {
    expect(form).toBe('published');
    expect(issues).toEqual([]);
    expect(topology.defaultDomain).toBe('contoso.com');
  });

  it('has site TVP with its location', () => {
    expect(topology.sites).toEqual([
      { id: 'TVP', name: 'TVP', number: 1, kind: 'central', city: 'Reading', state: 'Berkshire', countryCode: 'UK' },
    ]);
  });

  it('reads the Standard Edition server, the Edge (lower-cased) and the PSTN gateway', () => {
    expect(kinds(topology)).toEqual({
      'skypefe.contoso.com': 'FrontEnd',
      'edge.contoso.com': 'Edge',
      'sbc1.contoso.com': 'PstnGateway',
    });
    expect(pool(topology, 'skypefe.contoso.com')).toMatchObject({
      edition: 'Standard',
      machines: ['skypefe.contoso.com'],
      sqlInstances: ['skypefe.contoso.com\\rtc'],
      backEnd: { primary: 'skypefe.contoso.com\\rtc' },
    });
  });

  it('names services by cmdlet identity', () => {
    const ids = topology.services.map((s) => s.id);
    expect(ids).toContain('EdgeServer:edge.contoso.com');
    expect(ids).toContain('Registrar:skypefe.contoso.com');
    expect(topology.services.find((s) => s.id === 'UserStore:skypefe.contoso.com')?.sqlInstanceId).toBe('skypefe.contoso.com\\rtc');
    expect(topology.services.find((s) => s.id === 'EdgeServer:edge.contoso.com')?.dependsOn).toEqual(['Registrar:skypefe.contoso.com']);
  });

  it('has the Edge next hop, media Edge and the active CMS (store on the server itself)', () => {
    expect(of(relations, 'edgeNextHop')).toEqual([{ kind: 'edgeNextHop', from: 'edge.contoso.com', to: 'skypefe.contoso.com' }]);
    expect(of(relations, 'mediaEdge')).toEqual([{ kind: 'mediaEdge', from: 'skypefe.contoso.com', to: 'edge.contoso.com' }]);
    expect(of(relations, 'cmsActive')).toEqual([{ kind: 'cmsActive', from: 'skypefe.contoso.com', to: 'skypefe.contoso.com' }]);
    // A Standard Edition back end is local: no edge from the pool to itself.
    expect(of(relations, 'backEnd')).toEqual([]);
  });
});

describe('public sample: rlevchenko DefaultTopology.xml (AlwaysOn back end)', () => {
  const { topology, issues, relations } = load(SAMPLES.alwaysOn);

  it('reads without problems', () => {
    expect(issues).toEqual([]);
    expect(topology.sites.map((s) => s.id)).toEqual(['Tenant']);
  });

  it('has an Enterprise Front End pool of one machine, the SQL back end, the file share and Office Online', () => {
    expect(kinds(topology)).toEqual({
      'poolfe.tenant.rlevchenko.com': 'FrontEnd',
      'srv-sql-01.tenant.rlevchenko.com': 'SqlBackEnd',
      'tenant.rlevchenko.com': 'FileStore',
      'srv-owa-01.tenant.rlevchenko.com': 'OfficeOnline',
    });
    expect(pool(topology, 'poolfe.tenant.rlevchenko.com')).toMatchObject({
      edition: 'Enterprise',
      machines: ['skype-fe-01.tenant.rlevchenko.com'],
    });
    expect(topology.sqlInstances).toEqual([
      {
        id: 'srv-sql-01.tenant.rlevchenko.com',
        poolFqdn: 'srv-sql-01.tenant.rlevchenko.com',
        name: '',
        alwaysOnPrimaryFqdn: 'srv-sql-01.tenant.rlevchenko.com',
      },
    ]);
  });

  it('has the back end and the active CMS on the SQL pool, and no Edge relations', () => {
    expect(of(relations, 'backEnd')).toEqual([
      { kind: 'backEnd', from: 'poolfe.tenant.rlevchenko.com', to: 'srv-sql-01.tenant.rlevchenko.com', role: 'primary' },
    ]);
    expect(of(relations, 'cmsActive')).toEqual([
      { kind: 'cmsActive', from: 'poolfe.tenant.rlevchenko.com', to: 'srv-sql-01.tenant.rlevchenko.com' },
    ]);
    expect(of(relations, 'edgeNextHop')).toEqual([]);
    expect(of(relations, 'mediaEdge')).toEqual([]);
  });
});
