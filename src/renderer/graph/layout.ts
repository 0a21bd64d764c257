/**
 * Where pools go. Three cases:
 *  - positions saved for this topology (the admin's own arrangement): put every pool back there;
 *  - a large deployment: a per-site grid, computed directly — force-directed layout of thousands
 *    of nodes takes far too long to wait for;
 *  - otherwise: the same grid as a starting point, refined by fcose. Starting from the grid (not
 *    random positions) keeps sites side by side in topology order and makes the result repeatable.
 */
import type { LayoutOptions } from 'cytoscape';
import type { Deployment, Pool, PoolKind } from '../../shared/model/types';
import type { Positions } from '../../shared/ipc/contract';

/** Above this many nodes the graph is drawn for speed: grid layout, no animation, edges hidden while panning. */
export const LARGE_GRAPH_NODES = 400;

export function isLargeGraph(nodeCount: number): boolean {
  return nodeCount > LARGE_GRAPH_NODES;
}

/** Top to bottom inside a site: the perimeter first, the SQL back ends last — how admins draw it. */
const KIND_ROWS: PoolKind[] = [
  'Edge',
  'Director',
  'FrontEnd',
  'PersistentChat',
  'Mediation',
  'OfficeOnline',
  'PstnGateway',
  'FileStore',
  'Other',
  'SqlBackEnd',
];

const CELL_WIDTH = 210;
const CELL_HEIGHT = 110;
const SITE_GAP = 160;

interface SiteBlock {
  /** Rows of pools, top to bottom. */
  rows: Pool[][];
  /** Each row holds one kind of pool (small sites): the layout keeps those rows. */
  byKind: boolean;
  width: number;
  height: number;
}

/** Pools per site, sorted by kind (perimeter first) then FQDN, in rows. Sites without pools are left out. */
function siteBlocks(d: Deployment): SiteBlock[] {
  const bySite = new Map<string, Pool[]>();
  for (const site of d.topology.sites) bySite.set(site.id, []);
  for (const pool of d.topology.pools) bySite.get(pool.siteId)?.push(pool);
  return [...bySite.values()]
    .filter((pools) => pools.length > 0)
    .map((pools) => {
      const sorted = [...pools].sort(
        (a, b) => KIND_ROWS.indexOf(a.kind) - KIND_ROWS.indexOf(b.kind) || a.fqdn.localeCompare(b.fqdn),
      );
      // Cells are twice as wide as tall, so twice as many rows as columns gives a squarish site box.
      const cols = Math.max(1, Math.ceil(Math.sqrt(sorted.length / 2)));
      // Small sites keep one kind per row, so Edge pools sit visibly above the Front Ends.
      const kindRows = smallSiteRows(sorted, cols);
      const rows = kindRows ?? chunk(sorted, cols);
      const width = Math.max(...rows.map((r) => r.length)) * CELL_WIDTH;
      return { rows, byKind: kindRows !== undefined, width, height: rows.length * CELL_HEIGHT };
    });
}

/** Sites per row of the site grid: squarish overall. */
export const sitesPerRow = (blocks: number) => Math.max(1, Math.ceil(Math.sqrt(blocks)));

/** Space between site boxes once fcose has arranged each site's inside (see packBlocks). */
export const SITE_PACK_GAP = 70;

export interface Box {
  x1: number;
  y1: number;
  w: number;
  h: number;
}

/**
 * How far to move each block (a site and everything in it) so the blocks sit in rows of `cols`,
 * in order, `gap` apart, each row as tall as its tallest block. fcose arranges the inside of each
 * site well but leaves wide empty lanes between sites — on the demo the graph then fits at a zoom
 * that makes labels unreadably small; packing the sites closes those lanes and keeps fcose's work.
 */
export function packBlocks(boxes: readonly Box[], cols: number, gap: number): Array<{ dx: number; dy: number }> {
  const shifts: Array<{ dx: number; dy: number }> = [];
  let y = Math.min(...boxes.map((b) => b.y1));
  const left = Math.min(...boxes.map((b) => b.x1));
  for (let i = 0; i < boxes.length; i += cols) {
    const row = boxes.slice(i, i + cols);
    let x = left;
    for (const box of row) {
      shifts.push({ dx: x - box.x1, dy: y - box.y1 });
      x += box.w + gap;
    }
    y += Math.max(...row.map((b) => b.h)) + gap;
  }
  return shifts;
}

