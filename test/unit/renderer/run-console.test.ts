/**
 * What the run console computes before it draws, on the demo's pool1 failover plan (three
 * procedures, a decision with nested branches): the steps grouped by section with their status,
 * a decision's branch appearing once it is taken, the progress that never moves back, the elapsed
 * time, a step's output as lines, and the review's list of state-changing commands.
 */
import { describe, expect, it } from 'vitest';
import { demoDeployment } from '../../../src/shared/demo/demo';
import type { StepRecord, StepStatus } from '../../../src/shared/run/types';
import { consoleGroups, findPlanStep, formatElapsed, outputLines, overEstimate, PREFLIGHT_GROUP, resultText, reviewItems, runElapsedMs, runProgress, MAX_RESULTS, splitShownCommand } from '../../../src/renderer/run/run-view';
import { NOW, plan, POOL1 } from '../plan/scenarios';

const failover = plan(demoDeployment(), [{ kind: 'failoverPool', pool: POOL1 }], [{ kind: 'pool', fqdn: POOL1 }]);
const DECISION = 'failoverCms/mirror-state';
const INNER = 'failoverCms/mirror-state/primary/cmdlet-parameters';
const CMS_FAILOVER = 'failoverCms/mirror-state/primary/cmdlet-parameters/force/failover-cms';

function record(id: string, status: StepStatus, extra: Partial<StepRecord> = {}): StepRecord {
  return { id, title: id, kind: 'command', status, startedAt: new Date(NOW).toISOString(), attempts: 1, comments: [], by: 'admin', ...extra };
}

/** Records for every step before the decision, succeeded. */
const beforeDecision = ['reassignNextHop:edgepool1.contoso.com/set-edge-server', 'reassignNextHop:edgepool1.contoso.com/read-back', 'failoverCms/locate-cms', 'failoverCms/cms-backup-pool', 'failoverCms/cms-status'].map((id) =>
  record(id, 'succeeded'),
);

describe('consoleGroups', () => {
  it('lists the plan by section, every step pending, and no branch before its decision picks one', () => {
    const groups = consoleGroups(failover, []);
    expect(groups.map((g) => g.procedure)).toEqual(['P0', 'P1', 'P1']);
    expect(groups.flatMap((g) => g.steps).every((s) => s.status === 'pending')).toBe(true);
    const cms = groups[1]!.steps;
    expect(cms.map((s) => s.id)).toContain(DECISION);
    expect(cms.some((s) => s.id.startsWith(`${DECISION}/`))).toBe(false);
    expect(cms.find((s) => s.id === DECISION)?.number).toBe('2.4');
    expect(groups[0]!.steps[0]).toMatchObject({ number: '1.1', kind: 'command', changes: true });
  });

  it('shows each step with its latest record, and the branches a decision took under it', () => {
    const records = [
      ...beforeDecision,
      record(DECISION, 'succeeded', { branch: 'primary' }),
      record(INNER, 'succeeded', { branch: 'force' }),
      record(CMS_FAILOVER, 'running'),
    ];
    const cms = consoleGroups(failover, records)[1]!.steps;
    const ids = cms.map((s) => s.id);
    expect(ids.slice(ids.indexOf(DECISION), ids.indexOf(DECISION) + 3)).toEqual([DECISION, INNER, CMS_FAILOVER]);
    const failoverCms = cms.find((s) => s.id === CMS_FAILOVER)!;
    expect(failoverCms).toMatchObject({ status: 'running', depth: 2, number: '2.4.a.1.a.1', changes: true });
    expect(cms.find((s) => s.id === DECISION)?.branchTaken).toMatch(/primary Back End/);
    // The branches not taken never show.
    expect(ids.some((id) => id.includes('/mirror/') || id.includes('/no-force/'))).toBe(false);
  });

  it('puts the engine’s pre-flight records, which the plan does not hold, first as their own group', () => {
    const groups = consoleGroups(failover, [record('preflight/connection', 'succeeded', { kind: 'preflight', title: 'Connect to PowerShell' }), beforeDecision[0]!]);
    expect(groups[0]).toMatchObject({ id: PREFLIGHT_GROUP, title: 'Pre-flight checks' });
    expect(groups[0]!.steps).toEqual([expect.objectContaining({ id: 'preflight/connection', kind: 'preflight', status: 'succeeded' })]);
    expect(groups[1]!.steps[0]!.status).toBe('succeeded');
  });
});

