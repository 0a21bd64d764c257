/**
 * An exported runbook (.ps1, src/shared/export/ps1.ts) run in real pwsh 7 against the lab module,
 * answered as the person at the console answers it: every prompt Read-Host shows is read off the
 * script's output as it appears and answered then, one line on stdin —
 *
 * - a change ("Type Y to run it, S if it is already done, Q to stop"): Y — and Y again to
 *   PowerShell's own "Are you sure you want to perform this action?" of a ConfirmImpact High
 *   cmdlet (Invoke-CsPoolFailover, Invoke-CsManagementServerFailover), which the runbook does not
 *   suppress;
 * - a manual checklist item ("[ ] … - type Y when done, Q to stop"): Y;
 * - a step for another server ("This must run on …: run the command above there"): the person goes
 *   there and runs the command the script showed — here a second pwsh with the lab module, through
 *   Invoke-Command -ComputerName <that server>, as the lab sends any job to a server — then D;
 * - "Does the output show: …? Type Y or N" after such a step: Y or N by what the command output
 *   there, under the plan's condition (the run engine's conditionHolds);
 * - "Type the number of the branch that applies": the first branch whose condition holds on that
 *   output, else Q;
 * - a failed step ("Fix the cause, then type R to run it again, or Q to stop"): Q, as the run
 *   engine's reference run aborts at a failure.
 *
 * Any other prompt fails the run: the operator answers only what the runbook is known to ask.
 *
 * Read-Host with stdin redirected reads its lines from stdin in pwsh 7.6 when pwsh runs a file
 * (`-File`); -NonInteractive makes it refuse ("PowerShell is in NonInteractive mode"), and
 * `-Command -` would read the script itself from stdin — so neither is used.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { conditionHolds } from '../../src/main/run/conditions';
import { targetOf } from '../../src/main/run/engine';
import type { Condition, Plan, Step } from '../../src/shared/plan/types';
import type { Deployment } from '../../src/shared/model/types';
import { serializeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../src/shared/snapshot/snapshot';
import { labConnection, labDown, openSession, planEndpoint, type LabRunner } from '../../src/main/run/connect';
import { labConfigOfEnv } from '../../src/lab/config';
import { LabEngine } from '../../src/lab/engine';
import { serveLabEngine } from '../../src/lab/engine-server';
import { loadLabState } from '../../src/lab/state-file';
import { planToPs1 } from '../../src/shared/export/ps1';
import { allSteps } from '../unit/plan/scenarios';
import { readLab, runEngine } from '../integration/run/run-support';
import { IN_PROCESS_LAB, LAB_MODULE, PWSH } from './lab-sessions';

/** Imports the lab module, opens the management session where the plan's Front End steps run, then runs the runbook. */
const WRAPPER = String.raw`param([string]$Module, [string]$Runbook, [string]$Endpoint)
$ErrorActionPreference = 'Stop'
Import-Module $Module
# The lab module learns which server its shell is on from New-PSSession (it cannot see the machine):
# the runbook runs in the Management Shell of that Front End.
if ($Endpoint -ne '') { $null = New-PSSession -ConnectionUri ('https://' + $Endpoint + '/OcsPowershell') }
& $Runbook
`;

/** The console of another server: runs one command there and writes what it output as JSON. */
const CONSOLE = String.raw`param([string]$Module, [string]$Server, [string]$Command)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$out = @(Invoke-Command -ComputerName $Server -ScriptBlock ([scriptblock]::Create($Command)))
ConvertTo-Json -InputObject $out -Depth 8 -Compress
`;

export interface Answer {
  step: string | undefined;
  prompt: string;
  answer: string;
}

export interface RunbookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  answers: Answer[];
  /** The commands run by hand on other servers, with the server. */
  elsewhere: { server: string; command: string }[];
  /** The transcript Start-Transcript wrote in <HOME>/Documents, if it did. */
  transcript: string | undefined;
  /** The person closed the console after `interruptAfterMs` (the runbook had not ended by then). */
  interrupted?: boolean;
}

export interface RunbookOptions {
  pwsh: string;
  modulePath: string;
  plan: Plan;
  /** The script (planToPs1(plan)). */
  script: string;
  /** A fresh folder: the script, the wrappers and the operator's HOME go here. */
  dir: string;
  /** Where the lab engine listens (POOLPILOT_LAB_PIPE). */
  pipe: string;
  /** The Front End the runbook runs on, if the plan has Front End steps (planEndpoint). */
  endpoint: string | undefined;
  timeoutMs?: number;
  /** Nobody at the console: stdin is closed at once and no prompt is answered. */
  closedInput?: boolean;
  /**
   * The person closes the console after this long, if the runbook has not ended: the run is
   * returned as it stood (interrupted), not failed — for a wait that polls longer than a test can.
   */
  interruptAfterMs?: number;
}

