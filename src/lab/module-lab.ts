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
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Job } from '../main/powershell/job';
import type { JobOutcome } from '../main/powershell/records';
import { PowerShellSession, type PowerShellSessionOptions } from '../main/powershell/session';
import type { LabConfig } from './config';
import { LabEngine } from './engine';
import { newLabPipePath, serveLabEngine, type LabEngineServer } from './engine-server';
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

export interface ModuleLabOptions extends Omit<PowerShellSessionOptions, 'executable' | 'modules'> {
  /** pwsh or powershell.exe (find-host.ts). */
  executable: string;
  /** The lab module's manifest (findLabModule). */
  modulePath: string;
  /** The lab's settings: source, state file, what is down, faults (config.ts). */
  config: LabConfig;
}

export class ModuleLab {
  readonly session: PowerShellSession;
  private readonly server: Promise<LabEngineServer>;

  constructor(options: ModuleLabOptions) {
    const { modulePath, config, env, ...sessionOptions } = options;
    const pipe = newLabPipePath();
    this.server = (async () => {
      const engine = new LabEngine(await loadLabState(config), config);
      await engine.save();
      return serveLabEngine(engine, pipe);
    })();
    // Not left unhandled when nothing runs: run() reports it.
    this.server.catch(() => undefined);
    this.session = new PowerShellSession({ ...sessionOptions, modules: [modulePath], env: { ...(env ?? process.env), POOLPILOT_LAB_PIPE: pipe } });
  }

  /** Runs a job in the shell, once the engine it reaches is listening. Rejects as the session does (JobError), or when the lab cannot start. */
  async run(job: Job, options?: { timeoutMs?: number }): Promise<JobOutcome> {
    await this.server;
    return this.session.run(job, options);
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
    await (await this.server.catch(() => undefined))?.close();
  }
}
