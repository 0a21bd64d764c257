/**
 * The review before a run starts: where it runs, every command that will change the deployment
 * (exactly as it will run), the manual steps it will wait for, and how the changes are confirmed —
 * one by one as the run reaches them (the default), or all of them here with one tick. A rehearsal
 * runs the changes with -WhatIf and asks nothing. Main plans again from the same deployment and
 * scenario when the run starts, with the same planner, so what is listed is what runs.
 */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatMinutes } from '../../shared/plan/durations';
import type { RunEnvironment, RunMode } from '../../shared/run/types';
import { useAppStore } from '../store/store';
import { planFor } from '../plan/plan-state';
import { startRun } from './run-actions';
import { reviewItems, type ReviewCommand } from './run-view';
import { EnvironmentChoice, looksLikeHostName } from './EnvironmentChoice';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function ReviewCommandItem({ command }: { command: ReviewCommand }) {
  return (
    <div data-testid="run-review-command">
      <span className="run-review-title">
        <span className="run-group-procedure">{command.procedure}</span> {command.title}
      </span>
      {command.onlyIf && <span className="run-review-onlyif muted">If {command.onlyIf}</span>}
      <code className="run-review-code">{command.command}</code>
    </div>
  );
}

export function RunReview({ mode }: { mode: RunMode }) {
  const { deployment, scenario, close } = useAppStore(useShallow((s) => ({ deployment: s.deployment, scenario: s.scenario, close: s.closeRunConsole })));
  const state = useMemo(() => (deployment ? planFor(deployment, scenario) : null), [deployment, scenario]);
  const [environment, setEnvironment] = useState<RunEnvironment>({ kind: 'lab' });
  const [confirmAll, setConfirmAll] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const rehearsal = mode === 'rehearsal';

  const start = async () => {
    setStarting(true);
    setError(null);
    const failed = await startRun(mode, confirmAll, environment);
    setStarting(false);
    if (failed) setError(failed);
  };

  if (state?.kind !== 'plan') {
    return (
      <div className="run-review" data-testid="run-review">
        <h2 id="run-console-heading">Nothing to run</h2>
        <p>The Plan tab has no plan to run for this scenario: open it to see why.</p>
        <button type="button" className="button" onClick={close}>
          Back
        </button>
      </div>
    );
  }
  const plan = state.plan;
  const { changes, manual } = reviewItems(plan);
  const where = environment.kind === 'lab' ? 'in the lab' : `on ${environment.endpoint || 'the live server'}`;
  const ready = environment.kind === 'lab' || looksLikeHostName(environment.endpoint);
  return (
    <div className="run-review" data-testid="run-review">
      <header className="run-review-head">
        <h2 id="run-console-heading">{rehearsal ? 'Rehearse' : 'Run'}: review before starting</h2>
        <p className="run-line">
          <strong>{plan.title}</strong> <span className="muted">· estimated {formatMinutes(plan.estimate)}</span>
        </p>
      </header>
      <EnvironmentChoice value={environment} onChange={setEnvironment} />

      <section aria-labelledby="run-review-changes">
        <h3 id="run-review-changes">
          {rehearsal ? 'Changes rehearsed with -WhatIf' : 'Changes to the deployment'} <span className="count">({changes.length})</span>
        </h3>
        {changes.length === 0 ? (
          <p className="muted">None: this plan only reads and checks.</p>
        ) : (
          <ol className="run-review-commands" data-testid="run-review-commands">
            {changes.map((change) =>
              change.kind === 'command' ? (
                <li key={change.command.id}>
                  <ReviewCommandItem command={change.command} />
                </li>
              ) : (
                <li key={change.id} data-testid="run-review-choice">
                  <span className="run-review-title">
                    One of these, as the run finds the deployment <span className="muted">({change.question})</span>
                  </span>
                  <ul className="run-review-options">
                    {change.options.map((option) => (
                      <li key={option.id}>
                        <ReviewCommandItem command={option} />
                      </li>
                    ))}
                  </ul>
                </li>
              ),
            )}
          </ol>
        )}
      </section>

      {manual.length > 0 && (
        <section aria-labelledby="run-review-manual">
          <h3 id="run-review-manual">
            Manual steps the run waits for <span className="count">({manual.length})</span>
          </h3>
          <ul className="run-review-manual">
            {manual.map((m) => (
              <li key={m.id}>
                {m.title} <span className="muted">({m.tool})</span>
              </li>
            ))}
          </ul>
          {rehearsal && <p className="muted">A rehearsal does not stop at them: they are listed in its report as not rehearsed.</p>}
        </section>
      )}

      <footer className="run-review-footer">
        {rehearsal ? (
          <p className="run-line">Nothing is changed: each change runs with -WhatIf (those that cannot are skipped), every check runs, and the run does not stop for confirmations.</p>
        ) : (
          changes.length > 0 && (
            <div className="run-confirm-all">
              <label>
                <input type="checkbox" checked={confirmAll} data-testid="run-confirm-all" onChange={(e) => setConfirmAll(e.target.checked)} />{' '}
                <strong>Confirm the whole run</strong>: make the {plural(changes.length, 'change')} above without asking again.
              </label>
              <p className="muted">
                {confirmAll ? 'Manual steps still wait for you, and a failure still stops the run.' : 'Unticked, the run stops before each change and shows its exact command for you to confirm.'}
              </p>
            </div>
          )
        )}
        {error && (
          <p className="run-error" role="alert" data-testid="run-start-error">
            Could not start: {error}
          </p>
        )}
        <div className="run-review-actions">
          <button type="button" className={`button primary${environment.kind === 'server' ? ' live' : ''}`} data-testid="run-start" disabled={starting || !ready} onClick={() => void start()}>
            {starting ? 'Starting…' : `${rehearsal ? 'Start the rehearsal' : 'Start the run'} ${where}`}
          </button>
          <button type="button" className="button" onClick={close} disabled={starting}>
            Cancel
          </button>
        </div>
      </footer>
    </div>
  );
}
