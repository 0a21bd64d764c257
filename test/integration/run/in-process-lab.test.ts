/**
 * The lab in this process (what the packaged app runs) against the lab executable (what a checkout
 * runs): the demo's pool1 failover through the run engine leaves the same state file — the same
 * deployment and the same jobs, in the same order, with the same outcomes.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { serializeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../../src/shared/snapshot/snapshot';
import { InProcessLab } from '../../../src/lab/in-process';
import { labConnection, openSession, planEndpoint } from '../../../src/main/run/connect';
import { LAB_SHELL, SHELL_LAB, IN_PROCESS_LAB, useLabSessions } from '../../support/lab-sessions';
import { failoverPlan, POOL1, POOL2, readLab, runEngine } from './run-support';

const lab = useLabSessions('poolpilot-in-process-');

/** The log without the times: what ran, where, and how it ended. */
const jobsOf = async (statePath: string) => (await readLab(statePath)).jobs.map(({ at: _at, ...job }) => job);

describe('the in-process lab', () => {
  it('ends the demo failover where the lab executable ends it', async () => {
    const plan = failoverPlan();
    // One source for both, as the app writes it for a run: the demo opened at different times differs in its sync times.
    const source = lab.file('demo');
    await writeFile(source, serializeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, takenAt: new Date().toISOString(), deployment: demoDeployment() }));
    const shellState = join(lab.dir(), 'shell', 'lab-state.json');
    const shell = openSession(labConnection(plan, { source, statePath: shellState }), { lab: SHELL_LAB });
    const viaShell = await runEngine(join(lab.dir(), 'shell'), shellState, plan, shell, () => undefined).finally(() => shell.dispose());

    const inProcessState = join(lab.dir(), 'in-process', 'lab-state.json');
    const inProcess = openSession(labConnection(plan, { source, statePath: inProcessState }), { lab: IN_PROCESS_LAB });
    expect(inProcess).toBeInstanceOf(InProcessLab);
    const viaInProcess = await runEngine(join(lab.dir(), 'in-process'), inProcessState, plan, inProcess, () => undefined);

    expect(viaShell.journal.status).toBe('completed');
    expect(viaInProcess.journal.status).toBe('completed');
    expect(viaInProcess.journal.steps.map((s) => [s.id, s.status])).toEqual(viaShell.journal.steps.map((s) => [s.id, s.status]));
    const [a, b] = [await readLab(shellState), await readLab(inProcessState)];
    expect(b.deployment.state.failedOver).toEqual({ [POOL1]: POOL2 });
    expect(b.deployment).toEqual(a.deployment);
    expect(await jobsOf(inProcessState)).toEqual(await jobsOf(shellState));
    expect(b.jobs.length).toBeGreaterThan(10);
  });

  it('connects as the session does: a Front End that is down refuses, and the job does not run', async () => {
    const plan = failoverPlan();
    const statePath = lab.file('refused');
    const jobs = new InProcessLab({ source: 'demo', statePath, conditions: { down: plan.scenario.down }, endpoint: 'fe01.contoso.com' });
    expect(planEndpoint(plan)).not.toBe('fe01.contoso.com');
    const outcome = await jobs.run({ kind: 'parameters', cmdlet: 'Get-CsPool', parameters: {}, switches: [], whatIf: false });
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/^cannot connect to https:\/\/fe01\.contoso\.com\/OcsPowershell: Connecting to remote server fe01\.contoso\.com failed/);
    expect((await readLab(statePath)).jobs).toEqual([]);
  });
});
