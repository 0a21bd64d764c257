/**
 * The graph's right-click menu: the what-if actions for one element (proposals.ts), at the pointer.
 * A WAI-ARIA menu: focus goes to the first action, arrow keys move, Enter runs, Escape closes and
 * gives focus back to the graph; a click anywhere else closes it.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { runProposal } from '../store/actions';
import { proposalsFor, type Proposal } from '../whatif/proposals';
import { elementLabel } from '../whatif/element-label';

export interface ContextMenuRequest {
  elementId: string;
  /** Where, in pixels inside the graph. */
  x: number;
  y: number;
}

export function ContextMenu({ request, onClose }: { request: ContextMenuRequest; onClose(refocus: boolean): void }) {
  const { deployment, scenario } = useAppStore(useShallow((s) => ({ deployment: s.deployment, scenario: s.scenario })));
  const menuRef = useRef<HTMLUListElement>(null);
  const [place, setPlace] = useState({ left: request.x, top: request.y });
  const proposals = deployment ? proposalsFor(deployment, scenario, request.elementId) : [];
  const title = deployment ? elementLabel(deployment, request.elementId) : request.elementId;

  // Keep the whole menu inside the graph, opening up or left of the pointer near the edges.
  useLayoutEffect(() => {
    const menu = menuRef.current;
    const parent = menu?.offsetParent as HTMLElement | null;
    if (!menu || !parent) return;
    const left = request.x + menu.offsetWidth > parent.clientWidth ? Math.max(0, request.x - menu.offsetWidth) : request.x;
    const top = request.y + menu.offsetHeight > parent.clientHeight ? Math.max(0, request.y - menu.offsetHeight) : request.y;
    setPlace({ left, top });
    menu.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [request]);

  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      if (!menuRef.current?.contains(e.target as Node)) onClose(false);
    };
    window.addEventListener('pointerdown', onPointer, true);
    return () => window.removeEventListener('pointerdown', onPointer, true);
  }, [onClose]);

  const run = (p: Proposal) => {
    // Focus goes back to the graph first: a dialog the action opens returns focus there when it closes.
    onClose(true);
    runProposal(p);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    }
  };

  return (
    <ul
      ref={menuRef}
      className="menu context-menu"
      role="menu"
      aria-label={`What-if actions for ${title}`}
      data-testid="context-menu"
      style={{ left: place.left, top: place.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      <li role="presentation" className="menu-title">
        {title}
      </li>
      {proposals.length === 0 ? (
        <li role="menuitem" aria-disabled="true" tabIndex={-1} className="menu-empty">
          No what-if actions for this
        </li>
      ) : (
        proposals.map((p) => (
          <li
            key={p.id}
            role="menuitem"
            tabIndex={-1}
            data-testid={`menu-${p.id}`}
            className={p.kind === 'down' ? (p.down ? 'menu-down' : 'menu-up') : undefined}
            onClick={() => run(p)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                run(p);
              }
            }}
          >
            <span className="menu-name">{p.label}</span>
            {p.detail && <span className="menu-detail">{p.detail}</span>}
          </li>
        ))
      )}
    </ul>
  );
}
