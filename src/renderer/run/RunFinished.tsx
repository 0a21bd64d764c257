/**
 * How the run ended: completed, stopped (resumable) or aborted, and why; the report to export; what
 * the deployment shows that the plan did not mean (each discrepancy highlights its elements on the
 * graph, as a finding does); and the deployment as the run left it, to open in the graph.
 */
import { useShallow } from 'zustand/react/shallow';
import type { Discrepancy, RunSummary } from '../../shared/run/types';
import { SeverityIcon } from '../panels/SeverityIcon';
import { RUN_FOCUS } from '../store/run-slice';
import { useAppStore } from '../store/store';
import { exportRunReport, REPORT_LABELS, showStateAfterRun } from './run-actions';
import type { RunView } from './run-events';
import { formatElapsed, runElapsedMs } from './run-view';

const ENDING: Record<Exclude<RunSummary['status'], 'running'>, { run: string; rehearsal: string }> = {
  completed: { run: 'Run completed', rehearsal: 'Rehearsal completed' },
  stopped: { run: 'Run stopped', rehearsal: 'Rehearsal stopped' },
  aborted: { run: 'Run aborted', rehearsal: 'Rehearsal aborted' },
};

function nextStep(run: RunSummary): string {
  if (run.status === 'stopped') return 'Nothing after the step it stopped at has run. It can be resumed from where it stopped.';
  if (run.status === 'aborted') return 'A step failed and the run was aborted: read its output below, fix the cause, and plan again.';
  return run.mode === 'rehearsal' ? 'Nothing was changed: each change ran with -WhatIf. Read the report, then run it for real.' : 'Every step went through. Export the report for the record.';
}

function Discrepancies({ items, ended }: { items: Discrepancy[]; ended: RunSummary['status'] }) {
  const { focus, focusRunElements } = useAppStore(useShallow((s) => ({ focus: s.findingFocus, focusRunElements: s.focusRunElements })));
  if (items.length === 0) {
    return (
      <p className="run-line" data-testid="run-discrepancies-none">
        Intended vs actual: the deployment is as the plan meant it to be.
      </p>
    );
  }
  return (
    <>
      <p className="run-label">Intended vs actual ({items.length})</p>
      {ended !== 'completed' && (
        // Compared with the whole plan: after a stop or an abort, what was not reached shows here too.
        <p className="run-line muted" data-testid="run-discrepancies-partial">
          The run did not reach its end, so this includes what the steps not run yet would have done.
        </p>
      )}
      <ul className="plain run-discrepancies" data-testid="run-discrepancies">
        {items.map((d, i) => {
          const pressed = focus?.index === RUN_FOCUS && focus.elements.join('\n') === d.elementIds.join('\n');
          return (
            <li key={i}>
              <button
                type="button"
                className={`run-discrepancy severity-${d.severity === 'error' ? 'blocker' : 'warning'}`}
                data-testid="run-discrepancy"
                aria-pressed={pressed}
                disabled={d.elementIds.length === 0}
                title={d.elementIds.length > 0 ? 'Show it on the graph' : undefined}
                onClick={() => focusRunElements(pressed ? [] : d.elementIds)}
              >
                <SeverityIcon severity={d.severity === 'error' ? 'blocker' : 'warning'} size={13} />
                <span className="run-discrepancy-word">{d.severity === 'error' ? 'Error' : 'Warning'}</span> {d.message}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function RunFinished({ view }: { view: RunView }) {
  const { run, finished } = view;
  const showingAfter = useAppStore((s) => finished?.after !== undefined && s.deployment === finished.after.deployment);
  if (run.status === 'running') return null;
  const ending = ENDING[run.status][run.mode];
  return (
    <section className={`run-finished ending-${run.status}`} aria-labelledby="run-finished-heading" data-testid="run-finished">
      <h3 id="run-finished-heading" data-testid="run-finished-heading">
        {ending}
      </h3>
      <p className="run-line">
        {nextStep(run)} <span className="muted">Took {formatElapsed(runElapsedMs(run, Date.now()))}.</span>
      </p>
      {run.reason && (
        <p className="run-line" data-testid="run-finished-reason">
          <span className="run-label">Why</span> {run.reason}
        </p>
      )}
      <div className="run-exports" role="group" aria-label="Export the run report">
        <span className="run-label">Report</span>
        {(Object.keys(REPORT_LABELS) as (keyof typeof REPORT_LABELS)[]).map((format) => (
          <button key={format} type="button" className="button small" data-testid={`run-export-${format}`} onClick={() => void exportRunReport(format)}>
            {REPORT_LABELS[format]}
          </button>
        ))}
      </div>
      {finished &&
        (finished.after ? (
          <Discrepancies items={finished.discrepancies} ended={run.status} />
        ) : (
          <p className="run-line" data-testid="run-discrepancies-unknown">
            Intended vs actual: not compared — PoolPilot did not read the deployment back after this run.
            {run.environment !== 'Lab' && ' Run a discovery to see it as it is now.'}
          </p>
        ))}
      {finished?.after &&
        (showingAfter ? (
          <p className="run-line" data-testid="run-after-shown">
            The graph shows the deployment as the run left it.
          </p>
        ) : (
          <button type="button" className="button primary" data-testid="run-show-after" onClick={() => void showStateAfterRun()}>
            Show the deployment after the run
          </button>
        ))}
    </section>
  );
}
