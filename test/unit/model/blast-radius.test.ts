import { describe, expect, it } from 'vitest';
import { blastRadius, cmsHosts } from '../../../src/shared/model/blast-radius';
import type { Deployment, Pool, PoolKind, Relation } from '../../../src/shared/model/types';

function pool(fqdn: string, siteId: string, kind: PoolKind): Pool {
  return { fqdn, siteId, kind, machines: [fqdn], sqlInstances: [], roles: [] };
}

/** The procedures' two data centres, with relations written out by hand so the test does not lean on deriveRelations. */
function twoSites(state: Partial<Deployment['state']> = {}): Deployment {
  return {
    topology: {
      sites: [
        { id: 'Site1', name: 'Site1', number: 1, kind: 'central' },
        { id: 'Site2', name: 'Site2', number: 2, kind: 'central' },
      ],
      pools: [
        pool('pool1.contoso.com', 'Site1', 'FrontEnd'),
        pool('edgepool1.contoso.com', 'Site1', 'Edge'),
        pool('sql1.contoso.com', 'Site1', 'SqlBackEnd'),
        pool('pool2.contoso.com', 'Site2', 'FrontEnd'),
        pool('edgepool2.contoso.com', 'Site2', 'Edge'),
        pool('sql2.contoso.com', 'Site2', 'SqlBackEnd'),
        pool('chat.contoso.com', 'Site2', 'PersistentChat'),
      ],
      sqlInstances: [],
      services: [],
    },
    state: { backupPools: {}, xmppRoutes: {}, persistentChat: {}, failedOver: {}, backupSync: {}, ...state },
    source: { kind: 'demo', name: 'test' },
  };
}

const relations: Relation[] = [
  { kind: 'edgeNextHop', from: 'edgepool1.contoso.com', to: 'pool1.contoso.com' },
  { kind: 'edgeNextHop', from: 'edgepool2.contoso.com', to: 'pool2.contoso.com' },
  { kind: 'mediaEdge', from: 'pool1.contoso.com', to: 'edgepool1.contoso.com' },
  { kind: 'mediaEdge', from: 'pool2.contoso.com', to: 'edgepool2.contoso.com' },
  { kind: 'backupPool', from: 'pool1.contoso.com', to: 'pool2.contoso.com' },
  { kind: 'backupPool', from: 'pool2.contoso.com', to: 'pool1.contoso.com' },
  { kind: 'backEnd', from: 'pool1.contoso.com', to: 'sql1.contoso.com', role: 'primary' },
  { kind: 'backEnd', from: 'pool2.contoso.com', to: 'sql2.contoso.com', role: 'primary' },
  { kind: 'chatStore', from: 'chat.contoso.com', to: 'sql2.contoso.com', role: 'primary' },
  { kind: 'cmsActive', from: 'pool1.contoso.com', to: 'sql1.contoso.com' },
  { kind: 'cmsStandby', from: 'pool2.contoso.com', to: 'sql2.contoso.com' },
  { kind: 'sipFederationRoute', from: 'Site1', to: 'edgepool1.contoso.com' },
  { kind: 'xmppFederationRoute', from: 'Site2', to: 'edgepool1.contoso.com', via: 'edge1.contoso.com' },
];

const sorted = (r: { nodes: string[]; edges: string[] }) => ({ nodes: [...r.nodes].sort(), edges: [...r.edges].sort() });

