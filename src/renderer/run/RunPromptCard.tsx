/**
 * What the run waits for, where the admin cannot miss it: a change to confirm (its exact command;
 * Run / Stop here), a manual step to do (its checklist from the plan, an optional comment; Done /
 * Not yet), or a failure (FailurePrompt.tsx: what went wrong; Retry / Skip with a reason / Abort, or
 * run it on the server yourself). Focus moves to the prompt when it appears, and it is announced.
 */
import { useState } from 'react';
import { runOnText } from '../../shared/export/words';
import type { Plan, Step } from '../../shared/plan/types';
import type { RunAnswer, RunPrompt } from '../../shared/run/types';
import { answerPrompt } from './run-actions';
import { findPlanStep } from './run-view';
import { CommandBlock } from './CommandBlock';
import { FailurePrompt } from './FailurePrompt';
import { PromptFrame } from './PromptFrame';

type Answer = (answer: RunAnswer) => Promise<void>;

function ConfirmPrompt({ prompt, step, answer, busy }: { prompt: Extract<RunPrompt, { kind: 'confirm' }>; step: Step | undefined; answer: Answer; busy: boolean }) {
  return (
    <PromptFrame kind="confirm" title={<>Confirm before it runs: {prompt.title}</>}>
      <p>This command changes the deployment. It runs exactly as shown:</p>
      <CommandBlock text={prompt.command} testId="run-prompt-command" where={step?.kind === 'command' ? runOnText(step.runOn) : undefined} />
      <div className="run-prompt-actions">
        <button type="button" className="button primary" data-testid="run-prompt-run" disabled={busy} onClick={() => void answer({ kind: 'confirm', run: true })}>
          Run it
        </button>
        <button type="button" className="button" data-testid="run-prompt-stop" disabled={busy} onClick={() => void answer({ kind: 'confirm', run: false })}>
          Stop here
        </button>
        <span className="muted">Stop here ends the run before this step; it can be resumed later.</span>
      </div>
    </PromptFrame>
  );
}

function ManualPrompt({ prompt, step, answer, busy }: { prompt: Extract<RunPrompt, { kind: 'acknowledge' }>; step: Step | undefined; answer: Answer; busy: boolean }) {
  const manual = step?.kind === 'manual' ? step : undefined;
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const [comment, setComment] = useState('');
  const items = manual?.checklist ?? [];
  const allTicked = items.every((_, i) => ticked.has(i));
  const toggle = (i: number) =>
    setTicked((t) => {
      const next = new Set(t);
      if (!next.delete(i)) next.add(i);
      return next;
    });
  const trimmed = comment.trim();
  return (
    <PromptFrame kind="acknowledge" title={<>Manual step: {prompt.title}</>}>
      <p>
        Nothing in PowerShell can see this done: the run waits until you say it is.
        {manual && (
          <>
            {' '}
            Where: <strong>{manual.tool}</strong>
            {manual.runOn ? `, on ${runOnText(manual.runOn)}` : ''}.
          </>
        )}
      </p>
      {items.length > 0 && (
        <fieldset className="run-checklist">
          <legend>Tick each item as you do it</legend>
          {items.map((item, i) => (
            <label key={i}>
              <input type="checkbox" checked={ticked.has(i)} onChange={() => toggle(i)} /> {item}
            </label>
          ))}
        </fieldset>
      )}
      {manual?.sql && <CommandBlock text={manual.sql.join('\n')} testId="run-prompt-sql" />}
      <label className="run-field">
        <span>Comment for the report (optional)</span>
        <textarea rows={2} value={comment} maxLength={4000} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="run-prompt-actions">
        <button
          type="button"
          className="button primary"
          data-testid="run-prompt-done"
          disabled={busy || !allTicked}
          onClick={() => void answer({ kind: 'acknowledge', done: true, ...(trimmed ? { comment: trimmed } : {}) })}
        >
          Done
        </button>
        <button type="button" className="button" data-testid="run-prompt-not-yet" disabled={busy} onClick={() => void answer({ kind: 'acknowledge', done: false, ...(trimmed ? { comment: trimmed } : {}) })}>
          Not yet
        </button>
        <span className="muted">{allTicked ? 'Not yet stops the run here; resume it once the step is done.' : 'Done is available once every item is ticked.'}</span>
      </div>
    </PromptFrame>
  );
}

export function RunPromptCard({ prompt, plan }: { prompt: RunPrompt; plan: Plan }) {
  const [busy, setBusy] = useState(false);
  const answer: Answer = async (a) => {
    setBusy(true);
    try {
      await answerPrompt(prompt.stepId, a);
    } finally {
      setBusy(false);
    }
  };
  const step = findPlanStep(plan, prompt.stepId);
  switch (prompt.kind) {
    case 'confirm':
      return <ConfirmPrompt prompt={prompt} step={step} answer={answer} busy={busy} />;
    case 'acknowledge':
      return <ManualPrompt prompt={prompt} step={step} answer={answer} busy={busy} />;
    case 'failure':
      return <FailurePrompt prompt={prompt} answer={answer} busy={busy} />;
  }
}
