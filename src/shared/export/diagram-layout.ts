/**
 * The deployment as boxes and lines, in absolute coordinates: what the draw.io and SVG exports
 * both draw, so the two formats agree. Sites are boxes holding their pools (and their branch
 * sites); pools are boxes; edges are the graph's merged edges (shared/graph/edges.ts) with their
 * end points on the boxes' borders. Pure and deterministic.
 *
 * Positions: `positions` is the app's layout (node id → centre, as cytoscape keeps it). It is used
 * when it places every pool; otherwise the pools of each site are laid out in a grid, ordered by
 * kind and FQDN. With `spread` (the app's export), the positions are the canvas on screen and are
 * spread apart uniformly first (spreadScale), so the diagram's larger boxes keep the arrangement
 * without overlapping.
 *
 * Scenario: with `scenario`, the what-if is laid over the same boxes as its own layer (draw.io) or
 * group (SVG): what it marks down (the canvas's down marks), the relations its changes add and take
 * away, and the changes in order. The deployment itself is drawn as it stands.
 */
import type { Deployment, Pool, PoolKind, Relation, RelationKind, Site } from '../model/types';
import { deriveRelations } from '../model/relations';
import { siteNodeId } from '../model/graph-ids';
import { graphEdges, type GraphEdge } from '../graph/edges';
import { poolLabels, type PoolMark } from '../graph/nodes';
import { POOL_KIND_NAMES, RELATION_NAMES, RELATION_ORDER, siteLabel } from '../graph/describe';
import type { Scenario } from '../scenario/types';
import { applyScenario } from '../scenario/apply';
import { activeChanges, hasEffect } from '../scenario/edit';
import { describeChange } from '../scenario/describe';
import { downMarks } from '../scenario/down-marks';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SiteBox extends Box {
  id: string;
  site: Site;
  /** Node id of the site box this one sits in (a branch site in its central site), if any. */
  parent?: string;
  label: string;
}

export interface PoolBox extends Box {
  id: string;
  pool: Pool;
  parent: string;
  lines: string[];
  marks: PoolMark[];
}

