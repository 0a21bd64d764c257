/**
 * The Plan tab: the procedures the what-if scenario needs, in the order they run, as the admin
 * would follow them on a bad day — the total time first, then each procedure with its steps. The
 * prerequisites the planner added are marked as such. With blockers there is no plan: the tab says
 * so and lists them. The runbook exports are made in main from the same deployment and scenario.
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PlanExportFormat } from '../../shared/ipc/contract';
import { formatMinutes } from '../../shared/plan/durations';
import type { Plan, PlanSection } from '../../shared/plan/types';
import type { Finding } from '../../shared/rules/types';
import { stepNumber } from '../../shared/export/words';
import { useAppStore } from '../store/store';
import { graphHandle } from '../graph/graph-handle';
import { SeverityIcon } from '../panels/SeverityIcon';
import { countSteps, planFor, prerequisiteCount } from './plan-state';
import { EXPORT_FORMATS, exportRunbook } from './export-runbook';
import { whileBusy } from '../store/busy';
import { PlanStepItem } from './PlanStep';
import { RunPlanButtons } from '../run/RunPlanButtons';
import './plan.css';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

function ExportBar() {
  const [busy, setBusy] = useState<PlanExportFormat | null>(null);
  const run = async (format: PlanExportFormat, label: string) => {
    setBusy(format);
    try {
      await whileBusy(`Exporting the runbook (${label})`, () => exportRunbook(format));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="plan-exports" role="group" aria-label="Export the runbook">
      <span className="plan-label">Export</span>
      {EXPORT_FORMATS.map(({ format, label, hint }) => (
        <button key={format} type="button" className="button small" data-testid={`plan-export-${format}`} title={hint} disabled={busy !== null} onClick={() => void run(format, label)}>
          {label}
        </button>
      ))}
    </div>
  );
}

function Section({ section, number }: { section: PlanSection; number: number }) {
  const headingId = `plan-section-${number}`;
  return (
    <section className={`plan-section${section.addedBecause !== undefined ? ' prerequisite' : ''}`} data-testid="plan-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="plan-section-title">
        <span className="plan-section-number">{number}</span>
        <span className="plan-procedure">{section.procedure}</span>
        <span className="plan-section-text">{section.title}</span>
        <span className="plan-section-estimate">{formatMinutes(section.estimate)}</span>
      </h3>
      {section.addedBecause !== undefined && (
        <p className="plan-prerequisite" data-testid="plan-prerequisite">
          <span className="plan-badge plan-badge-prereq">Added by the planner</span> {sentence(section.addedBecause)}
        </p>
      )}
      <ol className="plan-steps">
        {section.steps.map((step, j) => (
          <PlanStepItem key={step.id} section={section} step={step} number={stepNumber(String(number), j)} />
        ))}
      </ol>
    </section>
  );
}

function FindingLine({ finding }: { finding: Finding }) {
  return (
    <li className={`plan-finding severity-${finding.severity}`}>
      <SeverityIcon severity={finding.severity} size={13} />
      <span>{finding.message}</span>
    </li>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const added = prerequisiteCount(plan);
  return (
    <>
      <div className="plan-summary">
        <p className="plan-title" data-testid="plan-title">
          {plan.title}
        </p>
        <p className="plan-total" data-testid="plan-total">
          <span className="plan-label">Estimated total</span> <strong>{formatMinutes(plan.estimate)}</strong>
          <span className="muted">
            {' '}
            · {plural(plan.sections.length, 'procedure')} · {plural(countSteps(plan), 'step')}
          </span>
        </p>
        {plan.down.length > 0 && <p className="plan-line">Down: {plan.down.join(', ')}</p>}
        {added > 0 && (
          <p className="plan-line">
            The planner added {plural(added, 'prerequisite procedure')}, marked <span className="plan-badge plan-badge-prereq">Added by the planner</span>.
          </p>
        )}
        {plan.findings.length > 0 && (
          <ul className="plain plan-findings" aria-label="Warnings and notes that remain">
            {plan.findings.map((f, i) => (
              <FindingLine key={i} finding={f} />
            ))}
          </ul>
        )}
        <ExportBar />
        <RunPlanButtons />
      </div>
      <p className="plan-hint muted">Select a step’s title to see on the graph what it touches.</p>
      {plan.sections.map((section, i) => (
        <Section key={section.id} section={section} number={i + 1} />
      ))}
    </>
  );
}

function Blocked({ blockers }: { blockers: Finding[] }) {
  const setSideTab = useAppStore((s) => s.setSideTab);
  return (
    <div className="plan-blocked" data-testid="plan-blocked">
      <p className="plan-blocked-head" role="status">
        <SeverityIcon severity="blocker" size={16} />
        No plan: the scenario has {plural(blockers.length, 'blocker')}.
      </p>
      <p>PoolPilot plans a scenario only when nothing blocks it. Resolve these in the What-if tab, where each shows its elements on the graph and a quick fix where there is one:</p>
      <ol className="plan-blocker-list">
        {blockers.map((b, i) => (
          <li key={i} data-testid="plan-blocker">
            {b.message}
            {b.change !== undefined && <span className="muted"> (change {b.change + 1})</span>}
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={() => setSideTab('whatIf')}>
        Open the What-if tab
      </button>
    </div>
  );
}

export function PlanPanel() {
  const { deployment, scenario, setSideTab } = useAppStore(useShallow((s) => ({ deployment: s.deployment, scenario: s.scenario, setSideTab: s.setSideTab })));
  const state = useMemo(() => (deployment ? planFor(deployment, scenario) : null), [deployment, scenario]);
  // The side panel widens while the plan is shown (plan.css): fit the graph into what is left of
  // the window, once the new width is laid out.
  useEffect(() => {
    const frame = requestAnimationFrame(() => graphHandle()?.fit());
    return () => cancelAnimationFrame(frame);
  }, []);
  // A step's highlight means nothing once its plan is out of sight.
  useEffect(() => () => useAppStore.getState().focusPlanStep(null), []);
  return (
    <section className="panel plan-view" aria-labelledby="plan-heading" data-testid="plan-panel">
      <h2 id="plan-heading" className="plan-heading">
        Plan
      </h2>
      {state === null && <p className="muted">No deployment open.</p>}
      {state?.kind === 'empty' && (
        <div className="plan-empty" data-testid="plan-empty">
          <p className="muted">Nothing to plan yet: no change is proposed. In the What-if tab, mark what the disaster took down and propose what you would do about it (for example, a pool’s failover); its procedures appear here, step by step.</p>
          <button type="button" className="button" onClick={() => setSideTab('whatIf')}>
            Open the What-if tab
          </button>
        </div>
      )}
      {state?.kind === 'blocked' && <Blocked blockers={state.blockers} />}
      {state?.kind === 'unplannable' && (
        <p className="plan-blocked-head" data-testid="plan-unplannable" role="status">
          <SeverityIcon severity="blocker" size={16} />
          No plan: {state.message}
        </p>
      )}
      {state?.kind === 'plan' && <PlanView plan={state.plan} />}
    </section>
  );
}
