/**
 * The one PowerShell script PoolPilot runs: fixed text, reviewed once, the same for every job.
 * What varies travels as data — a base64 JSON payload (payload.ts) the script receives as its only
 * argument, inside single quotes that base64 cannot leave.
 *
 * The script: decodes and parses the payload; checks the cmdlet against its own copy of the
 * allow-list; builds a hashtable of the parameters and splats it, with -ErrorAction Stop, inside
 * try/catch; sends a job for a particular server through Invoke-Command -ComputerName; writes every
 * output object, warning, verbose message and error as a JSON record (records.ts), serialised with
 * ConvertTo-Json -Depth 6 -Compress (enum values as their names) and escaped to ASCII; and always
 * ends with an `end` record.
 * A `connect` payload opens the persistent remote session (New-PSSession to the Front End's
 * /OcsPowershell endpoint, integrated authentication unless a credential came along) and imports
 * the allowed cmdlets from it.
 *
 * It is sent as ONE line: over `-Command -` a multi-line statement waits for an empty line that
 * never comes (powershell.md). So it is written below one statement per line, for review, and
 * joined with spaces: every statement ends in `;` (or a brace that the next line continues), and
 * the text holds no `#` comment, which would swallow the rest of the line.
 *
 * Its helper functions carry a `PP` prefix: an alias wins over a function of the same name, and
 * short names collide — `r` is Invoke-History in every PowerShell, so a helper named R made every
 * job fail on a real shell (the lab shell, which matches the line, never noticed; real pwsh did).
 */
import { psLiteral } from '../../shared/powershell/quote';
import { ALLOWED_CMDLETS } from './job';
import { RECORD_PREFIX } from './records';

/**
 * The first line a new shell runs, before any job; it also proves the shell answers.
 * - UTF-8 output: records are ASCII whatever the code page, but host lines (what cmdlets print)
 *   would be garbled. A host without a console can refuse the setting; nothing depends on it.
 * - LF line ends: node-powershell looks for its closing delimiter in a first chunk of output only
 *   within the last 17 bytes, so a CRLF after it hides it when a whole answer arrives at once and
 *   the call hangs. Set after the encoding, because changing the encoding replaces the writers.
 */
export const SETUP_LINE =
  'try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }; [Console]::Out.NewLine = "`n"; [Console]::Error.NewLine = "`n"';

/**
 * The line a new shell runs after its setup line for each module the session imports (the lab
 * module): the path as a literal, and a failure written to stderr with a prefix the session looks
 * for, since a module that did not load leaves every job failing with "not recognized".
 */
export const MODULE_IMPORT_FAILED = 'PoolPilot: cannot import module: ';
export function moduleImportLine(path: string): string {
  return `try { Import-Module -Name ${psLiteral(path)} -DisableNameChecking -ErrorAction Stop } catch { [Console]::Error.WriteLine('${MODULE_IMPORT_FAILED}' + $_.Exception.Message) }`;
}

/** The FQDN pattern of quote.ts, for the script's own check of endpoints and targets. */
const FQDN_PATTERN = '^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)+$';
const WORD_PATTERN = '^[A-Za-z][A-Za-z0-9]*$';

const allowList = ALLOWED_CMDLETS.map((c) => `'${c}'`).join(', ');

