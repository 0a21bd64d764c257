/**
 * `poolpilot run` and `poolpilot resume` against the lab, through node-powershell and the lab
 * executable (scripts/lab-shell.cjs): the demo's pool1 failover end to end, a failing step that
 * aborts the run, and a run killed mid-step that resumes without repeating what was done.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmLabShell } from '../../support/lab-sessions';
import { resumeCommand } from '../../../src/cli/commands/resume';
import { runCommand } from '../../../src/cli/commands/run';
import { readJournal } from '../../../src/main/run/journal';
import { deriveRelations } from '../../../src/shared/model/relations';
import { parseSnapshot } from '../../../src/shared/snapshot/snapshot';

const ROOT = resolve(__dirname, '../../..');
const POOL1 = 'pool1.contoso.com';
const POOL2 = 'pool2.contoso.com';
const EDGE1 = 'edgepool1.contoso.com';
const FAILOVER = ['demo', '--lab', '--down', POOL1, '--failover', POOL1, '--yes', '--ack-manual'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poolpilot-run-'));
  // Builds (or finds) the lab's bundle once, so no test pays for it.
  await warmLabShell();
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

async function lab(statePath: string) {
  return parseSnapshot(await readFile(statePath, 'utf8'), statePath);
}

describe('poolpilot run --lab', () => {
  it("fails pool1 over to pool2 in the lab, showing each command before it runs, and reports it", async () => {
    const journalDir = join(dir, 'failover');
    const report = join(dir, 'failover.md');
    const { io, out } = capture();
    const code = await runCommand.run([...FAILOVER, '--journal', journalDir, '--report', report], io);
    const text = out.join('');
    expect(code, text).toBe(0);

    const state = await lab(join(journalDir, 'lab-state.json'));
    expect(state.deployment.state.failedOver).toMatchObject({ [POOL1]: POOL2 });
    const relations = deriveRelations(state.deployment);
    expect(relations.filter((r) => r.kind === 'cmsActive').map((r) => r.from)).toEqual([POOL2]);
    expect(relations.find((r) => r.kind === 'edgeNextHop' && r.from === EDGE1)?.to).toBe(POOL2);

    // Shown before it ran: the command line precedes the step's result.
    const shown = text.indexOf(`PS> Invoke-CsPoolFailover -PoolFqdn '${POOL1}' -DisasterMode -Verbose`);
    expect(shown).toBeGreaterThan(-1);
    expect(text.indexOf(`SUCCEEDED failoverPool:${POOL1}/failover`)).toBeGreaterThan(shown);

    const journal = await readJournal(journalDir);
    expect(journal.status).toBe('completed');
    expect(journal.steps.find((s) => s.id === `failoverPool:${POOL1}/failover`)).toMatchObject({ status: 'succeeded', by: journal.operator });
    // pool1's servers are down and never catch up: the replica wait holds without them, nothing was skipped.
    expect(journal.steps.find((s) => s.id === 'failoverCms/replicas')?.status).toBe('succeeded');
    expect(journal.steps.filter((s) => s.status === 'skipped')).toEqual([]);
    const md = await readFile(report, 'utf8');
    expect(md).toContain('**completed**');
    expect(md).toContain(`Invoke-CsPoolFailover -PoolFqdn '${POOL1}' -DisasterMode -Verbose`);
    // The branches not taken are listed as not executed.
    expect(md).toMatch(/## Steps not executed[\s\S]*failoverCms\/mirror-state\/mirror\/cmdlet-parameters/);
  });

  it('aborts at a failing step and leaves a journal that names it; the failover did not happen', async () => {
    const journalDir = join(dir, 'fault');
    const { io, err } = capture();
    const report = join(dir, 'fault.html');
    const code = await runCommand.run([...FAILOVER, '--journal', journalDir, '--report', report, '--lab-fault', `failoverPool:${POOL1}/failover:fail`], io);
    expect(code).toBe(1);
    expect(err.join('')).toContain(`failoverPool:${POOL1}/failover failed: Invoke-CsPoolFailover failed (lab fault).`);
    const journal = await readJournal(journalDir);
    expect(journal.status).toBe('aborted');
    expect(journal.reason).toContain(`failoverPool:${POOL1}/failover`);
    expect(journal.steps.filter((s) => s.status === 'failed').map((s) => s.id)).toEqual([`failoverPool:${POOL1}/failover`]);
    expect((await lab(join(journalDir, 'lab-state.json'))).deployment.state.failedOver[POOL1]).toBeUndefined();
    const html = await readFile(report, 'utf8');
    expect(html).toContain('<strong class="aborted">aborted</strong>');
    expect(html).toContain(`<pre>Invoke-CsPoolFailover -PoolFqdn &#39;${POOL1}&#39; -DisasterMode -Verbose</pre>`);
    expect(html).toContain('ERROR: Invoke-CsPoolFailover failed (lab fault).');
  });

  it('without --yes stops before the first change (exit 3), and resume --yes carries on', async () => {
    const journalDir = join(dir, 'unconfirmed');
    const first = capture();
    expect(await runCommand.run(['demo', '--lab', '--down', POOL1, '--failover', POOL1, '--journal', journalDir], first.io)).toBe(3);
    expect(first.err.join('')).toContain(`reassignNextHop:${EDGE1}/set-edge-server changes the deployment`);
    expect((await lab(join(journalDir, 'lab-state.json'))).jobs).not.toContainEqual(expect.objectContaining({ cmdlet: 'Set-CsEdgeServer', whatIf: false }));
    await expect(runCommand.run(['demo', '--lab', '--journal', journalDir], capture().io)).rejects.toThrow(/already holds a run's journal/);
    expect(await resumeCommand.run([journalDir, '--yes'], capture().io)).toBe(0);
    expect((await readJournal(journalDir)).status).toBe('completed');
  });

  it('resumes a killed run: the step in flight is re-checked, completed steps are not run again', async () => {
    const journalDir = join(dir, 'killed');
    const statePath = join(journalDir, 'lab-state.json');
    // node itself runs the CLI (the tsx binary would put a wrapper process in between, which a kill would leave behind).
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'run', ...FAILOVER, '--journal', journalDir, '--lab-delay', '150'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const exited = new Promise((done) => child.on('exit', done));
    // Kill it while the next hop is being changed (after pre-flight).
    const inFlight = `reassignNextHop:${EDGE1}/set-edge-server`;
    for (let i = 0; i < 300; i++) {
      const journal = await readJournal(journalDir).catch(() => undefined);
      if (journal?.steps.some((s) => s.id === inFlight && s.status === 'running')) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    child.kill('SIGKILL');
    await exited;
    const killed = await readJournal(journalDir);
    expect(killed.steps.find((s) => s.id === inFlight)?.status).toBe('running');
    // The orphaned lab finishes the line it read (its delay), saves, and exits on the closed stdin.
    await new Promise((done) => setTimeout(done, 800));

    const { io, out } = capture();
    const code = await resumeCommand.run([journalDir, '--ack-manual'], io);
    expect(code, out.join('')).toBe(0);
    const journal = await readJournal(journalDir);
    expect(journal.status).toBe('completed');
    const state = await lab(statePath);
    expect(state.deployment.state.failedOver).toMatchObject({ [POOL1]: POOL2 });
    const changes = (state.jobs as { cmdlet: string; whatIf: boolean }[]).filter((j) => !j.whatIf && /^(Set|Invoke)-/.test(j.cmdlet));
    expect(changes.map((j) => j.cmdlet)).toEqual(['Set-CsEdgeServer', 'Invoke-CsManagementServerFailover', 'Invoke-CsPoolFailover']);
    expect(journal.steps.find((s) => s.id === inFlight)?.detail).toMatch(/was in flight when the run stopped; re-checked with .*read-back.*: (it took effect)/);
  }, 60_000);
});
