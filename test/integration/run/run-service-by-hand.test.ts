/**
 * "Run it on the server yourself" as the window sees it (RunService over the real lab executable):
 * a failed change's prompt carries the command to copy, where, and the check; "I ran it — check now"
 * without having run it comes back as the same prompt saying the check does not hold; and a failed
 * check, which has nothing to run by hand, refuses that answer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../../src/main/run/connect';
import { RunService } from '../../../src/main/run/run-service';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { RunEvent, RunPrompt } from '../../../src/shared/run/types';
import { LAB_SHELL, SHELL_LAB, warmLabShell } from '../../support/lab-sessions';
import { changes, EDGE1, POOL1, POOL2, readLab, STEP } from './run-support';

const DENIED = 'Access is denied.';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'poolpilot-run-service-by-hand-'));
  await warmLabShell();
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe('a failed change in the app', () => {
  it('offers to run it by hand; said done when it was not, it is asked again; a failed check refuses "done by hand"', async () => {
    let next: (p: RunPrompt) => void = () => undefined;
    let finished: (e: Extract<RunEvent, { type: 'finished' }>) => void = () => undefined;
    const runs = new RunService({
      runsDir: join(root, 'runs'),
      emit: (_name, payload) => {
        const event = payload as RunEvent;
        if (event.type === 'prompt') next(event.prompt);
        if (event.type === 'finished') finished(event);
      },
      openJobs: (connection) => openSession(connection, { lab: SHELL_LAB, labFaults: [`Set-CsEdgeServer=fail:${DENIED}`] }),
    });
    const prompted = () => new Promise<RunPrompt>((done) => (next = done));
    try {
      let prompt = prompted();
      const { runId, journalDir } = await runs.start({
        deployment: demoDeployment(),
        scenario: { down: [{ kind: 'pool', fqdn: POOL1 }], changes: [{ kind: 'failoverPool', pool: POOL1 }], applied: 1 },
        mode: 'run',
        confirmAll: true,
        environment: { kind: 'lab' },
      });

      const first = await prompt;
      expect(first).toEqual({
        kind: 'failure',
        stepId: STEP.setNextHop,
        title: expect.any(String),
        detail: DENIED,
        byHand: {
          where: 'any Skype for Business Server Management Shell',
          command: `Set-CsEdgeServer -Identity 'EdgeServer:${EDGE1}' -Registrar 'Registrar:${POOL2}'`,
          checkCommand: `Get-CsService -Identity 'EdgeServer:${EDGE1}'`,
        },
      });
      prompt = prompted();
      runs.respond(runId, STEP.setNextHop, { kind: 'failure', action: 'doneByHand', comment: 'ran it on fe04' });
      const again = await prompt;
      expect(again).toMatchObject({ kind: 'failure', stepId: STEP.setNextHop, detail: expect.stringContaining('it has not taken effect'), byHand: first.kind === 'failure' ? first.byHand : undefined });
      expect(again.kind === 'failure' && again.detail).toMatch(/"ran it on fe04"/);

      prompt = prompted();
      runs.respond(runId, STEP.setNextHop, { kind: 'failure', action: 'skip', reason: 'will move the next hop later' });
      // Skipped, the change is not there: the read-back check after it fails, and a check is nothing to run by hand.
      const check = await prompt;
      expect(check).toMatchObject({ kind: 'failure', stepId: STEP.nextHopReadBack, detail: expect.stringMatching(/^does not hold: /) });
      expect(check).not.toHaveProperty('byHand');
      expect(() => runs.respond(runId, STEP.nextHopReadBack, { kind: 'failure', action: 'doneByHand' })).toThrow(
        `${STEP.nextHopReadBack} ("${check.kind === 'failure' ? check.title : ''}") is not a change the run offered to run by hand: retry it, skip it or abort.`,
      );

      const end = new Promise<Extract<RunEvent, { type: 'finished' }>>((done) => (finished = done));
      runs.respond(runId, STEP.nextHopReadBack, { kind: 'failure', action: 'abort' });
      const { run } = await end;
      expect(run.status).toBe('aborted');
      expect(run.steps.find((s) => s.id === STEP.setNextHop)).toMatchObject({ status: 'skipped', detail: expect.stringContaining('said to be run by hand') });
      // The refused answer changed nothing: the only change tried is the run's own failed one.
      expect(changes((await readLab(join(journalDir, 'lab-state.json'))).jobs).map((j) => [j.cmdlet, j.error])).toEqual([['Set-CsEdgeServer', DENIED]]);
    } finally {
      await runs.dispose();
    }
  });
});
