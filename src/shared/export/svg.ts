/**
 * The deployment graph as a standalone SVG picture, from the same layout as the draw.io export
 * (diagram-layout.ts): rectangles and selectable text, a `<title>` on every site, pool and edge
 * (the tooltip a browser shows), and the legend below. No script, no external resource. All text
 * is escaped. A what-if scenario is its own group (`<g class="scenario">`) drawn last, over the
 * deployment: the draw.io export's scenario layer.
 */
import type { Deployment, RelationKind } from '../model/types';
import { paletteFor } from '../graph/palette';
import { POOL_KIND_NAMES, RELATION_NAMES, describeRelation } from '../graph/describe';
import { diagramLayout, edgeArrows, edgeLabel, legendEntries, RELATION_LINES, SCENARIO_NOTES, scenarioNoteLines, SITE_HEADER, type DiagramLayout, type DiagramOptions, type EdgeLine, type ScenarioOverlay } from './diagram-layout';
import { xmlAttr, xmlText } from './xml';

const palette = paletteFor('light');
/** SVG's form of each relation's line (diagram-layout.ts). */
function lineAttributes(kind: RelationKind): string {
  const { width, dash } = RELATION_LINES[kind];
  return `stroke-width="${width}"${dash === 'dashed' ? ' stroke-dasharray="8 4"' : dash === 'dotted' ? ' stroke-dasharray="2 5"' : ''}`;
}

export function deploymentToSvg(d: Deployment, options: DiagramOptions = {}): string {
  return layoutToSvg(diagramLayout(d, options), (id) => d.topology.sites.find((s) => s.id === id)?.name ?? id);
}

export function layoutToSvg(layout: DiagramLayout, siteName: (siteId: string) => string = (id) => id): string {
  const { pools: poolKinds, relations: relationKinds } = legendEntries(layout);
  const legendHeight = 34 + (poolKinds.length + relationKinds.length) * 22;
  const notes = layout.scenario ? scenarioNoteLines(layout.scenario) : [];
  const notesHeight = notes.length > 0 ? 12 + notes.length * SCENARIO_NOTES.lineHeight : 0;
  const width = Math.max(layout.width, 300, notes.length > 0 ? SCENARIO_NOTES.x + SCENARIO_NOTES.width + 20 : 0);
  const height = layout.height + Math.max(legendHeight, notesHeight) + 10;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, system-ui, sans-serif" font-size="11">`,
    `<title>${xmlText(layout.title)}</title>`,
    '<defs>',
    ...[...new Set([...relationKinds, ...(layout.scenario ? [...layout.scenario.added, ...layout.scenario.removed].map((l) => l.edge.kind) : [])])].map(
      (k) => `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${palette.relation[k]}"/></marker>`,
    ),
    '</defs>',
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${palette.canvas}"/>`,
  ];
  for (const s of layout.sites) {
    out.push(
      `<g class="site" data-id="${xmlAttr(s.id)}"><title>${xmlText(s.label)}</title>`,
      `<rect data-id="${xmlAttr(s.id)}" x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" rx="6" fill="${palette.siteFill}" stroke="${palette.siteBorder}"/>`,
      `<text x="${s.x + 8}" y="${s.y + SITE_HEADER / 2 + 4}" fill="${palette.text}" font-size="12" font-weight="600">${xmlText(s.label)}</text></g>`,
    );
  }
  for (const p of layout.pools) {
    const cms = p.marks.includes('cms-active')
      ? `stroke="${palette.relation.cmsActive}" stroke-width="4"`
      : p.marks.includes('cms-standby')
        ? `stroke="${palette.relation.cmsStandby}" stroke-width="3" stroke-dasharray="6 3"`
        : `stroke="${palette.text}" stroke-width="1"`;
    const title = [...p.lines, ...p.pool.machines.map((m) => `  ${m}`)].join('\n');
    out.push(
      `<g class="pool" data-id="${xmlAttr(p.id)}" data-kind="${p.pool.kind}"><title>${xmlText(title)}</title>`,
      `<rect data-id="${xmlAttr(p.id)}" x="${p.x}" y="${p.y}" width="${p.width}" height="${p.height}" rx="${p.pool.kind === 'FrontEnd' ? 8 : 0}" fill="${palette.pool[p.pool.kind]}" ${cms}/>`,
      `<text x="${p.x + 8}" y="${p.y + 16}" fill="#ffffff">${p.lines.map((line, i) => `<tspan x="${p.x + 8}" dy="${i === 0 ? 0 : 15}"${i === 0 ? ' font-weight="600"' : ''}>${xmlText(line)}</tspan>`).join('')}</text></g>`,
    );
  }
  for (const { edge: e, from, to } of layout.edges) {
    const colour = palette.relation[e.kind];
    const { start, end } = edgeArrows(e);
    const title = e.relations.map((r) => describeRelation(r, siteName)).join('\n');
    out.push(
      `<g class="edge" data-id="${xmlAttr(e.id)}" data-kind="${e.kind}"><title>${xmlText(`${edgeLabel(e)}: ${title}`)}</title>`,
      `<line x1="${from.x}" y1="${from.y}" x2="${to.x}" y2="${to.y}" stroke="${colour}" ${lineAttributes(e.kind)}${start ? ` marker-start="url(#arrow-${e.kind})"` : ''}${end ? ` marker-end="url(#arrow-${e.kind})"` : ''}/></g>`,
    );
  }
  let y = layout.height + 10;
  out.push(`<g class="legend"><title>Legend</title><text x="20" y="${y + 14}" fill="${palette.text}" font-weight="600">Legend</text>`);
  y += 24;
  for (const k of poolKinds) {
    out.push(`<rect x="20" y="${y}" width="28" height="16" fill="${palette.pool[k]}" stroke="${palette.text}"/><text x="56" y="${y + 12}" fill="${palette.text}">${xmlText(POOL_KIND_NAMES[k])}</text>`);
    y += 22;
  }
  for (const k of relationKinds) {
    out.push(
      `<line x1="20" y1="${y + 8}" x2="48" y2="${y + 8}" stroke="${palette.relation[k]}" ${lineAttributes(k)} marker-end="url(#arrow-${k})"/><text x="56" y="${y + 12}" fill="${palette.text}">${xmlText(RELATION_NAMES[k])}</text>`,
    );
    y += 22;
  }
  out.push('</g>');
  if (layout.scenario) out.push(...scenarioGroup(layout.scenario, layout, notes));
  out.push('</svg>', '');
  return out.join('\n');
}