export interface EdgeLine {
  edge: GraphEdge;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

/** The what-if drawn over the deployment, on the deployment's boxes. */
export interface ScenarioOverlay {
  /** Boxes the scenario takes down, with the canvas's mark ("✕ DOWN", "✕ DOWN (site down)", …). */
  down: { id: string; mark: string; box: Box }[];
  /** Relations the changes in effect add (a new next hop, users failed over, …). */
  added: EdgeLine[];
  /** Relations the changes in effect take away (the next hop being replaced, …). */
  removed: EdgeLine[];
  /** The changes in effect, in the order they would run, in words. */
  changes: string[];
}

export interface DiagramLayout {
  title: string;
  /** Present when a scenario was given that marks something down or changes something. */
  scenario?: ScenarioOverlay;
  width: number;
  height: number;
  sites: SiteBox[];
  pools: PoolBox[];
  edges: EdgeLine[];
}

export type NodePositions = Readonly<Record<string, { x: number; y: number }>>;

export const POOL_WIDTH = 220;
export const POOL_HEIGHT = 84;
/** Height of a site box's title band (draw.io's swimlane startSize). */
export const SITE_HEADER = 30;
const PAD = 20;
const GAP = 30;
const MARGIN = 20;

const KIND_ORDER: PoolKind[] = ['Director', 'FrontEnd', 'Edge', 'PersistentChat', 'SqlBackEnd', 'Mediation', 'OfficeOnline', 'FileStore', 'PstnGateway', 'Other'];

export interface DiagramOptions {
  relations?: Relation[];
  positions?: NodePositions;
  /**
   * `positions` are the app's canvas as the admin sees it (cytoscape coordinates), where pools are
   * drawn far smaller than this diagram's boxes: spread them apart with one scale for the whole
   * picture (so the arrangement is kept) until no two boxes, and no two site boxes, overlap.
   * Off by default: a snapshot's saved layout is used as it is (the CLI).
   */
  spread?: boolean;
  /** The what-if to draw over the deployment (nothing is drawn for an empty one). */
  scenario?: Scenario;
}

/** Never spread a picture more than this, whatever the canvas holds. */
const MAX_SPREAD = 8;
/**
 * The canvas's smallest pool shape and its site padding (renderer/graph/style.ts): two things
 * closer than this on screen are drawn overlapping there, and are not parted by spreading (their
 * tiny gap would ask for a scale without end).
 */
const SCREEN_POOL = { width: 36, height: 30 };
const SCREEN_SITE_PAD = 28;

interface Extent {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * The scale that keeps what `positions` separates apart once pools are POOL_WIDTH × POOL_HEIGHT and
 * sites are padded boxes around them (the same boxes placedSite draws). For each pair of things
 * that must not overlap (two pools of one site, a pool and a site not holding it, two sites neither
 * holding the other), the scale their gap along a separating axis needs; the largest wins, never
 * below 1. Things that overlap on screen (as the canvas draws them) stay so.
 */
export function spreadScale(d: Deployment, positions: NodePositions): number {
  const sites = new Map(d.topology.sites.map((s) => [s.id, s]));
  const parentOf = (id: string): string | undefined => {
    const p = sites.get(id)?.parentId;
    return p !== undefined && p !== id && sites.has(p) ? p : undefined;
  };
  const ancestors = (id: string): string[] => {
    const out: string[] = [];
    for (let at: string | undefined = id; at !== undefined && !out.includes(at); at = parentOf(at)) out.push(at);
    return out;
  };
  // Centre extents of each site (its pools and branch sites' pools) and its nesting depth.
  const extent = new Map<string, Extent>();
  const grow = (id: string, x: number, y: number) => {
    const e = extent.get(id);
    if (e) Object.assign(e, { x1: Math.min(e.x1, x), y1: Math.min(e.y1, y), x2: Math.max(e.x2, x), y2: Math.max(e.y2, y) });
    else extent.set(id, { x1: x, y1: y, x2: x, y2: y });
  };
  const poolChains = new Map<string, string[]>();
  for (const pool of d.topology.pools) {
    const p = positions[pool.fqdn];
    if (!p) continue;
    const chain = sites.has(pool.siteId) ? ancestors(pool.siteId) : [];
    poolChains.set(pool.fqdn, chain);
    for (const id of chain) grow(id, p.x, p.y);
  }
  for (const site of d.topology.sites) {
    const p = positions[siteNodeId(site.id)];
    if (!extent.has(site.id) && p) for (const id of ancestors(site.id)) grow(id, p.x, p.y);
  }
  const depth = new Map<string, number>();
  for (const id of extent.keys()) {
    const chain = ancestors(id);
    chain.forEach((a, i) => depth.set(a, Math.max(depth.get(a) ?? 1, i + 1)));
  }
  /**
   * Scale needed for a centre gap of `gap` (screen) to become `need` (diagram); Infinity when the
   * two overlap on screen along this axis (`margin`: what the canvas draws around the centres).
   */
  const axis = (gap: number, need: number, margin: number) => (gap > margin ? need / gap : Infinity);
  let scale = 1;
  const take = (needed: number) => {
    if (needed !== Infinity && needed > scale) scale = needed;
  };

  // Two pools of one site: their boxes alone must not meet.
  const bySite = new Map<string, { x: number; y: number }[]>();
  for (const pool of d.topology.pools) {
    const p = positions[pool.fqdn];
    if (p) bySite.set(pool.siteId, [...(bySite.get(pool.siteId) ?? []), p]);
  }
  const needX = POOL_WIDTH + GAP;
  const needY = POOL_HEIGHT + GAP;
  for (const list of bySite.values()) {
    list.sort((a, b) => a.x - b.x);
    for (let i = 0; i < list.length; i++) {
      // Only pairs closer than the boxes on both axes can ask for more than the scale already has.
      for (let j = i + 1; j < list.length && list[j]!.x - list[i]!.x < needX / scale; j++) {
        const dx = list[j]!.x - list[i]!.x;
        const dy = Math.abs(list[j]!.y - list[i]!.y);
        take(Math.min(axis(dx, needX, SCREEN_POOL.width), axis(dy, needY, SCREEN_POOL.height)));
      }
    }
  }
  /** Scale for box a (extent, site depth) and box b to stay apart; depth 0 is a pool. */
  const apart = (a: Extent, da: number, b: Extent, db: number) => {
    const header = SITE_HEADER + PAD;
    const mx = SCREEN_POOL.width + SCREEN_SITE_PAD * (da + db);
    const my = SCREEN_POOL.height + SCREEN_SITE_PAD * (da + db);
    return Math.min(
      axis(b.x1 - a.x2, POOL_WIDTH + PAD * (da + db) + GAP, mx),
      axis(a.x1 - b.x2, POOL_WIDTH + PAD * (da + db) + GAP, mx),
      // b below a: a's bottom padding, b's header bands.
      axis(b.y1 - a.y2, POOL_HEIGHT + PAD * da + header * db + GAP, my),
      axis(a.y1 - b.y2, POOL_HEIGHT + PAD * db + header * da + GAP, my),
    );
  };
  const siteIds = [...extent.keys()];
  for (const pool of d.topology.pools) {
    const p = positions[pool.fqdn];
    const chain = poolChains.get(pool.fqdn);
    if (!p || !chain) continue;
    const at = { x1: p.x, y1: p.y, x2: p.x, y2: p.y };
    for (const id of siteIds) if (!chain.includes(id)) take(apart(at, 0, extent.get(id)!, depth.get(id) ?? 1));
  }
  for (let i = 0; i < siteIds.length; i++) {
    const a = siteIds[i]!;
    const chainA = ancestors(a);
    for (let j = i + 1; j < siteIds.length; j++) {
      const b = siteIds[j]!;
      if (chainA.includes(b) || ancestors(b).includes(a)) continue;
      take(apart(extent.get(a)!, depth.get(a) ?? 1, extent.get(b)!, depth.get(b) ?? 1));
    }
  }
  return Math.min(scale, MAX_SPREAD);
}

/** Each relation's line, after the canvas's stylesheet (renderer/graph/style.ts); draw.io and SVG each spell it their way. */
export const RELATION_LINES: Record<RelationKind, { width: number; dash: 'solid' | 'dashed' | 'dotted' }> = {
  edgeNextHop: { width: 3, dash: 'solid' },
  mediaEdge: { width: 2, dash: 'dashed' },
  backupPool: { width: 2, dash: 'dotted' },
  cmsActive: { width: 2, dash: 'solid' },
  cmsStandby: { width: 2, dash: 'dashed' },
  sipFederationRoute: { width: 2, dash: 'solid' },
  xmppFederationRoute: { width: 2, dash: 'dashed' },
  backEnd: { width: 1, dash: 'solid' },
  chatStore: { width: 1, dash: 'solid' },
  failedOverTo: { width: 2, dash: 'dashed' },
};

export function edgeArrows(e: Pick<GraphEdge, 'kind' | 'forward' | 'reverse'>): { start: boolean; end: boolean } {
  // A backup pairing has an arrow toward each partner reported; every other relation points at its target.
  return e.kind === 'backupPool' ? { start: e.reverse, end: e.forward } : { start: false, end: true };
}

export function edgeLabel(e: GraphEdge): string {
  return e.roles.length > 0 ? `${RELATION_NAMES[e.kind]} (${e.roles.join(', ')})` : RELATION_NAMES[e.kind];
}

/** Where the notes box listing the scenario's changes sits: below the picture, right of the legend. */
export const SCENARIO_NOTES = { x: 300, width: 520, lineHeight: 16 };

/** The scenario's notes box: a heading, then the changes numbered in order (or that there are none). */
export function scenarioNoteLines(overlay: ScenarioOverlay): string[] {
  const changes = overlay.changes.length > 0 ? overlay.changes.map((c, i) => `${i + 1}. ${c}`) : ['No changes proposed.'];
  return ['What-if scenario', ...changes];
}

/** The legend: the pool kinds and relation kinds the picture uses, below it. */
export function legendEntries(layout: DiagramLayout): { pools: PoolKind[]; relations: RelationKind[] } {
  const kinds = new Set(layout.pools.map((p) => p.pool.kind));
  const relations = new Set(layout.edges.map((e) => e.edge.kind));
  return {
    pools: (Object.keys(POOL_KIND_NAMES) as PoolKind[]).filter((k) => kinds.has(k)),
    relations: RELATION_ORDER.filter((k) => relations.has(k)),
  };
}

export function diagramLayout(d: Deployment, options: DiagramOptions = {}): DiagramLayout {
  const relations = options.relations ?? deriveRelations(d);
  const labels = poolLabels(d, relations);
  const siteIds = new Set(d.topology.sites.map((s) => s.id));
  const children = new Map<string | undefined, Site[]>();
  for (const site of d.topology.sites) {
    const parent = site.parentId !== undefined && siteIds.has(site.parentId) && site.parentId !== site.id ? site.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), site]);
  }
  const poolsOf = new Map<string, Pool[]>();
  for (const pool of d.topology.pools) poolsOf.set(pool.siteId, [...(poolsOf.get(pool.siteId) ?? []), pool]);
  for (const list of poolsOf.values()) list.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.fqdn < b.fqdn ? -1 : a.fqdn > b.fqdn ? 1 : 0));

  const given = options.positions;
  const factor = given && options.spread ? spreadScale(d, given) : 1;
  const positions: NodePositions | undefined =
    given && factor !== 1 ? Object.fromEntries(Object.entries(given).map(([id, p]) => [id, { x: round(p.x * factor), y: round(p.y * factor) }])) : given;
  const usePositions = positions !== undefined && d.topology.pools.length > 0 && d.topology.pools.every((p) => positions[p.fqdn] !== undefined);

  const sites: SiteBox[] = [];
  const pools: PoolBox[] = [];
  const poolBox = (pool: Pool, x: number, y: number): PoolBox => {
    const label = labels.get(pool.fqdn)!;
    return { id: pool.fqdn, pool, parent: siteNodeId(pool.siteId), x, y, width: POOL_WIDTH, height: POOL_HEIGHT, lines: label.lines, marks: label.marks };
  };
  const visited = new Set<string>();

  /** Lays out `site` with its top-left at (x, y) (grid mode) and returns its box. */
  const gridSite = (site: Site, x: number, y: number, parent?: string): SiteBox => {
    visited.add(site.id);
    const own = poolsOf.get(site.id) ?? [];
    const columns = Math.max(1, Math.ceil(Math.sqrt(own.length)));
    own.forEach((pool, i) => {
      pools.push(poolBox(pool, x + PAD + (i % columns) * (POOL_WIDTH + GAP), y + SITE_HEADER + PAD + Math.floor(i / columns) * (POOL_HEIGHT + GAP)));
    });
    const rows = Math.ceil(own.length / columns);
    let width = Math.max(POOL_WIDTH + 2 * PAD, columns * POOL_WIDTH + (columns - 1) * GAP + 2 * PAD);
    let height = SITE_HEADER + PAD + (rows > 0 ? rows * POOL_HEIGHT + (rows - 1) * GAP : 0) + PAD;
    const box: SiteBox = { id: siteNodeId(site.id), site, label: siteLabel(site), x, y, width, height, ...(parent ? { parent } : {}) };
    sites.push(box);
    let cx = x + PAD;
    let rowHeight = 0;
    for (const child of children.get(site.id) ?? []) {
      if (visited.has(child.id)) continue;
      const c = gridSite(child, cx, y + height, box.id);
      cx += c.width + GAP;
      rowHeight = Math.max(rowHeight, c.height);
    }
    if (rowHeight > 0) {
      width = Math.max(width, cx - GAP + PAD - x);
      height += rowHeight + PAD;
    }
    box.width = width;
    box.height = height;
    return box;
  };

  /** Positions mode: the site's box is the bounding box of its pools and branch sites, padded. */
  const placedSite = (site: Site, parent?: string): SiteBox | undefined => {
    visited.add(site.id);
    const inner: Box[] = [];
    for (const pool of poolsOf.get(site.id) ?? []) {
      const p = positions![pool.fqdn]!;
      const b = poolBox(pool, p.x - POOL_WIDTH / 2, p.y - POOL_HEIGHT / 2);
      pools.push(b);
      inner.push(b);
    }
    const box: SiteBox = { id: siteNodeId(site.id), site, label: siteLabel(site), x: 0, y: 0, width: 0, height: 0, ...(parent ? { parent } : {}) };
    sites.push(box);
    for (const child of children.get(site.id) ?? []) {
      if (visited.has(child.id)) continue;
      const c = placedSite(child, box.id);
      if (c) inner.push(c);
    }
    if (inner.length === 0) {
      const p = positions![box.id] ?? { x: 0, y: 0 };
      Object.assign(box, { x: p.x - POOL_WIDTH / 2 - PAD, y: p.y - SITE_HEADER - PAD, width: POOL_WIDTH + 2 * PAD, height: SITE_HEADER + 2 * PAD });
    } else {
      const left = Math.min(...inner.map((b) => b.x));
      const top = Math.min(...inner.map((b) => b.y));
      const right = Math.max(...inner.map((b) => b.x + b.width));
      const bottom = Math.max(...inner.map((b) => b.y + b.height));
      Object.assign(box, { x: left - PAD, y: top - SITE_HEADER - PAD, width: right - left + 2 * PAD, height: bottom - top + SITE_HEADER + 2 * PAD });
    }
    return box;
  };

  // Sites whose parent chain loops have no root: lay them out as roots too.
  const roots = [...(children.get(undefined) ?? []), ...d.topology.sites];
  let x = MARGIN;
  for (const site of roots) {
    if (visited.has(site.id)) continue;
    if (usePositions) placedSite(site);
    else x += gridSite(site, x, MARGIN).width + GAP;
  }
  // Pools naming a site the topology lacks are drawn at top level, below everything.
  const placed = new Set(pools.map((p) => p.id));
  let stray = Math.max(MARGIN, ...sites.map((s) => s.y + s.height)) + GAP;
  for (const pool of d.topology.pools) {
    if (placed.has(pool.fqdn)) continue;
    const p = usePositions ? positions![pool.fqdn]! : undefined;
    const b = poolBox(pool, p ? p.x - POOL_WIDTH / 2 : MARGIN, p ? p.y - POOL_HEIGHT / 2 : stray);
    b.parent = '';
    if (!p) stray += POOL_HEIGHT + GAP;
    pools.push(b);
  }

  // Shift everything so the picture starts at (MARGIN, MARGIN).
  const all: Box[] = [...sites, ...pools];
  const minX = all.length ? Math.min(...all.map((b) => b.x)) : 0;
  const minY = all.length ? Math.min(...all.map((b) => b.y)) : 0;
  for (const b of all) {
    b.x += MARGIN - minX;
    b.y += MARGIN - minY;
  }
  const width = Math.max(0, ...all.map((b) => b.x + b.width)) + MARGIN;
  const height = Math.max(0, ...all.map((b) => b.y + b.height)) + MARGIN;

  const boxes = new Map<string, Box>([...sites.map((s) => [s.id, s] as const), ...pools.map((p) => [p.id, p] as const)]);
  const poolSite = new Map(d.topology.pools.map((p) => [p.fqdn, p.siteId]));
  const line = (edge: GraphEdge): EdgeLine => {
    const s = boxes.get(edge.source)!;
    const t = boxes.get(edge.target)!;
    // A site's edge starts from its title band: its box holds the pools it points to.
    const fromSite = sites.some((b) => b.id === edge.source);
    const sc = fromSite ? { x: s.x + s.width / 2, y: s.y + SITE_HEADER / 2 } : centre(s);
    return { edge, from: fromSite ? sc : clip(s, centre(t)), to: clip(t, sc) };
  };
  const nodeIds = new Set(boxes.keys());
  const edges = graphEdges(relations, nodeIds, poolSite).map(line);
  const layout: DiagramLayout = { title: d.source.name, width, height, sites, pools, edges };
  const scenario = options.scenario;
  if (scenario && hasEffect(scenario)) {
    const before = new Set(edges.map((e) => e.edge.id));
    const after = graphEdges(deriveRelations(applyScenario(d, scenario)), nodeIds, poolSite);
    const afterIds = new Set(after.map((e) => e.id));
    layout.scenario = {
      down: [...downMarks(d, scenario.down)].flatMap(([id, mark]) => {
        const box = boxes.get(id);
        return box ? [{ id, mark, box }] : [];
      }),
      added: after.filter((e) => !before.has(e.id)).map(line),
      removed: edges.filter((e) => !afterIds.has(e.edge.id)),
      changes: activeChanges(scenario).map(describeChange),
    };
  }
  return layout;
}

function centre(b: Box): { x: number; y: number } {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Where the line from the centre of `b` towards `p` leaves `b`. */
function clip(b: Box, p: { x: number; y: number }): { x: number; y: number } {
  const c = centre(b);
  const dx = p.x - c.x;
  const dy = p.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(dx === 0 ? Infinity : b.width / 2 / Math.abs(dx), dy === 0 ? Infinity : b.height / 2 / Math.abs(dy), 1);
  return { x: round(c.x + dx * scale), y: round(c.y + dy * scale) };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
