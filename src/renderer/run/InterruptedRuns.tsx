/**
 * Runs an earlier session left unfinished (PoolPilot was closed or crashed mid-run, or the run was
 * stopped): a banner offering to resume each. Resuming re-checks the step that was in flight before
 * anything is repeated (main does that).
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RunSummary } from '../../shared/run/types';
import { useAppStore } from '../store/store';
import { resumeRun } from './run-actions';
import './run.css';

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function lastStep(run: RunSummary): string | undefined {
  return run.steps.at(-1)?.title;
}

export function InterruptedRuns() {
  const { runs, going } = useAppStore(useShallow((s) => ({ runs: s.interruptedRuns, going: s.runView?.run.status === 'running' ? s.runView.run.runId : undefined })));
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  // A run resumed meanwhile (in this window or before a reload) is going on, not unfinished.
  const shown = runs.filter((r) => !dismissed.has(r.runId) && r.runId !== going);
  const busy = going !== undefined;
  if (shown.length === 0) return null;
  return (
    <section className="run-interrupted" aria-label="Unfinished runs" data-testid="run-interrupted">
      {shown.map((run) => (
        <div key={run.runId} className="run-interrupted-row" data-testid="run-interrupted-row">
          <p>
            <strong>{run.mode === 'rehearsal' ? 'A rehearsal' : 'A run'} did not finish:</strong> {run.plan.title}{' '}
            <span className="muted">
              ({run.environment}, started {when(run.startedAt)}
              {lastStep(run) ? `; last step: ${lastStep(run)}` : ''}
              {run.reason ? `; ${run.reason}` : ''})
            </span>
          </p>
          <button type="button" className="button primary small" data-testid="run-resume" disabled={busy} title={busy ? 'Another run is going on' : 'The step that was in flight is re-checked before anything is repeated'} onClick={() => void resumeRun(run.runId)}>
            Resume
          </button>
          <button type="button" className="dismiss" aria-label={`Dismiss: ${run.plan.title}`} onClick={() => setDismissed((d) => new Set([...d, run.runId]))}>
            ✕
          </button>
        </div>
      ))}
    </section>
  );
}
