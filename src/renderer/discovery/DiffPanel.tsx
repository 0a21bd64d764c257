/**
 * A comparison, in a column beside the graph: which two deployments (the older is "before"), every change in a
 * sentence, and the marks the graph carries for them. A change's name shows its pool or site on the
 * graph. Clear, or Escape (once nothing is selected, or from inside the panel), ends it.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { formatTime } from '../panels/source-label';
import { siteNodeId } from '../../shared/model/graph-ids';
import { changeLine, type ComparedSide } from './comparison';
import { useComparisonView } from './use-comparison';
import { graphHandle } from '../graph/graph-handle';
import './discovery.css';

const PANEL_ID = 'diff-panel';
/** Up to this many characters, before and after fit on one line; longer ones (Persistent Chat state) get a line each. */
const INLINE_VALUES = 56;

function typingInField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

function Side({ side }: { side: ComparedSide }) {
  return (
    <>
      <strong>{side.name}</strong>
      {side.takenAt ? ` (taken ${formatTime(new Date(side.takenAt))})` : ''}
      {side.shown ? ' — on screen' : ''}
    </>
  );
}

export function DiffPanel() {
  const view = useComparisonView();
  const { deployment, clear, select } = useAppStore(useShallow((s) => ({ deployment: s.deployment, clear: s.clearComparison, select: s.select })));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shown = view !== null;

  // A new comparison is announced by taking focus to its heading — on the next frame, once the
  // modal dialog it was asked from has closed (the page behind a modal cannot take focus). The
  // panel takes a column from the graph, so the graph is fitted to what is left, and again after.
  useEffect(() => {
    if (!shown) return;
    const frame = requestAnimationFrame(() => {
      headingRef.current?.focus();
      graphHandle()?.fit();
    });
    return () => {
      cancelAnimationFrame(frame);
      requestAnimationFrame(() => graphHandle()?.fit());
    };
  }, [shown]);

  useEffect(() => {
    if (!shown) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]') || typingInField(e.target)) return;
      const inPanel = e.target instanceof Node && document.getElementById(PANEL_ID)?.contains(e.target);
      const s = useAppStore.getState();
      // Elsewhere Escape first clears the selection (the graph's own use of it); the next one ends the comparison.
      if (!inPanel && (s.selectedId !== null || s.findingFocus)) return;
      s.clearComparison();
      if (inPanel) document.querySelector<HTMLElement>('[data-testid="graph"]')?.focus();
    };
    // Capture: seen before the graph clears the selection on the same key press.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [shown]);

  if (!view || !deployment) return null;
  const onGraph = new Set([...deployment.topology.pools.map((p) => p.fqdn), ...deployment.topology.sites.map((s) => siteNodeId(s.id))]);
  const count = view.entries.length;
  return (
    <section id={PANEL_ID} className="diff-panel" role="region" aria-labelledby="diff-heading" data-testid="diff-panel">
      <header className="diff-head">
        <h2 id="diff-heading" ref={headingRef} tabIndex={-1}>
          {count === 0 ? 'No changes' : count === 1 ? '1 change' : `${count} changes`}
        </h2>
        <button type="button" className="button small" onClick={clear} aria-keyshortcuts="Escape" data-testid="diff-clear">
          Clear comparison
        </button>
      </header>
      <p className="diff-sides" data-testid="diff-sides">
        From <Side side={view.before} /> to <Side side={view.after} />.
      </p>
      <ul className="diff-legend" aria-label="How the graph marks them">
        <li>
          <span className="diff-swatch diff-swatch-added" aria-hidden="true" /> added
        </li>
        <li>
          <span className="diff-swatch diff-swatch-removed" aria-hidden="true" /> removed (dashed; a line that went away is drawn as “before”)
        </li>
        <li>
          <span className="diff-swatch diff-swatch-changed" aria-hidden="true" /> changed
        </li>
      </ul>
      {count === 0 ? (
        <p>The two agree on pools, servers, next hops, backup pairs, routes, the CMS and Persistent Chat.</p>
      ) : (
        <ul className="diff-list" data-testid="diff-list">
          {view.entries.map((entry, i) => {
            const line = changeLine(entry, view);
            const target = line.elementId && onGraph.has(line.elementId) ? line.elementId : undefined;
            return (
              <li key={i} data-testid="diff-entry" data-kind={entry.kind}>
                {target ? (
                  <button type="button" className="link diff-what" onClick={() => select(target, 'pan')} aria-label={`${line.what}: show on the graph`}>
                    {line.what}
                  </button>
                ) : (
                  <span className="diff-what">{line.what}</span>
                )}
                {line.before.length + line.after.length <= INLINE_VALUES ? (
                  <span className="diff-values">
                    <span className="diff-before">{line.before}</span>
                    {' → '}
                    <span className="diff-after">{line.after}</span>
                  </span>
                ) : (
                  <dl className="diff-values diff-values-long">
                    <dt>before</dt>
                    <dd className="diff-before">{line.before}</dd>
                    <dt>after</dt>
                    <dd className="diff-after">{line.after}</dd>
                  </dl>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
