/**
 * The run's steps grouped by plan section (pre-flight checks first), each with its status icon and
 * word. A row is a button: it shows that step's command and output beside the list. A decision's
 * branch appears under it once the decision has picked it.
 */
import { useEffect, useRef } from 'react';
import { STEP_KIND_LABEL } from '../plan/StepKindIcon';
import { PREFLIGHT_GROUP, type ConsoleGroup, type ConsoleStep } from './run-view';
import { STATUS_WORD, StepStatusIcon } from './StepStatusIcon';

function StepRow({ step, shown, onShow }: { step: ConsoleStep; shown: boolean; onShow: (id: string) => void }) {
  const kind = step.kind === 'preflight' ? 'Pre-flight' : STEP_KIND_LABEL[step.kind];
  return (
    <li className={`run-step status-${step.status}${shown ? ' shown' : ''}`} data-testid="run-step" data-step-id={step.id} data-status={step.status} style={{ paddingLeft: `${6 + step.depth * 8}px` }}>
      <button type="button" className="run-step-button" aria-current={shown ? 'step' : undefined} onClick={() => onShow(step.id)}>
        <StepStatusIcon status={step.status} />
        <span className="run-step-number">{step.number ?? ''}</span>
        <span className="run-step-title">
          {step.title}
          <span className="run-step-kind">
            {kind}
            {step.changes ? ' · changes the deployment' : ''}
            {step.branchTaken ? ` · took: ${step.branchTaken}` : ''}
          </span>
        </span>
        <span className="run-step-status" data-testid="run-step-status">
          {STATUS_WORD[step.status]}
        </span>
      </button>
    </li>
  );
}

function Rows({ group, shownId, onShow }: { group: ConsoleGroup; shownId: string | undefined; onShow: (id: string) => void }) {
  return (
    <ol className="run-step-list">
      {group.steps.map((step) => (
        <StepRow key={step.id} step={step} shown={step.id === shownId} onShow={onShow} />
      ))}
    </ol>
  );
}

/** The pre-flight checks fold away once they all passed: the plan's steps are what to watch. */
function PreflightGroup({ group, shownId, onShow }: { group: ConsoleGroup; shownId: string | undefined; onShow: (id: string) => void }) {
  const passed = group.steps.filter((s) => s.status === 'succeeded').length;
  const allPassed = passed === group.steps.length;
  return (
    <details className="run-group run-preflight" data-testid="run-group" open={!allPassed || group.steps.some((s) => s.id === shownId)}>
      <summary className="run-group-title">
        {group.title}{' '}
        <span className="run-group-count" data-testid="run-preflight-count">
          {passed} of {group.steps.length} passed
        </span>
      </summary>
      <Rows group={group} shownId={shownId} onShow={onShow} />
    </details>
  );
}

export function RunStepList({ groups, shownId, onShow }: { groups: ConsoleGroup[]; shownId: string | undefined; onShow: (id: string) => void }) {
  const navRef = useRef<HTMLElement>(null);
  // The step shown (the one the run is at, as it moves on) stays in view in the list.
  useEffect(() => {
    const rows = navRef.current?.querySelectorAll<HTMLElement>('[data-testid="run-step"]') ?? [];
    [...rows].find((r) => r.dataset.stepId === shownId)?.scrollIntoView({ block: 'nearest' });
  }, [shownId]);
  return (
    <nav className="run-steps" aria-label="Steps of the run" ref={navRef}>
      {groups.map((group, i) => {
        if (group.id === PREFLIGHT_GROUP) return <PreflightGroup key={group.id} group={group} shownId={shownId} onShow={onShow} />;
        const headingId = `run-group-${i}`;
        return (
          <section key={group.id} className="run-group" data-testid="run-group" aria-labelledby={headingId}>
            <h3 id={headingId} className="run-group-title">
              {group.procedure && <span className="run-group-procedure">{group.procedure}</span>}
              {group.title}
            </h3>
            <Rows group={group} shownId={shownId} onShow={onShow} />
          </section>
        );
      })}
    </nav>
  );
}
