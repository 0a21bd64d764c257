/**
 * The deployment graph as an uncompressed draw.io (mxGraph) document, drawn from the same layout
 * as the SVG export (diagram-layout.ts). Sites are swimlane containers, pools are vertices inside
 * them (shape and colour by kind, CMS active/standby on the label and border), every merged graph
 * edge is an edge cell with its source and target, and a legend sits below. Labels are plain text
 * (`html=0`), so nothing in a name is read as markup. Cell ids: `n:<node id>`, `e:<edge id>`,
 * `legend…`; the node and edge ids are the app's (graph-ids.ts). A what-if scenario is a second
 * layer (`scenario`, cells `s:…`), so hiding it in draw.io shows the deployment as it stands.
 */
import type { Deployment, PoolKind, RelationKind } from '../model/types';
import { paletteFor } from '../graph/palette';
import { POOL_KIND_NAMES, RELATION_NAMES } from '../graph/describe';
import { diagramLayout, edgeArrows, edgeLabel, legendEntries, RELATION_LINES, SCENARIO_NOTES, scenarioNoteLines, SITE_HEADER, type DiagramLayout, type DiagramOptions, type EdgeLine, type ScenarioOverlay } from './diagram-layout';
import { xmlAttr } from './xml';

const palette = paletteFor('light');

export const DRAWIO_SHAPES: Record<PoolKind, string> = {
  FrontEnd: 'rounded=1',
  Director: 'shape=card',
  Edge: 'rhombus',
  SqlBackEnd: 'shape=cylinder3;boundedLbl=1;size=10',
  PersistentChat: 'shape=hexagon;perimeter=hexagonPerimeter2',
  Mediation: 'ellipse',
  OfficeOnline: 'rounded=0',
  FileStore: 'shape=parallelogram;perimeter=parallelogramPerimeter',
  PstnGateway: 'triangle;direction=north',
  Other: 'ellipse',
};

/** draw.io's form of each relation's line (diagram-layout.ts). */
function lineStyle(kind: RelationKind): string {
  const { width, dash } = RELATION_LINES[kind];
  return `strokeWidth=${width}${dash === 'dashed' ? ';dashed=1' : dash === 'dotted' ? ';dashed=1;dashPattern=1 3' : ''}`;
}

export function deploymentToDrawio(d: Deployment, options: DiagramOptions = {}): string {
  return layoutToDrawio(diagramLayout(d, options));
}

