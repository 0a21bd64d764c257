import { describe, expect, it } from 'vitest';
import { poolOrder, stepPool } from '../../../src/renderer/graph/pool-order';
import { twoDataCentres } from './deployment-fixture';

describe('keyboard navigation between pools', () => {
  const order = poolOrder(twoDataCentres());

  it('goes site by site in topology order', () => {
    expect(order).toEqual(['pool1.contoso.com', 'edgepool1.contoso.com', 'sql1.contoso.com', 'pool2.contoso.com', 'edgepool2.contoso.com']);
  });

  it('starts at the first pool (or the last, going back) when nothing is selected', () => {
    expect(stepPool(order, null, 1, true)).toBe('pool1.contoso.com');
    expect(stepPool(order, null, -1, true)).toBe('edgepool2.contoso.com');
    expect(stepPool(order, 'site:Site1', 1, true)).toBe('pool1.contoso.com');
  });

  it('wraps around for arrow keys', () => {
    expect(stepPool(order, 'edgepool2.contoso.com', 1, true)).toBe('pool1.contoso.com');
    expect(stepPool(order, 'pool1.contoso.com', -1, true)).toBe('edgepool2.contoso.com');
  });

  it('stops at either end for Tab, so focus can leave the graph', () => {
    expect(stepPool(order, 'edgepool2.contoso.com', 1, false)).toBeUndefined();
    expect(stepPool(order, 'pool1.contoso.com', -1, false)).toBeUndefined();
    expect(stepPool(order, 'sql1.contoso.com', 1, false)).toBe('pool2.contoso.com');
  });
});
