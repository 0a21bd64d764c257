/**
 * `poolpilot run --lab-fault` and `poolpilot resume` as an admin runs them (the built command, a
 * separate process): for a failing cmdlet, one that does not answer and a shell that dies, the exit
 * code, the message printed, and how resume carries on — with `--in-flight` when only a person can
 * tell whether a step took effect.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmLabShell } from '../../support/lab-sessions';
import { readJournal } from '../../../src/main/run/journal';
import { deriveRelations } from '../../../src/shared/model/relations';
import { buildCli, runCli } from './built-cli';
import { changes, EDGE1, POOL1, POOL2, readLab, record, STEP } from './run-support';

const FAILOVER = ['run', 'demo', '--lab', '--down', POOL1, '--failover', POOL1, '--yes', '--ack-manual'];
const CHANGES = ['Set-CsEdgeServer', 'Invoke-CsManagementServerFailover', 'Invoke-CsPoolFailover'];

let dir: string;
let bin: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poolpilot-cli-faults-'));
  [bin] = await Promise.all([buildCli(join(dir, 'cli')), warmLabShell()]);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let runs = 0;
async function run(...extra: string[]) {
  const journal = join(dir, `journal-${++runs}`);
  return { journal, state: join(journal, 'lab-state.json'), ...(await runCli(bin, [...FAILOVER, '--journal', journal, ...extra])) };
}

async function expectFailedOver(state: string) {
  const lab = await readLab(state);
  expect(lab.deployment.state.failedOver).toMatchObject({ [POOL1]: POOL2 });
  const relations = deriveRelations(lab.deployment);
  expect(relations.filter((r) => r.kind === 'cmsActive').map((r) => r.from)).toEqual([POOL2]);
  expect(relations.find((r) => r.kind === 'edgeNextHop' && r.from === EDGE1)?.to).toBe(POOL2);
  // Every change ran once.
  expect(changes(lab.jobs).filter((j) => !j.error).map((j) => j.cmdlet)).toEqual(CHANGES);
  return lab;
}

describe('poolpilot run --lab-fault STEP:fail', () => {
  it('exits 1 naming the step and the cmdlet\'s message; resume runs the step again and completes', async () => {
    const r = await run('--lab-fault', `${STEP.failoverPool}:fail`);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toBe(`poolpilot: run: ${STEP.failoverPool} failed: Invoke-CsPoolFailover failed (lab fault).\n`);
    expect(r.stdout).toMatch(new RegExp(`^  FAILED ${STEP.failoverPool} \\(\\d+\\.\\d s\\): Invoke-CsPoolFailover failed \\(lab fault\\)\\.$`, 'm'));
    expect(r.stdout).toContain(`run aborted: ${STEP.failoverPool}: Invoke-CsPoolFailover failed (lab fault).; journal: ${join(r.journal, 'journal.json')}`);

    const resumed = await runCli(bin, ['resume', r.journal, '--ack-manual']);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const journal = await readJournal(r.journal);
    expect(journal.status).toBe('completed');
    expect(record(journal, STEP.failoverPool)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const lab = await expectFailedOver(r.state);
    expect(lab.jobs.filter((j) => j.cmdlet === 'Invoke-CsPoolFailover').map((j) => j.error)).toEqual(['Invoke-CsPoolFailover failed (lab fault).', undefined]);
  });
});

describe('poolpilot run --lab-fault STEP:timeout', () => {
  it('prints the unknown outcome and how the read-back settled it, and completes (exit 0)', async () => {
    const r = await run('--lab-fault', `${STEP.setNextHop}:timeout@1`);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^  UNKNOWN ${STEP.setNextHop} \\(\\d+\\.\\d s\\): no answer within 3 s: the shell was killed, and the job may have run$`, 'm'));
    expect(r.stdout).toMatch(
      new RegExp(`^  SUCCEEDED ${STEP.setNextHop} .*: had an unknown outcome \\(no answer within 3 s: .*\\); re-checked with ${STEP.nextHopReadBack} \\(.*\\): it took effect$`, 'm'),
    );
    expect(r.stdout).toContain('run completed; journal:');
    await expectFailedOver(r.state);
  });

  it('exits 1 at a step no check can settle, saying what to do; resume --in-flight done completes without running it again', async () => {
    const r = await run('--lab-fault', `${STEP.failoverPool}:timeout`);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      `poolpilot: run: ${STEP.failoverPool} failed: ${STEP.failoverPool} had an unknown outcome (no answer within 3 s: the shell was killed, and the job may have run), and the plan has no check that shows whether it took effect`,
      `poolpilot: run: check whether ${STEP.failoverPool} took effect, then resume with --in-flight done (it did) or --in-flight again (it did not)`,
      '',
    ]);

    const wrong = await runCli(bin, ['resume', r.journal, '--in-flight', 'maybe']);
    expect(wrong).toMatchObject({ code: 2, stderr: 'poolpilot: resume: --in-flight expects done or again, got "maybe"\n' });

    const resumed = await runCli(bin, ['resume', r.journal, '--in-flight', 'done']);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const journal = await readJournal(r.journal);
    expect(journal.status).toBe('completed');
    expect(record(journal, STEP.failoverPool)).toMatchObject({
      status: 'skipped',
      detail: expect.stringContaining('skipped: the person running it checked that it took effect (resume --in-flight done)'),
    });
    await expectFailedOver(r.state);
  });
});

describe('poolpilot run --lab-fault STEP:die', () => {
  it('on a change: prints that the shell ended, settles it with the read-back in a new shell, and completes', async () => {
    const r = await run('--lab-fault', `${STEP.setNextHop}:die`);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^  UNKNOWN ${STEP.setNextHop} \\(\\d+\\.\\d s\\): the shell ended before the job finished \\(the shell process exited with code 3\\)$`, 'm'),
    );
    expect(r.stdout).toMatch(new RegExp(`^  SUCCEEDED ${STEP.setNextHop} .*: it took effect$`, 'm'));
    await expectFailedOver(r.state);
  });

  it('on a check: exits 1 with the reason; resume runs the check again and completes', async () => {
    const r = await run('--lab-fault', `${STEP.cmsBackupPool}:die`);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toBe(`poolpilot: run: ${STEP.cmsBackupPool} failed: the shell ended before the job finished (the shell process exited with code 3)\n`);
    const resumed = await runCli(bin, ['resume', r.journal, '--ack-manual']);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(record(await readJournal(r.journal), STEP.cmsBackupPool)).toMatchObject({ status: 'succeeded', attempts: 2 });
    await expectFailedOver(r.state);
  });
});
