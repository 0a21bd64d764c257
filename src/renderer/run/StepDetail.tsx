/**
 * One step of the run, beside the list: its exact command (copyable) — as run, or as it will run —
 * what came back (errors first, then warnings, results as compact text, verbose), the verdict, the
 * comments, and why the step is in the plan.
 */
import { runOnText } from '../../shared/export/words';
import type { Step } from '../../shared/plan/types';
import { formatElapsed, outputLines, type ConsoleStep, type OutputKind } from './run-view';
import { CommandBlock } from './CommandBlock';
import { STATUS_WORD, StepStatusIcon } from './StepStatusIcon';

const OUTPUT_LABEL: Record<OutputKind, string> = { error: 'Error', warning: 'Warning', result: 'Result', verbose: 'Verbose' };

/** The command the plan will run for the step (before it started). */
function plannedCommand(step: Step | undefined): string | undefined {
  if (!step || step.kind === 'manual') return undefined;
  if (step.kind === 'wait') return step.until?.command.text;
  return step.command.text;
}

function runOnOf(step: Step | undefined): string | undefined {
  if (!step) return undefined;
  const runOn = step.kind === 'wait' ? step.until?.runOn : step.runOn;
  return runOn ? runOnText(runOn) : undefined;
}

export function StepDetail({ step, announced }: { step: ConsoleStep; announced: string | undefined }) {
  const record = step.record;
  const command = record?.command !== undefined ? (announced ?? record.command) : plannedCommand(step.step);
  const where = runOnOf(step.step);
  const lines = record?.outcome ? outputLines(record.outcome) : [];
  const headingId = 'run-detail-heading';
  return (
    <section className="run-detail" aria-labelledby={headingId} data-testid="run-detail">
      <h3 id={headingId} className="run-detail-title">
        {step.number && <span className="run-step-number">{step.number}</span>}
        {step.title}
      </h3>
      <p className={`run-detail-status status-${step.status}`} data-testid="run-detail-status">
        <StepStatusIcon status={step.status} size={14} />
        {STATUS_WORD[step.status]}
        {record?.durationMs !== undefined && <span className="muted"> · took {formatElapsed(record.durationMs)}</span>}
        {record !== undefined && record.attempts > 1 && <span className="muted"> · attempt {record.attempts}</span>}
      </p>
      {command !== undefined && (
        <>
          <p className="run-label">{record?.command !== undefined ? 'Command' : 'Will run'}</p>
          <CommandBlock text={command} where={where} />
        </>
      )}
      {record?.detail && (
        <p className="run-line run-verdict" data-testid="run-detail-verdict">
          {record.detail}
        </p>
      )}
      {lines.length > 0 && (
        <>
          <p className="run-label">Output</p>
          <ol className="run-output" data-testid="run-output" aria-label="Output of the step">
            {lines.map((line, i) => (
              <li key={i} className={`output-${line.kind}`}>
                <span className="output-kind">{OUTPUT_LABEL[line.kind]}</span>
                <span className="output-text">{line.text}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      {record?.outcome && lines.length === 0 && <p className="run-line muted">No output.</p>}
      {record && record.comments.length > 0 && (
        <>
          <p className="run-label">Comments</p>
          <ul className="run-comments">
            {record.comments.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      )}
      {step.step && (
        <p className="run-line run-why">
          <span className="run-label">Why</span> {step.step.why}
        </p>
      )}
      {record && <p className="run-line muted">By {record.by}</p>}
    </section>
  );
}
