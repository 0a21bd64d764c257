/**
 * What validation says about the scenario, blockers first: each finding in full with the procedures
 * it cites, the change it is about, a way to see its elements on the graph, and its quick fixes as
 * one-click buttons. Severity is said in words and icons, never by colour alone.
 */
import type { MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Finding, QuickFix, Severity } from '../../shared/rules/types';
import { describeChange } from '../../shared/scenario/describe';
import type { Scenario } from '../../shared/scenario/types';
import { useAppStore } from '../store/store';
import { citedProcedures } from '../whatif/citations';
import { SeverityIcon } from './SeverityIcon';

export const SEVERITIES: Array<{ severity: Severity; label: string; one: string; many: string; heading: string }> = [
  { severity: 'blocker', label: 'Blocker', one: 'blocker', many: 'blockers', heading: 'Blockers' },
  { severity: 'warning', label: 'Warning', one: 'warning', many: 'warnings', heading: 'Warnings' },
  { severity: 'info', label: 'Info', one: 'note', many: 'notes', heading: 'Info' },
];

/** "before change 2", "replaces change 1", "at the end": where a quick fix lands. */
export function fixPlacement(fix: QuickFix, scenario: Scenario): string {
  if (fix.replace) return `replaces change ${fix.at + 1}`;
  return fix.at < scenario.changes.length ? `goes before change ${fix.at + 1}` : 'goes at the end';
}

export function FindingsList() {
  const { findings, scenario, focus, focusFinding, applyQuickFix } = useAppStore(
    useShallow((s) => ({
      findings: s.findings,
      scenario: s.scenario,
      focus: s.findingFocus,
      focusFinding: s.focusFinding,
      applyQuickFix: s.applyQuickFix,
    })),
  );
  if (findings.length === 0) {
    return (
      <p className="all-clear" data-testid="findings-none">
        <span aria-hidden="true">✓ </span>No findings: as far as PoolPilot can check, the deployment would work this way.
      </p>
    );
  }
  const indexed = findings.map((finding, index) => ({ finding, index }));
  return (
    <div className="findings" data-testid="findings">
      {SEVERITIES.map(({ severity, heading }) => {
        const group = indexed.filter((f) => f.finding.severity === severity);
        if (group.length === 0) return null;
        const headingId = `findings-${severity}`;
        return (
          <section key={severity} aria-labelledby={headingId} data-testid={`findings-${severity}`}>
            <h3 id={headingId} className={`severity-heading severity-${severity}`}>
              <SeverityIcon severity={severity} size={15} />
              {heading} <span className="count">({group.length})</span>
            </h3>
            <ol className="finding-list">
              {group.map(({ finding, index }) => (
                <FindingItem
                  key={index}
                  finding={finding}
                  index={index}
                  scenario={scenario}
                  focused={focus?.index === index}
                  onFocus={() => focusFinding(index)}
                  onToggle={() => focusFinding(focus?.index === index ? null : index)}
                  onFix={applyQuickFix}
                />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

function FindingItem({
  finding,
  index,
  scenario,
  focused,
  onFocus,
  onToggle,
  onFix,
}: {
  finding: Finding;
  index: number;
  scenario: Scenario;
  focused: boolean;
  onFocus(): void;
  onToggle(): void;
  onFix(fix: QuickFix): void;
}) {
  const sev = SEVERITIES.find((s) => s.severity === finding.severity)!;
  const about = finding.change === undefined ? undefined : scenario.changes[finding.change];
  const cites = citedProcedures(finding.message);
  // A click anywhere on the finding shows it; its buttons do their own thing.
  const onClick = (e: MouseEvent<HTMLLIElement>) => {
    if (!(e.target as HTMLElement).closest('button') && finding.elements.length > 0) onFocus();
  };
  const messageId = `finding-${index}-message`;
  return (
    <li
      className={`finding finding-${finding.severity}${focused ? ' focused' : ''}`}
      data-testid="finding"
      data-rule={finding.rule}
      data-severity={finding.severity}
      aria-current={focused ? 'true' : undefined}
      onClick={onClick}
    >
      <div className="finding-head">
        <span className="severity-badge">
          <SeverityIcon severity={finding.severity} size={12} />
          {sev.label}
        </span>
        {about && (
          <span className="finding-about">
            Change {finding.change! + 1}: {describeChange(about)}
          </span>
        )}
      </div>
      <p className="finding-message" id={messageId} data-testid="finding-message">
        {finding.message}
      </p>
      {cites.length > 0 && (
        <p className="finding-cites">
          Procedure{cites.length > 1 ? 's' : ''}:{' '}
          {cites.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ' · '}
              <strong>{c.id}</strong> {c.title}
            </span>
          ))}
        </p>
      )}
      <div className="finding-actions">
        {finding.elements.length > 0 && (
          <button
            type="button"
            className="button small"
            data-testid="finding-show"
            aria-describedby={messageId}
            aria-pressed={focused}
            onClick={onToggle}
          >
            Show on graph
          </button>
        )}
        {finding.fixes.map((fix) => (
          <span key={`${fix.label} ${fix.at}`} className="fix">
            <button type="button" className="button small fix-button" data-testid="quick-fix" onClick={() => onFix(fix)}>
              Fix: {fix.label}
            </button>
            <span className="hint"> {fixPlacement(fix, scenario)}</span>
          </span>
        ))}
      </div>
    </li>
  );
}
