/**
 * The run engine over a scripted job runner (no processes): confirmation, manual steps, gates,
 * unknown outcomes settled by the read-back check, rehearsal, and resume from a journal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeRun, newJournal, type JobRunner, type RunCallbacks } from '../../../src/main/run/engine';
import { readJournal } from '../../../src/main/run/journal';
import { conditionHolds } from '../../../src/main/run/conditions';
import { acquireRunLock, RunLockedError } from '../../../src/main/run/lock';
import { reportToMarkdown } from '../../../src/main/run/report';
import { cmdletSpec, type Job } from '../../../src/main/powershell/job';
import type { JobOutcome } from '../../../src/main/powershell/records';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { buildPlan } from '../../../src/shared/plan/planner';
import type { Condition, Plan } from '../../../src/shared/plan/types';

const EDGE = 'edgepool1.contoso.com';
const SET = `reassignNextHop:${EDGE}/set-edge-server`;
const READ_BACK = `reassignNextHop:${EDGE}/read-back`;

/** The demo's P0: make pool2 Edge pool 1's next hop (a change and its read-back check). */
function nextHopPlan(): Plan {
  return buildPlan(demoDeployment(), { down: [], changes: [{ kind: 'reassignNextHop', edgePool: EDGE, nextHop: 'pool2.contoso.com' }], applied: 1 });
}

const ok = (results: unknown[] = []): JobOutcome => ({ status: 'succeeded', results, errors: [], warnings: [], verbose: [], host: [], stderr: '', durationMs: 1 });

/** Answers like a deployment whose next hop changes when Set-CsEdgeServer runs (or `setOutcome` says otherwise). */
function fakeDeployment(setOutcome: (n: number) => 'ok' | 'unknown-done' | 'unknown-lost' = () => 'ok') {
  const jobs: Job[] = [];
  let hop = 'Registrar:pool1.contoso.com';
  let sets = 0;
  const runner: JobRunner = {
    async run(job) {
      jobs.push(job);
      if (job.kind === 'parameters') {
        const spec = cmdletSpec(job.cmdlet);
        return ok([[...Object.keys(spec.parameters), ...spec.switches, 'Verbose', 'WhatIf']]);
      }
      if (job.cmdlet === 'Get-CsService') return ok([{ Identity: `EdgeServer:${EDGE}`, Registrar: hop }]);
      if (job.cmdlet === 'Set-CsEdgeServer' && !job.whatIf) {
        const what = setOutcome(++sets);
        if (what !== 'unknown-lost') hop = job.parameters.Registrar as string;
        if (what !== 'ok') return { ...ok(), status: 'unknown', reason: 'no answer within 1 s' };
      }
      return ok();
    },
  };
  return { runner, jobs, changes: () => jobs.filter((j) => j.cmdlet === 'Set-CsEdgeServer' && j.kind === 'cmdlet' && !j.whatIf).length };
}

