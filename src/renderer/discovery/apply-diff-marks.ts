/**
 * Puts a comparison on the graph: `diff-added`, `diff-removed`, `diff-changed` on the elements on
 * screen, and a ghost edge (`diff-ghost`, labelled "before" or "after") for a relation only the
 * other deployment has, drawn between the pools when both are on screen. Called again after every
 * element sync (which drops classes and elements it does not know), and with null to clear.
 */
import type { Core } from 'cytoscape';
import type { DiffMarks } from './diff-marks';

const DIFF_CLASSES = ['diff-added', 'diff-removed', 'diff-changed'] as const;
const GHOST_CLASS = 'diff-ghost';
const GHOST_ID_PREFIX = 'diff-ghost:';

export function applyDiffMarks(cy: Core, marks: DiffMarks | null): void {
  cy.batch(() => {
    cy.elements(`.${GHOST_CLASS}`).remove();
    cy.elements(DIFF_CLASSES.map((c) => `.${c}`).join(', ')).removeClass(DIFF_CLASSES.join(' '));
    if (!marks) return;
    for (const [id, mark] of marks.nodes) cy.getElementById(id).addClass(`diff-${mark}`);
    for (const e of marks.edges) {
      const onScreen = cy.getElementById(e.id);
      if (onScreen.nonempty()) {
        onScreen.addClass(`diff-${e.mark}`);
        continue;
      }
      // A changed edge is on both sides, so on screen unless a what-if redrew it; nothing to add then.
      if (e.mark === 'changed' || cy.getElementById(e.source).empty() || cy.getElementById(e.target).empty()) continue;
      cy.add({
        group: 'edges',
        data: { id: GHOST_ID_PREFIX + e.id, source: e.source, target: e.target, kind: e.kind, label: e.mark === 'removed' ? 'before' : 'after' },
        classes: ['rel', e.kind, GHOST_CLASS, `diff-${e.mark}`].join(' '),
      });
    }
  });
}