describe('blastRadius', () => {
  it('for a Front End pool without the CMS: its Edge next-hop users, its backup partner and its SQL stores', () => {
    expect(sorted(blastRadius(twoSites(), relations, 'pool2.contoso.com'))).toEqual({
      nodes: ['edgepool2.contoso.com', 'pool1.contoso.com', 'sql2.contoso.com'],
      edges: [
        'backEnd:pool2.contoso.com->sql2.contoso.com',
        'backupPool:pool1.contoso.com->pool2.contoso.com',
        'cmsStandby:pool2.contoso.com->sql2.contoso.com',
        'edgeNextHop:edgepool2.contoso.com->pool2.contoso.com',
      ],
    });
  });

  it('for the pool hosting the active CMS: every pool in the deployment', () => {
    const r = blastRadius(twoSites(), relations, 'pool1.contoso.com');
    expect(r.nodes.sort()).toEqual(
      ['chat.contoso.com', 'edgepool1.contoso.com', 'edgepool2.contoso.com', 'pool2.contoso.com', 'sql1.contoso.com', 'sql2.contoso.com'],
    );
    expect(r.nodes).not.toContain('pool1.contoso.com');
    expect(r.edges).toContain('cmsActive:pool1.contoso.com->sql1.contoso.com');
  });

  it('follows the CMS when the deployment reports it failed over', () => {
    const moved = twoSites({ cmsActivePool: 'pool2.contoso.com' });
    expect(blastRadius(moved, relations, 'pool2.contoso.com').nodes).toHaveLength(6);
    // pool1 no longer carries the whole deployment
    expect(sorted(blastRadius(moved, relations, 'pool1.contoso.com')).nodes).toEqual([
      'edgepool1.contoso.com',
      'pool2.contoso.com',
      'sql1.contoso.com',
    ]);
  });

  it('for an Edge pool: the Front End pools using it for media and the sites federating through it', () => {
    expect(sorted(blastRadius(twoSites(), relations, 'edgepool1.contoso.com'))).toEqual({
      nodes: ['pool1.contoso.com', 'site:Site1', 'site:Site2'],
      edges: [
        'mediaEdge:pool1.contoso.com->edgepool1.contoso.com',
        'sipFederationRoute:site:Site1->edgepool1.contoso.com',
        'xmppFederationRoute:site:Site2->edgepool1.contoso.com',
      ],
    });
  });

  it('for a SQL pool: the pools whose stores it holds', () => {
    expect(sorted(blastRadius(twoSites(), relations, 'sql2.contoso.com')).nodes).toEqual(['chat.contoso.com', 'pool2.contoso.com']);
  });

  it('for the SQL pool holding the active CMS store: every pool', () => {
    expect(blastRadius(twoSites(), relations, 'sql1.contoso.com').nodes).toHaveLength(6);
  });

  it('for a site: its pools and whatever depends on them', () => {
    const r = blastRadius(twoSites({ cmsActivePool: 'pool1.contoso.com' }), relations.filter((x) => !x.kind.startsWith('cms')), 'site:Site2');
    expect(r.nodes.sort()).toEqual([
      'chat.contoso.com',
      'edgepool2.contoso.com',
      'pool1.contoso.com',
      'pool2.contoso.com',
      'sql2.contoso.com',
    ]);
  });

  it('for an edge: the two pools it connects', () => {
    expect(blastRadius(twoSites(), relations, 'edgeNextHop:edgepool1.contoso.com->pool1.contoso.com')).toEqual({
      nodes: ['edgepool1.contoso.com', 'pool1.contoso.com'],
      edges: ['edgeNextHop:edgepool1.contoso.com->pool1.contoso.com'],
    });
  });

  it('is empty for an id that names nothing', () => {
    expect(blastRadius(twoSites(), relations, 'nosuch.contoso.com')).toEqual({ nodes: [], edges: [] });
    expect(blastRadius(twoSites(), relations, 'site:Nowhere')).toEqual({ nodes: [], edges: [] });
  });
});

describe('cmsHosts', () => {
  it('reads active and standby from the topology relations', () => {
    expect(cmsHosts(twoSites(), relations)).toEqual({ active: 'pool1.contoso.com', standby: ['pool2.contoso.com'] });
  });

  it('prefers the reported active master over the document', () => {
    expect(cmsHosts(twoSites({ cmsActivePool: 'pool2.contoso.com' }), relations)).toEqual({
      active: 'pool2.contoso.com',
      standby: ['pool1.contoso.com'],
    });
  });

  it('knows no active CMS when the topology has none', () => {
    expect(cmsHosts(twoSites(), [])).toEqual({ standby: [] });
  });
});