export function layoutToDrawio(layout: DiagramLayout): string {
  const cells: string[] = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>'];
  const abs = new Map<string, { x: number; y: number }>();
  for (const s of layout.sites) abs.set(s.id, s);
  const parentOf = (id: string | undefined) => (id ? `n:${id}` : '1');
  const rel = (box: { x: number; y: number }, parent: string | undefined) => {
    const p = parent ? abs.get(parent) : undefined;
    return { x: box.x - (p?.x ?? 0), y: box.y - (p?.y ?? 0) };
  };
  const vertex = (id: string, value: string, style: string, parent: string, g: { x: number; y: number; width: number; height: number }, tooltip?: string) =>
    `<mxCell id="${xmlAttr(id)}" value="${xmlAttr(value)}"${tooltip ? ` tooltip="${xmlAttr(tooltip)}"` : ''} style="${xmlAttr(style)}" vertex="1" parent="${xmlAttr(parent)}"><mxGeometry x="${g.x}" y="${g.y}" width="${g.width}" height="${g.height}" as="geometry"/></mxCell>`;

  for (const s of layout.sites) {
    const style = `swimlane;container=1;collapsible=0;html=0;whiteSpace=wrap;rounded=1;startSize=${SITE_HEADER};fillColor=${palette.siteFill};swimlaneFillColor=${palette.siteFill};strokeColor=${palette.siteBorder};fontColor=${palette.text};align=left;spacingLeft=8`;
    cells.push(vertex(`n:${s.id}`, s.label, style, parentOf(s.parent), { ...rel(s, s.parent), width: s.width, height: s.height }));
  }
  for (const p of layout.pools) {
    const colour = palette.pool[p.pool.kind];
    const cms = p.marks.includes('cms-active') ? `;strokeColor=${palette.relation.cmsActive};strokeWidth=4` : p.marks.includes('cms-standby') ? `;strokeColor=${palette.relation.cmsStandby};strokeWidth=3;dashed=1` : `;strokeColor=${palette.text};strokeWidth=1`;
    const style = `${DRAWIO_SHAPES[p.pool.kind]};html=0;whiteSpace=wrap;fillColor=${colour};fontColor=#ffffff;fontSize=11${cms};poolKind=${p.pool.kind}${p.marks.length ? `;marks=${p.marks.join(',')}` : ''}`;
    cells.push(vertex(`n:${p.id}`, p.lines.join('\n'), style, parentOf(p.parent || undefined), { ...rel(p, p.parent || undefined), width: p.width, height: p.height }, p.pool.machines.join('\n')));
  }
  for (const { edge: e } of layout.edges) {
    const colour = palette.relation[e.kind];
    const { start, end } = edgeArrows(e);
    const style = `edgeStyle=none;html=0;rounded=0;${lineStyle(e.kind)};strokeColor=${colour};fontColor=${colour};fontSize=10;startArrow=${start ? 'block' : 'none'};endArrow=${end ? 'block' : 'none'};relation=${e.kind}`;
    cells.push(
      `<mxCell id="${xmlAttr(`e:${e.id}`)}" value="${xmlAttr(edgeLabel(e))}" style="${xmlAttr(style)}" edge="1" parent="1" source="${xmlAttr(`n:${e.source}`)}" target="${xmlAttr(`n:${e.target}`)}"><mxGeometry relative="1" as="geometry"/></mxCell>`,
    );
  }
  cells.push(...legendCells(layout, vertex));
  if (layout.scenario) cells.push(...scenarioCells(layout.scenario, layout, vertex));
  return [
    `<mxfile host="PoolPilot" type="device">`,
    `<diagram id="deployment" name="${xmlAttr(layout.title || 'Deployment')}">`,
    `<mxGraphModel dx="0" dy="0" grid="1" gridSize="10" guides="1" page="0" math="0" shadow="0">`,
    '<root>',
    ...cells,
    '</root>',
    '</mxGraphModel>',
    '</diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}

type Vertex = (id: string, value: string, style: string, parent: string, g: { x: number; y: number; width: number; height: number }) => string;

/**
 * The what-if as its own layer (a cell whose parent is the root, as draw.io makes layers): a red
 * dashed frame with the canvas's down mark over each box taken down, each relation the changes
 * add (green, dashed) or take away (red, marked "Removed") as an edge between the same vertices,
 * and the changes in order in a notes box.
 */
function scenarioCells(overlay: ScenarioOverlay, layout: DiagramLayout, vertex: Vertex): string[] {
  const out = ['<mxCell id="scenario" value="What-if scenario" parent="0"/>'];
  for (const { id, mark, box: b } of overlay.down) {
    const style = `rounded=0;html=0;fillColor=${palette.down.fill};opacity=30;strokeColor=${palette.down.border};strokeWidth=3;dashed=1;fontColor=${palette.down.text};fontStyle=1;verticalAlign=bottom;align=right;spacingRight=6`;
    out.push(vertex(`s:down:${id}`, mark, style, 'scenario', { x: b.x - 4, y: b.y - 4, width: b.width + 8, height: b.height + 8 }));
  }
  const edge = (prefix: 'added' | 'removed', { edge: e }: EdgeLine) => {
    const colour = prefix === 'added' ? palette.proposed : palette.down.border;
    const { start, end } = edgeArrows(e);
    const style = `edgeStyle=none;html=0;rounded=0;strokeWidth=${RELATION_LINES[e.kind].width + 1};dashed=1;dashPattern=10 5;strokeColor=${colour};fontColor=${colour};fontSize=10;labelBackgroundColor=#ffffff;startArrow=${start ? 'block' : 'none'};endArrow=${end ? 'block' : 'none'};relation=${e.kind};whatIf=${prefix}`;
    const value = `${prefix === 'added' ? 'Proposed' : 'Removed'}: ${edgeLabel(e)}`;
    return `<mxCell id="${xmlAttr(`s:${prefix}:${e.id}`)}" value="${xmlAttr(value)}" style="${xmlAttr(style)}" edge="1" parent="scenario" source="${xmlAttr(`n:${e.source}`)}" target="${xmlAttr(`n:${e.target}`)}"><mxGeometry relative="1" as="geometry"/></mxCell>`;
  };
  out.push(...overlay.added.map((l) => edge('added', l)), ...overlay.removed.map((l) => edge('removed', l)));
  const lines = scenarioNoteLines(overlay);
  const style = `text;html=0;align=left;verticalAlign=top;whiteSpace=wrap;fontColor=${palette.text};fillColor=#fff8c5;strokeColor=${palette.siteBorder};spacing=6`;
  out.push(vertex('s:changes', lines.join('\n'), style, 'scenario', { x: SCENARIO_NOTES.x, y: layout.height + 10, width: SCENARIO_NOTES.width, height: 12 + lines.length * SCENARIO_NOTES.lineHeight }));
  return out;
}

function legendCells(layout: DiagramLayout, vertex: Vertex): string[] {
  const { pools, relations } = legendEntries(layout);
  const rows = pools.length + relations.length;
  const out = [vertex('legend', 'Legend', `swimlane;container=1;collapsible=0;html=0;startSize=24;fillColor=#ffffff;strokeColor=${palette.siteBorder}`, '1', { x: 20, y: layout.height + 10, width: 260, height: 24 + 10 + rows * 26 })];
  let y = 34;
  for (const kind of pools) {
    out.push(vertex(`legend:pool:${kind}`, POOL_KIND_NAMES[kind], `${DRAWIO_SHAPES[kind]};html=0;fillColor=${palette.pool[kind]};fontColor=#ffffff;fontSize=10;strokeColor=${palette.text}`, 'legend', { x: 10, y, width: 140, height: 22 }));
    y += 26;
  }
  for (const kind of relations) {
    out.push(vertex(`legend:relation:${kind}`, `── ${RELATION_NAMES[kind]}`, `text;html=0;align=left;fontColor=${palette.relation[kind]};fontSize=11`, 'legend', { x: 10, y, width: 240, height: 22 }));
    y += 26;
  }
  return out;
}
