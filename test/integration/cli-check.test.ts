/**
 * `poolpilot check` as an admin runs it: a separate process, judged by exit code and output. The
 * cases that only vary the input run the command module in-process (spawning tsx costs a second
 * each on a 2-core machine).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/command';
import { checkCommand } from '../../src/cli/commands/check';
import { synthTopologyXml } from '../../src/shared/topology/synth';

const ROOT = resolve(__dirname, '../..');
const FIXTURES = resolve(ROOT, '../shared/fixtures/topologies/public');
const STANDARD_LAB = join(FIXTURES, 'ibenbouzid__SkypeforBusiness_lab_V3__DefaultTopology_Skype.xml');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function check(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/cli/main.ts'), 'check', ...args], { cwd: ROOT }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

interface Json {
  findings: { rule: string; severity: string; message: string; elements: string[]; fixes: { label: string; change: { kind: string } }[] }[];
}

async function checkJson(...args: string[]): Promise<{ code: number; findings: Json['findings'] }> {
  const r = await check(...args, '--json');
  expect(r.stdout.length, r.stderr).toBeGreaterThan(0);
  return { code: r.code, findings: (JSON.parse(r.stdout) as Json).findings };
}

/** The command in this process: its exit code and JSON findings (throws what main.ts reports). */
async function checkHere(...args: string[]): Promise<{ code: number; findings: Json['findings'] }> {
  let stdout = '';
  const code = (await checkCommand.run([...args, '--json'], { out: (t) => void (stdout += t), err: () => undefined })) ?? 0;
  return { code, findings: (JSON.parse(stdout) as Json).findings };
}

const nextHopBlocker = (findings: Json['findings']) => findings.filter((f) => f.rule === 'failover-edge-next-hop' && f.severity === 'blocker');

describe('poolpilot check', () => {
  it('blocks failing over an Edge pool\'s next hop, naming the Edge pool (exit 1)', async () => {
    const { code, findings } = await checkJson('demo', '--down', 'pool1.contoso.com', '--failover', 'pool1.contoso.com');
    expect(code).toBe(1);
    const [blocker] = nextHopBlocker(findings);
    expect(blocker!.elements).toContain('edgepool1.contoso.com');
    expect(blocker!.message).toContain('This Front-end pool "pool1.contoso.com" is specified in topology as the next hop for the Edge server.');
    expect(blocker!.fixes[0]).toMatchObject({ change: { kind: 'reassignNextHop', edgePool: 'edgepool1.contoso.com', nextHop: 'pool2.contoso.com' } });
    expect(Object.keys(findings[0]!).sort()).toEqual(['elements', 'fixes', 'message', 'rule', 'severity']);
  });

  it('clears that blocker when the next hop is reassigned first (exit 0)', async () => {
    const { code, findings } = await checkJson(
      'demo',
      '--down',
      'pool1.contoso.com',
      '--next-hop',
      'edgepool1.contoso.com=pool2.contoso.com',
      '--failover',
      'pool1.contoso.com',
    );
    expect(nextHopBlocker(findings)).toEqual([]);
    expect(findings.filter((f) => f.severity === 'blocker')).toEqual([]);
    expect(code).toBe(0);
  });

  it('applies the flags in argv order: a reassignment after the failover does not help it', async () => {
    const { code, findings } = await checkJson(
      'demo',
      '--down',
      'pool1.contoso.com',
      '--failover',
      'pool1.contoso.com',
      '--next-hop',
      'edgepool1.contoso.com=pool2.contoso.com',
    );
    expect(code).toBe(1);
    expect(nextHopBlocker(findings)).toHaveLength(1);
  });

  it('prints findings for a person without --json', async () => {
    const r = await check('demo', '--down', 'pool1.contoso.com', '--failover', 'pool1.contoso.com');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Built-in demo deployment: 1 blocker, /);
    expect(r.stdout).toContain('BLOCKER [failover-edge-next-hop] (change 1)');
    expect(r.stdout).toContain('fix: Make pool2.contoso.com the next hop of edgepool1.contoso.com (Set-CsEdgeServer) (before change 1)');
  });

  it('rejects an unknown FQDN with one line naming it (exit 2)', async () => {
    const r = await check('demo', '--failover', 'pool9.contoso.com');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('poolpilot: check: --failover: pool9.contoso.com is not a pool in this topology\n');
  });

  it('names the unknown FQDN whichever flag carries it', async () => {
    for (const args of [
      ['--down', 'pool9.contoso.com'],
      ['--next-hop', 'edgepool1.contoso.com=pool9.contoso.com'],
      ['--move-xmpp', 'Site2=pool9.contoso.com'],
      ['--pair', 'pool1.contoso.com=pool9.contoso.com'],
    ]) {
      await expect(checkHere('demo', ...args), args.join(' ')).rejects.toThrow(UsageError);
      await expect(checkHere('demo', ...args)).rejects.toThrow(/pool9\.contoso\.com/);
    }
  });

  it('rejects a malformed pair and an unreadable file as bad input', async () => {
    await expect(checkHere('demo', '--media-edge', 'pool1.contoso.com')).rejects.toThrow('--media-edge expects <pool>=<edge pool>');
    await expect(checkHere(join(FIXTURES, 'no-such-topology.xml'))).rejects.toThrow(UsageError);
    await expect(checkHere(join(FIXTURES, 'no-such-topology.xml'))).rejects.toThrow(/no-such-topology\.xml/);
  });
});

describe('poolpilot check on topology files, with what the XML cannot say', () => {
  let dir: string;
  let synthFile: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poolpilot-check-'));
    synthFile = join(dir, 'three-sites.xml');
    await writeFile(synthFile, synthTopologyXml(120));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--pair supplies the backup pool a failover needs', async () => {
    const base = ['--down', 'pool-s1-1.contoso.com', '--next-hop', 'edgepool-s1.contoso.com=pool-s2-1.contoso.com', '--failover', 'pool-s1-1.contoso.com'];
    const unpaired = await checkHere(synthFile, ...base);
    expect(unpaired.findings.map((f) => f.rule)).toContain('failover-backup-pool');
    expect(unpaired.code).toBe(1);
    const paired = await checkHere(synthFile, '--pair', 'pool-s1-1.contoso.com=pool-s2-1.contoso.com', ...base);
    expect(paired.findings.map((f) => f.rule)).not.toContain('failover-backup-pool');
  });

  it('--sip-route and --xmpp-route let the federation rules check a document that does not record routes', async () => {
    const unknown = await checkHere(STANDARD_LAB, '--down', 'edge.contoso.com');
    expect(unknown.findings.find((f) => f.rule === 'sip-federation-route')!.severity).toBe('info');
    const known = await checkHere(STANDARD_LAB, '--sip-route', 'edge.contoso.com', '--xmpp-route', 'TVP=edge.contoso.com', '--down', 'edge.contoso.com');
    expect(known.findings.find((f) => f.rule === 'sip-federation-route')).toMatchObject({ severity: 'warning', elements: ['edge.contoso.com'] });
    expect(known.findings.find((f) => f.rule === 'xmpp-federation-route')).toMatchObject({ severity: 'warning', elements: ['site:TVP', 'edge.contoso.com'] });
    expect(known.code).toBe(0);
  });
});