describe('runProgress', () => {
  it('counts the longest branch until a decision picks one, then the branch it took: the bar only moves forward', () => {
    const start = runProgress(failover, []);
    expect(start).toEqual({ done: 0, total: start.total, percent: 0 });
    // P0: 2 steps; the CMS: 6, and 2 more on the longest path through its decision; the pool: 2.
    expect(start.total).toBe(2 + 6 + 2 + 2);
    const before = runProgress(failover, beforeDecision);
    expect(before.done).toBe(5);
    const after = runProgress(failover, [...beforeDecision, record(DECISION, 'succeeded', { branch: 'primary' }), record(INNER, 'succeeded', { branch: 'force' })]);
    expect(after.done).toBe(7);
    expect(after.total).toBeLessThanOrEqual(before.total);
    expect(after.percent).toBeGreaterThan(before.percent);
  });

  it('is complete when every step on the path succeeded or was skipped; failed and unknown steps are not done', () => {
    const all = consoleGroups(failover, [...beforeDecision, record(DECISION, 'succeeded', { branch: 'primary' }), record(INNER, 'succeeded', { branch: 'force' })])
      .flatMap((g) => g.steps)
      .map((s, i) => record(s.id, i === 3 ? 'skipped' : 'succeeded', s.id === DECISION ? { branch: 'primary' } : s.id === INNER ? { branch: 'force' } : {}));
    expect(runProgress(failover, all)).toMatchObject({ percent: 100 });
    const failed = all.map((r) => (r.id === CMS_FAILOVER ? { ...r, status: 'failed' as const } : r));
    expect(runProgress(failover, failed).percent).toBeLessThan(100);
    const unknown = all.map((r) => (r.id === CMS_FAILOVER ? { ...r, status: 'unknown' as const } : r));
    expect(runProgress(failover, unknown).done).toBe(runProgress(failover, all).done - 1);
  });
});

describe('time', () => {
  it('reads like a wall clock', () => {
    expect(formatElapsed(0)).toBe('under a second');
    expect(formatElapsed(1000)).toBe('1 s');
    expect(formatElapsed(42_400)).toBe('42 s');
    expect(formatElapsed(185_000)).toBe('3 min 05 s');
    expect(formatElapsed(3_720_000)).toBe('1 h 02 min');
  });

  it('runs to now while the run goes on, to its end once it ended, and says when it is past the estimate', () => {
    const startedAt = '2026-01-01T10:00:00.000Z';
    const now = Date.parse('2026-01-01T10:05:00.000Z');
    expect(runElapsedMs({ startedAt, status: 'running' }, now)).toBe(300_000);
    expect(runElapsedMs({ startedAt, status: 'completed', finishedAt: '2026-01-01T10:01:00.000Z' }, now)).toBe(60_000);
    expect(overEstimate(300_000, { min: 1, max: 4 })).toBe(true);
    expect(overEstimate(300_000, { min: 1, max: 5 })).toBe(false);
  });
});

