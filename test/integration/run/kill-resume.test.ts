/**
 * `kill -9` of `poolpilot run` right after every step of the run finishes, and in the middle of
 * every step that changes the deployment; then `poolpilot resume`. Whatever the moment: the run
 * completes, no change reaches the deployment twice, and the journal parses every time it is looked
 * at. The demo failover of pool1 (the README's), through the built command and the lab it finds —
 * real PowerShell with the lab module where pwsh is (CI), its engine in a lab process of its own — with
 * a small lab delay so each job lasts long enough for the kill to land before the next step ends.
 *
 * A killed CLI leaves its lab shell behind, as a real run leaves a remote job running: the orphan
 * finishes the job it read, saves, and exits on its closed stdin; resume waits for it, as an admin
 * would wait for the server's job. The pool failover has no read-back check, so when it was in
 * flight only a person can tell whether it happened: resume stops and says so, the test looks at
 * the lab (as the admin would at the deployment) and answers with `--in-flight`.
 */
import { watch } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PWSH, warmLabShell } from '../../support/lab-sessions';
import { readJournal, type Journal } from '../../../src/main/run/journal';
import { deriveRelations } from '../../../src/shared/model/relations';
import { buildCli, runCli, startCli, type CliResult } from './built-cli';
import { changes, EDGE1, labShellsOn, POOL1, POOL2, readLab, STEP } from './run-support';

/** Each lab job's delay: the window for a kill between one step's end and the next one's. */
const DELAY_MS = 100;
/** Mid-step kills land halfway through a job this long. */
const MID_STEP_DELAY_MS = 200;
const RUN = ['run', 'demo', '--lab', '--down', POOL1, '--failover', POOL1, '--yes', '--ack-manual'];
const CHANGES = ['Set-CsEdgeServer', 'Invoke-CsManagementServerFailover', 'Invoke-CsPoolFailover'];

let base: string;
let bin: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'poolpilot-kill-'));
  [bin] = await Promise.all([buildCli(join(base, 'cli')), warmLabShell()]);
}, 60_000);
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/**
 * Reads the journal whenever something changes in its directory (one read at a time, and one more
 * after a read that changes interrupted); counts the reads, keeps what did not parse.
 */
function watchJournal(dir: string, onJournal: (journal: Journal) => void = () => undefined) {
  const seen = { observations: 0, broken: [] as string[] };
  const file = join(dir, 'journal.json');
  let reading = false;
  let again = false;
  const look = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      // Not written yet.
    }
    if (text !== undefined) {
      seen.observations++;
      try {
        const journal = JSON.parse(text) as Journal;
        if (journal.format !== 'poolpilot.journal' || !Array.isArray(journal.steps)) throw new Error('not a whole journal');
        onJournal(journal);
      } catch (err) {
        seen.broken.push(`${(err as Error).message}: ${JSON.stringify(text.slice(0, 60))}…`);
      }
    }
    reading = false;
    if (again) {
      again = false;
      await look();
    }
  };
  const watcher = watch(dir, () => void look());
  return { seen, stop: () => watcher.close() };
}

const finished = (journal: Journal) => journal.steps.filter((s) => s.status !== 'running').length;

/**
 * Runs the CLI with the lab delay and kills it (SIGKILL) `waitMs` after `when` first holds for the
 * journal; then waits for its orphaned lab shell to finish.
 */
async function killRun(name: string, delayMs: number, when: (journal: Journal) => boolean, waitMs = 0) {
  const dir = join(base, name);
  await mkdir(dir);
  const { child, result } = startCli(bin, [...RUN, '--lab-delay', String(delayMs), '--journal', dir]);
  let atKill: Journal | undefined;
  const watcher = watchJournal(dir, (journal) => {
    if (atKill !== undefined || !when(journal)) return;
    atKill = journal;
    if (waitMs === 0) child.kill('SIGKILL');
    else setTimeout(() => child.kill('SIGKILL'), waitMs);
  });
  const killed = await result;
  watcher.stop();
  const statePath = join(dir, 'lab-state.json');
  for (let i = 0; (await labShellsOn(statePath)).length > 0; i++) {
    if (i > 500) throw new Error(`${name}: the orphaned lab shell did not exit`);
    await new Promise((done) => setTimeout(done, 20));
  }
  return { dir, statePath, killed, atKill, seen: watcher.seen };
}

/** `poolpilot resume`, answering --in-flight from the lab's state when resume says only a person can tell. */
async function resume(dir: string, statePath: string) {
  const watcher = watchJournal(dir);
  const results: CliResult[] = [await runCli(bin, ['resume', dir, '--ack-manual'])];
  let answered: 'done' | 'again' | undefined;
  if (results[0]!.code === 1 && results[0]!.stderr.includes('--in-flight')) {
    answered = (await readLab(statePath)).deployment.state.failedOver[POOL1] === POOL2 ? 'done' : 'again';
    results.push(await runCli(bin, ['resume', dir, '--ack-manual', '--in-flight', answered]));
  }
  watcher.stop();
  return { results, answered, seen: watcher.seen };
}

