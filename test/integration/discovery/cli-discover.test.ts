/**
 * `poolpilot discover --lab …` and `poolpilot diff`, run in-process (the lab shell is still a real
 * child process): a discovery, a failover made in the lab, a second discovery, and the diff.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_SHELL, warmLabShell } from '../../support/lab-sessions';
import { discoverCommand } from '../../../src/cli/commands/discover';
import { diffCommand } from '../../../src/cli/commands/diff';
import { UsageError, type CliCommand } from '../../../src/cli/command';
import { cmdletJob } from '../../../src/main/powershell/job';
import { PowerShellSession } from '../../../src/main/powershell/session';
import { parseSnapshot } from '../../../src/shared/snapshot/snapshot';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { synthTopologyXml } from '../../../src/shared/topology/synth';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poolpilot-cli-discover-'));
  await warmLabShell();
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(command: CliCommand, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = (await command.run(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) })) ?? 0;
  return { code, stdout, stderr };
}

describe('poolpilot discover and diff', () => {
  it('discovers the lab, sees a failover made there, and diff lists exactly what changed', async () => {
    const state = join(dir, 'lab.json');
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const first = await run(discoverCommand, '--lab', 'demo', '--lab-state', state, '--out', a);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${a}: ${demoDeployment().topology.pools.length} pools\n`);
    expect(first.stderr).toMatch(/^discover in the lab: (PowerShell .* with the lab module|the lab in PoolPilot itself)/);
    expect(first.stderr).toContain('ok     Get-CsTopology -AsXml\n');

    const session = new PowerShellSession({ executable: LAB_SHELL, env: { ...process.env, POOLPILOT_LAB_STATE: state }, endpoint: 'fe03.contoso.com', timeoutMs: 10_000 });
    try {
      expect(await session.run(cmdletJob('Set-CsPersistentChatState', { Identity: 'PersistentChatServer:pchat1.contoso.com', PoolState: 'FailedOver' }))).toMatchObject({ status: 'succeeded' });
      expect(await session.run(cmdletJob('Set-CsEdgeServer', { Identity: 'EdgeServer:edgepool1.contoso.com', Registrar: 'Registrar:pool2.contoso.com' }))).toMatchObject({ status: 'succeeded' });
    } finally {
      await session.dispose();
    }
    expect((await run(discoverCommand, '--lab', 'demo', '--lab-state', state, '--out', b)).code).toBe(0);

    const diff = await run(diffCommand, a, b, '--json');
    expect(JSON.parse(diff.stdout)).toEqual([
      { kind: 'edgeNextHop', subject: 'edgepool1.contoso.com', before: 'pool1.contoso.com', after: 'pool2.contoso.com' },
      { kind: 'persistentChat', subject: 'pchat1.contoso.com', before: expect.stringMatching(/^Normal; active: /), after: expect.stringMatching(/^FailedOver; active: /) },
    ]);
    expect((await run(diffCommand, a, b)).stdout).toMatch(/^Edge next hop: edgepool1\.contoso\.com: pool1\.contoso\.com -> pool2\.contoso\.com\n/);
    expect((await run(diffCommand, a, a)).stdout).toBe('No differences.\n');
  }, 90_000);

  it('saves an incomplete snapshot and exits 1 when a query fails, naming it', async () => {
    const out = join(dir, 'broken.json');
    process.env.POOLPILOT_LAB_FAULTS = 'Get-CsSite=fail:Access denied.';
    try {
      const r = await run(discoverCommand, '--lab', 'demo', '--lab-state', join(dir, 'broken-lab.json'), '--out', out);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('FAILED Get-CsSite: Access denied.\n');
      expect(r.stderr).toContain('incomplete: Get-CsSite failed: Access denied.\n');
      expect(parseSnapshot(await readFile(out, 'utf8')).incomplete).toEqual({ reasons: ['Get-CsSite failed: Access denied.'] });
    } finally {
      delete process.env.POOLPILOT_LAB_FAULTS;
    }
  }, 60_000);

  it('turns a collector file into a snapshot, keeping what failed on the server', async () => {
    const file = join(dir, 'collection.json');
    const out = join(dir, 'collected.json');
    const failed = [{ query: 'Get-CsSite', message: 'Access is denied.' }];
    await writeFile(file, `\uFEFF${JSON.stringify({ format: 'poolpilot.collection', version: 1, takenAt: '2026-11-24T08:00:00Z', topologyXml: synthTopologyXml(2), results: {}, failed })}`);
    const r = await run(discoverCommand, '--collection', file, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('incomplete: Get-CsSite failed: Access is denied.\n');
    const saved = parseSnapshot(await readFile(out, 'utf8'));
    expect(saved.deployment.source.kind).toBe('collector');
    expect(saved.deployment.topology.pools.length).toBeGreaterThan(0);
  });

  it('refuses to run without a target or an output file', async () => {
    await expect(run(discoverCommand, '--out', 'x.json')).rejects.toThrow(UsageError);
    await expect(run(discoverCommand, '--lab', 'demo', '--server', 'fe01.contoso.com', '--out', 'x.json')).rejects.toThrow('exactly one of');
    await expect(run(discoverCommand, '--lab', 'demo')).rejects.toThrow('--out <snapshot.json> is required');
    await expect(run(discoverCommand, '--server', 'not a host', '--out', 'x.json')).rejects.toThrow('is not a server or pool FQDN');
    await expect(run(diffCommand, 'demo')).rejects.toThrow('expected two files');
  });
});
