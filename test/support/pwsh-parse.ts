/**
 * PowerShell's own parser ([System.Management.Automation.Language.Parser]::ParseInput) in real
 * pwsh 7, over many texts in one process: what the parser tests and the runbook-execution tests
 * ask of every generated script and command.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Parsed {
  name: string;
  errors: string[];
  /** Commands (CommandAst) in the text. */
  commands: number;
  /** Variables other than $null, subexpressions $(…), script blocks {…}. */
  expanding: string[];
}

/** Writes each text to a UTF-8 file and parses all of them in one pwsh process. */
export function parseAll(pwsh: string, texts: Record<string, string>): Record<string, Parsed> {
  const dir = mkdtempSync(join(tmpdir(), 'poolpilot-pwsh-'));
  try {
    const names = Object.keys(texts);
    names.forEach((name, i) => writeFileSync(join(dir, `${i}.ps1`), texts[name]!, 'utf8'));
    // Fixed script; the folder and the count are the only inputs, passed as arguments.
    const script = [
      'param([string]$Dir, [int]$Count)',
      '$out = foreach ($i in 0..($Count - 1)) {',
      '  $text = [System.IO.File]::ReadAllText((Join-Path $Dir "$i.ps1"))',
      '  $tokens = $null; $errors = $null',
      '  $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$errors)',
      '  $expanding = @($ast.FindAll({ param($n)',
      '    ($n -is [System.Management.Automation.Language.VariableExpressionAst] -and $n.VariablePath.UserPath -ne "null") -or',
      '    $n -is [System.Management.Automation.Language.SubExpressionAst] -or',
      '    $n -is [System.Management.Automation.Language.ScriptBlockExpressionAst] }, $true) | ForEach-Object { $_.Extent.Text })',
      '  [pscustomobject]@{ index = $i; errors = @($errors | ForEach-Object { "$($_.Extent.StartLineNumber):$($_.Extent.StartColumnNumber) $($_.Message)" });',
      '    commands = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)).Count; expanding = $expanding }',
      '}',
      'ConvertTo-Json -InputObject @($out) -Depth 4 -Compress',
    ].join('\n');
    const scriptPath = join(dir, 'parse.ps1');
    writeFileSync(scriptPath, script, 'utf8');
    const result = spawnSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', scriptPath, dir, String(names.length)], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (result.status !== 0) throw new Error(`pwsh exited ${result.status}: ${result.stderr || result.error?.message}`);
    const parsed = JSON.parse(result.stdout) as { index: number; errors: string[]; commands: number; expanding: string[] }[];
    return Object.fromEntries(parsed.map((p) => [names[p.index]!, { name: names[p.index]!, errors: p.errors, commands: p.commands, expanding: p.expanding }]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
