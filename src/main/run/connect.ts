/**
 * What a run sends its jobs to, from the journal's connection: Windows PowerShell connected to a
 * Front End's management endpoint, or the lab (LabRunner: real PowerShell with the lab module, the
 * TypeScript lab shell, or the lab in this process). The CLI and the app build lab connections here too.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plan } from '../../shared/plan/types';
import type { DownComponent } from '../../shared/scenario/types';
import type { Credential } from '../powershell/credentials';
import { PowerShellSession } from '../powershell/session';
import { findPowerShellHost, hostLabel, type HostSearch } from '../powershell/find-host';
import { InProcessLab } from '../../lab/in-process';
import { parseDownComponent } from '../../lab/conditions';
import { findLabModule, ModuleLab } from '../../lab/module-lab';
import type { JobRunner } from './engine';
import { planSteps } from './plan-steps';
import type { RunConnection } from './journal';

/** A run's job runner, closed when the run ends. */
export type RunJobs = JobRunner & { dispose(): Promise<void> };

/**
 * scripts/lab-shell.cjs of this checkout, found upwards from here (source and bundled layouts
 * differ), or undefined: a packaged app has none. It starts through its shebang, so not on Windows.
 */
export function findLabExecutable(): string | undefined {
  if (process.platform === 'win32') return undefined;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'scripts', 'lab-shell.cjs');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export function labExecutable(): string {
  const found = findLabExecutable();
  if (found === undefined) throw new Error('the lab executable scripts/lab-shell.cjs was not found: the lab needs a PoolPilot checkout (and a POSIX system)');
  return found;
}

/** How long a lab job may take before its outcome is unknown; the lab answers in well under a second. */
export const LAB_TIMEOUT_MS = 30_000;

/** The lab changes only when a job changes it: polling it longer than this would only wait. */
export const LAB_WAITS = { waitPollMs: 100, waitLimitMs: 500 } as const;

/** The engine's wait settings for a connection: the lab's short ones, or the plan's own. */
export function waitsFor(connection: RunConnection): { waitPollMs?: number; waitLimitMs?: number } {
  return connection.kind === 'lab' ? LAB_WAITS : {};
}

/**
 * A lab run's connection: the lab starts from `source` (or its state file, when it exists), with
 * what the plan's scenario has down, and the session connects where the plan's Front End steps run.
 */
export function labConnection(plan: Plan, options: { source: string; statePath: string; timeoutMs?: number }): RunConnection {
  const endpoint = planEndpoint(plan);
  return {
    kind: 'lab',
    source: options.source,
    statePath: options.statePath,
    down: plan.scenario.down.map(labDown),
    ...(endpoint !== undefined ? { endpoint } : {}),
    timeoutMs: options.timeoutMs ?? LAB_TIMEOUT_MS,
  };
}

/** A down component as the lab's POOLPILOT_LAB_DOWN takes it. */
export function labDown(c: DownComponent): string {
  return c.kind === 'pool' ? `pool:${c.fqdn}` : c.kind === 'site' ? `site:${c.siteId}` : `sql:${c.instanceId}`;
}


/** The Front End server the plan's Front End steps run on: the management session connects there. */
export function planEndpoint(plan: Plan): string | undefined {
  for (const step of planSteps(plan)) {
    const runOn = step.kind === 'wait' ? step.until?.runOn : step.runOn;
    if (runOn?.on === 'frontEnd') return runOn.servers[0];
  }
  return undefined;
}

/**
 * What answers a lab connection's jobs:
 * - `module`: real PowerShell (pwsh or Windows PowerShell 5.1) with the lab module — the path a
 *   run on a Front End takes, down to PowerShell's parameter binding (module-lab.ts);
 * - `executable`: the TypeScript lab shell standing in for powershell.exe (a checkout's
 *   scripts/lab-shell.cjs): for the tests of node-powershell's protocol edges;
 * - `in-process`: no PowerShell at all, where the machine has none (in-process.ts).
 */
export type LabRunner =
  | { kind: 'module'; powershell: string; modulePath: string; label: string; engineExecutable?: string }
  | { kind: 'executable'; path: string }
  | { kind: 'in-process'; why: string };

/**
 * The best lab runner this machine has: real PowerShell with the lab module when a PowerShell
 * (find-host.ts) and the module are there, else the in-process lab, saying why. `engineExecutable`:
 * serve the lab's engine from that lab executable (module-lab.ts), not from this process.
 */
