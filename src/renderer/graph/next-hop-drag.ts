/**
 * Drag to reassign an Edge pool's next hop: the admin grabs the arrow end of a next-hop edge and
 * drops it on another pool. Cytoscape cannot drag an edge's end, so this draws the drag itself: a
 * dashed "ghost" edge from the Edge pool to an invisible node that follows the pointer, the pools
 * it may be dropped on highlighted (`drop-valid`) and the rest faded (`drop-invalid`), and a tooltip
 * that says, for the pool under the pointer, what dropping there would mean or why it cannot.
 * Dropping on a valid pool hands the choice to `drop`; anywhere else (or Escape) changes nothing.
 * Node dragging is untouched: only a press on the target half of a next-hop edge starts this.
 */
import type { Core, EdgeSingular, EventObject, NodeSingular, Position } from 'cytoscape';
import type { NextHopTarget } from '../../shared/rules/next-hop';
import { dropFeedback } from '../whatif/drop-feedback';

export interface NextHopDragHooks {
  /** Every pool as a next hop for `edgePool` (rules' nextHopTargets); undefined when there is nothing to drag. */
  targets(edgePool: string): NextHopTarget[] | undefined;
  drop(edgePool: string, nextHop: string): void;
  /** The drag ended without a change; `why` says so in words. */
  cancelled(why: string): void;
  /** A positioned element inside the graph's wrapper, for the pointer's tooltip. */
  tooltip: HTMLElement;
}

const GHOST = '__next-hop-drag-ghost';
const GHOST_EDGE = '__next-hop-drag-ghost-edge';
/** Rendered pixels the pointer must move before a press on the edge becomes a drag (a click selects it). */
const START_DISTANCE = 6;
const TOOLTIP_OFFSET = 16;
/** How far (model units) from a pool's centre its label may reach. */
const LABEL_REACH = 160;

interface Drag {
  edge: EdgeSingular;
  edgePool: string;
  start: Position;
  targets: Map<string, NextHopTarget>;
  validIds: string[];
  /** Past the start distance: the ghost is drawn. */
  active: boolean;
  /** Ended by Escape while the button is still down: wait for the release. */
  cancelled: boolean;
  hover: string | undefined;
  panning: boolean;
}

const distance = (a: Position, b: Position) => Math.hypot(a.x - b.x, a.y - b.y);

/** A press nearer the arrow end than the tail grabs the end; the rest of the edge stays a plain click target. */
function nearTargetEnd(edge: EdgeSingular, at: Position): boolean {
  return distance(at, edge.renderedTargetEndpoint()) <= distance(at, edge.renderedSourceEndpoint());
}

