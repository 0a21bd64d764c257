/**
 * The session layer on real PowerShell 7: node-powershell spawns pwsh, the setup line runs, a module
 * is imported, and the job script runs a cmdlet the module defines — the same path a lab run in
 * real PowerShell takes, and, with the SfB module instead, a run on a Front End.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cmdletJob } from '../../../src/main/powershell/job';
import { PowerShellSession, type PowerShellSessionOptions } from '../../../src/main/powershell/session';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findPwsh, PWSH_MISSING } = require('../../../scripts/find-pwsh.cjs') as { findPwsh(): string | undefined; PWSH_MISSING: string };
const pwsh = findPwsh();
if (pwsh === undefined && process.env.CI) throw new Error(PWSH_MISSING);

/** One cmdlet as an SfB module would have it: a typed object out, a parameter-binding error for what it lacks. */
const MODULE = `
function Get-CsPoolBackupRelationship {
  [CmdletBinding()] param([Parameter(Mandatory)][string]$PoolFqdn, [switch]$LocalStore)
  Write-Verbose "reading the backup relationship of $PoolFqdn"
  [pscustomobject]@{ PSTypeName = 'Microsoft.Rtc.Management.Hadr.BackupService.BackupRelation'; PoolFqdn = $PoolFqdn; BackupPoolFqdn = 'pool2.contoso.com' }
}`;

/**
 * Enum values, as the real cmdlets write them: live, and as remoting gives them back (deserialized);
 * nested in an object, in an array and in a hashtable. -AsXml stands for a plain string answer.
 */
const ENUMS = `
function Get-CsSite {
  [CmdletBinding()] param([string]$Identity)
  $o = [pscustomobject]@{ Day = [System.DayOfWeek]::Monday; Days = @([System.DayOfWeek]::Tuesday, 2, 'text'); Inner = [pscustomobject]@{ Day = [System.DayOfWeek]::Friday; Map = @{ Day = [System.DayOfWeek]::Sunday } }; Count = 3 }
  if ($Identity -eq 'remote') { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($o)) }
  elseif ($Identity -eq 'xml') { '<Topology Day="1"/>' }
  else { $o }
}`;

describe.runIf(pwsh !== undefined)('the PowerShell session on real pwsh', () => {
  let dir = '';
  const sessions: PowerShellSession[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "poolpilot-pwsh-session-it's-"));
    await writeFile(join(dir, 'Lab.psm1'), MODULE);
  });
  afterEach(async () => Promise.all(sessions.splice(0).map((s) => s.dispose())));
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  const open = (options: Partial<PowerShellSessionOptions>) => {
    const session = new PowerShellSession({ executable: pwsh!, timeoutMs: 20_000, startTimeoutMs: 60_000, ...options });
    sessions.push(session);
    return session;
  };

  it('imports a module from a path with a quote in it and runs its cmdlet through the job script', async () => {
    const session = open({ modules: [join(dir, 'Lab.psm1')] });
    const outcome = await session.run(cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: 'pool1.contoso.com' }));
    expect(outcome).toMatchObject({ status: 'succeeded', results: [{ PoolFqdn: 'pool1.contoso.com', BackupPoolFqdn: 'pool2.contoso.com' }], errors: [] });
    const verbose = await session.run(cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: 'pool1.contoso.com' }, { switches: ['Verbose'] }));
    expect(verbose.verbose).toContain('reading the backup relationship of pool1.contoso.com');
    expect(session.generation).toBe(1);
  });

  it('writes enum values as their names, live or deserialized, however deep they sit; a string as it is', async () => {
    await writeFile(join(dir, 'Enums.psm1'), ENUMS);
    const session = open({ modules: [join(dir, 'Enums.psm1')] });
    const named = { Day: 'Monday', Days: ['Tuesday', 2, 'text'], Inner: { Day: 'Friday', Map: { Day: 'Sunday' } }, Count: 3 };
    expect(await session.run(cmdletJob('Get-CsSite', { Identity: 'live' }))).toMatchObject({ status: 'succeeded', results: [named] });
    expect(await session.run(cmdletJob('Get-CsSite', { Identity: 'remote' }))).toMatchObject({ status: 'succeeded', results: [named] });
    expect(await session.run(cmdletJob('Get-CsSite', { Identity: 'xml' }))).toMatchObject({ status: 'succeeded', results: ['<Topology Day="1"/>'] });
  });

  it('reports a parameter the cmdlet does not have as PowerShell does', async () => {
    const session = open({ modules: [join(dir, 'Lab.psm1')] });
    const outcome = await session.run(cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: 'pool1.contoso.com' }, { switches: ["Force"] }));
    expect(outcome.status).toBe('failed');
    expect(outcome.errors[0]).toMatchObject({ message: expect.stringContaining("A parameter cannot be found that matches parameter name 'Force'"), errorId: 'NamedParameterNotFound,Get-CsPoolBackupRelationship' });
  });

  it('does not start when the module cannot be imported, and says which module and why', async () => {
    const session = open({ modules: [join(dir, 'Missing.psm1')] });
    const outcome = await session.run(cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: 'pool1.contoso.com' }));
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(/cannot import .*Missing\.psm1: .*was not loaded because no valid module file was found/);
  });

  it('starts a new pwsh after the shell crashes mid-job, and says the first outcome is unknown', async () => {
    await writeFile(join(dir, 'Crash.psm1'), `${MODULE}\nfunction Get-CsSite { [CmdletBinding()] param([string]$Identity) [Environment]::Exit(3) }`);
    const session = open({ modules: [join(dir, 'Crash.psm1')] });
    const crashed = await session.run(cmdletJob('Get-CsSite', { Identity: 'Site1' }));
    expect(crashed).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/the shell ended before the job finished \(the shell process exited with code 3/) });
    const next = await session.run(cmdletJob('Get-CsPoolBackupRelationship', { PoolFqdn: 'pool1.contoso.com' }));
    expect(next.status).toBe('succeeded');
    expect(session.generation).toBe(2);
  });
});