/** Prose as the script prints it: ps1.ts turns control characters into U+FFFD. */
const printed = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');

/** The condition a "Does the output show" answer is for: the check's, or the wait's. */
function conditionOf(step: Step): Condition | undefined {
  if (step.kind === 'check') return step.condition;
  if (step.kind === 'wait') return step.until?.condition;
  return undefined;
}

function commandOf(step: Step): string | undefined {
  if (step.kind === 'wait') return step.until?.command.text;
  if (step.kind === 'manual') return undefined;
  return step.command.text;
}

function runOnOf(step: Step) {
  return step.kind === 'wait' ? step.until?.runOn : step.runOn;
}

export async function runRunbook(o: RunbookOptions): Promise<RunbookRun> {
  const home = join(o.dir, 'home');
  // Start-Transcript writes to [Environment]::GetFolderPath('MyDocuments'): on Windows the profile
  // always has Documents; .NET on Linux answers '' unless $HOME/Documents exists.
  mkdirSync(join(home, 'Documents'), { recursive: true });
  const runbook = join(o.dir, 'runbook.ps1');
  const wrapper = join(o.dir, 'wrapper.ps1');
  const consoleScript = join(o.dir, 'console.ps1');
  writeFileSync(runbook, o.script, 'utf8');
  writeFileSync(wrapper, WRAPPER, 'utf8');
  writeFileSync(consoleScript, CONSOLE, 'utf8');
  const host = o.endpoint?.split('.')[0]?.toUpperCase() ?? 'ADMIN01';
  const env = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    // What Windows sets and the runbook's "am I on the right server" test reads.
    COMPUTERNAME: host,
    POOLPILOT_LAB_PIPE: o.pipe,
    NO_COLOR: '1',
  };
  const steps = new Map(allSteps(o.plan).map((s) => [printed(s.id), s]));

  const runElsewhere = (server: string, command: string): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      const child = spawn(o.pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', consoleScript, '-Module', o.modulePath, '-Server', server, '-Command', command], { env });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) return reject(new Error(`on ${server}, ${command} failed (${code}): ${err}${out}`));
        resolve(JSON.parse(out) as unknown[]);
      });
    });

  const result: RunbookRun = { code: null, stdout: '', stderr: '', answers: [], elsewhere: [], transcript: undefined };
  // In its own process group: the pwsh launcher runs PowerShell in a child process (dotnet pwsh.dll)
  // that holds the pipes, so ending the launcher alone leaves the runbook running and 'close' never comes.
  const child = spawn(o.pwsh, ['-NoLogo', '-NoProfile', '-File', wrapper, '-Module', o.modulePath, '-Runbook', runbook, '-Endpoint', o.endpoint ?? ''], { env, detached: true });
  const killAll = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  let answeredUpTo = 0;
  let busy = false;
  /** What the command run on another server output, for the step that asked. */
  let remote: { step: string; output: unknown[] } | undefined;
  let failure: Error | undefined;

  const answerFor = async (prompt: string, step: Step | undefined): Promise<string> => {
    // PowerShell's confirmation of a ConfirmImpact High cmdlet, after the runbook's own: the person confirmed it already.
    if (/^Are you sure you want to perform this action\?/.test(prompt)) return 'Y';
    if (/This changes the deployment\. Type Y to run it, S if it is already done, Q to stop$/.test(prompt)) return 'Y';
    if (/^\s*\[ \] .* - type Y when done, Q to stop$/s.test(prompt)) return 'Y';
    if (/Fix the cause, then type R to run it again, or Q to stop$/.test(prompt)) return 'Q';
    if (step === undefined) throw new Error(`a prompt outside any step: ${prompt}`);
    if (/Type D when it is done there, or Q to stop$/.test(prompt)) {
      const command = commandOf(step);
      const server = targetOf(runOnOf(step));
      if (command === undefined || server === undefined) throw new Error(`step ${step.id} asks to be run elsewhere, but has no command or server`);
      result.elsewhere.push({ server, command });
      remote = { step: step.id, output: await runElsewhere(server, command) };
      return 'D';
    }
    const output = remote?.step === step.id ? remote.output : undefined;
    if (/Does the output show: .*\? Type Y or N$/s.test(prompt)) {
      const condition = conditionOf(step);
      if (condition === undefined || output === undefined) throw new Error(`step ${step.id} asks about an output nobody saw: ${prompt}`);
      return conditionHolds(condition, output) ? 'Y' : 'N';
    }
    if (/Type the number of the branch that applies, or Q to stop$/.test(prompt)) {
      if (step.kind !== 'decision' || output === undefined) return 'Q';
      const i = step.branches.findIndex((b) => conditionHolds(b.when, output));
      return i < 0 ? 'Q' : String(i + 1);
    }
    throw new Error(`a prompt the operator does not know: ${prompt}`);
  };

  if (o.closedInput) child.stdin.end();
  const onOutput = () => {
    if (busy || failure || o.closedInput) return;
    const text = result.stdout;
    const lastLine = text.lastIndexOf('\n') + 1;
    // Read-Host writes its prompt and ": " and waits, without a line break.
    // Read-Host writes its prompt and ": " and waits, without a line break; PowerShell's own
    // confirmation (ConfirmImpact High, as Invoke-CsPoolFailover asks) ends in (default is "Y"):.
    const confirmation = text.endsWith('(default is "Y"):');
    if (lastLine < answeredUpTo || !(text.endsWith(': ') || confirmation) || text.length <= answeredUpTo) return;
    const prompt = confirmation ? text.slice(text.lastIndexOf('Are you sure', text.length), -1) : text.slice(Math.max(lastLine, answeredUpTo), -2);
    const ids = [...text.slice(0, lastLine).matchAll(/, step id (.*)\r?$/gm)];
    const id = ids.at(-1)?.[1];
    const step = id === undefined ? undefined : steps.get(id);
    busy = true;
    answeredUpTo = text.length;
    answerFor(prompt, step).then(
      (answer) => {
        result.answers.push({ step: step?.id, prompt, answer });
        busy = false;
        child.stdin.write(`${answer}\n`);
      },
      (err: Error) => {
        failure = err;
        child.kill();
      },
    );
  };

  // A prompt is text ending in ": " after which the script falls silent: Format-List writes
  // "Name : " for an empty property too, and a chunk may end there.
  let quiet: NodeJS.Timeout | undefined;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    result.stdout += d;
    clearTimeout(quiet);
    quiet = setTimeout(onOutput, 150);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (result.stderr += d));
  const timer = setTimeout(() => {
    failure = new Error(`the runbook did not finish within ${o.timeoutMs ?? 90_000} ms`);
    killAll();
  }, o.timeoutMs ?? 90_000);
  const interrupt =
    o.interruptAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          result.interrupted = true;
          killAll();
        }, o.interruptAfterMs);
  result.code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  }).finally(() => {
    clearTimeout(timer);
    clearTimeout(interrupt);
    clearTimeout(quiet);
  });
  if (failure) throw new Error(`${failure.message}\n--- the runbook's output so far:\n${result.stdout.slice(-4000)}\n--- stderr:\n${result.stderr}`);
  const documents = join(home, 'Documents');
  const logs = existsSync(documents) ? readdirSync(documents).filter((f) => /^PoolPilot-runbook-\d{8}-\d{6}\.log$/.test(f)) : [];
  if (logs.length === 1) result.transcript = readFileSync(join(documents, logs[0]!), 'utf8');
  return result;
}

