/**
 * `poolpilot resume DIR --by-hand` as an admin runs it (the built command): a change the run failed
 * at, made by hand since (here: its own command through another lab shell on the run's lab state, as
 * a shell on the server would), is settled by the plan's read-back check — done, recorded as by hand,
 * and the run goes on; said to be made when it was not, the check does not hold, the resume exits 1
 * and nothing is marked done. Either way the run never makes that change itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_SHELL, SHELL_LAB, warmLabShell } from '../../support/lab-sessions';
import { openSession } from '../../../src/main/run/connect';
import { targetOf } from '../../../src/main/run/engine';
import { jobFromCommand } from '../../../src/main/powershell/from-command';
import { readJournal } from '../../../src/main/run/journal';
import { planSteps } from '../../../src/main/run/plan-steps';
import { deriveRelations } from '../../../src/shared/model/relations';
import { buildCli, runCli } from './built-cli';
import { EDGE1, POOL1, POOL2, readLab, record, STEP } from './run-support';

const FAILOVER = ['run', 'demo', '--lab', '--down', POOL1, '--failover', POOL1, '--yes', '--ack-manual'];

let dir: string;
let bin: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poolpilot-cli-by-hand-'));
  [bin] = await Promise.all([buildCli(join(dir, 'cli')), warmLabShell()]);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let runs = 0;
/** The failover with the Edge pool's next-hop change failing: the run aborts there (exit 1). */
async function failedAtNextHop() {
  const journal = join(dir, `journal-${++runs}`);
  const r = await runCli(bin, [...FAILOVER, '--journal', journal, '--lab-fault', `${STEP.setNextHop}:fail`]);
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(r.stdout).toContain('then resume with --by-hand\n');
  return { journal, state: join(journal, 'lab-state.json') };
}

/** The admin runs the failed step's own command in a lab shell of their own on the run's lab. */
async function makeByHand(journalDir: string, stepId: string) {
  const journal = await readJournal(journalDir);
  const step = planSteps(journal.plan).find((s) => s.id === stepId);
  if (step?.kind !== 'command') throw new Error(`${stepId} is not a command of the plan`);
  const shell = openSession(journal.connection, { lab: SHELL_LAB });
  try {
    expect((await shell.run(jobFromCommand(step.command, targetOf(step.runOn)))).status).toBe('succeeded');
  } finally {
    await shell.dispose();
  }
}

const nextHop = async (state: string) => deriveRelations((await readLab(state)).deployment).find((r) => r.kind === 'edgeNextHop' && r.from === EDGE1)?.to;
const edgeChanges = async (state: string) => (await readLab(state)).jobs.filter((j) => j.cmdlet === 'Set-CsEdgeServer').map((j) => j.error ?? 'ok');

describe('poolpilot resume --by-hand', () => {
  it('the change made by hand: the check holds, the step is recorded as by hand, and the run completes', async () => {
    const { journal, state } = await failedAtNextHop();
    const both = await runCli(bin, ['resume', journal, '--by-hand', '--in-flight', 'done']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--by-hand and --in-flight');

    await makeByHand(journal, STEP.setNextHop);
    const resumed = await runCli(bin, ['resume', journal, '--by-hand', 'ran it in the Management Shell on fe04']);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const done = await readJournal(journal);
    expect(done.status).toBe('completed');
    expect(record(done, STEP.setNextHop)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      detail: expect.stringMatching(/^run by hand by .* \("ran it in the Management Shell on fe04"\); re-checked with .*: it took effect \(the run's own attempt: Set-CsEdgeServer failed \(lab fault\)\.\)$/),
    });
    expect(await nextHop(state)).toBe(POOL2);
    // The run's attempt failed, the admin's worked, and the resumed run did not make the change again.
    expect(await edgeChanges(state)).toEqual(['Set-CsEdgeServer failed (lab fault).', 'ok']);
    expect((await readLab(state)).deployment.state.failedOver).toMatchObject({ [POOL1]: POOL2 });
  });

  it('the change not made: the check does not hold, exit 1, and nothing is marked done', async () => {
    const { journal, state } = await failedAtNextHop();
    const resumed = await runCli(bin, ['resume', journal, '--by-hand']);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(1);
    expect(resumed.stderr).toContain(`poolpilot: resume: ${STEP.setNextHop} was said to be done by hand, but the plan's check does not show that it took effect; nothing is marked done\n`);
    expect(resumed.stdout).toMatch(new RegExp(`^  FAILED ${STEP.setNextHop} .*re-checked with ${STEP.nextHopReadBack}: it has not taken effect \\(.* does not hold\\)$`, 'm'));
    const after = await readJournal(journal);
    expect(after.status).toBe('aborted');
    expect(record(after, STEP.setNextHop)).toMatchObject({ status: 'failed', attempts: 1 });
    // Nothing after the failed change ran.
    expect(after.steps.map((s) => s.id)).not.toContain(STEP.nextHopReadBack);
    expect(await nextHop(state)).toBe(POOL1);
    expect(await edgeChanges(state)).toEqual(['Set-CsEdgeServer failed (lab fault).']);
  });

  it('where the plan has no check for the step, asks for the comment before anything runs; with it, done on the admin\'s word', async () => {
    const journal = join(dir, `journal-${++runs}`);
    const r = await runCli(bin, [...FAILOVER, '--journal', journal, '--lab-fault', `${STEP.failoverPool}:fail`]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('then resume with --by-hand "what shows it took effect"\n');

    const bare = await runCli(bin, ['resume', journal, '--by-hand']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain(`the plan has no check that shows whether ${STEP.failoverPool} took effect`);
    expect(await readJournal(journal)).toMatchObject({ status: 'aborted' });

    await makeByHand(journal, STEP.failoverPool);
    const word = 'Get-CsUserPoolInfo shows pool1 users homed on pool2';
    const resumed = await runCli(bin, ['resume', journal, '--by-hand', word]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(record(await readJournal(journal), STEP.failoverPool)).toMatchObject({
      status: 'succeeded',
      detail: expect.stringContaining(`("${word}"); no check: done on the admin's word`),
    });
    const lab = await readLab(join(journal, 'lab-state.json'));
    expect(lab.jobs.filter((j) => j.cmdlet === 'Invoke-CsPoolFailover').map((j) => j.error ?? 'ok')).toEqual(['Invoke-CsPoolFailover failed (lab fault).', 'ok']);
  });

  it('is refused for a run that did not fail at a change', async () => {
    const journal = join(dir, `journal-${++runs}`);
    // Not confirmed up front: the run stops before its first change.
    const r = await runCli(bin, [...FAILOVER.filter((a) => a !== '--yes'), '--journal', journal]);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    const resumed = await runCli(bin, ['resume', journal, '--by-hand']);
    expect(resumed).toMatchObject({ code: 2, stderr: expect.stringContaining('this run did not fail at a step that changes the deployment') });
  });
});
