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
import type { Deployment } from '../../../src/shared/model/types';
import { buildPlan, PlanBlockedError, PlanError } from '../../../src/shared/plan/planner';
import type { CheckStep, Plan } from '../../../src/shared/plan/types';
import { planEndpoint } from '../../../src/main/run/connect';
import { targetOf } from '../../../src/main/run/engine';
import { PWSH } from '../../support/lab-sessions';
import { cases as procedures } from '../../support/procedure-cases';
import { parseAll, type Parsed } from '../../support/pwsh-parse';
import { referenceRun, runbookRun, writeStart } from '../../support/runbook-operator';
import { allSteps, goldenCases } from '../../unit/plan/scenarios';
import { publicFixtures } from '../discovery/round-trip-model';
import { changes, type LabFile } from '../run/run-support';

if (PWSH === undefined) console.warn('runbook-execution tests skipped: PowerShell 7 (pwsh) was not found (see scripts/find-pwsh.cjs)');

/** The cmdlets the lab ran, as the comparison takes them (see above). */
const callsOf = (file: LabFile, endpoint: string | undefined) =>
  file.jobs
    .filter((j) => j.cmdlet !== 'Get-Command')
    .map(({ at: _at, target, ...job }) => (target !== undefined && target !== endpoint ? { ...job, target } : job));

/** When the fixtures' plans are made (as plans-agree makes them): no Backup Service sync to be stale. */
const FIXTURE_NOW = Date.parse('2026-12-01T08:00:00Z');

type FixtureCase = { fixture: string; procedure: string; start: Deployment } & ({ plan: Plan } | { refused: string[] });

/**
 * Each procedure that applies to a public fixture (test/support/procedure-cases.ts, as plans-agree
 * lists them), with the plan the planner builds for it from the fixture's deployment, or the reasons
 * it refuses to. The lab serving a document answers no SIP federation route (a document does not
 * say which Edge pool carries it), so the fixture is planned as the deployment the lab is.
 */
function fixtureCases(): FixtureCase[] {
  return publicFixtures().flatMap(([fixture, imported]) => {
    const file: Deployment = { ...imported, state: { ...imported.state, sipFederationRoutes: imported.state.sipFederationRoutes ?? [] } };
    return procedures(file).map((c): FixtureCase => {
      const start = c.from ? c.from(file) : file;
      try {
        return { fixture, procedure: c.name, start, plan: buildPlan(start, { down: c.down, changes: c.changes, applied: c.changes.length }, { now: FIXTURE_NOW }) };
      } catch (err) {
        if (err instanceof PlanBlockedError) return { fixture, procedure: c.name, start, refused: err.blockers.map((b) => b.message) };
        if (err instanceof PlanError) return { fixture, procedure: c.name, start, refused: [err.message] };
        throw err;
      }
    });
  });
}

/**
 * The public fixtures on which no runbook runs, and why: every procedure that applies there is
 * refused by the planner. Each reason is checked against the fixture below.
 */
const NOTHING_RUNS: Record<string, { why: string; refusal: string }> = {
  'rlevchenko__powershell-skype__DefaultTopology.xml': {
    why: 'one Front End pool, no Edge pool (no next hop, SIP federation, XMPP route or media Edge to move), no paired pool (no P1/P2), no Persistent Chat pool (no P7/P8); the one procedure that applies, the CMS failover, is refused: no backup pool to take the CMS',
    refusal: 'has no backup pool known to take it',
  },
};

describe.skipIf(PWSH === undefined)('the exported runbook, run in real pwsh against the lab module', () => {
  const cases = goldenCases();
  const fixtures = fixtureCases();
  const runnable = fixtures.flatMap((c) => ('plan' in c ? [{ ...c, name: `${c.fixture} × ${c.procedure}` }] : []));
  const plans: Record<string, Plan> = {
    ...Object.fromEntries(Object.entries(cases).map(([n, c]) => [n, c.plan])),
    ...Object.fromEntries(runnable.map((c) => [c.name, c.plan])),
  };
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poolpilot-runbook-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  let parsed: Record<string, Parsed> | undefined;
  it.each(Object.keys(plans))('PowerShell parses the runbook of %s without error', (name) => {
    parsed ??= parseAll(PWSH!, Object.fromEntries(Object.entries(plans).map(([n, p]) => [n, planToPs1(p)])));
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
      await expectRunbookEndsLikeEngine(name, join(dir, name), start, plan);
    }, 180_000);
  }

  describe('on the public fixtures: each procedure that applies, started from the fixture', () => {
    for (const [fixture] of publicFixtures()) {
      const mine = fixtures.filter((c) => c.fixture === fixture);
      const nothing = NOTHING_RUNS[fixture];
      if (nothing === undefined) {
        it(`${fixture}: at least one procedure's runbook runs`, () => {
          expect(mine.filter((c) => 'plan' in c).map((c) => c.procedure)).not.toEqual([]);
        });
      } else {
        it(`${fixture}: no runbook runs — ${nothing.why}`, () => {
          const { start } = mine[0] ?? { start: undefined };
          expect(mine.length, 'a procedure applies').toBeGreaterThan(0);
          const pools = start!.topology.pools;
          expect(pools.filter((p) => p.kind === 'Edge' || p.kind === 'PersistentChat').map((p) => p.fqdn)).toEqual([]);
          expect(pools.filter((p) => p.kind === 'FrontEnd' || p.kind === 'Director')).toHaveLength(1);
          expect(start!.state.backupPools).toEqual({});
          for (const c of mine) expect('refused' in c ? c.refused : c.procedure, c.procedure).toEqual(expect.arrayContaining([expect.stringContaining(nothing.refusal)]));
        });
      }
    }
    for (const c of fixtures) {
      if ('refused' in c) {
        // Skipped only because the planner refuses it: the refusal is the assertion.
        it(`${c.fixture} × ${c.procedure}: refused by the planner, so there is no runbook — ${c.refused[0]}`, () => {
          expect(c.refused).not.toEqual([]);
          for (const reason of c.refused) expect(reason).toMatch(/\S/);
        });
      }
    }
    for (const c of runnable) {
      it(`${c.name}: the runbook, answered at the console, ends where the run engine ends`, async () => {
        const caseDir = join(dir, 'fixture', c.name.replace(/[^A-Za-z0-9.-]+/g, '_'));
        const expected = FIXTURE_ENDS[c.name];
        expect(expected, `how ${c.name} ends is recorded in FIXTURE_ENDS`).toBeDefined();
        const waiting = /^waits at (.*)$/.exec(expected!);
        const ended = waiting ? await expectRunbookWaitsLikeEngine(c.name, caseDir, c.start, c.plan, waiting[1]!) : await expectRunbookEndsLikeEngine(c.name, caseDir, c.start, c.plan);
        expect(ended, c.name).toBe(expected);
      }, 180_000);
    }
  });
});

