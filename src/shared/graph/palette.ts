/**
 * Colours of the graph, per theme. The cytoscape stylesheet and the legend both read them, so the
 * legend always shows exactly what the canvas draws.
 */
import type { PoolKind, RelationKind } from '../model/types';

export type Theme = 'light' | 'dark';

export interface Palette {
  canvas: string;
  text: string;
  textMuted: string;
  labelBackground: string;
  siteFill: string;
  siteBorder: string;
  selection: string;
  blast: string;
  /** What-if: a component marked down (grey fill, red dashed border). */
  down: { fill: string; siteFill: string; border: string; text: string };
  /** What-if: an edge the proposed changes drew. */
  proposed: string;
  /** What-if: the elements of the finding the admin clicked. */
  findingFocus: string;
  /** Dragging a next hop: where it may be dropped. */
  dropValid: string;
  /** Comparing with another snapshot (discovery/diff-style.ts): what appeared, went away, changed. */
  diff: { added: string; removed: string; changed: string };
  pool: Record<PoolKind, string>;
  relation: Record<RelationKind, string>;
}

const light: Palette = {
  canvas: '#ffffff',
  text: '#1f2328',
  textMuted: '#57606a',
  labelBackground: '#ffffff',
  siteFill: '#f3f6fa',
  siteBorder: '#aab4c0',
  selection: '#0a64d6',
  blast: '#c2410c',
  down: { fill: '#c3c8cf', siteFill: '#e4e6ea', border: '#cf222e', text: '#a40e26' },
  proposed: '#1a7f37',
  findingFocus: '#f2b600',
  dropValid: '#1a7f37',
  diff: { added: '#1a7f37', removed: '#cf222e', changed: '#8250df' },
  pool: {
    FrontEnd: '#1f6feb',
    Director: '#0e7c86',
    Edge: '#e36d0d',
    SqlBackEnd: '#6b4f2a',
    PersistentChat: '#7c3aed',
    Mediation: '#8b96a3',
    OfficeOnline: '#8b96a3',
    FileStore: '#8b96a3',
    PstnGateway: '#8b96a3',
    Other: '#8b96a3',
  },
  relation: {
    edgeNextHop: '#1f2328',
    mediaEdge: '#e36d0d',
    backupPool: '#1f6feb',
    cmsActive: '#b42318',
    cmsStandby: '#d97706',
    sipFederationRoute: '#0f8a4f',
    xmppFederationRoute: '#9333ea',
    backEnd: '#9aa4b0',
    chatStore: '#9aa4b0',
    failedOverTo: '#d1242f',
  },
};

const dark: Palette = {
  canvas: '#1b1f24',
  text: '#e6edf3',
  textMuted: '#9da7b3',
  labelBackground: '#1b1f24',
  siteFill: '#242a31',
  siteBorder: '#4b5562',
  selection: '#58a6ff',
  blast: '#fb923c',
  down: { fill: '#59616b', siteFill: '#2b2f35', border: '#ff6a69', text: '#ff8e8c' },
  proposed: '#3fb950',
  findingFocus: '#e3b341',
  dropValid: '#3fb950',
  diff: { added: '#3fb950', removed: '#ff6a69', changed: '#c297ff' },
  pool: {
    FrontEnd: '#4493f8',
    Director: '#2fb5c0',
    Edge: '#f08a3c',
    SqlBackEnd: '#b08b5a',
    PersistentChat: '#a78bfa',
    Mediation: '#6e7781',
    OfficeOnline: '#6e7781',
    FileStore: '#6e7781',
    PstnGateway: '#6e7781',
    Other: '#6e7781',
  },
  relation: {
    edgeNextHop: '#e6edf3',
    mediaEdge: '#f08a3c',
    backupPool: '#4493f8',
    cmsActive: '#f47067',
    cmsStandby: '#e0a030',
    sipFederationRoute: '#3fb950',
    xmppFederationRoute: '#c084fc',
    backEnd: '#6e7781',
    chatStore: '#6e7781',
    failedOverTo: '#ff7b72',
  },
};

export function paletteFor(theme: Theme): Palette {
  return theme === 'dark' ? dark : light;
}
