/**
 * What a job costs through the PowerShell session (src/main/powershell/session.ts: validation, a
 * fresh payload id, base64 encoding, the wrapper around node-powershell, record parsing, the
 * outcome) against the lab shell, versus:
 *  - a bare node-powershell invoke of the same job (script line and payload) in the same executable — the
 *    session's own overhead; goal ≤ 1.2;
 *  - a new shell process for every job (start, setup line, job) — what keeping one session saves;
 *    for reference.
 * The lab shell is the same executable, with the same settings, in all three (no state file, so
 * no disk writes: what is measured is the path, not the lab's saving). Medians per job; session
 * and bare jobs alternate in rounds so that load on the machine falls on both alike.
 *
 * Each bare invoke sends a line of its own (a fresh payload id, as every real job has: its records
 * name it), built before the clock starts. Sending one identical line over and over measured
 * 0.1–0.15 ms faster per job than distinct lines on the same process — caching a real run never
 * gets — which made the session look 1.4× slower when the gap was mostly that.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { PowerShell } from 'node-powershell';
import { cmdletJob } from '../src/main/powershell/job';
import { jobCommandLine, SETUP_LINE } from '../src/main/powershell/job-script';
import { encodePayload, PAYLOAD_VERSION } from '../src/main/powershell/payload';
import { PowerShellSession } from '../src/main/powershell/session';
import { median, type BenchResult } from './stats';

const LAB = resolve(__dirname, '../scripts/lab-shell.cjs');
const JOB = cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: 'pool1.contoso.com' });
/** The lab from the demo, answering at once; the state file is left out on purpose (see above). */
const ENV = { ...process.env, POOLPILOT_LAB_SOURCE: 'demo', POOLPILOT_LAB_STATE: '', POOLPILOT_LAB_DELAY_MS: '0' };

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function benchSession(rounds = 30, perRound = 20, processes = 25): Promise<BenchResult[]> {
  const session = new PowerShellSession({ executable: LAB, env: ENV });
  // node-powershell as it comes, with the flags the session's shell gets.
  const bare = new PowerShell({
    executable: LAB,
    executableOptions: { '-NoProfile': true, '-NonInteractive': true, '-ExecutionPolicy': 'RemoteSigned' },
    spawnOptions: { env: ENV },
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
    const once = new PowerShellSession({ executable: LAB, env: ENV });
    processMs.push(await timed(() => once.run(JOB)));
    await once.dispose();
  }

  const s = median(sessionMs);
  const b = median(bareMs);
  const p = median(processMs);
  const jobs = rounds * perRound;
  return [
    {
      name: 'PowerShell session, per job, vs a bare node-powershell invoke (lab shell)',
      detail: `session ${s.toFixed(2)} ms, bare invoke of the same job ${b.toFixed(2)} ms (medians of ${jobs} jobs each, alternating rounds of ${perRound})`,
      ratio: s / b,
      goal: '≤ 1.2',
      met: s / b <= 1.2,
    },
    {
      name: 'PowerShell session, per job, vs a new shell process per job (lab shell)',
      detail: `session ${s.toFixed(2)} ms, new process per job ${p.toFixed(1)} ms (median of ${processes}): one session is ${(p / s).toFixed(0)}× faster`,
      ratio: s / p,
      goal: 'reference only',
      met: true,
    },
  ];
}
