/**
 * The plan as a Windows PowerShell 5.1 script for the Skype for Business Server Management Shell:
 * a transcript from the first line, the plan's commands and checks in order, every state-changing
 * command behind a confirmation prompt, manual steps as pauses with their checklist, decisions as
 * branches taken on the same conditions the run engine evaluates (passed as JSON), and a stop at
 * the first error or failed check.
 *
 * The script is a fixed prelude (reviewed code, no double-quoted strings, no data) plus one block
 * per step in which every piece of plan data is a single-quoted literal (quote.ts). Commands are
 * the plan's own text, built from validated data. A step that must run on another server says so
 * and waits for the operator to do it there. The text starts with a byte order mark, because
 * Windows PowerShell 5.1 reads a .ps1 without one in the ANSI code page.
 */
import { formatMinutes } from '../plan/durations';
import type { Plan, Step } from '../plan/types';
import { psLiteral } from '../powershell/quote';
import { branchNumber, runOnServers, runOnText, stepNumber } from './words';

/** Prose as a literal: control characters (which no command contains) become U+FFFD first. */
function lit(value: string): string {
  return psLiteral(value.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD'));
}

function array(values: readonly string[]): string {
  return `@(${values.map(lit).join(', ')})`;
}

const PRELUDE = String.raw`Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
$PlanTranscript = Join-Path ([Environment]::GetFolderPath('MyDocuments')) ('PoolPilot-runbook-' + (Get-Date -Format 'yyyyMMdd-HHmmss') + '.log')
Start-Transcript -Path $PlanTranscript | Out-Null

function Get-PlanHost {
    try { return [System.Net.Dns]::GetHostEntry($env:COMPUTERNAME).HostName.ToLowerInvariant() } catch { return $env:COMPUTERNAME.ToLowerInvariant() }
}
$PlanHost = Get-PlanHost

function Stop-Plan {
    param([string]$Id, [string]$Reason)
    throw ('Stopped at step ' + $Id + ': ' + $Reason)
}

function Read-PlanAnswer {
    param([string]$Prompt, [string[]]$Allowed)
    while ($true) {
        $line = Read-Host $Prompt
        # The input ended (the console closed, or redirected input ran out): no answer will come.
        if ($null -eq $line) { throw 'No answer: the input ended before the runbook did.' }
        $answer = $line.Trim().ToUpperInvariant()
        if ($Allowed -contains $answer) { return $answer }
    }
}

function Write-PlanStep {
    param([string]$Number, [string]$Id, [string]$Procedure, [string]$Title, [string]$Why, [string]$RunOn, [string]$Estimate)
    Write-Host ''
    Write-Host ('=== ' + $Number + ' ' + $Title) -ForegroundColor Cyan
    Write-Host ('    ' + $Procedure + ', about ' + $Estimate + ', step id ' + $Id)
    Write-Host ('    Why: ' + $Why)
    if ($RunOn -ne '') { Write-Host ('    Run on: ' + $RunOn) }
    Write-Host ('    Started: ' + (Get-Date -Format 's'))
}

function Complete-PlanStep {
    param([string]$Id)
    Write-Host ('    Finished ' + $Id + ': ' + (Get-Date -Format 's'))
}

function Test-PlanHere {
    param([string[]]$Servers)
    if ($Servers.Count -eq 0) { return $true }
    $short = $env:COMPUTERNAME.ToLowerInvariant()
    foreach ($server in $Servers) {
        if ($server -eq $PlanHost -or $server.Split('.')[0] -eq $short) { return $true }
    }
    return $false
}

# True: run the command here. False: it was done elsewhere, or was already done.
function Confirm-PlanCommand {
    param([string]$Id, [string]$Command, [bool]$Changes, [string[]]$Servers, [string]$RunOn)
    Write-Host ('    ' + $Command)
    if (-not (Test-PlanHere $Servers)) {
        Write-Host ('    This must run on ' + $RunOn + ', not on ' + $PlanHost + ': run the command above there.') -ForegroundColor Yellow
        if ((Read-PlanAnswer '    Type D when it is done there, or Q to stop' @('D', 'Q')) -eq 'Q') { Stop-Plan $Id 'stopped by the operator' }
        return $false
    }
    if (-not $Changes) { return $true }
    $answer = Read-PlanAnswer '    This changes the deployment. Type Y to run it, S if it is already done, Q to stop' @('Y', 'S', 'Q')
    if ($answer -eq 'Q') { Stop-Plan $Id 'stopped by the operator' }
    return ($answer -eq 'Y')
}

function Resolve-PlanError {
    param([string]$Id, [System.Management.Automation.ErrorRecord]$Record, [string]$KnownErrors)
    $message = ($Record.Exception.Message -replace '\s+', ' ')
    Write-Host ('    FAILED: ' + $message) -ForegroundColor Red
    # Windows PowerShell 5.1 emits a JSON array as one object: ForEach-Object unrolls it.
    foreach ($known in @(ConvertFrom-Json $KnownErrors | ForEach-Object { $_ })) {
        if ($message.IndexOf($known.match, [System.StringComparison]::OrdinalIgnoreCase) -ge 0) { Write-Host ('    ' + $known.advice) -ForegroundColor Yellow }
    }
    if ((Read-PlanAnswer '    Fix the cause, then type R to run it again, or Q to stop' @('R', 'Q')) -eq 'Q') { Stop-Plan $Id $message }
}

function Get-PlanValues {
    param($Object, [string]$Property)
    $member = $Object.PSObject.Properties[$Property]
    if ($null -eq $member -or $null -eq $member.Value) { return ,@() }
    $value = $member.Value
    if ($value -is [string]) { return ,@($value) }
    if ($value -is [System.Collections.IEnumerable]) { return ,@($value | ForEach-Object { $_ }) }
    return ,@($value)
}

function Test-PlanValue {
    param($Actual, $Expected)
    if ($Expected -is [bool]) { return ($Actual -is [bool]) -and ($Actual -eq $Expected) }
    return ([string]$Actual).Trim() -eq [string]$Expected
}

function Test-PlanObject {
    param($Object, $Condition)
    $values = Get-PlanValues $Object $Condition.property
    switch ($Condition.test) {
        'equals' { return ($values.Count -eq 1) -and (Test-PlanValue $values[0] $Condition.value) }
        'oneOf' { return ($values.Count -eq 1) -and (@($Condition.values | Where-Object { Test-PlanValue $values[0] $_ }).Count -gt 0) }
        'includesAny' { return @($values | Where-Object { $v = $_; @($Condition.values | Where-Object { Test-PlanValue $v $_ }).Count -gt 0 }).Count -gt 0 }
        'includesAll' { return @($Condition.values | Where-Object { $e = $_; @($values | Where-Object { Test-PlanValue $_ $e }).Count -eq 0 }).Count -eq 0 }
        'empty' { return @($values | Where-Object { ([string]$_).Trim() -ne '' }).Count -eq 0 }
    }
    throw ('Unknown condition test: ' + $Condition.test)
}

# The plan's conditions (JSON), evaluated as the run engine evaluates them.
function Test-PlanCondition {
    param([object[]]$Output, $Condition)
    if ($Condition -is [string]) { $Condition = ConvertFrom-Json $Condition }
    switch ($Condition.test) {
        'all' { return @($Condition.conditions | Where-Object { -not (Test-PlanCondition $Output $_) }).Count -eq 0 }
        'not' { return -not (Test-PlanCondition $Output $Condition.condition) }
        'excluding' {
            $kept = @($Output | Where-Object { $v = Get-PlanValues $_ $Condition.property; -not (($v.Count -eq 1) -and (@($Condition.values | Where-Object { Test-PlanValue $v[0] $_ }).Count -gt 0)) })
            return Test-PlanCondition $kept $Condition.condition
        }
        'hasParameter' { return @($Output | Where-Object { $_.Parameters.ContainsKey($Condition.parameter) }).Count -gt 0 }
        'mentions' {
            foreach ($object in $Output) {
                foreach ($property in $object.PSObject.Properties) {
                    foreach ($value in (Get-PlanValues $object $property.Name)) {
                        if (([string]$value).IndexOf([string]$Condition.value, [System.StringComparison]::OrdinalIgnoreCase) -ge 0) { return $true }
                    }
                }
            }
            return $false
        }
    }
    if ($Output.Count -eq 0) { return $false }
    return @($Output | Where-Object { -not (Test-PlanObject $_ $Condition) }).Count -eq 0
}

function Assert-PlanCheck {
    param([string]$Id, [object[]]$Output, [string]$Condition, [string]$Expect, [string]$OnFail)
    $Output | Format-List * | Out-Host
    if (-not (Test-PlanCondition $Output $Condition)) { Stop-Plan $Id ('expected ' + $Expect + '. ' + $OnFail) }
    Write-Host ('    OK: ' + $Expect) -ForegroundColor Green
}

# For a check run on another server: the operator reads the output there.
function Confirm-PlanResult {
    param([string]$Id, [string]$Expect, [string]$OnFail)
    if ((Read-PlanAnswer ('    Does the output show: ' + $Expect + '? Type Y or N') @('Y', 'N')) -eq 'N') { Stop-Plan $Id $OnFail }
}

function Select-PlanBranch {
    param([string]$Id, [object[]]$Output, [string[]]$Conditions, [string[]]$Labels, [bool]$Ran)
    if ($Ran) {
        # Get-Command output (a parameter check) is too long to be worth showing.
        if (@($Output | Where-Object { $_ -isnot [System.Management.Automation.CommandInfo] }).Count -gt 0) { $Output | Format-List * | Out-Host }
        for ($i = 0; $i -lt $Conditions.Count; $i++) {
            if (Test-PlanCondition $Output $Conditions[$i]) { Write-Host ('    Taking: ' + $Labels[$i]) -ForegroundColor Green; return $i }
        }
        Write-Host '    No branch condition holds for this output.' -ForegroundColor Yellow
    }
    for ($i = 0; $i -lt $Labels.Count; $i++) { Write-Host ('    ' + ($i + 1) + ': ' + $Labels[$i]) }
    $answer = Read-PlanAnswer '    Type the number of the branch that applies, or Q to stop' (@('Q') + @(1..$Labels.Count | ForEach-Object { [string]$_ }))
    if ($answer -eq 'Q') { Stop-Plan $Id 'no branch chosen' }
    return [int]$answer - 1
}

function Confirm-PlanManual {
    param([string]$Id, [string]$Tool, [string[]]$Checklist, [string[]]$Sql)
    Write-Host ('    In ' + $Tool + ':')
    if ($Sql.Count -gt 0) { Write-Host '    SQL:'; foreach ($statement in $Sql) { Write-Host ('        ' + $statement) } }
    foreach ($item in $Checklist) {
        if ((Read-PlanAnswer ('    [ ] ' + $item + ' - type Y when done, Q to stop') @('Y', 'Q')) -eq 'Q') { Stop-Plan $Id 'stopped by the operator' }
    }
}`;

/** Emits the script, one block per step, indented by nesting. */
class Script {
  readonly lines: string[] = [];
  private depth = 1;

  line(text: string): void {
    this.lines.push(text === '' ? '' : `${'    '.repeat(this.depth)}${text}`);
  }

  private indented(body: () => void): void {
    this.depth++;
    body();
    this.depth--;
  }

  block(open: string, body: () => void): void {
    this.line(open);
    this.indented(body);
    this.line('}');
  }

  /** `if (c0) { … } elseif (c1) { … } else { … }`; a case without a condition is the else. */
  chain(cases: [condition: string | undefined, body: () => void][]): void {
    cases.forEach(([condition, body], i) => {
      const keyword = condition === undefined ? 'else' : i === 0 ? `if (${condition})` : `elseif (${condition})`;
      this.line(i === 0 ? `${keyword} {` : `} ${keyword} {`);
      this.indented(body);
    });
    this.line('}');
  }
}

export function planToPs1(plan: Plan): string {
  const s = new Script();
  s.line(`Write-Host ${lit(`PoolPilot runbook: ${plan.title}`)}`);
  s.line(`Write-Host ${lit(`Deployment: ${plan.source.name}. Estimated time: ${formatMinutes(plan.estimate)}. Transcript:`)} $PlanTranscript`);
  for (const f of plan.findings) s.line(`Write-Host ${lit(`${f.severity === 'warning' ? 'WARNING' : 'NOTE'}: ${f.message}`)} -ForegroundColor Yellow`);
  plan.sections.forEach((section, i) => {
    const number = String(i + 1);
    s.line('');
    s.line(`Write-Host ''`);
    s.line(`Write-Host ${lit(`##### ${number}. ${section.procedure}: ${section.title}${section.addedBecause ? ` (${section.addedBecause})` : ''}`)} -ForegroundColor Cyan`);
    section.steps.forEach((step, j) => emitStep(s, step, stepNumber(number, j)));
  });
  s.line(`Write-Host ''`);
  s.line(`Write-Host 'The runbook is complete.' -ForegroundColor Green`);

  return [
    '\uFEFF#Requires -Version 5.1',
    `# PoolPilot runbook, generated from a plan (format ${plan.format} ${plan.version}).`,
    '# Run it in the Skype for Business Server Management Shell. It asks before every change,',
    '# pauses at every manual step, writes a transcript to your Documents folder, and stops at',
    '# the first error or failed check.',
    '[CmdletBinding()]',
    'param()',
    ...PRELUDE.split('\n'),
    '',
    'try {',
    ...s.lines,
    '} catch {',
    `    Write-Host ('STOPPED: ' + $_.Exception.Message) -ForegroundColor Red`,
    '    throw',
    '} finally {',
    '    Stop-Transcript | Out-Null',
    '}',
    '',
  ].join('\r\n');
}

function emitStep(s: Script, step: Step, number: string): void {
  const runOn = 'runOn' in step && step.runOn ? step.runOn : undefined;
  s.line('');
  s.line(
    `Write-PlanStep -Number ${lit(number)} -Id ${lit(step.id)} -Procedure ${lit(step.procedure)} -Title ${lit(step.title)} -Why ${lit(step.why)} ` +
      `-RunOn ${lit(runOn ? runOnText(runOn) : '')} -Estimate ${lit(formatMinutes(step.estimate))}`,
  );
  const confirm = (text: string, changes: boolean, r: NonNullable<typeof runOn>) =>
    `Confirm-PlanCommand -Id ${lit(step.id)} -Command ${lit(text)} -Changes $${changes} -Servers ${array(runOnServers(r))} -RunOn ${lit(runOnText(r))}`;

  switch (step.kind) {
    case 'command': {
      const run = () => s.line(step.command.text);
      s.chain([
        [
          confirm(step.command.text, step.effect === 'changes', step.runOn),
          () => {
            if (!step.retryable) return run();
            const known = JSON.stringify(step.knownErrors ?? []);
            s.block('while ($true) {', () => {
              s.line(`try { ${step.command.text}; break } catch { Resolve-PlanError -Id ${lit(step.id)} -Record $_ -KnownErrors ${lit(known)} }`);
            });
          },
        ],
      ]);
      break;
    }
    case 'check':
      s.chain([
        [
          confirm(step.command.text, false, step.runOn),
          () => {
            s.line(`$PlanOutput = @(${step.command.text})`);
            s.line(`Assert-PlanCheck -Id ${lit(step.id)} -Output $PlanOutput -Condition ${lit(JSON.stringify(step.condition))} -Expect ${lit(step.expect)} -OnFail ${lit(step.onFail)}`);
          },
        ],
        [undefined, () => s.line(`Confirm-PlanResult -Id ${lit(step.id)} -Expect ${lit(step.expect)} -OnFail ${lit(step.onFail)}`)],
      ]);
      break;
    case 'decision': {
      s.line(`Write-Host ${lit(`    ${step.question}`)}`);
      s.line('$PlanOutput = @()');
      s.line(`$PlanRan = ${confirm(step.command.text, false, step.runOn)}`);
      s.line(`if ($PlanRan) { $PlanOutput = @(${step.command.text}) }`);
      s.line(
        `$PlanBranch = Select-PlanBranch -Id ${lit(step.id)} -Output $PlanOutput -Conditions ${array(step.branches.map((b) => JSON.stringify(b.when)))} ` +
          `-Labels ${array(step.branches.map((b) => b.label))} -Ran $PlanRan`,
      );
      s.chain(
        step.branches.map((branch, b) => [
          `$PlanBranch -eq ${b}`,
          () => {
            s.line(`Write-Host ${lit(`--- Branch ${branchNumber(number, b)}: ${branch.label}`)}`);
            branch.steps.forEach((inner, k) => emitStep(s, inner, stepNumber(branchNumber(number, b), k)));
          },
        ]),
      );
      break;
    }
    case 'manual':
      if (step.runOn) {
        s.line(`Write-Host ${lit(`    On ${runOnText(step.runOn)}:`)}`);
      }
      s.line(`Confirm-PlanManual -Id ${lit(step.id)} -Tool ${lit(step.tool)} -Checklist ${array(step.checklist)} -Sql ${array(step.sql ?? [])}`);
      break;
    case 'wait': {
      const until = step.until;
      if (!until) {
        s.line(`Start-Sleep -Seconds ${step.estimate.max * 60}`);
        break;
      }
      const condition = lit(JSON.stringify(until.condition));
      s.line(`Write-Host ${lit(`    Waiting until ${until.expect} (checking every ${until.pollSeconds} s, at most ${step.estimate.max} min):`)}`);
      s.line(`Write-Host ${lit(`    ${until.command.text}`)}`);
      s.chain([
        [
          `Test-PlanHere ${array(runOnServers(until.runOn))}`,
          () => {
            s.line(`$PlanDeadline = (Get-Date).AddMinutes(${step.estimate.max})`);
            s.block('while ($true) {', () => {
              s.line(`if (Test-PlanCondition @(${until.command.text}) ${condition}) { break }`);
              s.line(`if ((Get-Date) -gt $PlanDeadline) { Stop-Plan ${lit(step.id)} ${lit(`${until.expect}: not so after ${step.estimate.max} minutes`)} }`);
              s.line(`Start-Sleep -Seconds ${until.pollSeconds}`);
            });
          },
        ],
        [undefined, () => s.line(`Confirm-PlanResult -Id ${lit(step.id)} -Expect ${lit(until.expect)} -OnFail 'Wait longer, then continue.'`)],
      ]);
      break;
    }
  }
  s.line(`Complete-PlanStep -Id ${lit(step.id)}`);
}
