/**
 * The deployment graph. Cytoscape is created once and owned here; the store is the source of truth,
 * and each effect below pushes one part of it (elements, layout, highlight, viewport) into cytoscape.
 * Graph events go the other way only as store actions. In a what-if the graph shows the deployment
 * as the scenario's changes leave it, with what is down marked; a right-click (or Shift+F10) opens
 * the element's what-if actions, and a next hop's arrow can be dragged onto another pool.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useShallow } from 'zustand/react/shallow';
import { blastRadius } from '../../shared/model/blast-radius';
import type { Positions } from '../../shared/ipc/contract';
import { useAppStore } from '../store/store';
import { savePositions } from '../store/actions';
import { buildElements } from './elements';
import { buildStylesheet } from './style';
import { paletteFor } from '../../shared/graph/palette';
import { useTheme } from './use-theme';
import { isLargeGraph, packBlocks, planLayout, SITE_PACK_GAP, sitesPerRow, type LayoutPlan } from './layout';
import { poolOrder, stepPool } from './pool-order';
import { setGraphHandle } from './graph-handle';
import { syncElements } from './sync-elements';
import { attachNextHopDrag } from './next-hop-drag';
import { ContextMenu, type ContextMenuRequest } from './ContextMenu';
import { ChangeNotice } from '../panels/ChangeNotice';
import { whatIfOverlay } from '../whatif/overlay';
import { nextHopTargets } from '../../shared/rules/next-hop';
import { relationEdgeId } from '../../shared/model/graph-ids';
import { applyDiffMarks } from '../discovery/apply-diff-marks';
import { useDiffMarks } from '../discovery/use-comparison';

cytoscape.use(fcose);

export const GRAPH_SHOWN_MARK = 'poolpilot:graph-shown';
const POSITIONS_SAVE_DELAY_MS = 800;

const MARKS = ['selected', 'blast', 'dimmed', 'finding-focus'] as const;
type Mark = (typeof MARKS)[number];
const FIT_PADDING = 40;
const MAX_FIT_ZOOM = 1.25;

/** Renderer switches for big graphs. Cytoscape reads them on every frame but only takes them at start-up as options. */
function tuneForSize(cy: Core, large: boolean): void {
  const renderer = (cy as unknown as { renderer(): { hideEdgesOnViewport: boolean; textureOnViewport: boolean } }).renderer();
  renderer.hideEdgesOnViewport = large;
  renderer.textureOnViewport = large;
}

/**
 * `npm run bench` times a deployment's render up to this mark (see bench/render.ts); the store
 * learns it too, which ends the open's progress bar.
 */
function markGraphShown(openSeq: number): void {
  performance.mark(GRAPH_SHOWN_MARK);
  useAppStore.getState().graphDrawn(openSeq);
}

/** Fits the whole graph in view, but never blows a small deployment up past a readable size. */
function fitAll(cy: Core): void {
  cy.fit(undefined, FIT_PADDING);
  if (cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM);
    cy.center();
  }
}

/** Closes the lanes fcose leaves between sites (see packBlocks), moving each top-level site with all it holds. */
function packSites(cy: Core): void {
  const roots = cy.nodes('.site').filter((n) => n.isParent() && n.parent().empty());
  if (roots.length < 2) return;
  const shifts = packBlocks(
    roots.map((r) => r.boundingBox()),
    sitesPerRow(roots.length),
    SITE_PACK_GAP,
  );
  cy.batch(() => {
    roots.forEach((root, i) => {
      const { dx, dy } = shifts[i]!;
      root.descendants().filter((n) => !n.isParent()).shift({ x: dx, y: dy });
    });
  });
}

