/**
 * The run console, in place of the side panel (wider, so commands and output have room while the
 * graph stays in view): first the review before a start, then the run — where it runs (the lab, or
 * live, said loudly), how far it is and how long it has taken against the plan's estimate, what it
 * waits for, every step with its status, and the chosen step's command and output — and at the end
 * how it ended, the report, intended vs actual and the deployment after the run.
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatMinutes } from '../../shared/plan/durations';
import type { RunSummary } from '../../shared/run/types';
import { graphHandle } from '../graph/graph-handle';
import { useAppStore } from '../store/store';
import { stopRun } from './run-actions';
import { currentStepId, type RunView } from './run-events';
import { consoleGroups, formatElapsed, overEstimate, runElapsedMs, runProgress } from './run-view';
import { RunStepList } from './RunStepList';
import { StepDetail } from './StepDetail';
import { RunPromptCard } from './RunPromptCard';
import { RunFinished } from './RunFinished';
import { RunReview } from './RunReview';
import './run.css';

/** The time now, every second while `ticking`. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!ticking) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now;
}

function EnvironmentBanner({ run }: { run: RunSummary }) {
  const live = run.environment !== 'Lab';
  return (
    <p className={`run-env-banner ${live ? 'env-live' : 'env-lab'}`} data-testid="run-env-banner">
      {live ? (
        <>
          <strong>{run.environment}</strong> — commands change the real deployment.
        </>
      ) : (
        <>
          <strong>Lab</strong> — simulated deployment. Nothing real is changed.
        </>
      )}
      {run.mode === 'rehearsal' && <span className="run-env-mode"> Rehearsal: changes run with -WhatIf.</span>}
    </p>
  );
}

const ENDED = { completed: 'Completed', stopped: 'Stopped', aborted: 'Aborted' } as const;

function statusLine(run: RunSummary): string {
  if (run.status !== 'running') return ENDED[run.status];
  if (!run.prompt) return 'Running';
  return run.prompt.kind === 'failure' ? 'Waiting for you: a step failed' : run.prompt.kind === 'confirm' ? 'Waiting for your confirmation' : 'Waiting for a manual step';
}

function ActiveRun({ view }: { view: RunView }) {
  const { run } = view;
  const { shownStep, showRunStep, closeRunConsole } = useAppStore(useShallow((s) => ({ shownStep: s.runStepShown, showRunStep: s.showRunStep, closeRunConsole: s.closeRunConsole })));
  const running = run.status === 'running';
  const now = useNow(running);
  const groups = useMemo(() => consoleGroups(run.plan, run.steps), [run.plan, run.steps]);
  const progress = useMemo(() => runProgress(run.plan, run.steps), [run.plan, run.steps]);
  const all = groups.flatMap((g) => g.steps);
  const currentId = currentStepId(run);
  const pinned = shownStep !== null && shownStep !== currentId && all.some((s) => s.id === shownStep);
  const shownId = pinned ? shownStep : currentId;
  const shown = all.find((s) => s.id === shownId);
  const current = all.find((s) => s.id === currentId);
  const elapsed = runElapsedMs(run, now);
  const late = running && overEstimate(elapsed, run.plan.estimate);
  const announced = view.lastCommand && view.lastCommand.stepId === shown?.id ? view.lastCommand.command : undefined;
  return (
    <>
      <header className="run-head">
        <EnvironmentBanner run={run} />
        <div className="run-title-row">
          <h2 id="run-console-heading" className="run-title">
            {run.mode === 'rehearsal' ? 'Rehearsal' : 'Run'}: {run.plan.title}
          </h2>
          <div className="run-head-actions">
            {running && (
              <button type="button" className="button danger" data-testid="run-stop" title="Stops before the next step; the step running now finishes. The run can be resumed." onClick={() => void stopRun()}>
                Stop
              </button>
            )}
            <button type="button" className="button" data-testid="run-close" onClick={closeRunConsole} title={running ? 'The run goes on; the status bar brings the console back' : undefined}>
              {running ? 'Hide' : 'Close'}
            </button>
          </div>
        </div>
        <div className="run-progress-row">
          <div
            className="run-progress"
            role="progressbar"
            aria-label="Run progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress.percent}
            aria-valuetext={`${progress.done} of ${progress.total} steps done`}
            data-testid="run-progress"
          >
            <div className={`run-progress-fill ending-${run.status}`} style={{ width: `${progress.percent}%` }} />
          </div>
          <span className="run-progress-text" data-testid="run-progress-text">
            {progress.done} of {progress.total} steps
          </span>
        </div>
        <p className="run-line run-status-line">
          <strong data-testid="run-status">{statusLine(run)}</strong>
          <span className={late ? 'run-late' : 'muted'} data-testid="run-elapsed">
            {' '}
            · elapsed {formatElapsed(elapsed)} of an estimated {formatMinutes(run.plan.estimate)}
            {late ? ' (longer than estimated)' : ''}
          </span>
        </p>
        {running && current && !run.prompt && (
          <p className="run-line run-now" data-testid="run-now">
            <span className="run-label">Now</span> {current.number ? `${current.number} ` : ''}
            {current.title}
          </p>
        )}
      </header>
      {/* Announced once per change: screen readers hear what the run waits for, or how it ended. */}
      <p className="visually-hidden" role="status" aria-live="polite">
        {running ? (run.prompt ? `${statusLine(run)}: ${run.prompt.title}` : '') : statusLine(run)}
      </p>
      {run.prompt && <RunPromptCard key={`${run.prompt.kind}:${run.prompt.stepId}`} prompt={run.prompt} plan={run.plan} />}
      {!running && <RunFinished view={view} />}
      <div className="run-body">
        {/* Picking the step the run is at goes back to following the run. */}
        <RunStepList groups={groups} shownId={shownId} onShow={(id) => showRunStep(id === currentId ? null : id)} />
        <div className="run-detail-pane">
          {pinned && running && (
            <button type="button" className="button small run-follow" data-testid="run-follow" onClick={() => showRunStep(null)}>
              Follow the run{current ? `: ${current.number ?? ''} ${current.title}` : ''}
            </button>
          )}
          {shown ? <StepDetail step={shown} announced={announced} /> : <p className="run-detail muted">The first step starts in a moment.</p>}
        </div>
      </div>
    </>
  );
}

export function RunConsole() {
  const { console: state, view } = useAppStore(useShallow((s) => ({ console: s.runConsole, view: s.runView })));
  // The console is wider than the side panel: fit the graph into what is left, once laid out.
  useEffect(() => {
    const frame = requestAnimationFrame(() => graphHandle()?.fit());
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <section className="run-console" aria-labelledby="run-console-heading" data-testid="run-console">
      {state.kind === 'review' ? <RunReview mode={state.mode} /> : view ? <ActiveRun view={view} /> : <h2 id="run-console-heading">No run yet</h2>}
    </section>
  );
}
