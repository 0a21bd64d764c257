/**
 * The cytoscape stylesheet. Shapes say a pool's kind even without colour (Edge is a diamond, SQL a
 * barrel), line styles say a relation's kind; the legend draws the same shapes from POOL_SHAPES.
 */
import type { StylesheetJson } from 'cytoscape';
import type { PoolKind } from '../../shared/model/types';
import type { Palette } from '../../shared/graph/palette';
import { diffStylesheet } from '../discovery/diff-style';

export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

type Shape = 'round-rectangle' | 'cut-rectangle' | 'diamond' | 'barrel' | 'octagon' | 'ellipse' | 'rectangle' | 'rhomboid' | 'triangle';

export const POOL_SHAPES: Record<PoolKind, { shape: Shape; width: number; height: number }> = {
  FrontEnd: { shape: 'round-rectangle', width: 60, height: 38 },
  Director: { shape: 'cut-rectangle', width: 60, height: 38 },
  Edge: { shape: 'diamond', width: 54, height: 50 },
  SqlBackEnd: { shape: 'barrel', width: 40, height: 42 },
  PersistentChat: { shape: 'octagon', width: 44, height: 42 },
  Mediation: { shape: 'ellipse', width: 42, height: 32 },
  OfficeOnline: { shape: 'rectangle', width: 42, height: 32 },
  FileStore: { shape: 'rhomboid', width: 46, height: 30 },
  PstnGateway: { shape: 'triangle', width: 40, height: 34 },
  Other: { shape: 'ellipse', width: 36, height: 30 },
};

/**
 * `large`: a big deployment, drawn for speed — straight edges (bezier bundling of thousands of
 * edges is the costliest part of cytoscape's drawing) and no label backgrounds.
 */