const SCRIPT_LINES = [
  'param([string]$PoolPilotPayload)',
  "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; $ConfirmPreference = 'None';",
  "$id = '';",
  `$allowed = @(${allowList});`,
  `$fqdn = '${FQDN_PATTERN}';`,
  `$word = '${WORD_PATTERN}';`,
  // PPNames: enum values as their names (powershell.md: ConvertTo-Json writes an enum as its number in
  // 5.1, and in 7 without -EnumsAsStrings, which 5.1 lacks; remoting's deserialized enum is an Int32
  // typed Deserialized.System.Enum). One code path for both. It walks as deep as ConvertTo-Json and
  // hands back what it was given where it met no enum ($n stays false), so everything else
  // serialises exactly as before and a string (Get-CsTopology -AsXml) costs one type test. Strings
  // and nulls are tested inline: a call per value is what a walk in PowerShell pays most for.
  'function PPNames($o, [int]$d, [ref]$n) {',
  "if ($null -eq $o -or $o -is [string] -or $o -is [System.Uri]) { return ,$o };",
  'if ($o -is [System.Enum]) { $n.Value = $true; return $o.ToString() };',
  "if ($o -is [System.ValueType]) { if ($o.PSObject.TypeNames -contains 'Deserialized.System.Enum') { $n.Value = $true; return $o.ToString() }; return ,$o };",
  'if ($d -lt 0) { return ,$o };',
  '$m = $false; $e = $d - 1;',
  'if ($o -is [System.Collections.IDictionary]) { $r = [ordered]@{}; foreach ($k in @($o.Keys)) { $v = $o[$k]; if ($null -eq $v -or $v -is [string]) { $r[$k] = $v } else { $r[$k] = PPNames $v $e ([ref]$m) } } }',
  'elseif ($o -is [System.Collections.IEnumerable]) { $r = @(foreach ($v in $o) { if ($null -eq $v -or $v -is [string]) { ,$v } else { ,(PPNames $v $e ([ref]$m)) } }) }',
  'else { $r = [ordered]@{}; foreach ($q in $o.PSObject.Properties) { if (-not $q.IsGettable) { continue }; try { $v = $q.Value } catch { $v = $null }; if ($null -eq $v -or $v -is [string]) { $r[$q.Name] = $v } else { $r[$q.Name] = PPNames $v $e ([ref]$m) } } };',
  'if (-not $m) { return ,$o };',
  '$n.Value = $true; ,$r',
  '};',
  "function PPJson($o) { $n = $false; $s = ConvertTo-Json -InputObject (PPNames $o 6 ([ref]$n)) -Depth 6 -Compress; if ($null -eq $s) { $s = 'null' }; [regex]::Replace([string]$s, '[^\\x00-\\x7E]', { param($m) '\\u{0:x4}' -f [int][char]$m.Value }) };",
  `function PPRecord($t, $x) { [Console]::Out.WriteLine('${RECORD_PREFIX}{"id":' + (PPJson $id) + ',"type":"' + $t + '"' + $x + '}') };`,
  "function PPMessage($m) { ',\"message\":' + (PPJson ([string]$m)) };",
  "function PPError($e) { PPRecord 'error' ((PPMessage $e.Exception.Message) + ',\"errorId\":' + (PPJson ([string]$e.FullyQualifiedErrorId)) + ',\"category\":' + (PPJson ([string]$e.CategoryInfo.Category))) };",
  'function PPOutput($o) {',
  "if ($o -is [System.Management.Automation.WarningRecord]) { PPRecord 'warning' (PPMessage $o.Message) }",
  "elseif ($o -is [System.Management.Automation.VerboseRecord]) { PPRecord 'verbose' (PPMessage $o.Message) }",
  "elseif ($o -is [System.Management.Automation.InformationRecord]) { PPRecord 'verbose' (PPMessage $o.MessageData) }",
  'elseif ($o -is [System.Management.Automation.ErrorRecord]) { PPError $o }',
  "else { PPRecord 'result' (',\"data\":' + (PPJson $o)) }",
  '};',
  // Runs here or, through Invoke-Command, on a server: there it loads the management module itself.
  '$run = { param($k, $c, $p);',
  "if (-not (Get-Command -Name $c -ErrorAction SilentlyContinue)) { foreach ($n in 'SkypeForBusiness', 'Lync') { if (Get-Module -ListAvailable -Name $n) { Import-Module -Name $n; break } } };",
  '$x = Get-Command -Name $c -ErrorAction Stop;',
  "if ($k -eq 'parameters') { ,[string[]]@($x.Parameters.Keys) }",
  "else { if ($x.Parameters.ContainsKey('Confirm')) { $p['Confirm'] = $false }; & $x @p }",
  '};',
  'try {',
  '$j = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($PoolPilotPayload)) | ConvertFrom-Json;',
  '$id = [string]$j.id;',
  "if ($j.v -ne 1) { throw 'PoolPilot: unsupported job payload version' };",
  '$cr = $null;',
  'if ($null -ne $j.credential) { $cr = New-Object System.Management.Automation.PSCredential ([string]$j.credential.user, (ConvertTo-SecureString -String ([string]$j.credential.password) -AsPlainText -Force)) };',
  "if ($j.kind -eq 'connect') {",
  '$e = [string]$j.endpoint;',
  "if ($e -notmatch $fqdn) { throw 'PoolPilot: the endpoint is not an FQDN' };",
  'if ($null -ne $global:PoolPilotSession) { Remove-PSSession -Session $global:PoolPilotSession -ErrorAction SilentlyContinue; $global:PoolPilotSession = $null };',
  "$o = @{ ConnectionUri = 'https://' + $e + '/OcsPowershell'; Authentication = 'NegotiateWithImplicitCredential' };",
  "if ($null -ne $cr) { $o['Credential'] = $cr; $o['Authentication'] = 'Negotiate' };",
  '$global:PoolPilotSession = New-PSSession @o;',
  '$null = Import-Module -ModuleInfo (Import-PSSession -Session $global:PoolPilotSession -CommandName $allowed -AllowClobber -DisableNameChecking) -Global;',
  "PPRecord 'result' (',\"data\":' + (PPJson @{ endpoint = $e }))",
  "} elseif ($j.kind -eq 'cmdlet' -or $j.kind -eq 'parameters') {",
  '$c = [string]$j.cmdlet;',
  "if ($allowed -notcontains $c) { throw ('PoolPilot: ' + $c + ' is not an allowed cmdlet') };",
  '$p = @{};',
  "if ($j.kind -eq 'cmdlet') {",
  "foreach ($q in @($j.parameters.PSObject.Properties)) { if ($q.Name -cnotmatch $word) { throw 'PoolPilot: bad parameter name' }; $v = $q.Value; if ($v -is [array]) { $v = [string[]]$v }; $p[$q.Name] = $v };",
  "foreach ($s in @($j.switches | Where-Object { $null -ne $_ })) { if ($s -cnotmatch $word) { throw 'PoolPilot: bad switch name' }; $p[[string]$s] = $true };",
  "if ($j.whatIf -eq $true) { $p['WhatIf'] = $true };",
  "$p['ErrorAction'] = 'Stop'",
  '};',
  '$t = [string]$j.target;',
  "if ($t -ne '') {",
  "if ($t -notmatch $fqdn) { throw 'PoolPilot: the target is not an FQDN' };",
  "$i = @{ ComputerName = $t; ScriptBlock = $run; ArgumentList = @([string]$j.kind, $c, $p); ErrorAction = 'Stop' };",
  "if ($null -ne $cr) { $i['Credential'] = $cr };",
  'Invoke-Command @i 3>&1 4>&1 6>&1 | ForEach-Object { PPOutput $_ }',
  '} else {',
  '& $run ([string]$j.kind) $c $p 3>&1 4>&1 6>&1 | ForEach-Object { PPOutput $_ }',
  '}',
  "} else { throw 'PoolPilot: unknown job kind' }",
  "} catch { PPError $_ } finally { PPRecord 'end' '' }",
];

/** The job script's body as one line. */
export const JOB_SCRIPT = SCRIPT_LINES.join(' ');

/** Everything of a job's command line before the payload. */
const LINE_HEAD = `& { ${JOB_SCRIPT} } '`;

/** The line sent to PowerShell for one job: the fixed script, invoked with the payload. */
export function jobCommandLine(base64Payload: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64Payload)) throw new Error('a job payload must be base64');
  return `${LINE_HEAD}${base64Payload}'`;
}

/** The payload of a job command line, or undefined when the line is anything else: how the lab refuses what the session would never send. */
export function payloadOfCommandLine(line: string): string | undefined {
  if (!line.startsWith(LINE_HEAD) || !line.endsWith("'")) return undefined;
  const payload = line.slice(LINE_HEAD.length, -1);
  return /^[A-Za-z0-9+/]*={0,2}$/.test(payload) ? payload : undefined;
}
