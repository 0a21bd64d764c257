/**
 * Which PowerShell this machine has, for the lab module (and to tell the admin which one a lab run
 * used): PowerShell 7 (`pwsh`) first, then Windows PowerShell 5.1 (`powershell.exe`), which every
 * supported Windows has. Each candidate is started once and asked its version, so a file that is
 * there but does not run (a broken install, a pwsh for another architecture) or is too old to run
 * the job script (before 5.1: no `-ErrorAction` splatting fixes, no `ConvertFrom-Json` depth) is
 * passed over with the reason, and the app can say why it fell back to the in-process lab.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface PowerShellHost {
  path: string;
  /** `$PSVersionTable.PSVersion`, e.g. `7.6.10` or `5.1.19041.5247`. */
  version: string;
  /** `Core` (PowerShell 7) or `Desktop` (Windows PowerShell 5.1). */
  edition: 'Core' | 'Desktop';
}

export type HostSearch = { found: PowerShellHost; passedOver: string[] } | { found?: undefined; passedOver: string[] };

/** Older hosts cannot run the job script as written (powershell.md). */
export const MINIMUM_VERSION = [5, 1] as const;

/** How long a candidate may take to print its version: a cold pwsh start is 1–3 s, a virus scan more. */
const PROBE_TIMEOUT_MS = 30_000;

const PROBE = "$v = $PSVersionTable; [Console]::Out.WriteLine('' + $v.PSVersion + ' ' + $v.PSEdition)";

/** Where PowerShell lives, best first. `env` and `platform` are parameters so the order is tested anywhere. */
export function hostCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string[] {
  const windows = platform === 'win32';
  const pwsh = windows ? 'pwsh.exe' : 'pwsh';
  const onPath = (exe: string) => (env.PATH ?? env.Path ?? '').split(windows ? ';' : delimiter).filter(Boolean).map((dir) => join(dir, exe));
  const candidates = [
    env.POOLPILOT_PWSH,
    ...onPath(pwsh),
    join(home, '.dotnet', 'tools', pwsh),
    ...(windows
      ? [
          join(env.ProgramFiles ?? 'C:\\Program Files', 'PowerShell', '7', 'pwsh.exe'),
          ...onPath('powershell.exe'),
          join(env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
        ]
      : []),
  ];
  return [...new Set(candidates.filter((p): p is string => p !== undefined && p !== ''))];
}

/** The probe's answer as a host, or why it is not one. */
export function parseProbe(path: string, stdout: string): PowerShellHost | string {
  const match = /^(\d+)\.(\d+)(?:\.\d+){0,2}(?:-\S+)? (Core|Desktop)\s*$/m.exec(stdout);
  if (!match) return `${path} did not report a PowerShell version (it printed ${JSON.stringify(stdout.trim().slice(0, 80))})`;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const version = match[0].split(' ')[0]!;
  if (major < MINIMUM_VERSION[0] || (major === MINIMUM_VERSION[0] && minor < MINIMUM_VERSION[1]))
    return `${path} is PowerShell ${version}; PoolPilot needs ${MINIMUM_VERSION.join('.')} or later`;
  return { path, version, edition: match[3] as 'Core' | 'Desktop' };
}

/** Starts `path` once and asks its version. */
export function probeHost(path: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<PowerShellHost | string> {
  return new Promise((done) => {
    execFile(path, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', PROBE], { timeout: timeoutMs, windowsHide: true }, (err, stdout) => {
      if (err) {
        const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'could not be started' : err.killed ? `did not answer within ${timeoutMs / 1000} s` : err.message.split('\n')[0];
        done(`${path} ${why}`);
      } else done(parseProbe(path, stdout));
    });
  });
}

/** The first candidate that exists and answers with a version PoolPilot can use. */
export async function findPowerShellHost(candidates: readonly string[] = hostCandidates()): Promise<HostSearch> {
  const passedOver: string[] = [];
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const probed = await probeHost(path);
    if (typeof probed !== 'string') return { found: probed, passedOver };
    passedOver.push(probed);
  }
  return { passedOver };
}

/** How the status bar names a host: "PowerShell 7.6.10" or "Windows PowerShell 5.1.19041". */
export function hostLabel(host: PowerShellHost): string {
  return `${host.edition === 'Desktop' ? 'Windows PowerShell' : 'PowerShell'} ${host.version}`;
}