/** What every run must end with, however it was interrupted. */
async function expectCompletedOnce(dir: string, statePath: string, label: string) {
  const journal = await readJournal(dir);
  expect(journal.status, label).toBe('completed');
  const lab = await readLab(statePath);
  expect(lab.deployment.state.failedOver, label).toMatchObject({ [POOL1]: POOL2 });
  const relations = deriveRelations(lab.deployment);
  expect(relations.filter((r) => r.kind === 'cmsActive').map((r) => r.from), label).toEqual([POOL2]);
  expect(relations.find((r) => r.kind === 'edgeNextHop' && r.from === EDGE1)?.to, label).toBe(POOL2);
  // Each change reached the lab exactly once (so never twice without a re-check between), and none failed.
  expect(
    changes(lab.jobs).map((j) => `${j.cmdlet}${j.error ? ` (failed: ${j.error})` : ''}`),
    label,
  ).toEqual(CHANGES);
  return journal;
}

let stepsOfARun: string[] = [];

describe('poolpilot run killed with SIGKILL, then poolpilot resume', () => {
  it('runs through without a kill (the steps a run journals, in order)', async () => {
    const dir = join(base, 'whole');
    await mkdir(dir);
    const watcher = watchJournal(dir);
    const r = await runCli(bin, [...RUN, '--lab-delay', String(DELAY_MS), '--journal', dir]);
    watcher.stop();
    expect(r.code, r.stderr).toBe(0);
    if (PWSH !== undefined) expect(r.stdout).toMatch(/^run in the lab: PowerShell 7\.\S+ with the lab module$/m);
    expect(watcher.seen.broken).toEqual([]);
    const journal = await expectCompletedOnce(dir, join(dir, 'lab-state.json'), 'whole run');
    stepsOfARun = journal.steps.map((s) => s.id);
    expect(stepsOfARun.slice(0, 2)).toEqual(['preflight/connection', expect.stringMatching(/^preflight\/parameters:/)]);
    expect(stepsOfARun).toEqual(expect.arrayContaining([STEP.setNextHop, STEP.failoverCms, STEP.failoverPool]));
  });

  it('completes after a kill right after each step finishes, every change once, the journal whole throughout', async () => {
    expect(stepsOfARun.length).toBeGreaterThan(10);
    for (let k = 1; k <= stepsOfARun.length; k++) {
      const label = `killed after step ${k} (${stepsOfARun[k - 1]})`;
      const run = await killRun(`after-${k}`, DELAY_MS, (journal) => finished(journal) >= k);
      expect(run.atKill, `${label}: the run ended before step ${k} finished`).toBeDefined();
      // Killed, unless the last step's kill came as the run was ending anyway.
      if (k < stepsOfARun.length) expect(run.killed.code, label).toBe(-1);
      // What the kill left on disk is a whole journal that says what was done.
      const left = await readJournal(run.dir);
      expect(finished(left), label).toBeGreaterThanOrEqual(k);

      const resumed = await resume(run.dir, run.statePath);
      const last = resumed.results.at(-1)!;
      expect(last.code, `${label}: ${last.stdout}${last.stderr}`).toBe(0);
      expect([...run.seen.broken, ...resumed.seen.broken], label).toEqual([]);
      expect(run.seen.observations, label).toBeGreaterThan(0);
      const journal = await expectCompletedOnce(run.dir, run.statePath, label);
      if (resumed.answered !== undefined) {
        // Only the pool failover, which has no read-back, needs the person's answer.
        const failover = journal.steps.find((s) => s.id === STEP.failoverPool);
        expect(failover, label).toMatchObject(resumed.answered === 'done' ? { status: 'skipped' } : { status: 'succeeded', attempts: 2 });
      }
    }
  }, 240_000);

  /** Runs the CLI, kills it halfway through `step`'s job, and resumes. */
  async function killMidStep(step: string) {
    const inFlight = (journal: Journal) => journal.steps.some((s) => s.id === step && s.status === 'running');
    const run = await killRun(`mid-${step.replace(/[^\w]+/g, '-')}`, MID_STEP_DELAY_MS, inFlight, MID_STEP_DELAY_MS / 2);
    expect(run.atKill).toBeDefined();
    expect(run.killed.code).toBe(-1);
    const left = await readJournal(run.dir);
    expect(left.steps.find((s) => s.id === step)?.status).toBe('running');
    const resumed = await resume(run.dir, run.statePath);
    expect(resumed.results.at(-1)!.code, resumed.results.map((r) => r.stdout + r.stderr).join('\n')).toBe(0);
    expect([...run.seen.broken, ...resumed.seen.broken]).toEqual([]);
    const journal = await expectCompletedOnce(run.dir, run.statePath, step);
    return { resumed, record: journal.steps.find((s) => s.id === step)! };
  }

  it('completes after a kill in the middle of a read, which is simply run again', async () => {
    const { resumed, record } = await killMidStep(STEP.cmsStatus);
    expect(resumed.answered).toBeUndefined();
    expect(record).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it.each([
    ['the next hop change', STEP.setNextHop],
    ['the CMS failover', STEP.failoverCms],
    ['the pool failover', STEP.failoverPool],
  ])('completes after a kill in the middle of %s, which is not run again', async (_what, step) => {
    const { resumed, record } = await killMidStep(step);
    if (step === STEP.failoverPool) {
      // No check can tell: resume stopped, the person looked and answered.
      expect(resumed.results[0]!.stderr).toContain(`${step} was in flight when the run stopped, and the plan has no check that shows whether it took effect`);
      expect(resumed.answered).toBe('done');
      expect(record).toMatchObject({ status: 'skipped', detail: expect.stringContaining('resume --in-flight done') });
    } else {
      expect(resumed.answered).toBeUndefined();
      expect(record).toMatchObject({ status: 'succeeded', detail: expect.stringMatching(/^was in flight when the run stopped; re-checked with .*: it took effect$/) });
    }
  });
});