export async function findLabRunner(
  options: { search?: () => Promise<HostSearch>; modulePath?: string | undefined; engineExecutable?: string | undefined } = {},
): Promise<LabRunner> {
  const { search = findPowerShellHost, modulePath = findLabModule(), engineExecutable } = options;
  if (modulePath === undefined) return { kind: 'in-process', why: 'the lab module (resources/ps/PoolPilotLab) is missing from this installation' };
  const { found, passedOver } = await search();
  if (found === undefined) {
    const why = passedOver.length > 0 ? `no usable PowerShell (${passedOver.join('; ')})` : 'no PowerShell (pwsh or Windows PowerShell 5.1) on this machine';
    return { kind: 'in-process', why };
  }
  return { kind: 'module', powershell: found.path, modulePath, label: hostLabel(found), ...(engineExecutable !== undefined ? { engineExecutable } : {}) };
}

/** How the status bar and the CLI name a lab runner. */
export function labRunnerLabel(runner: LabRunner): string {
  if (runner.kind === 'module') return `${runner.label} with the lab module`;
  if (runner.kind === 'executable') return 'the lab shell (TypeScript stand-in for PowerShell)';
  return `the lab in PoolPilot itself: ${runner.why}`;
}

export interface SessionOptions {
  /** What answers a lab connection (default: this checkout's lab shell). */
  lab?: LabRunner;
  labFaults?: string[];
  labDelayMs?: number;
  onLog?: (m: string) => void;
  /** The credential for the endpoint; absent: integrated authentication. */
  credential?: () => Promise<Credential | undefined>;
}

/**
 * A session for a connection: Windows PowerShell on a server, or the lab through `options.lab`.
 * Lab faults (`<Cmdlet>=fail|hang|exit`) and the lab's delay are what a test or a demo injects into
 * one session: a resumed run starts without them.
 */
export function openSession(connection: RunConnection, options: SessionOptions = {}): RunJobs {
  const onLog = options.onLog ? { onLog: options.onLog } : {};
  const credential = options.credential ? { credential: options.credential } : {};
  if (connection.kind === 'server') return new PowerShellSession({ endpoint: connection.endpoint, ...credential, ...onLog });
  const lab = options.lab ?? { kind: 'executable', path: labExecutable() };
  // Over the lab settings of this process's environment (config.ts), as the lab shell inherits them.
  const labEnv = {
    ...process.env,
    POOLPILOT_LAB_SOURCE: connection.source,
    POOLPILOT_LAB_STATE: connection.statePath,
    POOLPILOT_LAB_DOWN: connection.down.join(','),
    ...(options.labFaults !== undefined ? { POOLPILOT_LAB_FAULTS: options.labFaults.join(';') } : {}),
    ...(options.labDelayMs !== undefined ? { POOLPILOT_LAB_DELAY_MS: String(options.labDelayMs) } : {}),
  };
  const endpoint = connection.endpoint !== undefined ? { endpoint: connection.endpoint } : {};
  if (lab.kind === 'in-process') {
    // The in-process lab has no shell to hang or kill: a fault asked of it would silently not strike.
    if ((options.labFaults ?? []).length > 0 || (options.labDelayMs ?? 0) > 0)
      throw new Error(`lab faults and delays need the lab in PowerShell or the lab shell; this lab runs in PoolPilot itself (${lab.why})`);
    return new InProcessLab({ source: connection.source, statePath: connection.statePath, conditions: { down: connection.down.map(parseDownComponent) }, ...endpoint, ...credential });
  }
  const session = { ...endpoint, timeoutMs: connection.timeoutMs + (options.labDelayMs ?? 0), startTimeoutMs: 60_000, ...credential, ...onLog };
  if (lab.kind === 'module') {
    const engine = lab.engineExecutable !== undefined ? { engineExecutable: lab.engineExecutable } : {};
    return new ModuleLab({ executable: lab.powershell, modulePath: lab.modulePath, env: labEnv, ...engine, ...session });
  }
  return new PowerShellSession({ executable: lab.path, env: labEnv, ...session });
}

/**
 * openSession once `lab` is known: the app looks for PowerShell (a second or two) while its window
 * opens, and the first job waits for that search instead of the window.
 */
export function openSessionWhenFound(connection: RunConnection, options: Omit<SessionOptions, 'lab'> & { lab: Promise<LabRunner> }): RunJobs {
  const { lab, ...rest } = options;
  const jobs = lab.then((found) => openSession(connection, { ...rest, lab: found }));
  return { run: async (job, o) => (await jobs).run(job, o), dispose: async () => (await jobs).dispose() };
}
