/**
 * What a job costs through the PowerShell session (src/main/powershell/session.ts: validation, a
 * fresh payload id, base64 encoding, the wrapper around node-powershell, record parsing, the
 * outcome), in two shells — the lab shell (scripts/lab-shell.cjs) and real PowerShell 7 (pwsh,
 * when the machine has it) — versus:
 *  - a bare node-powershell invoke of the same job (script line and payload) in the same executable — the
 *    session's own overhead; goal ≤ 1.2;
 *  - a new shell process for every job (start, setup line, job) — what keeping one session saves;
 *    for reference.
 * The lab shell runs with no state file, so no disk writes; in pwsh the cmdlet is a module function
 * that answers at once (BENCH_MODULE): what is measured is the path, not the lab's work. Medians per
 * job; session and bare jobs alternate in rounds so that load on the machine falls on both alike.
 *
 * Each bare invoke sends a line of its own (a fresh payload id, as every real job has: its records
 * name it), built before the clock starts. Sending one identical line over and over measured
 * 0.1–0.15 ms faster per job than distinct lines on the same process — caching a real run never
 * gets — which made the session look 1.4× slower when the gap was mostly that.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PowerShell } from 'node-powershell';
import { cmdletJob } from '../src/main/powershell/job';
import { jobCommandLine, moduleImportLine, SETUP_LINE } from '../src/main/powershell/job-script';
import { encodePayload, PAYLOAD_VERSION } from '../src/main/powershell/payload';
import { PowerShellSession } from '../src/main/powershell/session';
import { median, type BenchResult } from './stats';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findPwsh } = require('../scripts/find-pwsh.cjs') as { findPwsh(): string | undefined };

const LAB = resolve(__dirname, '../scripts/lab-shell.cjs');
const JOB = cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: 'pool1.contoso.com' });
/** The lab from the demo, answering at once; the state file is left out on purpose (see above). */
const LAB_ENV = { ...process.env, POOLPILOT_LAB_SOURCE: 'demo', POOLPILOT_LAB_STATE: '', POOLPILOT_LAB_DELAY_MS: '0' };
/** The job's cmdlet in pwsh: the lab's answer, at once. */
const BENCH_MODULE = `function Get-CsPoolBackupRelationship { [CmdletBinding()] param([string]$PoolFqdn, [switch]$LocalStore, [switch]$Force)
  [pscustomobject]@{ PSTypeName = 'Microsoft.Rtc.Management.Hadr.BackupService.BackupRelation'; PoolFqdn = $PoolFqdn; BackupPoolFqdn = 'pool2.contoso.com' } }`;

interface BenchShell {
  /** How results name it: "lab shell", "pwsh 7". */
  label: string;
  executable: string;
  env: NodeJS.ProcessEnv;
  modules: string[];
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The session in the lab shell and, where the machine has it, in real pwsh. */
export async function benchSession(rounds = 30, perRound = 20, processes = 25): Promise<BenchResult[]> {
  const results = await benchSessionIn({ label: 'lab shell', executable: LAB, env: LAB_ENV, modules: [] }, rounds, perRound, processes);
  const pwsh = findPwsh();
  if (pwsh === undefined) {
    results.push({ name: 'PowerShell session in real pwsh', detail: 'not measured: pwsh not found (scripts/find-pwsh.cjs)', goal: '≤ 1.2', met: false });
    return results;
  }
  const dir = mkdtempSync(join(tmpdir(), 'poolpilot-bench-'));
  try {
    const module = join(dir, 'Bench.psm1');
    writeFileSync(module, BENCH_MODULE);
    results.push(...(await benchSessionIn({ label: 'pwsh 7', executable: pwsh, env: process.env, modules: [module] }, rounds, perRound, Math.min(processes, 10))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

async function benchSessionIn(shell: BenchShell, rounds: number, perRound: number, processes: number): Promise<BenchResult[]> {
  const sessionOptions = { executable: shell.executable, env: shell.env, modules: shell.modules };
  const session = new PowerShellSession(sessionOptions);
  // node-powershell as it comes, with the flags and the environment the session's shell gets.
  const bare = new PowerShell({
    executable: shell.executable,
    executableOptions: { '-NoProfile': true, '-NonInteractive': true, '-ExecutionPolicy': 'RemoteSigned' },
    spawnOptions: { env: { ...shell.env, TERM: 'dumb' } },
  });
  const lineWithOwnId = () => jobCommandLine(encodePayload({ v: PAYLOAD_VERSION, id: randomBytes(8).toString('hex'), ...JOB }));
  const lines = Array.from({ length: (rounds + 2) * perRound }, lineWithOwnId);
  let next = 0;
  const line = () => lines[next++]!;
  const sessionMs: number[] = [];
  const bareMs: number[] = [];
  const processMs: number[] = [];
  try {
    // Starts both shells (and builds the lab's bundle if a source changed); a first answer proves they work.
    const first = await session.run(JOB);
    if (first.status !== 'succeeded') throw new Error(`the lab did not answer the job: ${first.errors[0]?.message ?? first.reason}`);
    await bare.invoke(SETUP_LINE);
    for (const module of shell.modules) await bare.invoke(moduleImportLine(module));
    if (!(await bare.invoke(line())).raw.includes('"type":"result"')) throw new Error('the bare invoke got no result record');
    for (let warm = 0; warm < perRound; warm++) {
      await session.run(JOB);
      await bare.invoke(line());
    }
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < perRound; i++) sessionMs.push(await timed(() => session.run(JOB)));
      for (let i = 0; i < perRound; i++) bareMs.push(await timed(() => bare.invoke(line())));
    }
  } finally {
    await session.dispose();
    await bare.dispose();
  }
  for (let i = 0; i < processes; i++) {
    const once = new PowerShellSession(sessionOptions);
    processMs.push(await timed(() => once.run(JOB)));
    await once.dispose();
  }

  const s = median(sessionMs);
  const b = median(bareMs);
  const p = median(processMs);
  const jobs = rounds * perRound;
  return [
    {
      name: `PowerShell session, per job, vs a bare node-powershell invoke (${shell.label})`,
      detail: `session ${s.toFixed(2)} ms, bare invoke of the same job ${b.toFixed(2)} ms (medians of ${jobs} jobs each, alternating rounds of ${perRound})`,
      ratio: s / b,
      goal: '≤ 1.2',
      met: s / b <= 1.2,
    },
    {
      name: `PowerShell session, per job, vs a new shell process per job (${shell.label})`,
      detail: `session ${s.toFixed(2)} ms, new process per job ${p.toFixed(1)} ms (median of ${processes}): one session is ${(p / s).toFixed(0)}× faster`,
      ratio: s / p,
      goal: 'reference only',
      met: true,
    },
  ];
}
