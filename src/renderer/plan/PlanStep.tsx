/**
 * One step of the plan as the admin follows it: number, kind, procedure step and estimate on the
 * first line; the title (select it to see on the graph what the step touches); why it is there;
 * where to run it; the command to copy, what a check must show, a decision's branches (each with
 * its condition and its own steps, indented) or a manual step's checklist.
 */
import { useState, type MouseEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PlanSection, Step } from '../../shared/plan/types';
import { formatMinutes } from '../../shared/plan/durations';
import { branchNumber, runOnText, stepNumber } from '../../shared/export/words';
import { useAppStore } from '../store/store';
import { isTicked, shownPlanStep } from '../store/plan-slice';
import { copyText } from '../panels/copy-text';
import { stepElements } from './step-elements';
import { STEP_KIND_LABEL, StepKindIcon } from './StepKindIcon';

/** Monospace text with a Copy button that copies exactly what is shown. */
function CopyBlock({ text, what }: { text: string; what: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => setCopied(await copyText(text));
  return (
    <div className="plan-command">
      <pre data-testid="plan-command">
        <code>{text}</code>
      </pre>
      <button type="button" className="button small plan-copy" data-testid="plan-copy" aria-label={`Copy ${what}`} onClick={() => void copy()}>
        {copied === true ? 'Copied' : 'Copy'}
      </button>
      <span className="visually-hidden" role="status">
        {copied === true ? `${what} copied to the clipboard` : copied === false ? 'Could not copy: select the text and copy it' : ''}
      </span>
    </div>
  );
}

function Line({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <p className={`plan-line${className ? ` ${className}` : ''}`}>
      <span className="plan-label">{label}</span> {children}
    </p>
  );
}

function Checklist({ step }: { step: Extract<Step, { kind: 'manual' }> }) {
  const { deployment, planChecks, toggle } = useAppStore(useShallow((s) => ({ deployment: s.deployment, planChecks: s.planChecks, toggle: s.togglePlanCheck })));
  return (
    <ul className="plan-checklist" data-testid="plan-checklist">
      {step.checklist.map((item, i) => (
        <li key={i}>
          <label>
            <input type="checkbox" checked={isTicked({ deployment, planChecks }, `${step.id}#${i}`)} onChange={() => toggle(`${step.id}#${i}`)} /> {item}
          </label>
        </li>
      ))}
    </ul>
  );
}

function StepBody({ section, step, number }: { section: PlanSection; step: Step; number: string }) {
  switch (step.kind) {
    case 'command':
      return (
        <>
          <Line label="Run on">{runOnText(step.runOn)}</Line>
          <CopyBlock text={step.command.text} what={`the ${step.command.cmdlet} command`} />
          {step.retryable && <p className="plan-note">If it fails, fix the cause the error names and run it again.</p>}
          {(step.knownErrors ?? []).length > 0 && (
            <details className="plan-known-errors">
              <summary>If it fails: known errors ({step.knownErrors!.length})</summary>
              <dl>
                {step.knownErrors!.map((e) => (
                  <div key={e.match}>
                    <dt>“{e.match}”</dt>
                    <dd>{e.advice}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
        </>
      );
    case 'check':
      return (
        <>
          <Line label="Run on">{runOnText(step.runOn)}</Line>
          <CopyBlock text={step.command.text} what={`the ${step.command.cmdlet} command`} />
          <Line label="Expect" className="plan-expect">
            {step.expect}
          </Line>
          <Line label="If not">{step.onFail}</Line>
        </>
      );
    case 'decision':
      return (
        <>
          <p className="plan-question">{step.question}</p>
          <Line label="Run on">{runOnText(step.runOn)}</Line>
          <CopyBlock text={step.command.text} what={`the ${step.command.cmdlet} command`} />
          <p className="plan-note">Take the first branch whose condition holds. If none does, stop and decide with a second person.</p>
          <ol className="plan-branches">
            {step.branches.map((branch, b) => {
              const bn = branchNumber(number, b);
              return (
                <li key={branch.id} className="plan-branch" data-testid="plan-branch">
                  <p className="plan-branch-head">
                    <span className="plan-branch-number">{bn}</span> If {branch.expect}: <strong>{branch.label}</strong>
                  </p>
                  <ol className="plan-steps">
                    {branch.steps.map((inner, k) => (
                      <PlanStepItem key={inner.id} section={section} step={inner} number={stepNumber(bn, k)} />
                    ))}
                  </ol>
                </li>
              );
            })}
          </ol>
        </>
      );
    case 'manual':
      return (
        <>
          <Line label="Where">
            {step.tool}
            {step.runOn ? `, on ${runOnText(step.runOn)}` : ''}
          </Line>
          <Checklist step={step} />
          {step.sql && <CopyBlock text={step.sql.join('\n')} what="the T-SQL" />}
        </>
      );
    case 'wait':
      return step.until ? (
        <>
          <Line label="Repeat">
            every {step.until.pollSeconds} s on {runOnText(step.until.runOn)}
          </Line>
          <CopyBlock text={step.until.command.text} what={`the ${step.until.command.cmdlet} command`} />
          <Line label="Until" className="plan-expect">
            {step.until.expect}
          </Line>
        </>
      ) : (
        <Line label="Wait">about {formatMinutes(step.estimate)}</Line>
      );
  }
}

/** Clicks on the card's text select the step; clicks on its controls, or to select text, do not. */
function isPlainClick(e: MouseEvent): boolean {
  const target = e.target as HTMLElement;
  return !target.closest('button, input, label, summary, a, pre') && (window.getSelection()?.isCollapsed ?? true);
}

export function PlanStepItem({ section, step, number }: { section: PlanSection; step: Step; number: string }) {
  const { deployment, selected, focusPlanStep } = useAppStore(
    useShallow((s) => ({ deployment: s.deployment, selected: shownPlanStep(s) === step.id, focusPlanStep: s.focusPlanStep })),
  );
  const select = (toggle: boolean) => {
    if (!deployment) return;
    if (selected && toggle) focusPlanStep(null);
    else focusPlanStep(step.id, stepElements(deployment, section, step));
  };
  const changes = step.kind === 'command' && step.effect === 'changes';
  return (
    <li
      className={`plan-step kind-${step.kind}${selected ? ' selected' : ''}`}
      data-testid="plan-step"
      data-step-id={step.id}
      data-kind={step.kind}
      onClick={(e) => {
        // Nested steps sit inside a decision's card: the innermost card is the one clicked.
        e.stopPropagation();
        if (isPlainClick(e) && !selected) select(false);
      }}
    >
      <div className="plan-step-meta">
        <span className="plan-step-number">{number}</span>
        <span className="plan-step-kind">
          <StepKindIcon kind={step.kind} size={14} />
          {STEP_KIND_LABEL[step.kind]}
          {step.kind === 'manual' ? `: ${step.tool}` : step.kind === 'command' && !changes ? ', read-only' : ''}
        </span>
        {changes && <span className="plan-badge plan-badge-changes">Changes the deployment</span>}
        {section.addedBecause !== undefined && <span className="plan-badge plan-badge-prereq">Prerequisite</span>}
        <span className="plan-step-source" title="The step of the procedure (failover-procedures.md)" data-testid="plan-step-source">
          {step.procedure}
        </span>
        <span className="plan-step-estimate" title="Estimated time">
          {formatMinutes(step.estimate)}
        </span>
      </div>
      <button type="button" className="plan-step-title" data-testid="plan-step-select" aria-pressed={selected} title={selected ? 'Stop showing this step on the graph' : 'Show on the graph what this step touches'} onClick={() => select(true)}>
        {step.title}
      </button>
      <Line label="Why" className="plan-why">
        {step.why}
      </Line>
      <StepBody section={section} step={step} number={number} />
    </li>
  );
}
