import { describe, expect, it } from 'vitest';
import cytoscape, { type ElementDefinition } from 'cytoscape';
import { syncElements } from '../../../src/renderer/graph/sync-elements';

const nodes: ElementDefinition[] = [
  { group: 'nodes', data: { id: 'site:S1', label: 'S1' }, classes: 'site' },
  { group: 'nodes', data: { id: 'a', parent: 'site:S1', label: 'a' }, classes: 'pool kind-FrontEnd' },
  { group: 'nodes', data: { id: 'b', parent: 'site:S1', label: 'b' }, classes: 'pool kind-FrontEnd' },
];
const pair: ElementDefinition = { group: 'edges', data: { id: 'backupPool:a->b', source: 'a', target: 'b' }, classes: 'rel backupPool forward' };

describe('syncElements', () => {
  it('adds, updates and removes by id, leaving unchanged elements alone', () => {
    const cy = cytoscape({ headless: true, elements: [...nodes, pair] });
    const untouched = cy.getElementById('b');
    let dataEvents = 0;
    untouched.on('data', () => dataEvents++);

    const relabelled = { ...nodes[1]!, data: { ...nodes[1]!.data, label: 'a\nCMS ● active' }, classes: 'pool kind-FrontEnd cms-active' };
    syncElements(cy, [nodes[0]!, relabelled, nodes[2]!], []);

    expect(cy.getElementById('backupPool:a->b').empty()).toBe(true);
    expect(cy.getElementById('a').data('label')).toBe('a\nCMS ● active');
    expect(cy.getElementById('a').hasClass('cms-active')).toBe(true);
    expect(cy.getElementById('b').same(untouched)).toBe(true);
    expect(dataEvents).toBe(0);

    syncElements(cy, [...nodes, pair], []);
    expect(cy.getElementById('backupPool:a->b').source().id()).toBe('a');
  });

  it('keeps highlight classes on elements that stay', () => {
    const cy = cytoscape({ headless: true, elements: [...nodes, pair] });
    cy.getElementById('a').addClass('selected');
    cy.getElementById('b').addClass('blast');
    syncElements(cy, [...nodes, { ...pair, classes: 'rel backupPool forward reverse' }], ['selected', 'blast', 'dimmed']);
    expect(cy.getElementById('a').hasClass('selected')).toBe(true);
    expect(cy.getElementById('b').hasClass('blast')).toBe(true);
    expect(cy.getElementById('backupPool:a->b').hasClass('reverse')).toBe(true);
  });
});
