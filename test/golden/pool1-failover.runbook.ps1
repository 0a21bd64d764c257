#Requires -Version 5.1
# PoolPilot runbook, generated from a plan (format poolpilot.plan 1).
# Run it in the Skype for Business Server Management Shell. It asks before every change,
# pauses at every manual step, writes a transcript to your Documents folder, and stops at
# the first error or failed check.
[CmdletBinding()]
param()
Set-StrictMode -Version 2.0
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
}

try {
    Write-Host 'PoolPilot runbook: Fail over pool1.contoso.com (Invoke-CsPoolFailover)'
    Write-Host 'Deployment: Built-in demo deployment. Estimated time: 30 min – 1 h 9 min. Transcript:' $PlanTranscript
    Write-Host 'NOTE: P0: pool2.contoso.com is in another site, so it is done in the management shell: Set-CsEdgeServer -Identity ''EdgeServer:edgepool1.contoso.com'' -Registrar ''Registrar:pool2.contoso.com''' -ForegroundColor Yellow

    Write-Host ''
    Write-Host '##### 1. P0: Make pool2.contoso.com the next hop of Edge pool edgepool1.contoso.com (Set-CsEdgeServer) (needed before "Fail over pool1.contoso.com (Invoke-CsPoolFailover)": Invoke-CsPoolFailover refuses to fail over a pool that a running Edge pool uses as its next hop (P1 step 0))' -ForegroundColor Cyan

    Write-PlanStep -Number '1.1' -Id 'reassignNextHop:edgepool1.contoso.com/set-edge-server' -Procedure 'P0' -Title 'Make pool2.contoso.com the next hop of edgepool1.contoso.com' -Why 'pool2.contoso.com is in another site than edgepool1.contoso.com, where the procedure uses Set-CsEdgeServer.' -RunOn 'the Management Shell (any server, or a remote session)' -Estimate '1–3 min'
    if (Confirm-PlanCommand -Id 'reassignNextHop:edgepool1.contoso.com/set-edge-server' -Command 'Set-CsEdgeServer -Identity ''EdgeServer:edgepool1.contoso.com'' -Registrar ''Registrar:pool2.contoso.com''' -Changes $true -Servers @() -RunOn 'the Management Shell (any server, or a remote session)') {
        Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com' -Registrar 'Registrar:pool2.contoso.com'
    }
    Complete-PlanStep -Id 'reassignNextHop:edgepool1.contoso.com/set-edge-server'

    Write-PlanStep -Number '1.2' -Id 'reassignNextHop:edgepool1.contoso.com/read-back' -Procedure 'P0' -Title 'Check that edgepool1.contoso.com now forwards to pool2.contoso.com' -Why 'The failover cmdlet reads the next hop from the topology, so the change must be there before it runs.' -RunOn 'the Management Shell (any server, or a remote session)' -Estimate '1–2 min'
    if (Confirm-PlanCommand -Id 'reassignNextHop:edgepool1.contoso.com/read-back' -Command 'Get-CsService -Identity ''EdgeServer:edgepool1.contoso.com''' -Changes $false -Servers @() -RunOn 'the Management Shell (any server, or a remote session)') {
        $PlanOutput = @(Get-CsService -Identity 'EdgeServer:edgepool1.contoso.com')
        Assert-PlanCheck -Id 'reassignNextHop:edgepool1.contoso.com/read-back' -Output $PlanOutput -Condition '{"test":"equals","property":"Registrar","value":"Registrar:pool2.contoso.com"}' -Expect 'Registrar is Registrar:pool2.contoso.com' -OnFail 'The Edge pool''s next hop did not change: repeat the change above before going on.'
    } else {
        Confirm-PlanResult -Id 'reassignNextHop:edgepool1.contoso.com/read-back' -Expect 'Registrar is Registrar:pool2.contoso.com' -OnFail 'The Edge pool''s next hop did not change: repeat the change above before going on.'
    }
    Complete-PlanStep -Id 'reassignNextHop:edgepool1.contoso.com/read-back'

    Write-Host ''
    Write-Host '##### 2. P1: Fail over the Central Management Store from pool1.contoso.com to pool2.contoso.com (needed before "Fail over pool1.contoso.com (Invoke-CsPoolFailover)": the Central Management Store must work while the users fail over, so it fails over first (P1 step 4))' -ForegroundColor Cyan

    Write-PlanStep -Number '2.1' -Id 'failoverCms/locate-cms' -Procedure 'P1.1' -Title 'Show which pool hosts the Central Management Server' -Why 'The CMS must work while users fail over, so the procedure first finds it. With -WhatIf the cmdlet changes nothing; its text is for reading only.' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '1–2 min'
    if (Confirm-PlanCommand -Id 'failoverCms/locate-cms' -Command 'Invoke-CsManagementServerFailover -WhatIf' -Changes $false -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)') {
        Invoke-CsManagementServerFailover -WhatIf
    }
    Complete-PlanStep -Id 'failoverCms/locate-cms'

    Write-PlanStep -Number '2.2' -Id 'failoverCms/cms-backup-pool' -Procedure 'P1.2' -Title 'Confirm that pool2.contoso.com is the backup pool of the CMS pool pool1.contoso.com' -Why 'The CMS can only fail over to its pool''s backup pool (pool1.contoso.com runs Skype for Business Server 2015). The CMS is unavailable, so the local replica is read (-LocalStore).' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '1–2 min'
    if (Confirm-PlanCommand -Id 'failoverCms/cms-backup-pool' -Command 'Get-CsPoolBackupRelationship -PoolFqdn ''pool1.contoso.com'' -LocalStore' -Changes $false -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)') {
        $PlanOutput = @(Get-CsPoolBackupRelationship -PoolFqdn 'pool1.contoso.com' -LocalStore)
        Assert-PlanCheck -Id 'failoverCms/cms-backup-pool' -Output $PlanOutput -Condition '{"test":"mentions","value":"pool2.contoso.com"}' -Expect 'the output names pool2.contoso.com' -OnFail 'The pairing differs from what this plan assumes (pool1.contoso.com backed up by pool2.contoso.com): stop, correct the pairing and plan again.'
    } else {
        Confirm-PlanResult -Id 'failoverCms/cms-backup-pool' -Expect 'the output names pool2.contoso.com' -OnFail 'The pairing differs from what this plan assumes (pool1.contoso.com backed up by pool2.contoso.com): stop, correct the pairing and plan again.'
    }
    Complete-PlanStep -Id 'failoverCms/cms-backup-pool'

    Write-PlanStep -Number '2.3' -Id 'failoverCms/cms-status' -Procedure 'P1.3' -Title 'Record the state of the Central Management Store' -Why 'ActiveMasterFqdn and ActiveFileTransferAgents show where the CMS runs; empty, they mean it is unavailable. This plan fails it over to pool2.contoso.com because it is unavailable (pool1.contoso.com is down) (P1.4).' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '1–2 min'
    if (Confirm-PlanCommand -Id 'failoverCms/cms-status' -Command 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus' -Changes $false -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)') {
        Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus
    }
    Complete-PlanStep -Id 'failoverCms/cms-status'

    Write-PlanStep -Number '2.4' -Id 'failoverCms/mirror-state' -Procedure 'P1.5.1' -Title 'Find which Back End of pool2.contoso.com holds the principal copy of the CMS' -Why 'pool2.contoso.com''s Back End is mirrored (sql2a.contoso.com\rtc and sql2b.contoso.com\rtc); the CMS fails over to whichever holds the principal copy.' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '1–2 min'
    Write-Host '    Which Back End holds the principal copy of the CMS database?'
    $PlanOutput = @()
    $PlanRan = Confirm-PlanCommand -Id 'failoverCms/mirror-state' -Command 'Get-CsDatabaseMirrorState -PoolFqdn ''pool2.contoso.com'' -DatabaseType ''CentralMgmt''' -Changes $false -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)'
    if ($PlanRan) { $PlanOutput = @(Get-CsDatabaseMirrorState -PoolFqdn 'pool2.contoso.com' -DatabaseType 'CentralMgmt') }
    $PlanBranch = Select-PlanBranch -Id 'failoverCms/mirror-state' -Output $PlanOutput -Conditions @('{"test":"equals","property":"StateOnPrimary","value":"Principal"}', '{"test":"equals","property":"StateOnMirror","value":"Principal"}') -Labels @('The primary Back End (sql2a.contoso.com\rtc) is the principal', 'The mirror Back End (sql2b.contoso.com\rtc) is the principal') -Ran $PlanRan
    if ($PlanBranch -eq 0) {
        Write-Host '--- Branch 2.4.a: The primary Back End (sql2a.contoso.com\rtc) is the principal'

        Write-PlanStep -Number '2.4.a.1' -Id 'failoverCms/mirror-state/primary/cmdlet-parameters' -Procedure 'P1.5.2' -Title 'Check which parameters the installed Invoke-CsManagementServerFailover takes' -Why 'The references disagree on -Force: the cmdlet reference requires it in disaster recovery, the procedure leaves it out. The installed cmdlet decides.' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '1–2 min'
        Write-Host '    Which parameters does Invoke-CsManagementServerFailover take here?'
        $PlanOutput = @()
        $PlanRan = Confirm-PlanCommand -Id 'failoverCms/mirror-state/primary/cmdlet-parameters' -Command 'Get-Command -Name ''Invoke-CsManagementServerFailover''' -Changes $false -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)'
        if ($PlanRan) { $PlanOutput = @(Get-Command -Name 'Invoke-CsManagementServerFailover') }
        $PlanBranch = Select-PlanBranch -Id 'failoverCms/mirror-state/primary/cmdlet-parameters' -Output $PlanOutput -Conditions @('{"test":"hasParameter","parameter":"Force"}', '{"test":"not","condition":{"test":"hasParameter","parameter":"Force"}}') -Labels @('The cmdlet has -Force', 'The cmdlet has no -Force') -Ran $PlanRan
        if ($PlanBranch -eq 0) {
            Write-Host '--- Branch 2.4.a.1.a: The cmdlet has -Force'

            Write-PlanStep -Number '2.4.a.1.a.1' -Id 'failoverCms/mirror-state/primary/cmdlet-parameters/force/failover-cms' -Procedure 'P1.5.2' -Title 'Fail the CMS over to sql2a.contoso.com\rtc' -Why 'sql2a.contoso.com\rtc holds the principal copy of the CMS database, so that is where the CMS fails over to (P1.5.2). -Force: the cmdlet reference requires it in disaster recovery.' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '5–15 min'
            if (Confirm-PlanCommand -Id 'failoverCms/mirror-state/primary/cmdlet-parameters/force/failover-cms' -Command 'Invoke-CsManagementServerFailover -BackupSqlServerFqdn ''sql2a.contoso.com'' -BackupSqlInstanceName ''rtc'' -Force' -Changes $true -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)') {
                while ($true) {
                    try { Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'sql2a.contoso.com' -BackupSqlInstanceName 'rtc' -Force; break } catch { Resolve-PlanError -Id 'failoverCms/mirror-state/primary/cmdlet-parameters/force/failover-cms' -Record $_ -KnownErrors '[]' }
                }
            }
            Complete-PlanStep -Id 'failoverCms/mirror-state/primary/cmdlet-parameters/force/failover-cms'
        } elseif ($PlanBranch -eq 1) {
            Write-Host '--- Branch 2.4.a.1.b: The cmdlet has no -Force'

            Write-PlanStep -Number '2.4.a.1.b.1' -Id 'failoverCms/mirror-state/primary/cmdlet-parameters/no-force/failover-cms' -Procedure 'P1.5.2' -Title 'Fail the CMS over to sql2a.contoso.com\rtc' -Why 'sql2a.contoso.com\rtc holds the principal copy of the CMS database, so that is where the CMS fails over to (P1.5.2). The installed cmdlet has no -Force parameter, so it is left out, as in the procedure.' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '5–15 min'
            if (Confirm-PlanCommand -Id 'failoverCms/mirror-state/primary/cmdlet-parameters/no-force/failover-cms' -Command 'Invoke-CsManagementServerFailover -BackupSqlServerFqdn ''sql2a.contoso.com'' -BackupSqlInstanceName ''rtc''' -Changes $true -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)') {
                while ($true) {
                    try { Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'sql2a.contoso.com' -BackupSqlInstanceName 'rtc'; break } catch { Resolve-PlanError -Id 'failoverCms/mirror-state/primary/cmdlet-parameters/no-force/failover-cms' -Record $_ -KnownErrors '[]' }
                }
            }
            Complete-PlanStep -Id 'failoverCms/mirror-state/primary/cmdlet-parameters/no-force/failover-cms'
        }
        Complete-PlanStep -Id 'failoverCms/mirror-state/primary/cmdlet-parameters'
    } elseif ($PlanBranch -eq 1) {
        Write-Host '--- Branch 2.4.b: The mirror Back End (sql2b.contoso.com\rtc) is the principal'

        Write-PlanStep -Number '2.4.b.1' -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters' -Procedure 'P1.5.3' -Title 'Check which parameters the installed Invoke-CsManagementServerFailover takes' -Why 'The references disagree: the procedure names a principal mirror with -MirrorSqlServerFqdn, the cmdlet reference only has -BackupMirrorSqlServerFqdn, and only the reference passes -Force in disaster recovery. The installed cmdlet decides.' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '1–2 min'
        Write-Host '    Which parameters does Invoke-CsManagementServerFailover take here?'
        $PlanOutput = @()
        $PlanRan = Confirm-PlanCommand -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters' -Command 'Get-Command -Name ''Invoke-CsManagementServerFailover''' -Changes $false -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)'
        if ($PlanRan) { $PlanOutput = @(Get-Command -Name 'Invoke-CsManagementServerFailover') }
        $PlanBranch = Select-PlanBranch -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters' -Output $PlanOutput -Conditions @('{"test":"all","conditions":[{"test":"hasParameter","parameter":"BackupMirrorSqlServerFqdn"},{"test":"hasParameter","parameter":"Force"}]}', '{"test":"all","conditions":[{"test":"hasParameter","parameter":"MirrorSqlServerFqdn"},{"test":"hasParameter","parameter":"Force"}]}', '{"test":"hasParameter","parameter":"MirrorSqlServerFqdn"}') -Labels @('The cmdlet has -BackupMirrorSqlServerFqdn (the cmdlet reference)', 'The cmdlet has -MirrorSqlServerFqdn (the procedure) and -Force', 'The cmdlet has -MirrorSqlServerFqdn (the procedure) without -Force') -Ran $PlanRan
        if ($PlanBranch -eq 0) {
            Write-Host '--- Branch 2.4.b.1.a: The cmdlet has -BackupMirrorSqlServerFqdn (the cmdlet reference)'

            Write-PlanStep -Number '2.4.b.1.a.1' -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/reference/failover-cms' -Procedure 'P1.5.3' -Title 'Fail the CMS over to sql2b.contoso.com\rtc' -Why 'sql2b.contoso.com\rtc holds the principal copy of the CMS database, so that is where the CMS fails over to (P1.5.3). -Force: the cmdlet reference requires it in disaster recovery.' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '5–15 min'
            if (Confirm-PlanCommand -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/reference/failover-cms' -Command 'Invoke-CsManagementServerFailover -BackupSqlServerFqdn ''sql2b.contoso.com'' -BackupSqlInstanceName ''rtc'' -BackupMirrorSqlServerFqdn ''sql2a.contoso.com'' -BackupMirrorSqlInstanceName ''rtc'' -Force' -Changes $true -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)') {
                while ($true) {
                    try { Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'sql2b.contoso.com' -BackupSqlInstanceName 'rtc' -BackupMirrorSqlServerFqdn 'sql2a.contoso.com' -BackupMirrorSqlInstanceName 'rtc' -Force; break } catch { Resolve-PlanError -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/reference/failover-cms' -Record $_ -KnownErrors '[]' }
                }
            }
            Complete-PlanStep -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/reference/failover-cms'
        } elseif ($PlanBranch -eq 1) {
            Write-Host '--- Branch 2.4.b.1.b: The cmdlet has -MirrorSqlServerFqdn (the procedure) and -Force'

            Write-PlanStep -Number '2.4.b.1.b.1' -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/procedure-force/failover-cms' -Procedure 'P1.5.3' -Title 'Fail the CMS over to sql2b.contoso.com\rtc' -Why 'sql2b.contoso.com\rtc holds the principal copy of the CMS database, so that is where the CMS fails over to (P1.5.3). -Force: the cmdlet reference requires it in disaster recovery.' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '5–15 min'
            if (Confirm-PlanCommand -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/procedure-force/failover-cms' -Command 'Invoke-CsManagementServerFailover -MirrorSqlServerFqdn ''sql2b.contoso.com'' -MirrorSqlInstanceName ''rtc'' -Force' -Changes $true -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)') {
                while ($true) {
                    try { Invoke-CsManagementServerFailover -MirrorSqlServerFqdn 'sql2b.contoso.com' -MirrorSqlInstanceName 'rtc' -Force; break } catch { Resolve-PlanError -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/procedure-force/failover-cms' -Record $_ -KnownErrors '[]' }
                }
            }
            Complete-PlanStep -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/procedure-force/failover-cms'
        } elseif ($PlanBranch -eq 2) {
            Write-Host '--- Branch 2.4.b.1.c: The cmdlet has -MirrorSqlServerFqdn (the procedure) without -Force'

            Write-PlanStep -Number '2.4.b.1.c.1' -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/procedure/failover-cms' -Procedure 'P1.5.3' -Title 'Fail the CMS over to sql2b.contoso.com\rtc' -Why 'sql2b.contoso.com\rtc holds the principal copy of the CMS database, so that is where the CMS fails over to (P1.5.3). The installed cmdlet has no -Force parameter, so it is left out, as in the procedure.' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '5–15 min'
            if (Confirm-PlanCommand -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/procedure/failover-cms' -Command 'Invoke-CsManagementServerFailover -MirrorSqlServerFqdn ''sql2b.contoso.com'' -MirrorSqlInstanceName ''rtc''' -Changes $true -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)') {
                while ($true) {
                    try { Invoke-CsManagementServerFailover -MirrorSqlServerFqdn 'sql2b.contoso.com' -MirrorSqlInstanceName 'rtc'; break } catch { Resolve-PlanError -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/procedure/failover-cms' -Record $_ -KnownErrors '[]' }
                }
            }
            Complete-PlanStep -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters/procedure/failover-cms'
        }
        Complete-PlanStep -Id 'failoverCms/mirror-state/mirror/cmdlet-parameters'
    }
    Complete-PlanStep -Id 'failoverCms/mirror-state'

    Write-PlanStep -Number '2.5' -Id 'failoverCms/verify-cms' -Procedure 'P1.5.4' -Title 'Check that the CMS now runs on pool2.contoso.com' -Why 'The users must not fail over before the CMS works from its new pool.' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '1–2 min'
    if (Confirm-PlanCommand -Id 'failoverCms/verify-cms' -Command 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus' -Changes $false -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)') {
        $PlanOutput = @(Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus)
        Assert-PlanCheck -Id 'failoverCms/verify-cms' -Output $PlanOutput -Condition '{"test":"all","conditions":[{"test":"oneOf","property":"ActiveMasterFqdn","values":["pool2.contoso.com","fe03.contoso.com","fe04.contoso.com"]},{"test":"includesAny","property":"ActiveFileTransferAgents","values":["pool2.contoso.com","fe03.contoso.com","fe04.contoso.com"]}]}' -Expect 'ActiveMasterFqdn is one of pool2.contoso.com, fe03.contoso.com or fe04.contoso.com; and ActiveFileTransferAgents includes pool2.contoso.com, fe03.contoso.com or fe04.contoso.com' -OnFail 'The CMS did not move: fix it from the failover command''s errors and run it again before going on.'
    } else {
        Confirm-PlanResult -Id 'failoverCms/verify-cms' -Expect 'ActiveMasterFqdn is one of pool2.contoso.com, fe03.contoso.com or fe04.contoso.com; and ActiveFileTransferAgents includes pool2.contoso.com, fe03.contoso.com or fe04.contoso.com' -OnFail 'The CMS did not move: fix it from the failover command''s errors and run it again before going on.'
    }
    Complete-PlanStep -Id 'failoverCms/verify-cms'

    Write-PlanStep -Number '2.6' -Id 'failoverCms/replicas' -Procedure 'P1.5.5' -Title 'Wait until every replica of the Central Management Store is up to date' -Why 'Every replica must report UpToDate before the CMS is relied on: that is how the procedure verifies the failover. Left out: fe01.contoso.com, fe02.contoso.com, down in this scenario: their replicas update when they return.' -RunOn '' -Estimate '1–15 min'
    Write-Host '    Waiting until UpToDate is true, except where ReplicaFqdn is fe01.contoso.com or fe02.contoso.com (checking every 60 s, at most 15 min):'
    Write-Host '    Get-CsManagementStoreReplicationStatus'
    if (Test-PlanHere @()) {
        $PlanDeadline = (Get-Date).AddMinutes(15)
        while ($true) {
            if (Test-PlanCondition @(Get-CsManagementStoreReplicationStatus) '{"test":"excluding","property":"ReplicaFqdn","values":["fe01.contoso.com","fe02.contoso.com"],"condition":{"test":"equals","property":"UpToDate","value":true}}') { break }
            if ((Get-Date) -gt $PlanDeadline) { Stop-Plan 'failoverCms/replicas' 'UpToDate is true, except where ReplicaFqdn is fe01.contoso.com or fe02.contoso.com: not so after 15 minutes' }
            Start-Sleep -Seconds 60
        }
    } else {
        Confirm-PlanResult -Id 'failoverCms/replicas' -Expect 'UpToDate is true, except where ReplicaFqdn is fe01.contoso.com or fe02.contoso.com' -OnFail 'Wait longer, then continue.'
    }
    Complete-PlanStep -Id 'failoverCms/replicas'

    Write-Host ''
    Write-Host '##### 3. P1: Fail over pool1.contoso.com to pool2.contoso.com' -ForegroundColor Cyan

    Write-PlanStep -Number '3.1' -Id 'failoverPool:pool1.contoso.com/cms-status' -Procedure 'P1.3' -Title 'Check that the Central Management Store runs on pool2.contoso.com' -Why 'The CMS was failed over to pool2.contoso.com above; the users fail over only while it works (P1.4).' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '1–2 min'
    if (Confirm-PlanCommand -Id 'failoverPool:pool1.contoso.com/cms-status' -Command 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus' -Changes $false -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)') {
        $PlanOutput = @(Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus)
        Assert-PlanCheck -Id 'failoverPool:pool1.contoso.com/cms-status' -Output $PlanOutput -Condition '{"test":"all","conditions":[{"test":"oneOf","property":"ActiveMasterFqdn","values":["pool2.contoso.com","fe03.contoso.com","fe04.contoso.com"]},{"test":"includesAny","property":"ActiveFileTransferAgents","values":["pool2.contoso.com","fe03.contoso.com","fe04.contoso.com"]}]}' -Expect 'ActiveMasterFqdn is one of pool2.contoso.com, fe03.contoso.com or fe04.contoso.com; and ActiveFileTransferAgents includes pool2.contoso.com, fe03.contoso.com or fe04.contoso.com' -OnFail 'The CMS is not where this plan expects it. If ActiveMasterFqdn is empty, the CMS is unavailable and must fail over first (P1 steps 4–6): stop, and plan again with the CMS location you see.'
    } else {
        Confirm-PlanResult -Id 'failoverPool:pool1.contoso.com/cms-status' -Expect 'ActiveMasterFqdn is one of pool2.contoso.com, fe03.contoso.com or fe04.contoso.com; and ActiveFileTransferAgents includes pool2.contoso.com, fe03.contoso.com or fe04.contoso.com' -OnFail 'The CMS is not where this plan expects it. If ActiveMasterFqdn is empty, the CMS is unavailable and must fail over first (P1 steps 4–6): stop, and plan again with the CMS location you see.'
    }
    Complete-PlanStep -Id 'failoverPool:pool1.contoso.com/cms-status'

    Write-PlanStep -Number '3.2' -Id 'failoverPool:pool1.contoso.com/failover' -Procedure 'P1.7' -Title 'Fail the users of pool1.contoso.com over to pool2.contoso.com' -Why 'pool1.contoso.com''s users sign in to its backup pool pool2.contoso.com until pool1.contoso.com is restored. -PoolFqdn names the pool hit by the disaster. -DisasterMode because the pool cannot take part (pool1.contoso.com is down). The cmdlet can fail while the CMS has not fully failed over: fix that from the error and run it again.' -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)' -Estimate '15–20 min'
    if (Confirm-PlanCommand -Id 'failoverPool:pool1.contoso.com/failover' -Command 'Invoke-CsPoolFailover -PoolFqdn ''pool1.contoso.com'' -DisasterMode -Verbose' -Changes $true -Servers @('fe03.contoso.com', 'fe04.contoso.com') -RunOn 'a Front End server of pool2.contoso.com (fe03.contoso.com, fe04.contoso.com)') {
        while ($true) {
            try { Invoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com' -DisasterMode -Verbose; break } catch { Resolve-PlanError -Id 'failoverPool:pool1.contoso.com/failover' -Record $_ -KnownErrors '[{"match":"is specified in topology as the next hop for the Edge server","advice":"An Edge pool still names pool1.contoso.com as its internal next hop: reassign it to a running Front End or Director pool (P0), then run this step again."}]' }
        }
    }
    Complete-PlanStep -Id 'failoverPool:pool1.contoso.com/failover'
    Write-Host ''
    Write-Host 'The runbook is complete.' -ForegroundColor Green
} catch {
    Write-Host ('STOPPED: ' + $_.Exception.Message) -ForegroundColor Red
    throw
} finally {
    Stop-Transcript | Out-Null
}
