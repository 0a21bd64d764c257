import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ElementDefinition } from 'cytoscape';
import { buildElements } from '../../../src/renderer/graph/elements';
import { deriveRelations } from '../../../src/shared/model/relations';
import { importTopology } from '../../../src/shared/topology/import';
import { emptyState } from '../../../src/shared/model/state';
import type { Relation } from '../../../src/shared/model/types';
import { twoDataCentres } from './deployment-fixture';

const FIXTURES = path.resolve(__dirname, '../../..', '../shared/fixtures/topologies/public');

const byId = (els: ElementDefinition[]) => new Map(els.map((e) => [e.data.id, e]));

const relations: Relation[] = [
  { kind: 'edgeNextHop', from: 'edgepool1.contoso.com', to: 'pool1.contoso.com' },
  { kind: 'backupPool', from: 'pool1.contoso.com', to: 'pool2.contoso.com' },
  { kind: 'backupPool', from: 'pool2.contoso.com', to: 'pool1.contoso.com' },
  { kind: 'backEnd', from: 'pool1.contoso.com', to: 'sql1.contoso.com', role: 'primary' },
  { kind: 'backEnd', from: 'pool1.contoso.com', to: 'sql1.contoso.com', role: 'mirror' },
  { kind: 'cmsActive', from: 'pool1.contoso.com', to: 'sql1.contoso.com' },
  { kind: 'sipFederationRoute', from: 'Site1', to: 'edgepool1.contoso.com' },
  { kind: 'xmppFederationRoute', from: 'Site2', to: 'edgepool1.contoso.com', via: 'edgeserver1.contoso.com' },
  { kind: 'mediaEdge', from: 'pool2.contoso.com', to: 'gone.contoso.com' },
];

describe('buildElements', () => {
  const els = byId(buildElements(twoDataCentres(), relations));

  it('draws sites as compound parents and pools inside them, keyed by FQDN', () => {
    expect(els.get('site:Site1')).toMatchObject({ group: 'nodes', classes: 'site' });
    expect(els.get('site:Site1')?.data.label).toBe('Datacenter1 · Redmond, US (central site)');
    expect(els.get('pool2.contoso.com')?.data.parent).toBe('site:Site2');
  });

  it('labels a pool with its FQDN, kind, edition and server count', () => {
    expect(els.get('pool1.contoso.com')?.data.label).toBe('pool1.contoso.com\nFront End (EE) · 2 servers\nCMS ● active');
    expect(els.get('pool2.contoso.com')?.data.label).toBe('pool2.contoso.com\nFront End (SE) · 1 server');
    expect(els.get('edgepool2.contoso.com')?.data.label).toBe('edgepool2.contoso.com\nEdge · 2 servers');
  });

  it('tells Edge pools from Front End pools by class, and marks the CMS and federation', () => {
    expect(els.get('pool1.contoso.com')?.classes).toBe('pool kind-FrontEnd cms-active');
    expect(els.get('edgepool1.contoso.com')?.classes).toBe('pool kind-Edge sip-federation xmpp-federation');
    expect(els.get('edgepool1.contoso.com')?.data.label).toContain('⇄ XMPP federation (Datacenter2)');
  });

  it('names edges <kind>:<from>-><to>, with the site node as the source of a route', () => {
    expect(els.get('edgeNextHop:edgepool1.contoso.com->pool1.contoso.com')?.data).toMatchObject({
      source: 'edgepool1.contoso.com',
      target: 'pool1.contoso.com',
    });
    expect(els.get('xmppFederationRoute:site:Site2->edgepool1.contoso.com')?.data.source).toBe('site:Site2');
  });

  it('draws a backup pairing reported both ways as one edge with an arrow at each end', () => {
    const pair = [...els.values()].filter((e) => e.data.id?.startsWith('backupPool:'));
    expect(pair).toHaveLength(1);
    expect(pair[0]?.classes).toBe('rel backupPool forward reverse');
  });

  it('merges store roles on one edge and hides a route from a site to its own Edge pool', () => {
    expect(els.get('backEnd:pool1.contoso.com->sql1.contoso.com')?.data.roles).toBe('primary, mirror');
    expect(els.get('sipFederationRoute:site:Site1->edgepool1.contoso.com')?.classes).toContain('within-site');
    expect(els.get('xmppFederationRoute:site:Site2->edgepool1.contoso.com')?.classes).not.toContain('within-site');
  });

  it('leaves out a relation to a pool the topology does not have', () => {
    expect([...els.keys()].some((id) => id?.includes('gone.contoso.com'))).toBe(false);
  });

  it('draws a real Topology Builder file: every pool in its site, the Edge next hop and media edges', () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'AutomatedLab__SfBAutomatedLab__Contoso.tbxml'));
    const { topology } = importTopology(bytes, { fileName: 'Contoso.tbxml' });
    const d = { topology, state: emptyState(), source: { kind: 'file' as const, name: 'Contoso.tbxml' } };
    const graph = byId(buildElements(d, deriveRelations(d)));
    for (const pool of topology.pools) expect(graph.get(pool.fqdn)?.data.parent).toBe(`site:${pool.siteId}`);
    expect(graph.get('edgepool.contoso.com')?.data.label).toBe('edgepool.contoso.com\nEdge · 3 servers');
    expect(graph.has('edgeNextHop:edgepool.contoso.com->frontendpool.contoso.com')).toBe(true);
    expect(graph.has('mediaEdge:frontendpool.contoso.com->edgepool.contoso.com')).toBe(true);
  });

  it('draws a what-if: down marks on pools and sites, failed-over users, the edges the changes drew', () => {
    const d = twoDataCentres();
    d.state.failedOver = { 'pool1.contoso.com': 'pool2.contoso.com' };
    const overlay = {
      down: new Map([
        ['pool1.contoso.com', '✕ DOWN'],
        ['site:Site2', '✕ DOWN'],
      ]),
      proposed: new Set(['edgeNextHop:edgepool1.contoso.com->pool1.contoso.com']),
    };
    const graph = byId(buildElements(d, relations, overlay));
    expect(graph.get('pool1.contoso.com')?.classes).toBe('pool kind-FrontEnd cms-active failed-over down');
    expect(graph.get('pool1.contoso.com')?.data.label).toBe(
      'pool1.contoso.com\nFront End (EE) · 2 servers\nCMS ● active\n↪ users failed over to pool2.contoso.com\n✕ DOWN',
    );
    expect(graph.get('site:Site2')).toMatchObject({ classes: 'site down', data: { label: 'Datacenter2 (central site)  ✕ DOWN' } });
    expect(graph.get('edgeNextHop:edgepool1.contoso.com->pool1.contoso.com')).toMatchObject({
      classes: 'rel edgeNextHop forward proposed',
      data: { label: 'proposed' },
    });
    expect(graph.get('pool2.contoso.com')?.classes).toBe('pool kind-FrontEnd');
  });
});
