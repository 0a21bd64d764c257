/**
 * What a run sends its jobs to, from the journal's connection: Windows PowerShell connected to a
 * Front End's management endpoint; the lab executable (scripts/lab-shell.cjs) standing in for
 * powershell.exe with the lab's settings in its environment; or, where there is no executable
 * (the packaged app), the lab in this process. The CLI and the app build lab connections here too.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plan } from '../../shared/plan/types';
import type { DownComponent } from '../../shared/scenario/types';
import type { Credential } from '../powershell/credentials';
import { PowerShellSession } from '../powershell/session';
import { InProcessLab } from '../../lab/in-process';
import { parseDownComponent } from '../../lab/conditions';
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

export interface SessionOptions {
  /** The lab executable (default: this checkout's). */
  labExecutable?: string;
  labFaults?: string[];
  labDelayMs?: number;
  onLog?: (m: string) => void;
  /** The credential for the endpoint; absent: integrated authentication. */
  credential?: () => Promise<Credential | undefined>;
}

/**
 * Lab faults (`<Cmdlet>=fail|hang|exit`) and the lab's delay are what a test or a demo injects into
 * one session: a resumed run starts without them.
 */
export function openSession(connection: RunConnection, options: SessionOptions = {}): PowerShellSession {
  const onLog = options.onLog ? { onLog: options.onLog } : {};
  const credential = options.credential ? { credential: options.credential } : {};
  if (connection.kind === 'server') return new PowerShellSession({ endpoint: connection.endpoint, ...credential, ...onLog });
  return new PowerShellSession({
    executable: options.labExecutable ?? labExecutable(),
    env: {
      ...process.env,
      POOLPILOT_LAB_SOURCE: connection.source,
      POOLPILOT_LAB_STATE: connection.statePath,
      POOLPILOT_LAB_DOWN: connection.down.join(','),
      POOLPILOT_LAB_FAULTS: (options.labFaults ?? []).join(';'),
      POOLPILOT_LAB_DELAY_MS: String(options.labDelayMs ?? 0),
    },
    ...(connection.endpoint !== undefined ? { endpoint: connection.endpoint } : {}),
    timeoutMs: connection.timeoutMs + (options.labDelayMs ?? 0),
    startTimeoutMs: 60_000,
    ...credential,
    ...onLog,
  });
}

/**
 * The app's job runner for a run: a PowerShell session, over the lab executable for a lab run when
 * there is one (`labExecutable`), else the lab in this process (same state machine, same state file).
 */
export function openRunJobs(connection: RunConnection, options: { labExecutable?: string; credential?: () => Promise<Credential | undefined> }): RunJobs {
  const credential = options.credential ? { credential: options.credential } : {};
  if (connection.kind === 'server' || options.labExecutable !== undefined) {
    return openSession(connection, { ...credential, ...(options.labExecutable !== undefined ? { labExecutable: options.labExecutable } : {}) });
  }
  return new InProcessLab({
    source: connection.source,
    statePath: connection.statePath,
    conditions: { down: connection.down.map(parseDownComponent) },
    ...(connection.endpoint !== undefined ? { endpoint: connection.endpoint } : {}),
    ...credential,
  });
}