/**
 * Every pool in a grid per site, sites in a grid of their own in topology order, so the same
 * topology always gets the same picture.
 */
export function gridPositions(d: Deployment): Positions {
  const blocks = siteBlocks(d);
  const positions: Positions = {};
  const siteCols = sitesPerRow(blocks.length);
  let y = 0;
  for (let i = 0; i < blocks.length; i += siteCols) {
    const rowBlocks = blocks.slice(i, i + siteCols);
    let x = 0;
    for (const block of rowBlocks) {
      block.rows.forEach((row, r) => {
        // Centre short rows in the site box.
        const offset = (block.width - row.length * CELL_WIDTH) / 2;
        row.forEach((pool, c) => {
          positions[pool.fqdn] = { x: x + offset + c * CELL_WIDTH + CELL_WIDTH / 2, y: y + r * CELL_HEIGHT + CELL_HEIGHT / 2 };
        });
      });
      x += block.width + SITE_GAP;
    }
    y += Math.max(...rowBlocks.map((b) => b.height)) + SITE_GAP;
  }
  return positions;
}

/**
 * fcose constraints that keep the grid's reading order in small sites: each kind of pool stays on
 * its own row (perimeter above Front Ends above SQL). Relative-placement constraints were tried for
 * site order too; fcose then pulled sites out of line, so the grid start alone keeps them side by side.
 */
function kindRowConstraints(d: Deployment): { alignmentConstraint?: { horizontal: string[][] } } {
  const horizontal = siteBlocks(d)
    .filter((block) => block.byKind)
    .flatMap((block) => block.rows.filter((row) => row.length > 1).map((row) => row.map((p) => p.fqdn)));
  return horizontal.length > 0 ? { alignmentConstraint: { horizontal } } : {};
}

/** One row per kind when no kind has more pools than fit in a row; undefined otherwise. */
function smallSiteRows<T extends { kind: PoolKind }>(sorted: T[], cols: number): T[][] | undefined {
  const rows: T[][] = [];
  for (const pool of sorted) {
    const last = rows[rows.length - 1];
    if (last && last[0]?.kind === pool.kind) last.push(pool);
    else rows.push([pool]);
  }
  const widest = Math.max(...rows.map((r) => r.length));
  return widest <= Math.max(cols, 3) && rows.length <= 8 ? rows : undefined;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Saved positions are used only when they place every pool; a changed topology is laid out afresh. */
export function savedPositionsFit(d: Deployment, saved: Positions | null): saved is Positions {
  return saved !== null && d.topology.pools.length > 0 && d.topology.pools.every((p) => saved[p.fqdn] !== undefined);
}

export interface LayoutPlan {
  /** Where pools start; compound site boxes follow their pools. */
  start: Positions;
  /** A layout to run from there, or undefined when the start is the final picture. */
  refine?: LayoutOptions;
}

export function planLayout(d: Deployment, saved: Positions | null): LayoutPlan {
  if (savedPositionsFit(d, saved)) return { start: saved };
  const start = gridPositions(d);
  const nodeCount = d.topology.pools.length + d.topology.sites.length;
  if (isLargeGraph(nodeCount)) return { start };
  return {
    start,
    refine: {
      name: 'fcose',
      // Not randomised: refine the grid, so the picture is repeatable and sites stay in order.
      randomize: false,
      quality: 'proof',
      animate: false,
      fit: true,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
      // Tight enough that a small deployment fills the canvas at a readable zoom; the site
      // boxes are packed afterwards (packBlocks).
      idealEdgeLength: 90,
      nodeRepulsion: 4500,
      nodeSeparation: 70,
      nestingFactor: 0.6,
      gravity: 0.8,
      numIter: 2500,
      tile: false,
      ...kindRowConstraints(d),
    } as LayoutOptions,
  };
}
