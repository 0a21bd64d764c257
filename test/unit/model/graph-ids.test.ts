import { describe, expect, it } from 'vitest';
import { relationEdgeId, relationEndpoints, siteIdOfNode, siteNodeId } from '../../../src/shared/model/graph-ids';

describe('graph element ids', () => {
  it('prefix sites, and read the prefix back', () => {
    expect(siteNodeId('Site1')).toBe('site:Site1');
    expect(siteIdOfNode('site:Site1')).toBe('Site1');
    expect(siteIdOfNode('pool1.contoso.com')).toBeUndefined();
  });

  it('name an edge by kind and ends, a federation route from its site node', () => {
    expect(relationEdgeId({ kind: 'edgeNextHop', from: 'edge1.contoso.com', to: 'pool1.contoso.com' })).toBe(
      'edgeNextHop:edge1.contoso.com->pool1.contoso.com',
    );
    expect(relationEdgeId({ kind: 'xmppFederationRoute', from: 'Site2', to: 'edge1.contoso.com', via: 'e1.contoso.com' })).toBe(
      'xmppFederationRoute:site:Site2->edge1.contoso.com',
    );
  });

  it('give both directions of a backup pairing the same edge', () => {
    const a = { kind: 'backupPool' as const, from: 'pool2.contoso.com', to: 'pool1.contoso.com' };
    const b = { kind: 'backupPool' as const, from: 'pool1.contoso.com', to: 'pool2.contoso.com' };
    expect(relationEdgeId(a)).toBe(relationEdgeId(b));
    expect(relationEndpoints(a)).toEqual({ source: 'pool1.contoso.com', target: 'pool2.contoso.com' });
  });
});
