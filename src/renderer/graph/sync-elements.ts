/**
 * Brings the graph on screen in line with a new element list, by id, touching only what changed:
 * an edit in the inspector (a backup pool, a federation route) changes a handful of elements, and
 * restyling the other thousands would make every edit on a large deployment slow.
 */
import type { Core, ElementDefinition } from 'cytoscape';

export function syncElements(cy: Core, next: ElementDefinition[], keepClasses: readonly string[]): void {
  const ids = new Set(next.map((e) => e.data.id));
  cy.batch(() => {
    cy.elements()
      .filter((el) => !ids.has(el.id()))
      .remove();
    const added: ElementDefinition[] = [];
    for (const def of next) {
      const el = cy.getElementById(def.data.id ?? '');
      if (el.empty()) {
        added.push(def);
        continue;
      }
      const data = el.data() as Record<string, unknown>;
      if (Object.entries(def.data).some(([key, value]) => data[key] !== value)) el.data(def.data);
      // Selection and blast-radius marks belong to the highlight, not to the element list.
      const own = typeof def.classes === 'string' ? def.classes.split(' ') : (def.classes ?? []);
      const wanted = [...own.filter(Boolean), ...keepClasses.filter((c) => el.hasClass(c))];
      const current = el.classes();
      if (wanted.length !== current.length || wanted.some((c) => !current.includes(c))) el.classes(wanted);
    }
    cy.add(added);
  });
}
