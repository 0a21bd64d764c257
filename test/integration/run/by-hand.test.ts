/**
 * "Run it on the server yourself", through the run engine and real lab shells: a change the run
 * cannot make comes with the step as a command to copy and the plan's read-back check; the admin
 * runs it by hand (here: the same job through another lab shell on the same state file, as a shell
 * on the server would) and says so. The step is done only when the check then holds — a claim the
 * check does not bear out, or a check that cannot run, asks the admin again and marks nothing done;
 * without a check, only the admin's stated word counts, recorded as just that. Either way the run
 * never makes the change again itself.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useLabSessions, type LabSession } from '../../support/lab-sessions';
import { targetOf, type FailureChoice, type JobRunner } from '../../../src/main/run/engine';
import { planSteps } from '../../../src/main/run/plan-steps';
import { jobFromCommand } from '../../../src/main/powershell/from-command';
import { deriveRelations } from '../../../src/shared/model/relations';
import type { Plan, Step } from '../../../src/shared/plan/types';
import { changes, demoPlan, EDGE1, EDGE_SERVER2, failoverPlan, POOL1, POOL2, readLab, record, runEngine, STEP, type LabFile, type SeenFailure } from './run-support';

const lab = useLabSessions('poolpilot-run-by-hand-');
const TIMEOUT_MS = 3_000;
const MANAGEMENT_SHELL = 'any Skype for Business Server Management Shell';
const DENIED = 'Access is denied.';
const DOWN = { POOLPILOT_LAB_DOWN: `pool:${POOL1}` };

let runs = 0;
const newDir = () => join(lab.dir(), `journal-${++runs}`);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the plan's check `id` expects, as the engine words it. */
function expectOf(plan: Plan, id: string): string {
  const step = planSteps(plan).find((s) => s.id === id);
  if (step?.kind !== 'check') throw new Error(`${id} is not a check of the plan`);
  return step.expect;
}

/**
 * A lab the test swaps under the run. One lab shell at a time works on the state file (each keeps
 * the state in memory), so the admin's shell on the server is the next lab started, with its own
 * conditions, and the run's own lab comes back after it.
 */
function swappableLab(conditions: Record<string, string>) {
  const statePath = lab.file('lab');
  const open = (env: Record<string, string>) => lab.labSession({ POOLPILOT_LAB_STATE: statePath, ...env }, { endpoint: undefined, timeoutMs: TIMEOUT_MS }).session;
  let current: LabSession = open(conditions);
  const switchTo = (env: Record<string, string>) => {
    void current.dispose();
    current = open(env);
  };
  const jobs: JobRunner = { run: (job, options) => current.run(job, options) };
  /** The admin runs the step's own command where it works (a lab with `there`); then the run's lab is back, with `after`. */
  const runByHand = async (step: Step, there: Record<string, string>, after: Record<string, string>) => {
    if (step.kind !== 'command') throw new Error(`${step.id} is not a command`);
    switchTo(there);
    const outcome = await current.run(jobFromCommand(step.command, targetOf(step.runOn)));
    expect(outcome.status).toBe('succeeded');
    switchTo(after);
  };
  return { statePath, jobs, runByHand, switchTo };
}

/** Answers failures in turn; abort once the script runs out. */
function answers(...script: ((failure: SeenFailure, step: Step) => FailureChoice | Promise<FailureChoice>)[]) {
  let n = 0;
  return (failure: SeenFailure, step: Step) => script[n++]?.(failure, step);
}

const nextHop = (state: LabFile) => deriveRelations(state.deployment).find((r) => r.kind === 'edgeNextHop' && r.from === EDGE1)?.to;

