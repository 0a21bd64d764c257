/**
 * `plan.export` through the dispatcher, as the renderer calls it: main plans the scenario, asks
 * where to save, writes the runbook it built itself; a scenario with blockers is refused with the
 * blockers named and no dialog shown.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanExportFormat } from '../../../src/shared/ipc/contract';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { buildPlan } from '../../../src/shared/plan/planner';
import { planToPs1 } from '../../../src/shared/export/ps1';
import type { Scenario } from '../../../src/shared/scenario/types';
import type { Dispatch } from '../../../src/main/ipc/dispatch';
import { testDispatch } from '../../support/test-dispatch';

const NOW = new Date('2026-11-24T09:31:00Z');
const POOL1 = 'pool1.contoso.com';
const deployment = demoDeployment(NOW);
const failover: Scenario = { down: [{ kind: 'pool', fqdn: POOL1 }], changes: [{ kind: 'failoverPool', pool: POOL1 }], applied: 1 };

/** The runbook dialog answers `exportPath` and remembers what it was asked; the others are cancelled. */
class RecordingDialogs {
  asked: { defaultName: string; format: PlanExportFormat }[] = [];
  constructor(public exportPath: string | null) {}
  async chooseExportPath(defaultName: string, format: PlanExportFormat) {
    this.asked.push({ defaultName, format });
    return this.exportPath;
  }
}

let dir: string;
let dialogs: RecordingDialogs;
let dispatch: Dispatch;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'poolpilot-plan-export-'));
  dialogs = new RecordingDialogs(join(dir, 'runbook.ps1'));
  // plan.export starts no discovery and no run: testDispatch's job runners throw if asked.
  dispatch = testDispatch(dir, { dialogs: { chooseExportPath: (n, f) => dialogs.chooseExportPath(n, f) }, now: () => NOW });
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('plan.export', () => {
  it('writes the script main built from the plan, prerequisites first, under a name it suggests', async () => {
    const envelope = await dispatch('plan.export', { deployment, scenario: failover, format: 'ps1' });
    expect(envelope).toEqual({ ok: true, value: { path: join(dir, 'runbook.ps1') } });
    expect(dialogs.asked).toEqual([{ defaultName: 'Built-in-demo-deployment-runbook-2026-11-24-0931.ps1', format: 'ps1' }]);

    const bytes = readFileSync(join(dir, 'runbook.ps1'));
    // Windows PowerShell 5.1 reads a script without a byte order mark in the ANSI code page.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toBe(planToPs1(buildPlan(deployment, failover, { now: NOW.getTime() })));
    expect(text).toContain('Start-Transcript');
    const nextHop = text.indexOf("Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com' -Registrar 'Registrar:pool2.contoso.com'");
    const failoverAt = text.indexOf("Invoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com' -DisasterMode");
    expect(nextHop).toBeGreaterThan(0);
    expect(failoverAt).toBeGreaterThan(nextHop);
    // Written atomically: no temporary file is left beside it.
    expect(readdirSync(dir).sort()).toEqual(['runbook.ps1']);
  });

  it('writes Markdown when asked for it', async () => {
    dialogs.exportPath = join(dir, 'runbook.md');
    const envelope = await dispatch('plan.export', { deployment, scenario: failover, format: 'md' });
    expect(envelope.ok).toBe(true);
    expect(dialogs.asked[0]!.format).toBe('md');
    const md = readFileSync(join(dir, 'runbook.md'), 'utf8');
    expect(md).toMatch(/^# Runbook: Fail over pool1\.contoso\.com/);
    expect(md).toContain("```powershell\nInvoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com' -DisasterMode -Verbose\n```");
  });

  it('writes nothing when the admin cancels the dialog', async () => {
    dialogs.exportPath = null;
    expect(await dispatch('plan.export', { deployment, scenario: failover, format: 'html' })).toEqual({ ok: true, value: null });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a scenario with blockers, naming them, without asking for a file', async () => {
    const failbackOfNormalPool: Scenario = { down: [], changes: [{ kind: 'failbackPool', pool: POOL1 }], applied: 1 };
    const envelope = await dispatch('plan.export', { deployment, scenario: failbackOfNormalPool, format: 'ps1' });
    expect(envelope.ok).toBe(false);
    expect(!envelope.ok && envelope.error.message).toMatch(/^No runbook was written: the scenario has 1 blocker: \(1\) .*pool1\.contoso\.com.*is not failed over/);
    expect(dialogs.asked).toEqual([]);
    expect(existsSync(join(dir, 'runbook.ps1'))).toBe(false);
  });

  it('takes only the four formats', async () => {
    const envelope = await dispatch('plan.export', { deployment, scenario: failover, format: 'exe' });
    expect(!envelope.ok && envelope.error.message).toMatch(/^Invalid plan\.export request \(field format\)/);
    expect(dialogs.asked).toEqual([]);
  });
});
