/**
 * The lab in real PowerShell: a PowerShell session (node-powershell over pwsh or Windows
 * PowerShell 5.1) that imports the lab module (resources/ps/PoolPilotLab), whose cmdlets forward
 * each bound call to a lab engine served from this process (engine-server.ts). So a lab run goes
 * through everything a run on a Front End goes through — the shell, the job script, PowerShell's
 * parameter binding, -WhatIf, typed objects, ConvertTo-Json — with the lab's deployment behind it.
 *
 * The engine lives as long as this runner; the shells it serves come and go (a crash, a timeout, a
 * kill): each new one imports the module again and reaches the same engine. The state file is
 * saved after every job, so a runner opened later on the same file resumes where this one stopped.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Job } from '../main/powershell/job';
import type { JobOutcome } from '../main/powershell/records';
import { PowerShellSession, type PowerShellSessionOptions } from '../main/powershell/session';
import { labConfigOfEnv } from './config';
import { LabEngine } from './engine';
import { newLabPipePath, serveLabEngine } from './engine-server';
import { loadLabState } from './state-file';

/** The module's manifest, relative to a checkout or to a packaged app's resources folder. */
const MODULE_MANIFEST = join('ps', 'PoolPilotLab', 'PoolPilotLab.psd1');

/**
 * The lab module's manifest: `resources/ps/…` of this checkout (found upwards from here, as source
 * and bundled layouts differ), or `<resourcesPath>/ps/…` of a packaged app; undefined if neither.
 */
export function findLabModule(resourcesPath: string | undefined = process.resourcesPath): string | undefined {
  if (resourcesPath !== undefined && existsSync(join(resourcesPath, MODULE_MANIFEST))) return join(resourcesPath, MODULE_MANIFEST);
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', MODULE_MANIFEST);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export interface ModuleLabOptions extends Omit<PowerShellSessionOptions, 'executable' | 'modules' | 'env'> {
  /** pwsh or powershell.exe (find-host.ts). */
  executable: string;
  /** The lab module's manifest (findLabModule). */
  modulePath: string;
  /** The environment: the shell's, and the lab's settings (POOLPILOT_LAB_*, config.ts). */
  env: NodeJS.ProcessEnv;
  /**
   * The lab executable (scripts/lab-shell.cjs) to serve the engine from a process of its own, which
   * finishes the job it took when this one dies — as a Front End finishes a cmdlet whose caller
   * died. Absent: the engine runs in this process (the packaged app has no executable).
   */
  engineExecutable?: string;
}

/** The engine in this process, on `pipe`. */
async function engineHere(env: NodeJS.ProcessEnv, pipe: string): Promise<{ close(): Promise<void> }> {
  const config = labConfigOfEnv(env);
  const engine = new LabEngine(await loadLabState(config), config);
  await engine.save();
  return serveLabEngine(engine, pipe);
}

/** The engine in a process of its own (lab-shell.ts --serve): ready once it says so; closed by closing its stdin. */
function engineProcess(executable: string, env: NodeJS.ProcessEnv, pipe: string): Promise<{ close(): Promise<void> }> {
  const child = spawn(executable, ['--serve', pipe], { env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((resolve, reject) => {
    child.on('error', (err) => reject(new Error(`the lab engine did not start: ${err.message}`)));
    void exited.then((code) => reject(new Error(`the lab engine ended before it was ready (exit code ${code}): ${stderr.trim()}`)));
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      if (!t.includes('ready')) return;
      resolve({
        async close() {
          child.stdin.end();
          await exited;
        },
      });
    });
  });
}

export class ModuleLab {
  readonly session: PowerShellSession;
  private readonly engine: Promise<{ close(): Promise<void> }>;

  constructor(options: ModuleLabOptions) {
    const { modulePath, env, engineExecutable, ...sessionOptions } = options;
    const pipe = newLabPipePath();
    this.engine = engineExecutable !== undefined ? engineProcess(engineExecutable, env, pipe) : engineHere(env, pipe);
    // Not left unhandled when nothing runs: run() reports it.
    this.engine.catch(() => undefined);
    this.session = new PowerShellSession({ ...sessionOptions, modules: [modulePath], env: { ...env, POOLPILOT_LAB_PIPE: pipe } });
  }

  /** How many shells the session has started (a crash or a timeout starts a new one). */
  get generation(): number {
    return this.session.generation;
  }

  /** Runs a job in the shell, once the engine it reaches is listening. Rejects as the session does (JobError), or when the lab cannot start. */
  async run(job: Job, options?: { timeoutMs?: number }): Promise<JobOutcome> {
    await this.engine;
    return this.session.run(job, options);
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
    await (await this.engine.catch(() => undefined))?.close();
  }
}
