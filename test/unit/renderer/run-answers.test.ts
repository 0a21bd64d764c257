/**
 * Every answer the run console's prompts send (Run / Stop here, Done / Not yet, Retry / Skip with a
 * reason / Abort / I ran it by hand) gets through the IPC boundary as main parses it — a schema that cannot parse them
 * (zod refuses two union members with the same discriminator) left every prompt unanswerable.
 */
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatch';
import type { RunAnswer } from '../../../src/shared/run/types';

const received: RunAnswer[] = [];
const dispatch = createDispatcher({
  'run.respond': ({ answer }: { answer: RunAnswer }) => {
    received.push(answer);
    return { ok: true as const };
  },
} as unknown as Handlers);

const respond = (answer: unknown) => dispatch('run.respond', { runId: 'run-1', stepId: 'failoverPool:pool1.contoso.com/failover', answer });

describe('the answers to run prompts', () => {
  it('reach the handler as sent, for every prompt and button', async () => {
    const answers: RunAnswer[] = [
      { kind: 'confirm', run: true },
      { kind: 'confirm', run: false },
      { kind: 'acknowledge', done: true, comment: 'Published by J. Admin' },
      { kind: 'acknowledge', done: false },
      { kind: 'failure', action: 'retry' },
      { kind: 'failure', action: 'abort' },
      { kind: 'failure', action: 'skip', reason: 'Checked by hand' },
      { kind: 'failure', action: 'doneByHand', comment: 'Ran it on fe04' },
      { kind: 'failure', action: 'doneByHand' },
    ];
    for (const answer of answers) expect(await respond(answer)).toEqual({ ok: true, value: { ok: true } });
    expect(received).toEqual(answers);
  });

  it('refuses a skip without a reason, and an answer of no known kind, naming the field', async () => {
    expect(await respond({ kind: 'failure', action: 'skip', reason: '   ' })).toEqual({
      ok: false,
      error: { message: 'Invalid run.respond request (field answer.reason): say why the step is skipped.' },
    });
    const unknown = await respond({ kind: 'failure', action: 'ignore' });
    expect(unknown).toMatchObject({ ok: false, error: { message: expect.stringContaining('(field answer.action)') } });
  });
});
