/**
 * Finding the PowerShell the lab module runs in: real pwsh when the machine has it (CI does), and
 * stand-ins for the hosts an admin's workstation can have that PoolPilot must pass over.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPowerShellHost, hostCandidates, hostLabel, parseProbe, probeHost } from '../../../src/main/powershell/find-host';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findPwsh, PWSH_MISSING } = require('../../../scripts/find-pwsh.cjs') as { findPwsh(): string | undefined; PWSH_MISSING: string };
const pwsh = findPwsh();
if (pwsh === undefined && process.env.CI) throw new Error(PWSH_MISSING);

describe('where PowerShell is looked for', () => {
  it('prefers POOLPILOT_PWSH, then pwsh on PATH and the .NET tool folder; Windows PowerShell last', () => {
    const windows = hostCandidates({ POOLPILOT_PWSH: 'D:\\ps\\pwsh.exe', Path: 'C:\\Tools', ProgramFiles: 'C:\\Program Files', SystemRoot: 'C:\\Windows' }, 'win32', 'C:\\Users\\admin');
    expect(windows[0]).toBe('D:\\ps\\pwsh.exe');
    expect(windows.at(-1)).toMatch(/System32.WindowsPowerShell.v1\.0.powershell\.exe$/);
    expect(windows.findIndex((p) => p.endsWith('pwsh.exe') && p.includes('Program Files'))).toBeLessThan(windows.findIndex((p) => p.endsWith('powershell.exe')));
    const linux = hostCandidates({ PATH: '/usr/bin:/opt/bin' }, 'linux', '/home/admin');
    expect(linux).toEqual(['/usr/bin/pwsh', '/opt/bin/pwsh', '/home/admin/.dotnet/tools/pwsh']);
  });

  it('reads versions from both editions and refuses what is too old', () => {
    expect(parseProbe('/p', '7.6.10 Core\n')).toEqual({ path: '/p', version: '7.6.10', edition: 'Core' });
    const desktop = parseProbe('C:\\powershell.exe', '5.1.19041.5247 Desktop\r\n');
    expect(typeof desktop !== 'string' && hostLabel(desktop)).toBe('Windows PowerShell 5.1.19041.5247');
    expect(parseProbe('/old', '4.0 Desktop')).toMatch(/PowerShell 4\.0; PoolPilot needs 5\.1 or later/);
    expect(parseProbe('/x', 'hello')).toMatch(/did not report a PowerShell version/);
  });
});

describe('probing the hosts on this machine', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poolpilot-hosts-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function script(name: string, body: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, `#!/bin/sh\n${body}\n`);
    await chmod(path, 0o755);
    return path;
  }

  it.runIf(pwsh !== undefined && process.platform !== 'win32')('passes over a broken and a too-old PowerShell and finds the real one', async () => {
    const crashing = await script('crashing', 'echo "Segmentation fault" >&2; exit 139');
    const old = await script('old', 'echo "4.0 Desktop"');
    const search = await findPowerShellHost([join(dir, 'missing'), crashing, old, pwsh!]);
    expect(search.found).toMatchObject({ path: pwsh, edition: 'Core' });
    expect(search.found?.version).toMatch(/^7\.6\./);
    expect(search.passedOver).toEqual([expect.stringContaining(`${crashing} Command failed`), `${old} is PowerShell 4.0; PoolPilot needs 5.1 or later`]);
  });

  it.runIf(process.platform !== 'win32')('gives up on a host that never answers, saying so', async () => {
    const stuck = await script('stuck', 'sleep 30');
    expect(await probeHost(stuck, 300)).toBe(`${stuck} did not answer within 0.3 s`);
  });
});
