/**
 * The two labs agree: every golden plan (P0–P8 on the demo) run through the run engine against the
 * lab shell (TypeScript, standing in for powershell.exe) and against real pwsh with the lab module
 * ends the same way, in the same deployment, with the same steps, the same objects and errors out of each step,
 * and the same cmdlet calls in the lab's log — and a rehearsal changes nothing on either.
 *
 * Where they differ by design, the comparison leaves it out and says why: PowerShell answers
 * `(Get-Command X).Parameters.Keys` itself, so the module's log has no Get-Command entries;
 * PowerShell writes "What if:" to the host, and -Verbose adds its own "Performing the operation"
 * lines, so verbose and host text are not compared.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../src/shared/model/types';
import type { Plan } from '../../../src/shared/plan/types';
import { serializeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../../src/shared/snapshot/snapshot';
import { labConnection, openSession, type LabRunner } from '../../../src/main/run/connect';
import type { Journal } from '../../../src/main/run/journal';
import { MODULE_LAB, SHELL_LAB, useLabSessions } from '../../support/lab-sessions';
import { goldenCases } from '../../unit/plan/scenarios';
import { readLab, runEngine, type LabFile } from './run-support';

const lab = useLabSessions('poolpilot-labs-agree-');

/**
 * A parameter check's answer, `(Get-Command X).Parameters.Keys`, as a set: PowerShell lists them in
 * its own order and, from 7.4, with the common parameter ProgressAction (Windows PowerShell 5.1,
 * where the SfB cmdlets run, has none).
 */
const asParameterSet = (results: unknown[] | undefined) =>
  results?.map((r) => (Array.isArray(r) ? [...(r as string[])].filter((p) => p !== 'ProgressAction').sort() : r));

/** What a step gave back, as the journal keeps it: its status, the objects it output and its errors. */
const stepsOf = (journal: Journal) =>
  journal.steps.map((s) => ({ id: s.id, status: s.status, results: asParameterSet(s.outcome?.results), errors: s.outcome?.errors }));

/** The cmdlets the lab ran, without the times and without PowerShell's own parameter checks. */
const callsOf = (file: LabFile) => file.jobs.filter((j) => j.cmdlet !== 'Get-Command').map(({ at: _at, ...job }) => job);

async function runOn(runner: LabRunner, name: string, plan: Plan, start: Deployment, mode: 'run' | 'rehearsal') {
  const dir = join(lab.dir(), name, runner.kind);
  await mkdir(dir, { recursive: true });
  const source = join(dir, 'start.json');
  // One start for both, as the app writes it: the demo built at another moment differs in its sync times.
  await writeFile(source, serializeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, takenAt: new Date().toISOString(), deployment: start }));
  const statePath = join(dir, 'lab-state.json');
  const jobs = openSession(labConnection(plan, { source, statePath }), { lab: runner });
  const run = await runEngine(dir, statePath, plan, jobs, () => undefined, undefined, mode).finally(() => jobs.dispose());
  return { journal: run.journal, lab: await readLab(statePath) };
}

describe.runIf(MODULE_LAB !== undefined)('the lab shell and the lab module in real pwsh', () => {
  for (const [name, { start, plan }] of Object.entries(goldenCases())) {
    it(`agree on ${name}: same end state, same outputs, same cmdlet calls`, async () => {
      const shell = await runOn(SHELL_LAB, name, plan, start, 'run');
      const module = await runOn(MODULE_LAB!, name, plan, start, 'run');
      // Where a step is done by hand in Topology Builder (a next hop within a site, the SIP federation
      // flags), neither lab does what the person did, so both stop at the read-back that follows.
      expect(module.journal.status).toBe(shell.journal.status);
      expect(stepsOf(module.journal)).toEqual(stepsOf(shell.journal));
      expect(module.lab.deployment).toEqual(shell.lab.deployment);
      expect(callsOf(module.lab)).toEqual(callsOf(shell.lab));
      // A run that completed changed something, and both saw the same changes.
      if (shell.journal.status === 'completed') expect(module.lab.deployment).not.toEqual(start);
      else expect(shell.journal.steps.find((s) => s.status === 'failed')?.kind).toBe('check');
    }, 120_000);
  }

  it('agree on a rehearsal: every change is sent with -WhatIf, and nothing changes on either', async () => {
    const { start, plan } = goldenCases()['pool1-failover']!;
    const shell = await runOn(SHELL_LAB, 'rehearsal', plan, start, 'rehearsal');
    const module = await runOn(MODULE_LAB!, 'rehearsal', plan, start, 'rehearsal');
    expect(stepsOf(module.journal)).toEqual(stepsOf(shell.journal));
    expect(callsOf(module.lab)).toEqual(callsOf(shell.lab));
    expect(callsOf(module.lab).some((j) => j.whatIf)).toBe(true);
    expect(module.lab.deployment).toEqual(shell.lab.deployment);
    expect(module.lab.deployment.state).toEqual(start.state);
  }, 120_000);
});