describe('outputLines', () => {
  it('puts errors first, then warnings, results as compact text, verbose last', () => {
    const lines = outputLines({
      status: 'failed',
      results: [{ Identity: 'EdgeServer:edgepool1.contoso.com', Registrar: 'Registrar:pool2.contoso.com', Empty: null }],
      errors: [{ message: 'Access is denied.', errorId: 'AccessDenied' }],
      warnings: ['The topology was changed.'],
      verbose: ['Connecting to pool2'],
    });
    expect(lines).toEqual([
      { kind: 'error', text: 'Access is denied. (AccessDenied)' },
      { kind: 'warning', text: 'The topology was changed.' },
      { kind: 'result', text: 'Identity: EdgeServer:edgepool1.contoso.com; Registrar: Registrar:pool2.contoso.com' },
      { kind: 'verbose', text: 'Connecting to pool2' },
    ]);
  });

  it('shows nested values as JSON, cuts long ones and says how many results are left out', () => {
    expect(resultText({ Replicas: ['fe1', 'fe2'], UpToDate: true })).toBe('Replicas: ["fe1","fe2"]; UpToDate: true');
    expect(resultText('plain text')).toBe('plain text');
    expect(resultText({ Long: 'x'.repeat(500) })).toMatch(/… \(100 more characters\)$/);
    const many = outputLines({ status: 'succeeded', results: Array.from({ length: MAX_RESULTS + 3 }, (_, i) => ({ N: i })), errors: [], warnings: [], verbose: [] });
    expect(many).toHaveLength(MAX_RESULTS + 1);
    expect(many.at(-1)?.text).toBe('… and 3 more results (all of them are in the report)');
  });
});

describe('splitShownCommand', () => {
  it('separates the server main appends from the command to copy', () => {
    const failoverCommand = "Invoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com' -DisasterMode -Verbose";
    expect(splitShownCommand(`${failoverCommand}   (on fe03.contoso.com)`)).toEqual({ command: failoverCommand, on: 'fe03.contoso.com' });
    expect(splitShownCommand(failoverCommand)).toEqual({ command: failoverCommand });
    // Parentheses inside a command are the command's.
    expect(splitShownCommand('(Get-Command Get-CsPool).Parameters.Keys')).toEqual({ command: '(Get-Command Get-CsPool).Parameters.Keys' });
  });
});

describe('reviewItems', () => {
  it('lists every change in plan order, a decision’s alternatives as one change, each saying when it runs', () => {
    const { changes, manual } = reviewItems(failover);
    expect(changes.map((c) => c.kind)).toEqual(['command', 'oneOf', 'command']);
    const [nextHop, cms, pool] = changes;
    expect(nextHop).toMatchObject({ kind: 'command', command: { command: "Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com' -Registrar 'Registrar:pool2.contoso.com'" } });
    expect(nextHop?.kind === 'command' && 'onlyIf' in nextHop.command).toBe(false);
    expect(pool).toMatchObject({ kind: 'command', command: { command: "Invoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com' -DisasterMode -Verbose" } });
    if (cms?.kind !== 'oneOf') throw new Error('the CMS failover is a choice');
    // The two nested decisions (which Back End is principal, which parameters the cmdlet takes) make five alternatives.
    expect(cms).toMatchObject({ id: DECISION, question: 'Which Back End holds the principal copy of the CMS database?' });
    expect(cms.options.map((o) => o.command.split(' -')[0])).toEqual(Array(5).fill('Invoke-CsManagementServerFailover'));
    expect(cms.options.find((o) => o.id === CMS_FAILOVER)?.onlyIf).toMatch(/StateOnPrimary is Principal.*, and .*Force/);
    // The read-only -WhatIf locate step is not a change.
    expect(JSON.stringify(changes)).not.toContain('failoverCms/locate-cms');
    expect(manual).toEqual([]);
  });

  it('lists the manual steps the run will wait for', () => {
    const sip = plan(demoDeployment(), [{ kind: 'moveSipFederation', edgePool: 'edgepool2.contoso.com' }], [{ kind: 'pool', fqdn: 'edgepool1.contoso.com' }]);
    const { manual } = reviewItems(sip);
    expect(manual.length).toBeGreaterThan(0);
    expect(manual[0]).toMatchObject({ tool: 'Topology Builder' });
    expect(findPlanStep(sip, manual[0]!.id)?.kind).toBe('manual');
    expect(findPlanStep(failover, CMS_FAILOVER)?.title).toMatch(/^Fail the CMS over to sql2a/);
    expect(findPlanStep(failover, 'no-such-step')).toBeUndefined();
  });
});
