/**
 * The what-if actions for the selected element, as buttons: the same list the graph's right-click
 * menu shows (proposals.ts). Marking down is set apart from the changes, because it is the disaster
 * being imagined, not something the admin would do.
 */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store';
import { runProposal } from '../store/actions';
import { proposalsFor } from '../whatif/proposals';

/** `compact`: buttons only (the What-if tab); the inspector also shows what each would do. */
export function ProposeActions({ elementId, compact = false }: { elementId: string; compact?: boolean }) {
  const { deployment, scenario } = useAppStore(useShallow((s) => ({ deployment: s.deployment, scenario: s.scenario })));
  const uid = useId();
  if (!deployment) return null;
  const proposals = proposalsFor(deployment, scenario, elementId);
  if (proposals.length === 0) return null;
  const marks = proposals.filter((p) => p.kind === 'down');
  const changes = proposals.filter((p) => p.kind !== 'down');
  return (
    <section className={`propose${compact ? ' compact' : ''}`} aria-label="What-if actions" data-testid="propose-actions">
      {!compact && <h3>What if…</h3>}
      {marks.map((p) => (
        <button
          key={p.id}
          type="button"
          className={`button propose-button ${p.kind === 'down' && p.down ? 'mark-down' : 'mark-up'}`}
          data-testid={`propose-${p.id}`}
          title={p.detail}
          onClick={() => runProposal(p)}
        >
          <span aria-hidden="true">{p.kind === 'down' && p.down ? '✕ ' : '✓ '}</span>
          {p.label}
        </button>
      ))}
      {changes.length > 0 && (
        <>
          {!compact && <h3>Propose</h3>}
          <ul className="plain propose-list">
            {changes.map((p) => (
              <li key={p.id}>
                <button type="button" className="button propose-button" data-testid={`propose-${p.id}`} aria-describedby={`${uid}-${p.id}`} onClick={() => runProposal(p)}>
                  {p.label}
                </button>
                {p.detail && (
                  <span className={compact ? 'visually-hidden' : 'hint'} id={`${uid}-${p.id}`}>
                    {p.detail}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** "Mark down" / "Mark up" for one SQL store (SQL instance), beside it in the inspector. */
export function StoreDownToggle({ instanceId }: { instanceId: string }) {
  const { marked, setComponentDown } = useAppStore(
    useShallow((s) => ({
      marked: s.scenario.down.some((c) => c.kind === 'sqlStore' && c.instanceId.toLowerCase() === instanceId.toLowerCase()),
      setComponentDown: s.setComponentDown,
    })),
  );
  return (
    <button
      type="button"
      className={`button small ${marked ? 'mark-up' : 'mark-down'}`}
      data-testid={`store-${marked ? 'up' : 'down'}-${instanceId}`}
      aria-label={`${marked ? 'Mark up' : 'Mark down'} SQL store ${instanceId}`}
      onClick={() => setComponentDown({ kind: 'sqlStore', instanceId: instanceId.toLowerCase() }, !marked)}
    >
      {marked ? 'Mark up' : 'Mark down'}
    </button>
  );
}
