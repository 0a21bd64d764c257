/**
 * The PowerShell session a run uses, from the journal's connection: Windows PowerShell connected
 * to a Front End's management endpoint, or the lab executable (scripts/lab-shell.cjs) standing in
 * for powershell.exe with the lab's settings in its environment.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plan } from '../../shared/plan/types';
import type { DownComponent } from '../../shared/scenario/types';
import { PowerShellSession } from '../powershell/session';
import { planSteps } from './plan-steps';
import type { RunConnection } from './journal';

/** scripts/lab-shell.cjs of this checkout, found upwards from here (source and bundled layouts differ). */
export function labExecutable(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'scripts', 'lab-shell.cjs');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('the lab executable scripts/lab-shell.cjs was not found: the lab needs a PoolPilot checkout');
  }
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
 * Lab faults (`<Cmdlet>=fail|hang|exit`) and the lab's delay are what a test or a demo injects into
 * one session: a resumed run starts without them.
 */
export function openSession(connection: RunConnection, options: { labFaults?: string[]; labDelayMs?: number; onLog?: (m: string) => void } = {}): PowerShellSession {
  const onLog = options.onLog ? { onLog: options.onLog } : {};
  if (connection.kind === 'server') return new PowerShellSession({ endpoint: connection.endpoint, ...onLog });
  return new PowerShellSession({
    executable: labExecutable(),
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
    ...onLog,
  });
}
