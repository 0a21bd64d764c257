/**
 * The exported runbook (.ps1) executed: every golden plan (P0–P8 on the demo) exported with
 * planToPs1 and run in real pwsh 7 with the lab module imported, against a lab engine on the same
 * start, answered as a person answers it (test/support/runbook-operator.ts). It must end where the
 * run engine ends the same plan on the same start (the reference: the run engine over the lab, as
 * labs-agree.test.ts runs it) — the same deployment, the same cmdlet calls — and say so the way it
 * is documented to: "The runbook is complete." and exit code 0, or, where the run engine stops at
 * a failed check, "STOPPED: Stopped at step <id>: expected …" at that same step and a non-zero exit;
 * with its transcript written in the Documents folder either way. PowerShell's parser must report
 * no error in any of the scripts.
 *
 * Where the two differ by design, the comparison leaves it out:
 * - PowerShell answers Get-Command itself (the run's parameter checks, the runbook's decisions on a
 *   cmdlet's parameters): the module's log has no Get-Command entries, the run engine's has.
 * - The run engine sends a Front End step to that server (Invoke-Command, the log's `target`); the
 *   runbook runs in the Management Shell on that server itself, so the log names no target. A target
 *   equal to the Front End the runbook runs on is dropped from both.
 * - The log's times.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planToPs1 } from '../../../src/shared/export/ps1';
import type { CheckStep, Plan } from '../../../src/shared/plan/types';
import { planEndpoint } from '../../../src/main/run/connect';
import { targetOf } from '../../../src/main/run/engine';
import { PWSH } from '../../support/lab-sessions';
import { parseAll, type Parsed } from '../../support/pwsh-parse';
import { referenceRun, runbookRun, writeStart } from '../../support/runbook-operator';
import { allSteps, goldenCases } from '../../unit/plan/scenarios';
import { changes, type LabFile } from '../run/run-support';

if (PWSH === undefined) console.warn('runbook-execution tests skipped: PowerShell 7 (pwsh) was not found (see scripts/find-pwsh.cjs)');

/** The cmdlets the lab ran, as the comparison takes them (see above). */
const callsOf = (file: LabFile, endpoint: string | undefined) =>
  file.jobs
    .filter((j) => j.cmdlet !== 'Get-Command')
    .map(({ at: _at, target, ...job }) => (target !== undefined && target !== endpoint ? { ...job, target } : job));

describe.skipIf(PWSH === undefined)('the exported runbook, run in real pwsh against the lab module', () => {
  const cases = goldenCases();
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poolpilot-runbook-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  let parsed: Record<string, Parsed> | undefined;
  it.each(Object.keys(cases))('PowerShell parses the runbook of %s without error', (name) => {
    parsed ??= parseAll(PWSH!, Object.fromEntries(Object.entries(cases).map(([n, c]) => [n, planToPs1(c.plan)])));
    expect(parsed[name]!.errors).toEqual([]);
    expect(parsed[name]!.commands).toBeGreaterThan(0);
  });

  it('stops with its own message, changing nothing, when the input ends before the runbook does', async () => {
    // A console closed, or stdin redirected from a file that ran out: Read-Host answers $null.
    const { start, plan } = cases['pool1-failback']!;
    const caseDir = join(dir, 'closed-input');
    const source = await writeStart(caseDir, start);
    const { run, lab } = await runbookRun(join(caseDir, 'runbook'), plan, source, undefined, true);
    expect(run.code, run.stdout).not.toBe(0);
    expect(run.stdout).toContain('STOPPED: No answer: the input ended before the runbook did.');
    expect(run.stdout).not.toContain('null-valued');
    expect(run.transcript).toContain('STOPPED: No answer');
    expect(lab.deployment.state).toEqual(start.state);
    expect(lab.jobs.filter((j) => !j.cmdlet.startsWith('Get-'))).toEqual([]);
  }, 120_000);

  for (const [name, { start, plan }] of Object.entries(cases)) {
    it(`${name}: the runbook, answered at the console, ends where the run engine ends`, async () => {
      const caseDir = join(dir, name);
      await mkdir(caseDir, { recursive: true });
      const source = await writeStart(caseDir, start);
      const reference = await referenceRun(join(caseDir, 'engine'), plan, source);
      const { run, lab } = await runbookRun(join(caseDir, 'runbook'), plan, source);
      const endpoint = planEndpoint(plan);
      const context = `${name}: exit ${run.code}\n${run.stdout.slice(-3000)}\n${run.stderr}`;

      expect(lab.deployment, context).toEqual(reference.lab.deployment);
      expect(callsOf(lab, endpoint), context).toEqual(callsOf(reference.lab, endpoint));
      expect(run.transcript, context).toBeDefined();
      // Each step the run engine sent to an Edge server was done at that server's console, by hand.
      const atEdge = allSteps(plan)
        .filter((s) => r_ran(reference.journal, s.id))
        .flatMap((s) => (s.kind !== 'manual' && s.kind !== 'wait' && s.runOn.on === 'edgeServer' ? [{ server: targetOf(s.runOn), command: s.command.text }] : []));
      expect(run.elsewhere).toEqual(atEdge);
      // The operator never had to stop the runbook: it stopped, if it did, by itself.
      expect(run.answers.filter((a) => a.answer === 'Q'), context).toEqual([]);

      if (reference.journal.status === 'completed') {
        expect(run.code, context).toBe(0);
        expect(run.stdout).toContain('The runbook is complete.');
        expect(run.transcript).toContain('The runbook is complete.');
        expect(run.stdout).not.toContain('STOPPED');
        // Every change the run engine made in the lab, the runbook made too, after the person's Y
        // (here or, for an Edge server, at its console): the deployment and call comparisons above.
        if (changes(reference.lab.jobs).length > 0) expect(changes(lab.jobs).length).toBe(changes(reference.lab.jobs).length);
      } else {
        // Where a step is done by hand in Topology Builder (a next hop within a site, the SIP
        // federation flags, the media Edge), the lab does not do what the person did, so the read-back
        // check that follows finds the deployment unchanged: the run engine stops there, and the
        // runbook must stop at that same check with its documented message, and fail.
        const failed = reference.journal.steps.find((s) => s.status === 'failed');
        expect(failed?.kind, context).toBe('check');
        const step = failed!;
        expect(run.code, context).not.toBe(0);
        const planStep = allChecks(plan).find((s) => s.id === step.id)!;
        const stopped = `STOPPED: Stopped at step ${step.id}: expected ${planStep.expect}. ${planStep.onFail}`;
        expect(run.stdout, context).toContain(stopped);
        expect(run.transcript, context).toContain(stopped);
        expect(run.stdout).not.toContain('The runbook is complete.');
        // Nothing after the failed check started.
        expect([...run.stdout.matchAll(/, step id (.*)$/gm)].at(-1)?.[1]).toBe(step.id);
      }
    }, 180_000);
  }
});

/** Whether the run engine ran the step (it completed or failed there). */
const r_ran = (journal: { steps: { id: string; status: string }[] }, id: string) => journal.steps.some((r) => r.id === id && (r.status === 'succeeded' || r.status === 'failed'));
const allChecks = (plan: Plan) => allSteps(plan).filter((s): s is CheckStep => s.kind === 'check');
