/**
 * `poolpilot plan` as an admin runs it: a separate process, judged by exit code and output. Cases
 * that only vary the input run the command module in-process (spawning tsx costs a second each).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/command';
import { planCommand } from '../../src/cli/commands/plan';
import type { Plan } from '../../src/shared/plan/types';

const ROOT = resolve(__dirname, '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function poolpilot(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The command in this process: exit code and what it printed (throws what main.ts reports). */
async function planHere(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = (await planCommand.run(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) })) ?? 0;
  return { code, stdout, stderr };
}

const FAILOVER = ['demo', '--down', 'pool1.contoso.com', '--failover', 'pool1.contoso.com'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poolpilot-plan-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('poolpilot plan', () => {
  it('prints the runbook of the demo failover: next hop, then the CMS, then the pool (exit 0)', async () => {
    const r = await poolpilot('plan', ...FAILOVER);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Runbook: Fail over pool1\.contoso\.com/);
    const order = [
      "Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com' -Registrar 'Registrar:pool2.contoso.com'",
      "Get-CsDatabaseMirrorState -PoolFqdn 'pool2.contoso.com' -DatabaseType 'CentralMgmt'",
      "Invoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com' -DisasterMode -Verbose",
    ].map((command) => r.stdout.indexOf(command));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('refuses a scenario with blockers, listing them (exit 1, no runbook)', async () => {
    const r = await poolpilot('plan', 'demo', '--failback', 'pool2.contoso.com');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('poolpilot: plan: Built-in demo deployment: the scenario has 1 blocker; no runbook was made');
    expect(lines[1]).toMatch(/^BLOCKER \[pool-failover-state\] \(change 1\): P2: pool2\.contoso\.com is not failed over/);
  });

  it('writes the .ps1 to --out, atomically, leaving no temporary file', async () => {
    const out = join(dir, 'failover.ps1');
    const r = await poolpilot('plan', ...FAILOVER, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*failover\.ps1: 3 procedure sections, \d+ steps, estimated /);
    const script = await readFile(out, 'utf8');
    expect(script.startsWith('\uFEFF#Requires -Version 5.1')).toBe(true);
    expect(script).toContain('Start-Transcript');
    // The temporary file is written beside the target, dot-prefixed, and renamed over it.
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('rejects an unknown format as bad input (exit 2)', async () => {
    const r = await poolpilot('plan', 'demo', '--format', 'docx');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('poolpilot: plan: --format must be md, html, ps1 or json, got "docx"\n');
  });
});

describe('poolpilot plan, in process', () => {
  it('--format json is the plan as data', async () => {
    const r = await planHere(...FAILOVER, '--format', 'json');
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.format).toBe('poolpilot.plan');
    expect(plan.sections.map((s) => s.change.kind)).toEqual(['reassignNextHop', 'failoverCms', 'failoverPool']);
  });

  it('takes the format from the --out extension', async () => {
    const out = join(dir, 'runbook.html');
    await planHere(...FAILOVER, '--out', out);
    expect(await readFile(out, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('reads the same scenario flags as check, in argv order', async () => {
    const r = await planHere('demo', '--down', 'edgepool1.contoso.com', '--move-sip', 'edgepool2.contoso.com', '--move-xmpp', 'Site1=edgeserver2.contoso.com', '--format', 'json');
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.sections.map((s) => s.procedure)).toEqual(['P3', 'P4']);
    expect(plan.down).toEqual(['edgepool1.contoso.com']);
  });

  it('names bad input the way check does, with plan: in front', async () => {
    await expect(planHere('demo', '--failover', 'pool9.contoso.com')).rejects.toThrow(new UsageError('plan: --failover: pool9.contoso.com is not a pool in this topology'));
    await expect(planHere('demo', 'demo')).rejects.toThrow('plan: expected one file (or "demo"), got 2');
  });

  it('plans nothing for an empty scenario', async () => {
    const r = await planHere('demo');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Runbook: No changes');
  });
});