function callbacks(over: Partial<RunCallbacks> = {}): RunCallbacks & { shown: string[] } {
  const shown: string[] = [];
  return {
    shown,
    onCommand: (_step, command) => void shown.push(command),
    confirm: async () => true,
    acknowledge: async () => ({ done: true }),
    onFailure: async () => ({ action: 'abort' }),
    ...over,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poolpilot-engine-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const connection = { kind: 'server', endpoint: 'fe03.contoso.com' } as const;

describe('run engine', () => {
  it('asks before a change, and stops there (journalled) when it is not confirmed', async () => {
    const { runner, changes } = fakeDeployment();
    const asked: string[] = [];
    const journal = await executeRun({
      dir,
      journal: newJournal(nextHopPlan(), { mode: 'run', connection, confirmedUpFront: false }),
      jobs: runner,
      callbacks: callbacks({ confirm: async (step) => (asked.push(step.id), false) }),
    });
    expect(asked).toEqual([SET]);
    expect(journal.status).toBe('stopped');
    expect(changes()).toBe(0);
    expect((await readJournal(dir)).reason).toBe(`${SET}: not confirmed`);
  });

  it('does not start when pre-flight finds the installed cmdlet lacks a parameter the plan passes', async () => {
    const { runner, changes } = fakeDeployment();
    const older: JobRunner = {
      run: async (job) => (job.kind === 'parameters' && job.cmdlet === 'Set-CsEdgeServer' ? ok([['Identity', 'WhatIf']]) : runner.run(job)),
    };
    const journal = await executeRun({ dir, journal: newJournal(nextHopPlan(), { mode: 'run', connection, confirmedUpFront: true }), jobs: older, callbacks: callbacks() });
    expect(journal).toMatchObject({ status: 'aborted', reason: 'pre-flight: Set-CsEdgeServer has no -Registrar' });
    expect(changes()).toBe(0);
  });

  it('settles an unknown outcome with the read-back check instead of running the change again', async () => {
    const { runner, changes } = fakeDeployment(() => 'unknown-done');
    const cb = callbacks();
    const journal = await executeRun({ dir, journal: newJournal(nextHopPlan(), { mode: 'run', connection, confirmedUpFront: true }), jobs: runner, callbacks: cb });
    expect(journal.status).toBe('completed');
    expect(changes()).toBe(1);
    expect(journal.steps.find((s) => s.id === SET)).toMatchObject({ status: 'succeeded', detail: expect.stringContaining(`re-checked with ${READ_BACK}`) });
    expect(cb.shown).toContain("Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com' -Registrar 'Registrar:pool2.contoso.com'");
  });

  it('offers retry when the re-check shows the change did not happen, and the retry runs it once more', async () => {
    const { runner, changes } = fakeDeployment((n) => (n === 1 ? 'unknown-lost' : 'ok'));
    const failures: string[] = [];
    const journal = await executeRun({
      dir,
      journal: newJournal(nextHopPlan(), { mode: 'run', connection, confirmedUpFront: true }),
      jobs: runner,
      callbacks: callbacks({ onFailure: async (step, _o, detail) => (failures.push(`${step.id}: ${detail}`), { action: 'retry' }) }),
    });
    expect(failures).toEqual([expect.stringMatching(/did not take effect/)]);
    expect(changes()).toBe(2);
    expect(journal.steps.find((s) => s.id === SET)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('resumes without repeating a completed step', async () => {
    const { runner, changes } = fakeDeployment();
    const first = await executeRun({ dir, journal: newJournal(nextHopPlan(), { mode: 'run', connection, confirmedUpFront: true }), jobs: runner, callbacks: callbacks() });
    expect(first.status).toBe('completed');
    const again = await readJournal(dir);
    again.status = 'stopped';
    await executeRun({ dir, journal: again, jobs: runner, callbacks: callbacks() });
    expect(changes()).toBe(1);
  });

  it('always waits for a manual step to be acknowledged, even in a run confirmed up front, and keeps the comment', async () => {
    const chat = 'pchat1.contoso.com';
    const plan = buildPlan(demoDeployment(), {
      down: [],
      changes: [{ kind: 'failoverPersistentChat', pool: chat, activeServers: ['pchatsrv3.contoso.com', 'pchatsrv4.contoso.com'] }],
      applied: 1,
    });
    const first = `failoverPersistentChat:${chat}/remove-log-shipping`;
    const { runner, jobs } = fakeDeployment();
    const stopped = await executeRun({
      dir,
      journal: newJournal(plan, { mode: 'run', connection, confirmedUpFront: true }),
      jobs: runner,
      callbacks: callbacks({ acknowledge: async () => ({ done: false }) }),
    });
    expect(stopped).toMatchObject({ status: 'stopped', reason: `${first}: waiting for the manual step to be acknowledged` });
    expect(jobs.filter((j) => j.kind === 'cmdlet')).toEqual([]);

    const resumed = await executeRun({
      dir,
      journal: await readJournal(dir),
      jobs: runner,
      callbacks: callbacks({ acknowledge: async () => ({ done: true, comment: 'log shipping removed by the DBA' }) }),
    });
    expect(resumed.steps.find((s) => s.id === first)).toMatchObject({ status: 'succeeded', comments: ['log shipping removed by the DBA'] });
    // The fake deployment does not change Persistent Chat's state: the read-back gate stops the run.
    expect(resumed).toMatchObject({ status: 'aborted', reason: expect.stringContaining(`failoverPersistentChat:${chat}/state-read-back`) });
  });

  it('rehearses a change with -WhatIf and marks the journal rehearsed', async () => {
    const { runner, jobs, changes } = fakeDeployment();
    const cb = callbacks({ confirm: async () => expect.unreachable('a rehearsal changes nothing: nothing to confirm') });
    const journal = await executeRun({ dir, journal: newJournal(nextHopPlan(), { mode: 'rehearsal', connection, confirmedUpFront: false }), jobs: runner, callbacks: cb });
    expect(journal).toMatchObject({ status: 'completed', rehearsedAt: expect.any(String) });
    expect(changes()).toBe(0);
    expect(jobs.some((j) => j.cmdlet === 'Set-CsEdgeServer' && j.whatIf)).toBe(true);
    expect(cb.shown.some((c) => c.startsWith('Set-CsEdgeServer') && c.endsWith('-WhatIf'))).toBe(true);
    // The read-back does not hold after a rehearsal: recorded, not a stop.
    expect(journal.steps.find((s) => s.id === READ_BACK)?.status).toBe('skipped');
    expect(reportToMarkdown(journal)).toContain('- Rehearsed at: ');
  });
});

describe('conditions', () => {
  it('hold for every object, ignoring case, and not for no objects', () => {
    const c = { test: 'equals', property: 'registrar', value: 'Registrar:POOL2.contoso.com' } as const;
    expect(conditionHolds(c, [{ Registrar: 'Registrar:pool2.contoso.com' }])).toBe(true);
    expect(conditionHolds(c, [{ Registrar: 'Registrar:pool2.contoso.com' }, { Registrar: 'Registrar:pool1.contoso.com' }])).toBe(false);
    expect(conditionHolds(c, [])).toBe(false);
    expect(conditionHolds({ test: 'equals', property: 'UpToDate', value: true }, [{ UpToDate: false }])).toBe(false);
    expect(conditionHolds({ test: 'hasParameter', parameter: 'Force' }, [['Identity', 'Force']])).toBe(true);
    expect(conditionHolds({ test: 'not', condition: { test: 'hasParameter', parameter: 'Force' } }, ['Identity'])).toBe(true);
  });

  it('leave out the replicas of servers that are down, and only those', () => {
    const upToDate: Condition = { test: 'equals', property: 'UpToDate', value: true };
    const c: Condition = { test: 'excluding', property: 'ReplicaFqdn', values: ['FE01.contoso.com', 'fe02.contoso.com'], condition: upToDate };
    const replicas = (stale: string[]) =>
      ['fe01.contoso.com', 'fe02.contoso.com', 'fe03.contoso.com', 'edgeserver2.contoso.com'].map((r) => ({ ReplicaFqdn: r, UpToDate: !stale.includes(r) }));
    // Only the down servers are stale: the wait is over.
    expect(conditionHolds(c, replicas(['fe01.contoso.com', 'fe02.contoso.com']))).toBe(true);
    expect(conditionHolds(upToDate, replicas(['fe01.contoso.com', 'fe02.contoso.com']))).toBe(false);
    // A surviving replica is stale: keep waiting.
    expect(conditionHolds(c, replicas(['fe01.contoso.com', 'edgeserver2.contoso.com']))).toBe(false);
    // Nothing but down servers answered: nothing shows the CMS replicating.
    expect(conditionHolds(c, replicas([]).slice(0, 2))).toBe(false);
  });
});

describe('run lock', () => {
  it('lets one run in at a time and takes over the lock of a run that is gone', async () => {
    const lock = await acquireRunLock(dir);
    await expect(acquireRunLock(dir)).rejects.toThrow(RunLockedError);
    await lock.release();
    const { writeFile } = await import('node:fs/promises');
    // A pid that cannot be running: the lock is stale.
    await writeFile(join(dir, 'run.lock'), JSON.stringify({ pid: 2 ** 22 + 1, since: 'yesterday' }));
    const taken = await acquireRunLock(dir);
    expect(taken.tookOverFrom).toBe(2 ** 22 + 1);
    await taken.release();
  });
});