/**
 * How the run engine (and so the runbook) ends each fixture case: complete, or stopped at the
 * Topology Builder read-back that follows a step done by hand (the lab does not do what the person
 * did in Topology Builder, so the read-back finds the deployment unchanged).
 */
const FIXTURE_ENDS: Record<string, string> = {
  // The document has no Central Management Store: no replica ever reports UpToDate, so the
  // replication wait after the published change never ends (see expectRunbookWaitsLikeEngine).
  'AutomatedLab__SfBAutomatedLab__Contoso.tbxml × SIP federation → edgepool.contoso.com': 'waits at moveSipFederation:edgepool.contoso.com/replication',
  'AutomatedLab__SfBAutomatedLab__Contoso.tbxml × XMPP route of Contoso → xedge1.contoso.com': 'completed',
  'ibenbouzid__SkypeforBusiness_lab_V3__DefaultTopology_Skype.xml × SIP federation → edge.contoso.com': 'stopped at moveSipFederation:edge.contoso.com/read-back',
  'ibenbouzid__SkypeforBusiness_lab_V3__DefaultTopology_Skype.xml × XMPP route of TVP → edge.contoso.com': 'completed',
};

/**
 * The runbook of `plan`, answered at the console from `start`, ends where the run engine ends the
 * same plan on the same start: the same deployment and cmdlet calls, and "The runbook is complete."
 * with exit 0, or the run engine's stop at a failed check with its documented message and a
 * non-zero exit. Returns how the run engine's run ended.
 */
async function expectRunbookEndsLikeEngine(name: string, caseDir: string, start: Deployment, plan: Plan): Promise<'completed' | string> {
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
  return reference.journal.status === 'completed' ? 'completed' : `stopped at ${reference.journal.steps.find((s) => s.status === 'failed')!.id}`;
}

/**
 * Where the run engine gives up on a wait (the lab shortens its limit), the runbook keeps polling
 * for the wait's whole estimate (minutes, every 60 s): more than a test can watch. So the person
 * closes the console after WAIT_WATCHED_MS, and the runbook must by then be polling that same wait
 * — the last step it started, "Waiting until …" shown, no stop, no completion — having made the
 * same changes as the run engine, to the same deployment.
 */
const WAIT_WATCHED_MS = 30_000;
async function expectRunbookWaitsLikeEngine(name: string, caseDir: string, start: Deployment, plan: Plan, waitId: string): Promise<string> {
  await mkdir(caseDir, { recursive: true });
  const source = await writeStart(caseDir, start);
  const reference = await referenceRun(join(caseDir, 'engine'), plan, source);
  const failed = reference.journal.steps.find((s) => s.status === 'failed');
  expect({ id: failed?.id, kind: failed?.kind }, `${name}: where the run engine stops`).toEqual({ id: waitId, kind: 'wait' });
  const wait = allSteps(plan).find((s) => s.id === waitId);
  if (wait?.kind !== 'wait' || !wait.until) throw new Error(`${name}: ${waitId} is no polling wait of the plan`);
  const { run, lab } = await runbookRun(join(caseDir, 'runbook'), plan, source, undefined, false, WAIT_WATCHED_MS);
  const context = `${name}: exit ${run.code}\n${run.stdout.slice(-3000)}\n${run.stderr}`;
  expect(run.interrupted, context).toBe(true);
  expect(run.stdout, context).toContain(`Waiting until ${wait.until.expect}`);
  expect([...run.stdout.matchAll(/, step id (.*)$/gm)].at(-1)?.[1], context).toBe(waitId);
  expect(run.stdout).not.toContain('STOPPED');
  expect(run.stdout).not.toContain('The runbook is complete.');
  expect(run.answers.filter((a) => a.answer === 'Q'), context).toEqual([]);
  expect(lab.deployment, context).toEqual(reference.lab.deployment);
  const endpoint = planEndpoint(plan);
  expect(callsOf({ ...lab, jobs: changes(lab.jobs) }, endpoint), context).toEqual(callsOf({ ...reference.lab, jobs: changes(reference.lab.jobs) }, endpoint));
  return `waits at ${waitId}`;
}

/** Whether the run engine ran the step (it completed or failed there). */
const r_ran = (journal: { steps: { id: string; status: string }[] }, id: string) => journal.steps.some((r) => r.id === id && (r.status === 'succeeded' || r.status === 'failed'));
const allChecks = (plan: Plan) => allSteps(plan).filter((s): s is CheckStep => s.kind === 'check');