function poolPositions(cy: Core): Positions {
  const positions: Positions = {};
  cy.nodes('.pool').forEach((n) => {
    const { x, y } = n.position();
    positions[n.id()] = { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
  });
  return positions;
}

/** The pools' positions, and the empty sites' (a site holding pools is drawn around them). */
function nodePositions(cy: Core): Positions {
  const positions = poolPositions(cy);
  cy.nodes('.site').forEach((n) => {
    if (n.isParent()) return;
    const { x, y } = n.position();
    positions[n.id()] = { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
  });
  return positions;
}

export function GraphView() {
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const saveTimer = useRef<number | undefined>(undefined);
  /** The openSeq of the deployment cytoscape shows. */
  const shownSeq = useRef(0);
  /** Whether the graph on screen is drawn in large-graph mode. */
  const largeRef = useRef(false);
  const theme = useTheme();
  // The theme as of now, for the PNG export's restyle-and-back inside a callback made at creation.
  const currentTheme = useRef(theme);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<ContextMenuRequest | null>(null);
  const { deployment, baseRelations, shown, relations, down, openSeq, opening, selectedId, blastOn, focusRequest, findingFocus } = useAppStore(
    useShallow((s) => ({
      deployment: s.deployment,
      baseRelations: s.relations,
      // The deployment as the what-if scenario leaves it: what the graph draws.
      shown: s.shown,
      relations: s.shownRelations,
      down: s.scenario.down,
      openSeq: s.openSeq,
      opening: s.opening,
      selectedId: s.selectedId,
      blastOn: s.blastOn,
      focusRequest: s.focusRequest,
      findingFocus: s.findingFocus,
    })),
  );
  const elements = useMemo(
    () => (deployment && shown ? buildElements(shown, relations, whatIfOverlay(deployment, baseRelations, relations, down)) : []),
    [deployment, shown, baseRelations, relations, down],
  );
  const order = useMemo(() => (deployment ? poolOrder(deployment) : []), [deployment]);
  const diffMarks = useDiffMarks();

  // Saves pool positions for the topology on screen, once the admin stops moving things.
  const schedulePositionsSave = () => {
    window.clearTimeout(saveTimer.current);
    const key = useAppStore.getState().positionsKey;
    saveTimer.current = window.setTimeout(() => {
      const cy = cyRef.current;
      // Another topology opened meanwhile: these positions are not its.
      if (!cy || !key || useAppStore.getState().positionsKey !== key) return;
      void savePositions(key, poolPositions(cy));
    }, POSITIONS_SAVE_DELAY_MS);
  };

  const stylesheet = () => buildStylesheet(paletteFor(currentTheme.current), { large: largeRef.current });

  /** Runs the layout plan's refinement (fcose) if it has one; fits the view and saves positions after. */
  const finishLayout = (cy: Core, plan: LayoutPlan, fromSaved: boolean) => {
    // The deployment this layout is for: another may be opened before an asynchronous layout stops.
    const seq = shownSeq.current;
    if (plan.refine) {
      const layout = cy.layout(plan.refine);
      layout.one('layoutstop', () => {
        packSites(cy);
        fitAll(cy);
        schedulePositionsSave();
        markGraphShown(seq);
      });
      layout.run();
      return;
    }
    fitAll(cy);
    if (!fromSaved) schedulePositionsSave();
    markGraphShown(seq);
  };

  /**
   * A newly opened deployment replaces the graph wholesale, each pool added where the layout plan
   * puts it: adding 2000 nodes in place is far cheaper than adding them and then moving them.
   */
  const showNewDeployment = (cy: Core, next: ElementDefinition[]) => {
    const { deployment: d, savedPositions } = useAppStore.getState();
    if (!d) return;
    const plan = planLayout(d, savedPositions);
    const large = isLargeGraph(d.topology.pools.length + d.topology.sites.length);
    if (large !== largeRef.current) {
      largeRef.current = large;
      tuneForSize(cy, large);
      cy.style(stylesheet());
    }
    cy.batch(() => {
      cy.elements().remove();
      cy.add(next.map((e) => (e.group === 'nodes' && plan.start[e.data.id ?? ''] ? { ...e, position: plan.start[e.data.id ?? ''] } : e)));
    });
    finishLayout(cy, plan, plan.start === savedPositions);
  };

  const relayout = () => {
    const cy = cyRef.current;
    const d = useAppStore.getState().deployment;
    if (!cy || !d) return;
    const plan = planLayout(d, null);
    cy.batch(() => {
      cy.nodes('.pool').positions((n: NodeSingular) => plan.start[n.id()] ?? n.position());
    });
    finishLayout(cy, plan, false);
  };

  // Create cytoscape once; destroy it on unmount.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const cy = cytoscape({
      container,
      style: stylesheet(),
      // Selection is the store's (the `selected` class), not cytoscape's own.
      autounselectify: true,
      boxSelectionEnabled: false,
      minZoom: 0.02,
      maxZoom: 4,
    });
    cyRef.current = cy;
    const { select } = useAppStore.getState();
    cy.on('tap', 'node, edge', (e) => select(e.target.id()));
    cy.on('tap', (e) => {
      if (e.target === cy) select(null);
    });
    cy.on('dragfree', 'node', schedulePositionsSave);
    // Right-click: the element's what-if actions, at the pointer.
    cy.on('cxttap', 'node, edge', (e) => {
      const id = e.target.id();
      select(id);
      setMenu({ elementId: id, x: e.renderedPosition.x, y: e.renderedPosition.y });
    });
    cy.on('cxttap', (e) => {
      if (e.target === cy) setMenu(null);
    });
    // Closing the menu when the admin moves the view keeps it from pointing at the wrong element.
    cy.on('dragpan scrollzoom pinchzoom', () => setMenu(null));
    const detachDrag = attachNextHopDrag(cy, {
      tooltip: tooltipRef.current!,
      targets: (edgePool) => {
        const { deployment: d, scenario } = useAppStore.getState();
        return d ? nextHopTargets(d, scenario, edgePool) : undefined;
      },
      drop: (edgePool, nextHop) => {
        const store = useAppStore.getState();
        store.proposeChange({ kind: 'reassignNextHop', edgePool, nextHop });
        // The moved edge is what the admin just did: select it, so it stands out and the inspector shows it.
        store.select(relationEdgeId({ kind: 'edgeNextHop', from: edgePool, to: nextHop }));
      },
      cancelled: (why) => useAppStore.getState().notify(why),
    });
    window.__poolpilot = { cy, store: useAppStore };
    setGraphHandle({
      positions: () => poolPositions(cy),
      nodePositions: () => nodePositions(cy),
      pngBase64: () => {
        // The image goes on white whatever the screen theme, so draw it with the light palette.
        cy.style(buildStylesheet(paletteFor('light'), { large: largeRef.current }));
        try {
          return cy.png({ output: 'base64', full: true, scale: 2, bg: '#ffffff', maxWidth: 16000, maxHeight: 16000 });
        } finally {
          cy.style(stylesheet());
        }
      },
      fit: () => {
        // The container may have just changed size (the Plan tab widens the side panel); cytoscape
        // notices that only after a debounce, so take its size now.
        cy.resize();
        fitAll(cy);
      },
      relayout,
    });
    return () => {
      detachDrag();
      window.clearTimeout(saveTimer.current);
      setGraphHandle(null);
      delete window.__poolpilot;
      cy.destroy();
      cyRef.current = null;
    };
    // Created once: later changes reach cytoscape through the effects below.
  }, []);

  useEffect(() => {
    if (currentTheme.current === theme) return;
    currentTheme.current = theme;
    cyRef.current?.style(stylesheet());
  }, [theme]);

  // Elements: a new deployment is shown afresh and laid out; an edit to the one on screen (state
  // changes: pairing, routes) is applied as a diff by id.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    if (openSeq !== shownSeq.current) {
      shownSeq.current = openSeq;
      showNewDeployment(cy, elements);
    } else {
      syncElements(cy, elements, MARKS);
    }
  }, [elements, openSeq]);

  // A comparison with another snapshot (discovery/): after the elements effect, which drops the
  // classes and ghost edges it does not know, so they are put back on every change.
  useEffect(() => {
    const cy = cyRef.current;
    if (cy) applyDiffMarks(cy, diffMarks);
  }, [elements, openSeq, diffMarks]);

  // Selection and blast radius, as classes: `selected`, `blast` on affected, `dimmed` on the rest.
  // A finding the admin clicked takes their place: `finding-focus` on its elements (and the edges
  // between them), `dimmed` on the rest.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    let markOf: (id: string) => Mark | undefined;
    if (findingFocus) {
      const focus = new Set(findingFocus.elements);
      cy.edges().forEach((e) => {
        if (focus.has(e.source().id()) && focus.has(e.target().id())) focus.add(e.id());
      });
      markOf = (id) => (focus.has(id) ? 'finding-focus' : 'dimmed');
    } else {
      const selected = selectedId !== null && shown && cy.getElementById(selectedId).nonempty() ? selectedId : null;
      const blast = selected !== null && blastOn && shown ? blastRadius(shown, relations, selected) : null;
      const affected = new Set(blast ? [...blast.nodes, ...blast.edges] : []);
      markOf = (id) => (id === selected ? 'selected' : affected.has(id) ? 'blast' : blast ? 'dimmed' : undefined);
    }
    // Only elements whose mark changes are touched: restyling thousands of elements is what would
    // make clicking through a big deployment slow.
    cy.batch(() => {
      cy.elements().forEach((el) => {
        const mark = markOf(el.id());
        for (const cls of MARKS) if (el.hasClass(cls) !== (cls === mark)) el.toggleClass(cls, cls === mark);
      });
    });
  }, [elements, selectedId, blastOn, shown, relations, findingFocus]);

  // Bring a clicked finding's elements into view, without zooming in on a small deployment.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !findingFocus) return;
    let eles = cy.collection();
    for (const id of findingFocus.elements) eles = eles.union(cy.getElementById(id));
    if (eles.empty()) return;
    const box = eles.renderedBoundingBox();
    if (box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height()) return;
    const animate = !isLargeGraph(cy.nodes().length);
    if (box.w > cy.width() || box.h > cy.height()) {
      if (animate) cy.animate({ fit: { eles, padding: 60 } }, { duration: 250 });
      else cy.fit(eles, 60);
    } else if (animate) cy.animate({ center: { eles } }, { duration: 200 });
    else cy.center(eles);
  }, [findingFocus]);

  // Bring a requested element into view: zoom in on it (search), or pan to it only if off screen.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !focusRequest) return;
    const target = cy.getElementById(focusRequest.id);
    if (target.empty()) return;
    const animate = !isLargeGraph(cy.nodes().length);
    const eles = target.isEdge() ? target.union(target.connectedNodes()) : target;
    if (focusRequest.reveal === 'zoom') {
      if (target.isNode() && !target.isParent()) {
        const zoom = Math.max(cy.zoom(), 1.3);
        if (animate) cy.animate({ zoom, center: { eles } }, { duration: 250 });
        else {
          cy.zoom(zoom);
          cy.center(eles);
        }
      } else if (animate) cy.animate({ fit: { eles, padding: 60 } }, { duration: 250 });
      else cy.fit(eles, 60);
      return;
    }
    const box = eles.renderedBoundingBox();
    const onScreen = box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height();
    if (onScreen) return;
    if (animate) cy.animate({ center: { eles } }, { duration: 200 });
    else cy.center(eles);
  }, [focusRequest]);

  /** Opens the what-if menu for the selected element, at its place on the canvas (Shift+F10, the menu key). */
  const openMenuForSelection = () => {
    const cy = cyRef.current;
    const el = selectedId !== null ? cy?.getElementById(selectedId) : undefined;
    if (!cy || !el || el.empty()) return;
    const at = el.isEdge() ? el.renderedMidpoint() : (el as unknown as NodeSingular).renderedPosition();
    setMenu({ elementId: selectedId!, x: at.x, y: at.y });
  };

  // Keyboard: arrows step through pools (wrapping), Tab too but lets focus leave at either end, Escape clears.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const { select } = useAppStore.getState();
    if (e.key === 'Escape') {
      select(null);
      return;
    }
    if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      openMenuForSelection();
      return;
    }
    const forward = e.key === 'ArrowRight' || e.key === 'ArrowDown' || (e.key === 'Tab' && !e.shiftKey);
    const backward = e.key === 'ArrowLeft' || e.key === 'ArrowUp' || (e.key === 'Tab' && e.shiftKey);
    if (!forward && !backward) return;
    const isTab = e.key === 'Tab';
    // With nothing selected, Tab moves on through the page like anywhere else.
    if (isTab && selectedId === null) return;
    const next = stepPool(order, selectedId, forward ? 1 : -1, !isTab);
    if (next === undefined) return;
    e.preventDefault();
    select(next, 'pan');
  };

  return (
    <div className="graph-wrap">
      <div
        ref={containerRef}
        className="graph-canvas"
        tabIndex={0}
        role="application"
        aria-label="Deployment graph. Arrow keys or Tab move between pools, Escape clears the selection, D marks the selected pool or site down or up, Shift+F10 opens its what-if actions."
        aria-describedby="graph-selection-status"
        aria-busy={opening}
        data-testid="graph"
        onKeyDown={onKeyDown}
      />
      <p id="graph-selection-status" className="visually-hidden" aria-live="polite">
        {selectedId ? `Selected ${selectedId}` : 'Nothing selected'}
      </p>
      <div ref={tooltipRef} className="drag-tooltip" data-testid="drag-tooltip" role="status" hidden />
      {menu && (
        <ContextMenu
          request={menu}
          onClose={(refocus) => {
            setMenu(null);
            if (refocus) containerRef.current?.focus();
          }}
        />
      )}
      <ChangeNotice />
    </div>
  );
}
