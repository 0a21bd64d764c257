/**
 * The what-if choice dialogs, the keyboard (and menu) way to do what dragging does: "Change next
 * hop…" lists the Front End and Director pools, "Change media Edge…" the Edge pools. Those that
 * cannot be chosen stay in the list, marked and explained, and do nothing when activated. A modal
 * <dialog>: focus stays inside, Escape closes, and focus returns where it came from.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { mediaEdgeChoices, nextHopChoices, type ChoiceOption, type Choices } from '../whatif/dialog-options';
import type { DialogRequest } from '../whatif/proposals';
import type { ScenarioChange } from '../../shared/scenario/types';

/** Above this many options the dialog offers a filter box. */
const FILTER_FROM = 8;

function describe(request: DialogRequest): { title: string; intro: string; change: (value: string) => ScenarioChange } {
  if (request.kind === 'nextHop') {
    return {
      title: `Change next hop of ${request.edgePool}`,
      intro:
        'The next hop is the Front End or Director pool this Edge pool forwards remote users, federation and XMPP traffic to (P0). ' +
        'It must be running and not being failed over.',
      change: (value) => ({ kind: 'reassignNextHop', edgePool: request.edgePool, nextHop: value }),
    };
  }
  return {
    title: `Change media Edge of ${request.pool}`,
    intro: `The Edge pool ${request.pool}'s Web Conferencing and A/V Conferencing use with outside users (P6).`,
    change: (value) => ({ kind: 'changeMediaEdge', pool: request.pool, edgePool: value }),
  };
}

export function ProposalDialog() {
  const { request, deployment, scenario, close, proposeChange } = useAppStore(
    useShallow((s) => ({
      request: s.dialog,
      deployment: s.deployment,
      scenario: s.scenario,
      close: s.closeProposalDialog,
      proposeChange: s.proposeChange,
    })),
  );
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [filter, setFilter] = useState('');
  const titleId = useId();

  const choices = useMemo((): Choices | null => {
    if (!request || !deployment) return null;
    try {
      return request.kind === 'nextHop' ? nextHopChoices(deployment, scenario, request.edgePool) : mediaEdgeChoices(deployment, scenario, request.pool);
    } catch {
      return null; // not an Edge pool any more (another deployment opened)
    }
  }, [request, deployment, scenario]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (request && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setFilter('');
      dialog.showModal();
    } else if (!request && dialog.open) {
      dialog.close();
    }
  }, [request]);

  const onClosed = () => {
    if (useAppStore.getState().dialog) close();
    returnFocus.current?.focus();
    returnFocus.current = null;
  };

  const text = request ? describe(request) : null;
  const wanted = filter.trim().toLowerCase();
  const shown = (choices?.options ?? []).filter((o) => wanted === '' || o.label.includes(wanted));
  const choose = (option: ChoiceOption) => {
    if (option.disabled || !text) return;
    proposeChange(text.change(option.value));
    close();
  };

  return (
    <dialog ref={dialogRef} className="proposal-dialog" aria-labelledby={titleId} data-testid="proposal-dialog" onClose={onClosed}>
      {request && text && (
        <>
          <h2 id={titleId}>{text.title}</h2>
          <p className="muted">{text.intro}</p>
          {(choices?.options.length ?? 0) > FILTER_FROM && (
            <input
              type="search"
              className="dialog-filter"
              aria-label="Filter pools"
              placeholder="Filter pools…"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          )}
          {!choices || choices.options.length === 0 ? (
            <p>There is nothing to choose from in this topology.</p>
          ) : (
            <ul className="choices" aria-label="Pools">
              {shown.map((o) => (
                <li key={o.value}>
                  <button
                    type="button"
                    className="choice"
                    data-testid={`choice-${o.value}`}
                    aria-disabled={o.disabled}
                    aria-describedby={`${titleId}-${o.value}`}
                    onClick={() => choose(o)}
                  >
                    <span className="choice-mark" aria-hidden="true">
                      {o.disabled ? '✕' : '→'}
                    </span>
                    <span className="choice-name">{o.label}</span>
                    <span className="choice-detail" id={`${titleId}-${o.value}`}>
                      {o.detail}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {choices && choices.leftOut > 0 && (
            <p className="hint">
              {choices.leftOut} other {choices.leftOut === 1 ? 'pool is' : 'pools are'} not a Front End or Director pool, so cannot be a next hop.
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => close()}>
              Cancel
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
