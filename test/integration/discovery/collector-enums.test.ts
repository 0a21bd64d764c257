/**
 * The offline collector writes enum values as their names (Windows PowerShell 5.1's ConvertTo-Json
 * writes numbers): its ConvertTo-EnumName, taken from collector.ps1 as it ships, run in real pwsh
 * on a collection shaped as the script builds it, with the Backup Service's states as enums.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findPwsh, PWSH_MISSING } = require('../../../scripts/find-pwsh.cjs') as { findPwsh(): string | undefined; PWSH_MISSING: string };
const pwsh = findPwsh();
if (pwsh === undefined && process.env.CI) throw new Error(PWSH_MISSING);

const script = readFileSync(resolve(__dirname, '../../../resources/ps/collector.ps1'), 'utf8');
/** The function's text: from its `function` line to the first line that is only a closing brace. */
const fn = /^function ConvertTo-EnumName[\s\S]*?^\}$/m.exec(script)?.[0];

describe.runIf(pwsh !== undefined)("the collector's enum names on real pwsh", () => {
  it('turns every enum into its name, as deep as the file goes, and leaves strings and numbers as they are', () => {
    expect(fn).toBeDefined();
    const run = `${fn}
$module = [pscustomobject]@{ Identity = 'UserServices.PresenceFocus'; ExportStatus = [System.DayOfWeek]::Monday; Count = 2 }
$status = [pscustomobject]@{ PoolFqdn = 'pool1.contoso.com'; BackupModules = @($module) }
$collection = [ordered]@{ topologyXml = '<Topology/>'; results = [ordered]@{ backupStatuses = @([ordered]@{ poolFqdn = 'pool1.contoso.com'; status = @($status) }); days = @([System.DayOfWeek]::Friday) } }
$named = $false
ConvertTo-Json -InputObject (ConvertTo-EnumName $collection 10 ([ref] $named)) -Depth 10 -Compress`;
    const dir = mkdtempSync(join(tmpdir(), 'poolpilot-collector-enums-'));
    let out: string;
    try {
      writeFileSync(join(dir, 'run.ps1'), run);
      // A file, not -Command -: over stdin a multi-line statement waits for an empty line (powershell.md).
      out = execFileSync(pwsh!, ['-NoProfile', '-NonInteractive', '-File', join(dir, 'run.ps1')], { encoding: 'utf8', env: { ...process.env, TERM: 'dumb' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(JSON.parse(out)).toEqual({
      topologyXml: '<Topology/>',
      results: {
        backupStatuses: [{ poolFqdn: 'pool1.contoso.com', status: [{ PoolFqdn: 'pool1.contoso.com', BackupModules: [{ Identity: 'UserServices.PresenceFocus', ExportStatus: 'Monday', Count: 2 }] }] }],
        days: ['Friday'],
      },
    });
  }, 30_000);
});