describe('a change the run cannot make, run by hand', () => {
  it('is offered as a command to copy with the plan’s check; run by hand, the check holds and the step is done, recorded as by hand', async () => {
    const failing = { ...DOWN, POOLPILOT_LAB_FAULTS: `Set-CsEdgeServer=fail:${DENIED}` };
    const { statePath, jobs, runByHand } = swappableLab(failing);
    const plan = failoverPlan();
    const comment = 'ran it in the Management Shell on fe04';
    const run = await runEngine(
      newDir(),
      statePath,
      plan,
      jobs,
      answers(async (_failure, step) => {
        await runByHand(step, DOWN, failing);
        return { action: 'doneByHand', comment };
      }),
    );

    expect(run.failures.map((f) => [f.step, f.detail])).toEqual([[STEP.setNextHop, DENIED]]);
    expect(run.failures[0]!.byHand).toMatchObject({
      where: MANAGEMENT_SHELL,
      command: `Set-CsEdgeServer -Identity 'EdgeServer:${EDGE1}' -Registrar 'Registrar:${POOL2}'`,
      checkCommand: `Get-CsService -Identity 'EdgeServer:${EDGE1}'`,
    });
    expect(run.journal.status).toBe('completed');
    expect(record(run.journal, STEP.setNextHop)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      detail: `run by hand by ${run.journal.operator} on ${MANAGEMENT_SHELL} ("${comment}"); re-checked with ${STEP.nextHopReadBack} (${expectOf(plan, STEP.nextHopReadBack)}): it took effect (the run's own attempt: ${DENIED})`,
    });
    const state = await readLab(statePath);
    expect(nextHop(state)).toBe(POOL2);
    // The run's attempt failed, the admin's worked, and the run did not make the change again.
    expect(state.jobs.filter((j) => j.cmdlet === 'Set-CsEdgeServer').map((j) => j.error)).toEqual([DENIED, undefined]);
    expect(state.deployment.state.failedOver).toMatchObject({ [POOL1]: POOL2 });
  });

  it('said to be done when it was not: the check does not hold, the admin is asked again, and nothing is marked done', async () => {
    const { session: jobs, statePath } = lab.labSession({ ...DOWN, POOLPILOT_LAB_FAULTS: `Set-CsEdgeServer=fail:${DENIED}` }, { timeoutMs: TIMEOUT_MS });
    const plan = failoverPlan();
    const run = await runEngine(newDir(), statePath, plan, jobs, answers(() => ({ action: 'doneByHand' })));

    expect(run.failures.map((f) => f.step)).toEqual([STEP.setNextHop, STEP.setNextHop]);
    const again = run.failures[1]!;
    expect(again.detail).toBe(
      `${DENIED}; said to be run by hand by ${run.journal.operator} on ${MANAGEMENT_SHELL}, but re-checked with ${STEP.nextHopReadBack}: it has not taken effect (${expectOf(plan, STEP.nextHopReadBack)} does not hold). Nothing is marked done: run it and check again, retry, skip it saying why, or abort`,
    );
    expect(again.byHand?.command).toBe(run.failures[0]!.byHand?.command);
    // While the admin is asked again, the journal on disk says the step failed, and that the claim was not borne out.
    expect(record(again.journal, STEP.setNextHop)).toMatchObject({ status: 'failed', detail: expect.stringContaining('it has not taken effect') });
    expect(run.journal.status).toBe('aborted');
    expect(record(run.journal, STEP.setNextHop).status).toBe('failed');
    const state = await readLab(statePath);
    expect(nextHop(state)).toBe(POOL1);
    expect(changes(state.jobs).map((j) => [j.cmdlet, j.error])).toEqual([['Set-CsEdgeServer', DENIED]]);
  });

  it('on a server remoting cannot reach: the check cannot run there either, so the admin is asked again; once it answers, the check settles it', async () => {
    // Moving XMPP federation to EdgePool2 starts the services on its Edge server (P4 step 7), then reads them back there.
    const plan = demoPlan([{ kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: EDGE_SERVER2 }], [{ kind: 'pool', fqdn: EDGE1 }]);
    const reachable = { POOLPILOT_LAB_DOWN: `pool:${EDGE1}` };
    const unreachable = { ...reachable, POOLPILOT_LAB_UNREACHABLE: EDGE_SERVER2 };
    const { statePath, jobs, runByHand, switchTo } = swappableLab(reachable);
    const startServices = `moveXmppRoute:${EDGE_SERVER2}/start-services-${EDGE_SERVER2}`;
    let lost = false;
    const run = await runEngine(
      newDir(),
      statePath,
      plan,
      jobs,
      answers(
        async (_failure, step) => {
          // At the server's console (the lab with the server reachable); the run's remoting still cannot reach it.
          await runByHand(step, reachable, unreachable);
          return { action: 'doneByHand' };
        },
        () => {
          switchTo(reachable);
          return { action: 'doneByHand' };
        },
      ),
      (step) => {
        // The Edge server drops off the network after pre-flight, just before its services are started.
        if (step.id === startServices && !lost) {
          lost = true;
          switchTo(unreachable);
        }
      },
    );

    expect(run.failures.map((f) => f.step)).toEqual([startServices, startServices]);
    expect(run.failures[0]!.detail).toContain(`Connecting to remote server ${EDGE_SERVER2} failed`);
    expect(run.failures[0]!.byHand).toMatchObject({ where: EDGE_SERVER2, command: 'Start-CsWindowsService', checkCommand: 'Get-CsWindowsService' });
    expect(run.failures[1]!.detail).toMatch(new RegExp(`but re-checked with .*: the check could not run \\(Connecting to remote server ${escape(EDGE_SERVER2)} failed`));
    expect(record(run.failures[1]!.journal, startServices).status).toBe('failed');
    expect(run.journal.status).toBe('completed');
    expect(record(run.journal, startServices)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      detail: expect.stringMatching(new RegExp(`^run by hand by ${escape(run.journal.operator)} on ${escape(EDGE_SERVER2)}; re-checked with .*: it took effect \\(the run's own attempt: Connecting to remote server`)),
    });
    const starts = (await readLab(statePath)).jobs.filter((j) => j.cmdlet === 'Start-CsWindowsService');
    expect(starts.map((j) => [j.target, j.error === undefined])).toEqual([
      [EDGE_SERVER2, false],
      [EDGE_SERVER2, true],
    ]);
  });

  it('with no check in the plan: the admin must say what shows it took effect, and the record says it was done on their word', async () => {
    const failing = { ...DOWN, POOLPILOT_LAB_FAULTS: 'Invoke-CsPoolFailover=fail:The pool is busy.' };
    const { statePath, jobs, runByHand } = swappableLab(failing);
    const word = 'Get-CsUserPoolInfo shows pool1 users homed on pool2';
    const run = await runEngine(
      newDir(),
      statePath,
      failoverPlan(),
      jobs,
      answers(
        async (_failure, step) => {
          await runByHand(step, DOWN, failing);
          return { action: 'doneByHand' };
        },
        () => ({ action: 'doneByHand', comment: `  ${word} ` }),
      ),
    );

    expect(run.failures.map((f) => f.step)).toEqual([STEP.failoverPool, STEP.failoverPool]);
    const [first, again] = run.failures;
    expect(first!.byHand).toEqual({ where: 'fe03.contoso.com', command: `Invoke-CsPoolFailover -PoolFqdn '${POOL1}' -DisasterMode -Verbose` });
    // Said done without saying what shows it: not enough where nothing can check it.
    expect(again!.detail).toBe(
      `The pool is busy.; the plan has no check that shows whether ${STEP.failoverPool} took effect, so PoolPilot cannot confirm it was run by hand: to record it as done on your word, say in a comment what shows it took effect`,
    );
    expect(record(again!.journal, STEP.failoverPool).status).toBe('failed');
    expect(run.journal.status).toBe('completed');
    expect(record(run.journal, STEP.failoverPool)).toMatchObject({
      status: 'succeeded',
      detail: `run by hand by ${run.journal.operator} on fe03.contoso.com ("${word}"); no check: done on the admin's word (the run's own attempt: The pool is busy.)`,
    });
    const state = await readLab(statePath);
    expect(state.jobs.filter((j) => j.cmdlet === 'Invoke-CsPoolFailover').map((j) => j.error)).toEqual(['The pool is busy.', undefined]);
    expect(state.deployment.state.failedOver).toMatchObject({ [POOL1]: POOL2 });
  });
});
