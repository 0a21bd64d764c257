/**
 * A step failed (or its outcome is unknown): what went wrong; Retry / Skip with a reason / Abort —
 * and, for a change main offers to, "Run it on the server yourself": where, the command to copy,
 * and "I ran it — check now", after which main runs the plan's read-back check and counts the step
 * done only if it holds. Where the plan has no such check, nothing can confirm it: the button says
 * the step is recorded on the admin's word, and asks what shows it took effect.
 */
import { useState } from 'react';
import type { RunAnswer, RunPrompt } from '../../shared/run/types';
import { CommandBlock } from './CommandBlock';
import { PromptFrame } from './PromptFrame';

type FailureRunPrompt = Extract<RunPrompt, { kind: 'failure' }>;
type Answer = (answer: RunAnswer) => Promise<void>;

function ByHand({ byHand, answer, busy }: { byHand: NonNullable<FailureRunPrompt['byHand']>; answer: Answer; busy: boolean }) {
  const [comment, setComment] = useState('');
  const trimmed = comment.trim();
  const checked = byHand.checkCommand !== undefined;
  return (
    <section className="run-by-hand" aria-labelledby="run-by-hand-heading" data-testid="run-prompt-by-hand">
      <h4 id="run-by-hand-heading">Run it on the server yourself</h4>
      <p>If PoolPilot cannot run it there (remoting cannot reach the server, or a second hop is refused), paste this into PowerShell where it says:</p>
      <CommandBlock text={byHand.command} testId="run-prompt-by-hand-command" where={byHand.where} />
      {checked ? (
        <>
          <p>When it has run, PoolPilot runs the plan’s check, and counts the step done only if the check shows it took effect:</p>
          <CommandBlock text={byHand.checkCommand!} testId="run-prompt-by-hand-check" />
        </>
      ) : (
        <p data-testid="run-prompt-by-hand-no-check">
          The plan has no check that shows whether it took effect, so PoolPilot cannot confirm it: the step is recorded as done on your word. Say what shows it took effect.
        </p>
      )}
      <label className="run-field">
        <span>{checked ? 'Comment for the report (optional)' : 'What shows it took effect (required)'}</span>
        <input type="text" value={comment} maxLength={4000} data-testid="run-prompt-by-hand-comment" onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="run-prompt-actions">
        <button
          type="button"
          className="button"
          data-testid="run-prompt-by-hand-done"
          disabled={busy || (!checked && trimmed === '')}
          onClick={() => void answer({ kind: 'failure', action: 'doneByHand', ...(trimmed ? { comment: trimmed } : {}) })}
        >
          {checked ? 'I ran it — check now' : 'I ran it — record it on my word'}
        </button>
      </div>
    </section>
  );
}

export function FailurePrompt({ prompt, answer, busy }: { prompt: FailureRunPrompt; answer: Answer; busy: boolean }) {
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  return (
    <PromptFrame kind="failure" title={<>Step failed: {prompt.title}</>}>
      <p className="run-failure-detail" data-testid="run-prompt-detail">
        {prompt.detail}
      </p>
      <p className="muted">
        The step’s output is below. Fix the cause and retry, {prompt.byHand ? 'run it on the server yourself, ' : ''}skip it (say why: it goes in the report), or abort the run.
      </p>
      <div className="run-prompt-actions">
        <button type="button" className="button primary" data-testid="run-prompt-retry" disabled={busy} onClick={() => void answer({ kind: 'failure', action: 'retry' })}>
          Retry
        </button>
        <button type="button" className="button danger" data-testid="run-prompt-abort" disabled={busy} onClick={() => void answer({ kind: 'failure', action: 'abort' })}>
          Abort the run
        </button>
      </div>
      {prompt.byHand && <ByHand byHand={prompt.byHand} answer={answer} busy={busy} />}
      <div className="run-skip">
        <label className="run-field">
          <span>Why skip it (required to skip)</span>
          <input type="text" value={reason} maxLength={4000} data-testid="run-prompt-skip-reason" onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="button" className="button" data-testid="run-prompt-skip" disabled={busy || trimmed === ''} onClick={() => void answer({ kind: 'failure', action: 'skip', reason: trimmed })}>
          Skip this step
        </button>
      </div>
    </PromptFrame>
  );
}
