/**
 * How a comparison looks on the graph (classes set by apply-diff-marks.ts). Each mark has its own
 * colour and its own line or border style, so it reads without colour too: added is drawn thick
 * with a double border, removed dashed and labelled "before", changed with a solid ring.
 * Placed before the blast-radius and selection rules, so a selected element still reads as selected.
 */
import type { StylesheetJson } from 'cytoscape';
import type { Palette } from '../../shared/graph/palette';

/** `fontFamily`: the graph's (style.ts passes its own, which keeps this module free of an import cycle). */
export function diffStylesheet(p: Palette, fontFamily: string): StylesheetJson {
  const halo = (color: string) => ({
    'underlay-color': color,
    'underlay-opacity': 0.45,
    'underlay-padding': 9,
    'underlay-shape': 'round-rectangle' as const,
    'border-width': 3,
    'border-color': color,
  });
  const line = (color: string) => ({
    width: 4.5,
    'line-color': color,
    'target-arrow-color': color,
    'source-arrow-color': color,
    'underlay-color': color,
    'underlay-opacity': 0.25,
    'underlay-padding': 4,
    'z-index': 12,
  });
  return [
    { selector: 'node.pool.diff-added', style: { ...halo(p.diff.added), 'border-style': 'double', 'border-width': 5 } },
    { selector: 'node.pool.diff-removed', style: { ...halo(p.diff.removed), 'border-style': 'dashed' } },
    { selector: 'node.pool.diff-changed', style: halo(p.diff.changed) },
    { selector: 'edge.diff-added', style: line(p.diff.added) },
    { selector: 'edge.diff-removed', style: { ...line(p.diff.removed), 'line-style': 'dashed', 'line-dash-pattern': [8, 5] } },
    { selector: 'edge.diff-changed', style: line(p.diff.changed) },
    {
      // An edge only the other snapshot has: between the pools on screen, labelled with when it was there.
      selector: 'edge.diff-ghost',
      style: {
        events: 'no',
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-family': fontFamily,
        'font-size': 11,
        'font-weight': 700,
        'text-rotation': 'autorotate',
        'text-background-color': p.labelBackground,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
      },
    },
    { selector: 'edge.diff-ghost.diff-removed', style: { color: p.diff.removed } },
    { selector: 'edge.diff-ghost.diff-added', style: { color: p.diff.added } },
  ];
}
