/**
 * The What-if tab: what is marked down, the proposed changes in the order they would run (each in
 * the admin's words, removable), undo/redo of every edit, the actions for the selected element, and
 * what validation finds.
 */
import { useShallow } from 'zustand/react/shallow';
import { describeChange } from '../../shared/scenario/describe';
import type { Finding, Severity } from '../../shared/rules/types';
import { nextHopCommand } from '../../shared/rules/next-hop-command';
import type { Deployment } from '../../shared/model/types';
import type { ScenarioChange } from '../../shared/scenario/types';
import { useAppStore } from '../store/store';
import { describeDown, nodeOfComponent } from '../../shared/scenario/down-marks';
import { elementLabel } from '../whatif/element-label';
import { proposalsFor } from '../whatif/proposals';
import { FindingsList, SEVERITIES } from './FindingsList';
import { ElementLink } from './ElementLink';
import { ProposeActions } from './ProposeActions';
import { SeverityIcon } from './SeverityIcon';

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { blocker: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** "1 blocker, 2 warnings, no notes": the summary a screen reader hears. */
export function findingsSummary(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  return SEVERITIES.map(({ severity, one, many }) => {
    const n = counts[severity];
    return n === 0 ? `no ${many}` : `${n} ${n === 1 ? one : many}`;
  }).join(', ');
}

/** The command a next-hop change takes, shown under it; none when a pool is missing. */
function changeCommand(d: Deployment, change: ScenarioChange): string | undefined {
  if (change.kind !== 'reassignNextHop') return undefined;
  try {
    const action = nextHopCommand(d, change.edgePool, change.nextHop);
    return action.kind === 'cmdlet' ? action.command : 'Topology Builder: Edit Properties of the Edge pool → Next hop pool → publish';
  } catch {
    return undefined;
  }
}

export function WhatIfPanel() {
  const { deployment, scenario, findings, canUndo, canRedo, undo, redo, selectedId, setComponentDown, removeChange, onDiagrams, setOnDiagrams } = useAppStore(
    useShallow((s) => ({
      deployment: s.deployment,
      scenario: s.scenario,
      findings: s.findings,
      canUndo: s.past.length > 0,
      canRedo: s.future.length > 0,
      undo: s.undoScenario,
      redo: s.redoScenario,
      selectedId: s.selectedId,
      setComponentDown: s.setComponentDown,
      removeChange: s.removeScenarioChange,
      onDiagrams: s.whatIfOnDiagrams,
      setOnDiagrams: s.setWhatIfOnDiagrams,
    })),
  );
  if (!deployment) return <p className="muted panel">No deployment open.</p>;
  const counts = countBySeverity(findings);
  const empty = scenario.down.length === 0 && scenario.changes.length === 0;

  return (
    <section className="panel whatif" aria-labelledby="whatif-heading" data-testid="whatif-panel">
      <header className="whatif-head">
        <h2 id="whatif-heading">What-if</h2>
        <div className="whatif-history" role="group" aria-label="Undo and redo">
          <button type="button" className="button small" data-testid="whatif-undo" disabled={!canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)" onClick={undo}>
            <span aria-hidden="true">↶ </span>Undo
          </button>
          <button type="button" className="button small" data-testid="whatif-redo" disabled={!canRedo} aria-keyshortcuts="Control+Y" title="Redo (Ctrl+Y)" onClick={redo}>
            <span aria-hidden="true">↷ </span>Redo
          </button>
        </div>
      </header>

      <p className="whatif-summary" role="status" data-testid="whatif-summary" aria-label={`Findings: ${findingsSummary(findings)}`}>
        {SEVERITIES.map(({ severity, one, many }) => (
          <span key={severity} className={`summary-item severity-${severity}${counts[severity] === 0 ? ' zero' : ''}`}>
            <SeverityIcon severity={severity} />
            {counts[severity]} {counts[severity] === 1 ? one : many}
          </span>
        ))}
      </p>

      {selectedId && proposalsFor(deployment, scenario, selectedId).length > 0 && (
        <div className="whatif-selected">
          <p className="whatif-selected-name">
            Selected: <strong>{elementLabel(deployment, selectedId)}</strong>
          </p>
          <ProposeActions elementId={selectedId} compact />
        </div>
      )}

      {empty && (
        <p className="muted whatif-empty" data-testid="whatif-empty">
          Nothing is marked down and no change is proposed. To ask “what if”: right-click a pool or site in the graph (or select it
          and press D) to mark it down, then propose what you would do from its actions — or drag an Edge pool’s next-hop arrow onto
          another pool.
        </p>
      )}

      {scenario.down.length > 0 && (
        <>
          <h3>Marked down</h3>
          <ul className="plain down-list" data-testid="down-list">
            {scenario.down.map((c) => {
              const node = nodeOfComponent(deployment, c);
              const name = describeDown(deployment, c);
              return (
                <li key={`${c.kind}:${name}`} className="down-row">
                  <span className="down-mark" aria-hidden="true">
                    ✕
                  </span>
                  {node ? <ElementLink id={node}>{name}</ElementLink> : <span>{name}</span>}
                  <button type="button" className="button small" aria-label={`Mark up: ${name}`} onClick={() => setComponentDown(c, false)}>
                    Mark up
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}

      {scenario.changes.length > 0 && (
        <>
          <h3>Proposed changes, in the order they would run</h3>
          <ol className="change-list" data-testid="change-list">
            {scenario.changes.map((change, i) => {
              const text = describeChange(change);
              const blockers = findings.filter((f) => f.change === i && f.severity === 'blocker').length;
              const command = changeCommand(deployment, change);
              return (
                <li key={`${i} ${text}`} className="change-row" data-testid="scenario-change">
                  <span className="change-text">{text}</span>
                  {blockers > 0 && (
                    <span className="change-blocked">
                      <SeverityIcon severity="blocker" size={12} />
                      {blockers === 1 ? 'blocked' : `${blockers} blockers`}
                    </span>
                  )}
                  <button type="button" className="button small" data-testid="remove-change" aria-label={`Remove change ${i + 1}: ${text}`} onClick={() => removeChange(i)}>
                    Remove
                  </button>
                  {command && <code className="change-command">{command}</code>}
                </li>
              );
            })}
          </ol>
        </>
      )}

      {!empty && (
        <label className="whatif-on-diagrams" title="The draw.io and SVG exports draw this what-if over the deployment as its own layer (down frames, relations added and removed, the changes in order)">
          <input type="checkbox" data-testid="whatif-on-diagrams" checked={onDiagrams} onChange={(e) => setOnDiagrams(e.target.checked)} />
          Draw this what-if on diagram exports (draw.io, SVG)
        </label>
      )}

      {!empty && (
        <>
          <h3 className="findings-heading">Findings</h3>
          <FindingsList />
        </>
      )}
    </section>
  );
}