/** A snapshot of `start`, the one source both runs start from. */
export async function writeStart(dir: string, start: Deployment): Promise<string> {
  const source = join(dir, 'start.json');
  await mkdir(dir, { recursive: true });
  await writeFile(source, serializeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, takenAt: new Date().toISOString(), deployment: start }));
  return source;
}

/** The reference: the run engine over the lab (in this process by default), confirmed, manual steps acknowledged, aborting at a failure. */
export async function referenceRun(dir: string, plan: Plan, source: string, lab: LabRunner = IN_PROCESS_LAB) {
  const statePath = join(dir, 'lab-state.json');
  const jobs = openSession(labConnection(plan, { source, statePath }), { lab });
  const run = await runEngine(dir, statePath, plan, jobs, () => undefined).finally(() => jobs.dispose());
  return { journal: run.journal, lab: await readLab(statePath) };
}

/** The runbook of `plan` in real pwsh, against a lab engine served from this process on `source`. */
export async function runbookRun(dir: string, plan: Plan, source: string, script = planToPs1(plan), closedInput = false, interruptAfterMs?: number) {
  await mkdir(dir, { recursive: true });
  const statePath = join(dir, 'lab-state.json');
  const config = labConfigOfEnv({ POOLPILOT_LAB_SOURCE: source, POOLPILOT_LAB_STATE: statePath, POOLPILOT_LAB_DOWN: plan.scenario.down.map(labDown).join(',') });
  const engine = new LabEngine(await loadLabState(config), config);
  await engine.save();
  const server = await serveLabEngine(engine);
  try {
    const run = await runRunbook({ pwsh: PWSH!, modulePath: LAB_MODULE, plan, script, dir, pipe: server.path, endpoint: planEndpoint(plan), closedInput, interruptAfterMs });
    await engine.idle();
    return { run, lab: await readLab(statePath) };
  } finally {
    await server.close();
  }
}