export function buildStylesheet(p: Palette, { large }: { large: boolean }): StylesheetJson {
  const kindRules: StylesheetJson = (Object.keys(POOL_SHAPES) as PoolKind[]).map((kind) => ({
    selector: `node.kind-${kind}`,
    style: {
      shape: POOL_SHAPES[kind].shape,
      width: POOL_SHAPES[kind].width,
      height: POOL_SHAPES[kind].height,
      'background-color': p.pool[kind],
    },
  }));

  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': FONT_STACK,
        color: p.text,
        // Labels smaller than this on screen are skipped: keeps thousands of pools fast when zoomed out.
        'min-zoomed-font-size': 6,
      },
    },
    {
      selector: 'node.site',
      style: {
        // Cytoscape's types know compound shapes only by the old spelling.
        shape: 'roundrectangle',
        'background-color': p.siteFill,
        'border-width': 1,
        'border-color': p.siteBorder,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -6,
        'font-size': 16,
        'font-weight': 600,
        padding: '28px',
        'corner-radius': '8px',
      },
    },
    {
      selector: 'node.pool',
      style: {
        'text-wrap': 'wrap',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 5,
        'font-size': 14,
        'line-height': 1.3,
        'text-background-color': p.labelBackground,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'border-width': 1,
        'border-color': p.canvas,
      },
    },
    ...kindRules,
    { selector: 'node.cms-active', style: { 'border-width': 3, 'border-color': p.relation.cmsActive } },
    { selector: 'node.cms-standby', style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': p.relation.cmsStandby } },
    { selector: 'node.sip-federation', style: { 'border-width': 3, 'border-color': p.relation.sipFederationRoute } },
    {
      selector: 'node.xmpp-federation',
      style: { 'outline-width': 2.5, 'outline-offset': 2, 'outline-color': p.relation.xmppFederationRoute },
    },

    {
      selector: 'edge.rel',
      style: {
        'curve-style': 'bezier',
        width: 1.5,
        'arrow-scale': 0.9,
        'target-arrow-shape': 'triangle',
        'line-color': p.relation.backEnd,
        'target-arrow-color': p.relation.backEnd,
        'source-arrow-color': p.relation.backEnd,
      },
    },
    {
      selector: 'edge.edgeNextHop',
      style: { width: 3, 'line-color': p.relation.edgeNextHop, 'target-arrow-color': p.relation.edgeNextHop },
    },
    {
      selector: 'edge.mediaEdge',
      style: {
        width: 2,
        'line-style': 'dashed',
        'line-dash-pattern': [7, 4],
        'line-color': p.relation.mediaEdge,
        'target-arrow-color': p.relation.mediaEdge,
        'target-arrow-shape': 'vee',
      },
    },
    {
      selector: 'edge.backupPool',
      style: {
        width: 2.5,
        'line-style': 'dotted',
        'line-color': p.relation.backupPool,
        'target-arrow-color': p.relation.backupPool,
        'source-arrow-color': p.relation.backupPool,
        'target-arrow-shape': 'none',
      },
    },
    { selector: 'edge.backupPool.forward', style: { 'target-arrow-shape': 'triangle' } },
    { selector: 'edge.backupPool.reverse', style: { 'source-arrow-shape': 'triangle' } },
    {
      selector: 'edge.sipFederationRoute, edge.xmppFederationRoute',
      style: { width: 2.5 },
    },
    {
      selector: 'edge.sipFederationRoute',
      style: { 'line-color': p.relation.sipFederationRoute, 'target-arrow-color': p.relation.sipFederationRoute },
    },
    {
      selector: 'edge.xmppFederationRoute',
      style: {
        'line-color': p.relation.xmppFederationRoute,
        'target-arrow-color': p.relation.xmppFederationRoute,
        'line-style': 'dashed',
        'line-dash-pattern': [10, 3, 2, 3],
      },
    },
    {
      selector: 'edge.cmsActive',
      style: { width: 2, 'line-color': p.relation.cmsActive, 'target-arrow-color': p.relation.cmsActive },
    },
    {
      selector: 'edge.cmsStandby',
      style: {
        width: 2,
        'line-style': 'dashed',
        'line-color': p.relation.cmsStandby,
        'target-arrow-color': p.relation.cmsStandby,
      },
    },
    { selector: 'edge.backEnd, edge.chatStore', style: { width: 1, 'arrow-scale': 0.7 } },
    { selector: 'edge.within-site', style: { display: 'none' } },
    {
      selector: 'edge.failedOverTo',
      style: {
        width: 3,
        'line-style': 'dashed',
        'line-color': p.relation.failedOverTo,
        'target-arrow-color': p.relation.failedOverTo,
      },
    },

    // What-if marks: after the kind and role styles, so a down pool reads as down whatever it is.
    {
      selector: 'node.pool.down',
      style: {
        'background-color': p.down.fill,
        'border-width': 3,
        'border-style': 'dashed',
        'border-color': p.down.border,
        color: p.down.text,
        'font-weight': 600,
      },
    },
    {
      selector: 'node.site.down',
      style: {
        'background-color': p.down.siteFill,
        'border-width': 3,
        'border-style': 'dashed',
        'border-color': p.down.border,
        color: p.down.text,
      },
    },
    {
      selector: 'edge.proposed',
      style: {
        'underlay-color': p.proposed,
        'underlay-opacity': 0.3,
        'underlay-padding': 5,
        label: 'data(label)',
        'font-family': FONT_STACK,
        'font-size': 11,
        'font-weight': 700,
        color: p.proposed,
        'text-rotation': 'autorotate',
        'text-background-color': p.labelBackground,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
      },
    },
    { selector: 'edge.edgeNextHop', style: { 'arrow-scale': 1.3 } },

    ...(large
      ? [
          { selector: 'edge.rel', style: { 'curve-style': 'straight' as const } },
          { selector: 'node.pool', style: { 'text-background-opacity': 0 } },
        ]
      : []),

    // A comparison with another snapshot: before the highlights, so a selected element still reads as selected.
    ...diffStylesheet(p, FONT_STACK),

    // Blast radius and selection come last so they win over kind styles.
    { selector: 'node.pool.dimmed, edge.dimmed', style: { opacity: 0.15 } },
    // What the scenario changed stays in sight whatever else is highlighted.
    { selector: 'edge.proposed.dimmed', style: { opacity: 0.5 } },
    // A compound's opacity would also fade its children, so a dimmed site fades only its own box.
    {
      selector: 'node.site.dimmed',
      style: { 'background-opacity': 0.4, 'border-opacity': 0.4, 'text-opacity': 0.45 },
    },
    {
      selector: 'node.pool.blast',
      style: {
        'underlay-color': p.blast,
        'underlay-opacity': 0.35,
        'underlay-padding': 6,
        'underlay-shape': 'round-rectangle',
      },
    },
    { selector: 'node.site.blast', style: { 'border-width': 3, 'border-color': p.blast } },
    { selector: 'edge.blast', style: { 'z-index': 10 } },
    {
      selector: 'node.pool.selected',
      style: {
        'underlay-color': p.selection,
        'underlay-opacity': 0.45,
        'underlay-padding': 8,
        'underlay-shape': 'round-rectangle',
        'font-weight': 700,
      },
    },
    { selector: 'node.site.selected', style: { 'border-width': 3, 'border-color': p.selection } },
    {
      selector: 'node.pool.finding-focus',
      style: {
        'underlay-color': p.findingFocus,
        'underlay-opacity': 0.7,
        'underlay-padding': 10,
        'underlay-shape': 'round-rectangle',
      },
    },
    { selector: 'node.site.finding-focus', style: { 'border-width': 4, 'border-color': p.findingFocus } },
    { selector: 'edge.finding-focus', style: { 'underlay-color': p.findingFocus, 'underlay-opacity': 0.7, 'underlay-padding': 6, 'z-index': 15 } },
    {
      selector: 'edge.selected',
      style: {
        width: 5,
        'line-color': p.selection,
        'target-arrow-color': p.selection,
        'source-arrow-color': p.selection,
        'z-index': 20,
      },
    },
    // The grab handle of a selected next hop: its arrow head, drawn large.
    { selector: 'edge.edgeNextHop.selected', style: { 'arrow-scale': 2 } },

    // Dragging a next hop (graph/next-hop-drag.ts): last, so nothing hides where it may be dropped.
    // Faded, and without the blast-radius halo: only where it may go stands out.
    { selector: 'node.pool.drop-invalid', style: { opacity: 0.25, 'underlay-opacity': 0 } },
    {
      selector: 'node.pool.drop-valid',
      style: {
        opacity: 1,
        'underlay-color': p.dropValid,
        'underlay-opacity': 0.4,
        'underlay-padding': 10,
        'underlay-shape': 'round-rectangle',
      },
    },
    { selector: 'node.pool.drop-valid.drop-hover', style: { 'underlay-opacity': 0.75, 'underlay-padding': 14 } },
    { selector: 'edge.drag-source', style: { opacity: 0.2 } },
    { selector: 'node.drag-ghost', style: { width: 1, height: 1, opacity: 0, label: '', events: 'no' } },
    {
      selector: 'edge.drag-ghost-edge',
      style: {
        events: 'no',
        'curve-style': 'straight',
        width: 3,
        'line-style': 'dashed',
        'line-color': p.selection,
        'target-arrow-shape': 'triangle',
        'target-arrow-color': p.selection,
        'arrow-scale': 1.5,
        'z-index': 30,
      },
    },
  ];
}
