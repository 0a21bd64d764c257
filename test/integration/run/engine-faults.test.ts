/**
 * Every lab fault through the whole path — the run engine, the PowerShell session, node-powershell,
 * a real shell process (the lab shell, and pwsh with the lab module) — with the person at the console scripted: what they are shown (the
 * journal on disk names the failure), and what retry, skip and abort do. A timeout or a dying shell
 * leaves an outcome nobody knows: a new shell process takes over, and the plan's read-back check
 * settles it without running the step again.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_FACES, useLabSessions } from '../../support/lab-sessions';
import type { JobRunner } from '../../../src/main/run/engine';
import type { Job } from '../../../src/main/powershell/job';
import { deriveRelations } from '../../../src/shared/model/relations';
import {
  changes,
  demoPlan,
  EDGE1,
  EDGE_SERVER2,
  failoverPlan,
  labShells,
  POOL1,
  POOL2,
  readLab,
  record,
  runEngine,
  running,
  STEP,
  type LabFile,
} from './run-support';

describe.each(LAB_FACES)('on the %s', (face) => {
  const lab = useLabSessions('poolpilot-run-faults-', face);
  /** The shell processes this test process started: the lab shell, or pwsh with the lab module. */
  const shells = () => labShells(process.pid, face === 'PowerShell module' ? 'pwsh' : 'lab-shell');
  /** Long enough for a loaded machine's slowest real answer; a hung job costs this much. */
  const TIMEOUT_MS = 3_000;

  function session(faults: string, more: Record<string, string> = {}) {
    return lab.labSession({ POOLPILOT_LAB_DOWN: `pool:${POOL1}`, POOLPILOT_LAB_FAULTS: faults, ...more }, { timeoutMs: TIMEOUT_MS });
  }

  let runs = 0;
  const newDir = () => join(lab.dir(), `journal-${++runs}`);

  function expectFailedOver(state: LabFile): void {
    expect(state.deployment.state.failedOver).toMatchObject({ [POOL1]: POOL2 });
    const relations = deriveRelations(state.deployment);
    expect(relations.filter((r) => r.kind === 'cmsActive').map((r) => r.from)).toEqual([POOL2]);
    expect(relations.find((r) => r.kind === 'edgeNextHop' && r.from === EDGE1)?.to).toBe(POOL2);
  }

  const CHANGES = ['Set-CsEdgeServer', 'Invoke-CsManagementServerFailover', 'Invoke-CsPoolFailover'];

  describe('a failing cmdlet (fail)', () => {
    it('shows its message in the journal; retry runs the step again, and with fail@1 it succeeds', async () => {
      const { session: jobs, statePath } = session('Invoke-CsPoolFailover=fail@1:The pool is busy: try again in a minute.');
      const run = await runEngine(newDir(), statePath, failoverPlan(), jobs, () => ({ action: 'retry' }));

      expect(run.failures.map((f) => [f.step, f.detail])).toEqual([[STEP.failoverPool, 'The pool is busy: try again in a minute.']]);
      // When the person is asked, the journal on disk already says what failed and why.
      expect(record(run.failures[0]!.journal, STEP.failoverPool)).toMatchObject({ status: 'failed', detail: 'The pool is busy: try again in a minute.', attempts: 1 });
      expect(run.journal.status).toBe('completed');
      expect(record(run.journal, STEP.failoverPool)).toMatchObject({ status: 'succeeded', attempts: 2 });
      const state = await readLab(statePath);
      expectFailedOver(state);
      const failovers = state.jobs.filter((j) => j.cmdlet === 'Invoke-CsPoolFailover');
      expect(failovers.map((j) => j.error)).toEqual(['The pool is busy: try again in a minute.', undefined]);
    });

    it('skip records the reason with the failure, and the run goes on', async () => {
      const { session: jobs, statePath } = session('Get-CsPoolBackupRelationship=fail:Access is denied.');
      const reason = 'checked the pairing in Topology Builder: pool1 is backed up by pool2';
      const run = await runEngine(newDir(), statePath, failoverPlan(), jobs, () => ({ action: 'skip', reason }));

      expect(run.failures.map((f) => [f.step, f.detail])).toEqual([[STEP.cmsBackupPool, 'Access is denied.']]);
      expect(record(run.journal, STEP.cmsBackupPool)).toMatchObject({ status: 'skipped', detail: `Access is denied.; skipped: ${reason}` });
      expect(run.journal.status).toBe('completed');
      expectFailedOver(await readLab(statePath));
    });

    it('abort stops the run at the step: the journal says why, and nothing after it runs', async () => {
      const { session: jobs, statePath } = session('Invoke-CsManagementServerFailover=fail');
      const run = await runEngine(newDir(), statePath, failoverPlan(), jobs, () => ({ action: 'abort' }));

      // The fault strikes the first job of the cmdlet: the -WhatIf that locates the CMS.
      expect(run.failures.map((f) => [f.step, f.detail])).toEqual([['failoverCms/locate-cms', 'Invoke-CsManagementServerFailover failed (lab fault).']]);
      expect(run.journal).toMatchObject({ status: 'aborted', reason: 'failoverCms/locate-cms: Invoke-CsManagementServerFailover failed (lab fault).' });
      expect(run.journal.steps.at(-1)!.id).toBe('failoverCms/locate-cms');
      const state = await readLab(statePath);
      expect(changes(state.jobs).map((j) => j.cmdlet)).toEqual(['Set-CsEdgeServer']);
      expect(state.deployment.state.failedOver[POOL1]).toBeUndefined();
    });
  });

  describe('a cmdlet that does not answer (timeout)', () => {
    it('kills the shell, a new process answers the next job, and the read-back settles the step without running it again', async () => {
      const { session: jobs, statePath } = session('Set-CsEdgeServer=hang@1');
      let hung: number[] = [];
      const run = await runEngine(newDir(), statePath, failoverPlan(), jobs, () => undefined, (step) => {
        if (step.id === STEP.setNextHop) void shells().then((pids) => (hung = pids));
      });

      expect(run.failures).toEqual([]);
      const first = run.records.find((r) => r.id === STEP.setNextHop && r.status !== 'running')!;
      expect(first).toMatchObject({ status: 'unknown', detail: `no answer within ${TIMEOUT_MS / 1000} s: the shell was killed, and the job may have run` });
      expect(record(run.journal, STEP.setNextHop)).toMatchObject({
        status: 'succeeded',
        attempts: 1,
        // Why it was unknown stays in the journal with how it was settled.
        detail: expect.stringMatching(
          new RegExp(`^had an unknown outcome \\(no answer within ${TIMEOUT_MS / 1000} s: the shell was killed, and the job may have run\\); re-checked with ${STEP.nextHopReadBack} \\(.*\\): it took effect$`),
        ),
      });
      expect(run.journal.status).toBe('completed');
      // The hung process is gone; another one answered the rest.
      expect(hung).toHaveLength(1);
      expect(await running(hung[0]!)).toBe(false);
      const now = await shells();
      expect(now).toHaveLength(1);
      expect(now[0]).not.toBe(hung[0]);
      expect(jobs.generation).toBe(2);

      const state = await readLab(statePath);
      expectFailedOver(state);
      expect(changes(state.jobs).map((j) => j.cmdlet)).toEqual(CHANGES);
      const set = state.jobs.findIndex((j) => j.cmdlet === 'Set-CsEdgeServer');
      expect(state.jobs[set + 1]).toMatchObject({ cmdlet: 'Get-CsService', parameters: { Identity: `EdgeServer:${EDGE1}` } });
    });

    it('when no check can settle it, the person decides: skip with what they found', async () => {
      const { session: jobs, statePath } = session('Invoke-CsPoolFailover=hang');
      const reason = 'Get-CsUserPoolInfo shows pool1 users registered on pool2';
      const run = await runEngine(newDir(), statePath, failoverPlan(), jobs, () => ({ action: 'skip', reason }));

      expect(run.failures).toHaveLength(1);
      expect(run.failures[0]).toMatchObject({
        step: STEP.failoverPool,
        outcome: { status: 'unknown', reason: `no answer within ${TIMEOUT_MS / 1000} s: the shell was killed, and the job may have run` },
        detail: `${STEP.failoverPool} had an unknown outcome (no answer within ${TIMEOUT_MS / 1000} s: the shell was killed, and the job may have run), and the plan has no check that shows whether it took effect`,
      });
      expect(record(run.failures[0]!.journal, STEP.failoverPool).status).toBe('unknown');
      expect(record(run.journal, STEP.failoverPool)).toMatchObject({ status: 'skipped', detail: expect.stringContaining(`skipped: ${reason}`) });
      expect(run.journal.status).toBe('completed');
      const state = await readLab(statePath);
      expectFailedOver(state);
      expect(changes(state.jobs).map((j) => j.cmdlet)).toEqual(CHANGES);
    });
  });

  describe('a shell that dies during a job (die)', () => {
    it('is replaced by a new process; the read-back settles the change without running it again', async () => {
      const { session: jobs, statePath } = session('Set-CsEdgeServer=exit@1');
      const run = await runEngine(newDir(), statePath, failoverPlan(), jobs, () => undefined);

      expect(run.failures).toEqual([]);
      const first = run.records.find((r) => r.id === STEP.setNextHop && r.status !== 'running')!;
      // The lab's `exit` fault ends the process with code 3, mid-answer.
      expect(first).toMatchObject({ status: 'unknown', detail: 'the shell ended before the job finished (the shell process exited with code 3)' });
      expect(record(run.journal, STEP.setNextHop)).toMatchObject({
        status: 'succeeded',
        detail: expect.stringMatching(/^had an unknown outcome \(the shell ended before the job finished \(the shell process exited with code 3\)\); re-checked with .*: it took effect$/),
      });
      expect(run.journal.status).toBe('completed');
      expect(jobs.generation).toBe(2);
      const state = await readLab(statePath);
      expectFailedOver(state);
      expect(changes(state.jobs).map((j) => j.cmdlet)).toEqual(CHANGES);
    });

    it('during a check fails the check with the reason; retry runs it in a new shell', async () => {
      const { session: jobs, statePath } = session('Get-CsPoolBackupRelationship=exit@1');
      const run = await runEngine(newDir(), statePath, failoverPlan(), jobs, () => ({ action: 'retry' }));

      expect(run.failures.map((f) => f.step)).toEqual([STEP.cmsBackupPool]);
      expect(run.failures[0]!.detail).toBe('the shell ended before the job finished (the shell process exited with code 3)');
      expect(record(run.journal, STEP.cmsBackupPool)).toMatchObject({ status: 'succeeded', attempts: 2 });
      expect(run.journal.status).toBe('completed');
      expect(jobs.generation).toBe(2);
      expectFailedOver(await readLab(statePath));
    });
  });

  describe('a server remoting cannot reach (host unreachable)', () => {
    const winrm = (server: string) => `Connecting to remote server ${server} failed with the following error message : WinRM cannot complete the operation.`;

    it('stops at pre-flight when the management endpoint is unreachable, changing nothing', async () => {
      const { session: jobs, statePath } = session('', { POOLPILOT_LAB_UNREACHABLE: 'fe03.contoso.com' });
      const run = await runEngine(newDir(), statePath, failoverPlan(), jobs, () => undefined);

      expect(run.journal.status).toBe('aborted');
      expect(run.journal.reason).toContain(`pre-flight: cannot run PowerShell: ${winrm('fe03.contoso.com')}`);
      expect(record(run.journal, 'preflight/connection')).toMatchObject({
        status: 'failed',
        detail: expect.stringContaining(winrm('fe03.contoso.com')),
        outcome: { reason: expect.stringMatching(/^cannot connect to https:\/\/fe03\.contoso\.com\/OcsPowershell: /) },
      });
      expect((await readLab(statePath)).jobs).toEqual([]);
    });

    it('stops at pre-flight when a server a step runs on is unreachable, naming it', async () => {
      const { session: jobs, statePath } = lab.labSession(
        { POOLPILOT_LAB_DOWN: `pool:${POOL1}`, POOLPILOT_LAB_UNREACHABLE: 'fe03.contoso.com' },
        { endpoint: 'fe04.contoso.com', timeoutMs: TIMEOUT_MS },
      );
      const run = await runEngine(newDir(), statePath, failoverPlan(), jobs, () => undefined);

      expect(run.journal.status).toBe('aborted');
      const failed = run.journal.steps.filter((s) => s.status === 'failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.id).toMatch(/^preflight\/parameters:/);
      expect(failed[0]!.detail).toMatch(/^[\w-]+ is not available: Connecting to remote server fe03\.contoso\.com failed/);
      expect(changes((await readLab(statePath)).jobs)).toEqual([]);
    });

    it('fails the step naming the server when it becomes unreachable mid-run; once it answers again, retry succeeds', async () => {
      // Moving XMPP federation to EdgePool2 stops and starts the services on its Edge server (P4 steps 2 and 7).
      const plan = demoPlan([{ kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: EDGE_SERVER2 }], [{ kind: 'pool', fqdn: EDGE1 }]);
      const statePath = lab.file('lab');
      const open = (unreachable: string) =>
        lab.labSession({ POOLPILOT_LAB_STATE: statePath, POOLPILOT_LAB_DOWN: `pool:${EDGE1}`, POOLPILOT_LAB_UNREACHABLE: unreachable }, { endpoint: undefined, timeoutMs: TIMEOUT_MS }).session;
      // The next job goes to a lab started with the new conditions; the idle one before it writes nothing more.
      let current = open('');
      const switchTo = (unreachable: string) => {
        void current.dispose();
        current = open(unreachable);
      };
      const jobs: JobRunner = { run: (job: Job, options) => current.run(job, options) };
      const stopServices = `moveXmppRoute:${EDGE_SERVER2}/stop-services-${EDGE_SERVER2}`;
      let lost = false;
      const run = await runEngine(
        newDir(),
        statePath,
        plan,
        jobs,
        () => {
          switchTo('');
          return { action: 'retry' };
        },
        (step) => {
          // The Edge server drops off the network after pre-flight, just before its services are stopped.
          if (step.id === stopServices && !lost) {
            lost = true;
            switchTo(EDGE_SERVER2);
          }
        },
      );

      expect(run.failures.map((f) => f.step)).toEqual([stopServices]);
      expect(run.failures[0]!.detail).toContain(winrm(EDGE_SERVER2));
      expect(record(run.failures[0]!.journal, stopServices)).toMatchObject({ status: 'failed', detail: expect.stringContaining(winrm(EDGE_SERVER2)) });
      expect(run.journal.status).toBe('completed');
      expect(record(run.journal, stopServices)).toMatchObject({ status: 'succeeded', attempts: 2 });
      const state = await readLab(statePath);
      // The lab shell logs the refused attempt as the cmdlet's failure; in PowerShell, Invoke-Command
      // refuses before the cmdlet runs, so the lab's cmdlet saw only the attempt that got through.
      const attempts = state.jobs.filter((j) => j.cmdlet === 'Stop-CsWindowsService').map((j) => j.error?.slice(0, 40));
      expect(attempts).toEqual(face === 'lab shell' ? [winrm(EDGE_SERVER2).slice(0, 40), undefined] : [undefined]);
      expect(state.deployment.state.xmppRoutes).toMatchObject({ Site2: EDGE_SERVER2 });
    });
  });
});