/** The what-if over the picture (the draw.io export's scenario layer): down frames, added and removed relations, the changes. */
function scenarioGroup(overlay: ScenarioOverlay, layout: DiagramLayout, notes: string[]): string[] {
  const out = ['<g class="scenario"><title>What-if scenario</title>'];
  for (const { id, mark, box: b } of overlay.down) {
    out.push(
      `<g class="down" data-id="${xmlAttr(id)}"><title>${xmlText(`${mark}: ${id}`)}</title><rect x="${b.x - 4}" y="${b.y - 4}" width="${b.width + 8}" height="${b.height + 8}" fill="${palette.down.fill}" fill-opacity="0.3" stroke="${palette.down.border}" stroke-width="3" stroke-dasharray="8 4"/>`,
      `<text x="${b.x + b.width - 4}" y="${b.y + b.height - 6}" text-anchor="end" fill="${palette.down.text}" font-weight="700">${xmlText(mark)}</text></g>`,
    );
  }
  const line = (what: 'added' | 'removed', { edge: e, from, to }: EdgeLine) => {
    const colour = what === 'added' ? palette.proposed : palette.down.border;
    const { start, end } = edgeArrows(e);
    const title = `${what === 'added' ? 'Proposed' : 'Removed'}: ${edgeLabel(e)}`;
    // Arrow heads in the relation's own colour (its marker) keep the direction readable.
    return `<g class="${what}" data-id="${xmlAttr(e.id)}" data-kind="${e.kind}"><title>${xmlText(title)}</title><line x1="${from.x}" y1="${from.y}" x2="${to.x}" y2="${to.y}" stroke="${colour}" stroke-width="${RELATION_LINES[e.kind].width + 1}" stroke-dasharray="10 5"${start ? ` marker-start="url(#arrow-${e.kind})"` : ''}${end ? ` marker-end="url(#arrow-${e.kind})"` : ''}/></g>`;
  };
  out.push(...overlay.added.map((l) => line('added', l)), ...overlay.removed.map((l) => line('removed', l)));
  const y = layout.height + 10;
  out.push(
    `<g class="changes"><rect x="${SCENARIO_NOTES.x}" y="${y}" width="${SCENARIO_NOTES.width}" height="${12 + notes.length * SCENARIO_NOTES.lineHeight}" fill="#fff8c5" stroke="${palette.siteBorder}"/>`,
    ...notes.map((n, i) => `<text x="${SCENARIO_NOTES.x + 8}" y="${y + 18 + i * SCENARIO_NOTES.lineHeight}" fill="${palette.text}"${i === 0 ? ' font-weight="600"' : ''}>${xmlText(n)}</text>`),
    '</g>',
    '</g>',
  );
  return out;
}