export function attachNextHopDrag(cy: Core, hooks: NextHopDragHooks): () => void {
  let drag: Drag | null = null;
  const container = cy.container()!;

  /** The pool the pointer is over: its shape, or for a pool it may be dropped on, its label too. */
  const poolUnder = (e: EventObject, d: Drag): string | undefined => {
    const ele = (e.target === cy ? undefined : e.target) as NodeSingular | EdgeSingular | undefined;
    if (ele?.isNode() && ele.hasClass('pool')) return ele.id() === d.edgePool ? undefined : ele.id();
    const p = e.renderedPosition;
    for (const id of d.validIds) {
      const node = cy.getElementById(id);
      // A cheap distance check first: a large deployment has a thousand registrars to look through.
      if (distance(node.position(), e.position) > LABEL_REACH) continue;
      const box = node.renderedBoundingBox({ includeLabels: true });
      if (p.x >= box.x1 && p.x <= box.x2 && p.y >= box.y1 && p.y <= box.y2) return id;
    }
    return undefined;
  };

  const showTooltip = (d: Drag, at: Position) => {
    const feedback = dropFeedback(d.edgePool, d.hover === undefined ? undefined : d.targets.get(d.hover));
    const tip = hooks.tooltip;
    if (tip.textContent !== feedback.text) tip.textContent = feedback.text;
    tip.classList.toggle('valid', feedback.valid);
    tip.classList.toggle('invalid', !feedback.valid);
    tip.hidden = false;
    // Above the pointer, where it hides no pool's label (labels sit below their pools); kept inside
    // the canvas by flipping left near the right edge and below near the top.
    const flipX = at.x + TOOLTIP_OFFSET + tip.offsetWidth > cy.width();
    const flipY = at.y - TOOLTIP_OFFSET - tip.offsetHeight < 0;
    tip.style.left = `${flipX ? Math.max(0, at.x - TOOLTIP_OFFSET - tip.offsetWidth) : at.x + TOOLTIP_OFFSET}px`;
    tip.style.top = `${flipY ? at.y + TOOLTIP_OFFSET : at.y - TOOLTIP_OFFSET - tip.offsetHeight}px`;
  };

  const activate = (d: Drag, at: Position) => {
    d.active = true;
    cy.batch(() => {
      cy.add([
        { group: 'nodes', data: { id: GHOST }, position: at, classes: 'drag-ghost' },
        { group: 'edges', data: { id: GHOST_EDGE, source: d.edgePool, target: GHOST }, classes: 'drag-ghost-edge' },
      ]);
      d.edge.addClass('drag-source');
      cy.nodes('.pool').forEach((n) => {
        if (n.id() === d.edgePool) return;
        n.addClass(d.targets.get(n.id())?.valid ? 'drop-valid' : 'drop-invalid');
      });
    });
    container.style.cursor = 'grabbing';
  };

  /** Takes the drag's drawing off the graph. */
  const clear = (d: Drag) => {
    cy.batch(() => {
      cy.remove(cy.getElementById(GHOST_EDGE).union(cy.getElementById(GHOST)));
      d.edge.removeClass('drag-source');
      cy.nodes('.drop-valid, .drop-invalid, .drop-hover').removeClass('drop-valid drop-invalid drop-hover');
    });
    hooks.tooltip.hidden = true;
    container.style.cursor = '';
  };

  /** Ends the drag once the button is released, giving panning back. */
  const end = (d: Drag) => {
    cy.userPanningEnabled(d.panning);
    window.removeEventListener('keydown', onKey, true);
    drag = null;
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !drag || drag.cancelled) return;
    e.preventDefault();
    e.stopPropagation();
    if (drag.active) {
      clear(drag);
      hooks.cancelled(`Next hop of ${drag.edgePool} not changed.`);
    }
    drag.cancelled = true;
  };

  const onStart = (e: EventObject) => {
    const edge = e.target as EdgeSingular;
    if (drag || !nearTargetEnd(edge, e.renderedPosition)) return;
    const edgePool = edge.source().id();
    const targets = hooks.targets(edgePool);
    if (!targets) return;
    drag = {
      edge,
      edgePool,
      start: e.renderedPosition,
      targets: new Map(targets.map((t) => [t.pool, t])),
      validIds: targets.filter((t) => t.valid).map((t) => t.pool),
      active: false,
      cancelled: false,
      hover: undefined,
      panning: cy.userPanningEnabled(),
    };
    // The press is on an edge, which cytoscape would otherwise pan the view with.
    cy.userPanningEnabled(false);
    window.addEventListener('keydown', onKey, true);
  };

  const onMove = (e: EventObject) => {
    const d = drag;
    if (!d || d.cancelled) return;
    if (!d.active) {
      if (distance(e.renderedPosition, d.start) < START_DISTANCE) return;
      activate(d, e.position);
    }
    cy.getElementById(GHOST).position(e.position);
    const hover = poolUnder(e, d);
    if (hover !== d.hover) {
      if (d.hover !== undefined) cy.getElementById(d.hover).removeClass('drop-hover');
      if (hover !== undefined) cy.getElementById(hover).addClass('drop-hover');
      d.hover = hover;
    }
    showTooltip(d, e.renderedPosition);
  };

  const onEnd = (e: EventObject) => {
    const d = drag;
    if (!d) return;
    if (!d.active || d.cancelled) {
      end(d);
      return;
    }
    const pool = poolUnder(e, d);
    const target = pool === undefined ? undefined : d.targets.get(pool);
    clear(d);
    end(d);
    if (target?.valid) hooks.drop(d.edgePool, target.pool);
    else if (target) hooks.cancelled(`Next hop of ${d.edgePool} not changed: ${dropFeedback(d.edgePool, target).text.replace(/^✕ /, '')}`);
    else hooks.cancelled(`Next hop of ${d.edgePool} not changed: dropped outside a pool.`);
  };

  // Hovering the arrow half of a next-hop edge shows that it can be grabbed.
  const onHover = (e: EventObject) => {
    if (!drag) container.style.cursor = nearTargetEnd(e.target as EdgeSingular, e.renderedPosition) ? 'grab' : '';
  };
  const onLeave = () => {
    if (!drag) container.style.cursor = '';
  };

  cy.on('tapstart', 'edge.edgeNextHop', onStart);
  cy.on('tapdrag', onMove);
  cy.on('tapend', onEnd);
  cy.on('mousemove', 'edge.edgeNextHop', onHover);
  cy.on('mouseout', 'edge.edgeNextHop', onLeave);
  return () => {
    if (drag) {
      if (drag.active) clear(drag);
      end(drag);
    }
    cy.off('tapstart', 'edge.edgeNextHop', onStart);
    cy.off('tapdrag', onMove);
    cy.off('tapend', onEnd);
    cy.off('mousemove', 'edge.edgeNextHop', onHover);
    cy.off('mouseout', 'edge.edgeNextHop', onLeave);
  };
}
