/**
 * Sessions on the lab for integration tests: each on a fresh lab (its own state file in a temporary
 * folder), connected to a Front End of pool2 unless told otherwise, disposed after each test. The
 * lab's bundle is built (or found) once before the tests, so no test pays for it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { PowerShellSession, type PowerShellSessionOptions } from '../../src/main/powershell/session';
import type { LabRunner } from '../../src/main/run/connect';
import { ModuleLab } from '../../src/lab/module-lab';

export const LAB_SHELL = resolve(__dirname, '../../scripts/lab-shell.cjs');
export const LAB_MODULE = resolve(__dirname, '../../resources/ps/PoolPilotLab/PoolPilotLab.psd1');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findPwsh, PWSH_MISSING } = require('../../scripts/find-pwsh.cjs') as { findPwsh(): string | undefined; PWSH_MISSING: string };
/** PowerShell 7 for the lab module; CI must have it (`.ci/run` installs it). */
export const PWSH = findPwsh();
if (PWSH === undefined && process.env.CI) throw new Error(PWSH_MISSING);

/** The lab's three faces, as openSession takes them. */
export const SHELL_LAB: LabRunner = { kind: 'executable', path: LAB_SHELL };
export const IN_PROCESS_LAB: LabRunner = { kind: 'in-process', why: 'the test asked for it' };
export const MODULE_LAB: LabRunner | undefined = PWSH === undefined ? undefined : { kind: 'module', powershell: PWSH, modulePath: LAB_MODULE, label: 'PowerShell 7' };

/** Starts the lab shell once with nothing to do: builds its bundle if a source changed. */
export function warmLabShell(): Promise<void> {
  return new Promise<void>((done, fail) => execFile(LAB_SHELL, ['-Command', '-'], (err) => (err ? fail(err) : done())).stdin?.end());
}

/** What a lab session is to a test: jobs in, and how many shells it has started. */
export type LabSession = Pick<PowerShellSession, 'run' | 'dispose' | 'generation'>;

/**
 * The faces a session test runs on: the lab shell (TypeScript, speaking node-powershell's protocol)
 * and, where pwsh is, real PowerShell with the lab module.
 */
export type LabFace = 'lab shell' | 'PowerShell module';
export const LAB_FACES: LabFace[] = PWSH === undefined ? ['lab shell'] : ['lab shell', 'PowerShell module'];

export interface LabSessions {
  /** The test file's temporary folder (valid once its tests run). */
  dir(): string;
  /** A fresh file name in that folder. */
  file(prefix: string): string;
  labSession(env?: Record<string, string>, options?: Partial<PowerShellSessionOptions>): { session: LabSession; statePath: string };
}

/** Registers the hooks for a test file (or a describe block) and returns its session factory on `face`. */
export function useLabSessions(prefix: string, face: LabFace = 'lab shell'): LabSessions {
  let dir = '';
  let files = 0;
  const sessions: LabSession[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    await warmLabShell();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.dispose()));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const file = (name: string) => join(dir, `${name}-${++files}.json`);
  return {
    dir: () => dir,
    file,
    labSession(env = {}, options = {}) {
      const statePath = env.POOLPILOT_LAB_STATE ?? file('lab');
      const common = { endpoint: 'fe03.contoso.com', timeoutMs: 10_000, startTimeoutMs: 15_000, ...options };
      const labEnv = { ...process.env, POOLPILOT_LAB_STATE: statePath, ...env };
      const session =
        face === 'PowerShell module'
          ? new ModuleLab({ executable: PWSH!, modulePath: LAB_MODULE, env: labEnv, ...common, startTimeoutMs: 30_000 })
          : new PowerShellSession({ executable: LAB_SHELL, env: labEnv, ...common });
      sessions.push(session);
      return { session, statePath };
    },
  };
}
