# PoolPilot's lab as a PowerShell module: the Skype for Business Server cmdlets the failover
# procedures use, as advanced functions with the parameter names and parameter sets of Microsoft's
# reference (../shared/docs/cmdlets.md), -WhatIf/-Confirm where the cmdlet has them, and typed
# output objects. PowerShell itself binds every call (a parameter the real cmdlet does not have is
# a parameter binding error, a missing mandatory one is refused), then the function forwards the
# bound call to the lab engine over a local pipe (src/lab/engine-server.ts): the deployment, the
# faults and the state file are the TypeScript lab's, so both faces of the lab agree.
#
# The remoting the job script uses (New-PSSession to a Front End, Import-PSSession,
# Invoke-Command -ComputerName) is simulated here too, by functions of the same names: a
# function wins over a cmdlet, and the lab has no WinRM. They ask the engine whether the server
# can be reached, as the real ones would fail when it cannot.
#
# Where the engine is: $env:POOLPILOT_LAB_PIPE (a socket path on Unix, a pipe name or
# \\.\pipe\<name> on Windows). Works in PowerShell 7 and Windows PowerShell 5.1.

Set-StrictMode -Version 3.0

# Common parameters: bound by PowerShell, never forwarded (but -Verbose is passed on as a switch).
$script:PPCommon = @('Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction',
    'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable',
    'WhatIf', 'Confirm')

# The server the management session reached (New-PSSession), and the server and credential of the
# Invoke-Command running now: per shell, as a real session is; the engine outlives the shells.
$script:PPConnected = $null
$script:PPTarget = $null
$script:PPCredential = $null

# Type names of the objects each cmdlet writes, where the reference names them (cmdlets.md).
$script:PPTypeNames = @{
    'Get-CsPool'                            = 'Microsoft.Rtc.Management.Deploy.Internal.Cluster'
    'Get-CsSite'                            = 'Microsoft.Rtc.Management.Deploy.Internal.Site+CentralSite'
    'Get-CsPoolBackupRelationship'          = 'Microsoft.Rtc.Management.Hadr.BackupService.BackupRelation'
    'Get-CsManagementStoreReplicationStatus' = 'Microsoft.Rtc.Management.Xds.ReplicaState'
    'Get-CsDatabaseMirrorState'             = 'Microsoft.Rtc.Management.Deployment.DatabaseMirrorState'
    'Get-CsPersistentChatState'             = 'Microsoft.Rtc.Management.WritableConfig.Settings.PersistentChat.PersistentChatState'
    'Get-CsTopology'                        = 'Microsoft.Rtc.Management.Deploy.Internal.DefaultTopology'
}

function PPLabPipeName {
    $pipe = $env:POOLPILOT_LAB_PIPE
    if ([string]::IsNullOrEmpty($pipe)) {
        throw 'PoolPilotLab: POOLPILOT_LAB_PIPE is not set: start the lab engine (PoolPilot in lab mode, or src/lab/engine-main.ts) and set it to the pipe the engine printed.'
    }
    # NamedPipeClientStream takes the name after \\.\pipe\ on Windows, a rooted socket path on Unix.
    return ($pipe -replace '^\\\\\.\\pipe\\', '')
}

# One request to the engine, one answer: both a JSON line, UTF-8 without a byte order mark.
function PPLabCall([hashtable]$Request) {
    $name = PPLabPipeName
    $utf8 = New-Object System.Text.UTF8Encoding $false
    $stream = New-Object System.IO.Pipes.NamedPipeClientStream ('.', $name, [System.IO.Pipes.PipeDirection]::InOut)
    try {
        try { $stream.Connect(10000) }
        catch { throw "PoolPilotLab: cannot reach the lab engine at $($env:POOLPILOT_LAB_PIPE): $($_.Exception.Message)" }
        $writer = New-Object System.IO.StreamWriter ($stream, $utf8)
        $writer.NewLine = "`n"
        $writer.WriteLine((ConvertTo-Json -InputObject $Request -Depth 8 -Compress))
        $writer.Flush()
        $line = (New-Object System.IO.StreamReader ($stream, $utf8)).ReadLine()
    }
    finally { $stream.Dispose() }
    if ($null -eq $line) { throw 'PoolPilotLab: the lab engine closed the connection without an answer' }
    $answer = ConvertFrom-Json -InputObject $line
    if (PPLabHas $answer 'protocolError') { throw "PoolPilotLab: $($answer.protocolError)" }
    return $answer
}

function PPLabHas($Object, [string]$Name) {
    return $null -ne $Object -and $null -ne $Object.PSObject.Properties[$Name] -and $null -ne $Object.$Name
}

# An error the engine reported, thrown as the cmdlet's terminating error with the engine's
# FullyQualifiedErrorId and category (throwing an ErrorRecord keeps both as they are).
function PPLabThrow($Detail) {
    $category = [System.Management.Automation.ErrorCategory]::NotSpecified
    if (PPLabHas $Detail 'category') { [void][Enum]::TryParse([string]$Detail.category, [ref]$category) }
    $id = 'LabError'
    if (PPLabHas $Detail 'errorId') { $id = [string]$Detail.errorId }
    $exception = New-Object System.Exception ([string]$Detail.message)
    throw (New-Object System.Management.Automation.ErrorRecord ($exception, $id, $category, $null))
}

# Properties the real cmdlets write as .NET enum values, not strings: the lab writes them as enums
# too, so what reaches ConvertTo-Json is what a real deployment gives it (powershell.md: enums
# serialise as numbers unless the job script names them). The type names are the lab's own; the
# reference documents the values (cmdlets.md), not the types. Backup Service states: the TechNet
# blog cited in src/lab/cmdlets.ts.
enum PPLabBackupServiceState { FinalState; SteadyState; NonSteadyState; NotInitialized; ErrorState; NormalState }
enum PPLabPersistentChatPoolState { Normal; FailedOver }

# An engine string as the enum value it stands for; null and a name outside the enum stay as they are.
function PPLabEnum([type]$Type, $Value) {
    if ($Value -is [string] -and [System.Enum]::IsDefined($Type, $Value)) { return [System.Enum]::Parse($Type, $Value) }
    return $Value
}

# The enum-typed properties of a cmdlet's output object, set in place.
function PPLabEnums([string]$Cmdlet, $Object) {
    if ($Cmdlet -eq 'Get-CsBackupServiceStatus' -and (PPLabHas $Object 'BackupModules')) {
        foreach ($m in @($Object.BackupModules)) {
            foreach ($p in 'ExportStatus', 'ImportStatus') {
                if (PPLabHas $m $p) { $m.$p = PPLabEnum ([PPLabBackupServiceState]) $m.$p }
            }
        }
    }
    elseif ($Cmdlet -eq 'Get-CsPersistentChatState' -and (PPLabHas $Object 'PoolState')) {
        $Object.PoolState = PPLabEnum ([PPLabPersistentChatPoolState]) $Object.PoolState
    }
}

function PPLabText($Value) {
    if ($Value -is [System.TimeSpan]) { return $Value.ToString('c') }
    return [string]$Value
}

# Writes what the cmdlet wrote, in order: objects (typed), verbose messages, warnings.
function PPLabEmit([string]$Cmdlet, $Events) {
    foreach ($e in @($Events)) {
        if ($e.type -eq 'verbose') { Write-Verbose -Message $e.message }
        elseif ($e.type -eq 'warning') { Write-Warning -Message $e.message }
        elseif ($e.type -eq 'result') {
            $o = $e.data
            if ($o -is [System.Management.Automation.PSCustomObject] -and $script:PPTypeNames.ContainsKey($Cmdlet)) {
                $o.PSObject.TypeNames.Insert(0, $script:PPTypeNames[$Cmdlet])
            }
            if ($o -is [System.Management.Automation.PSCustomObject]) { PPLabEnums $Cmdlet $o }
            Write-Output -InputObject $o -NoEnumerate
        }
    }
}

# The body of every lab cmdlet: forwards the bound call, then writes the answer as the cmdlet would.
function PPLabInvoke($Cmdlet, $Bound, [bool]$WhatIf) {
    $name = $Cmdlet.MyInvocation.MyCommand.Name
    $parameters = [ordered]@{}
    $switches = @()
    foreach ($k in @($Bound.Keys)) {
        $v = $Bound[$k]
        if ($script:PPCommon -contains $k) {
            if ($k -eq 'Verbose' -and $v) { $switches += 'Verbose' }
            continue
        }
        if ($v -is [System.Management.Automation.SwitchParameter]) { if ($v.IsPresent) { $switches += $k }; continue }
        if ($null -eq $v) { $parameters[$k] = $null }
        elseif ($v -is [array]) { $parameters[$k] = [string[]]@($v | ForEach-Object { PPLabText $_ }) }
        else { $parameters[$k] = PPLabText $v }
    }
    $request = @{ op = 'cmdlet'; cmdlet = $name; parameters = $parameters; switches = [string[]]$switches; whatIf = $WhatIf }
    if ($null -ne $script:PPTarget) {
        $request.target = $script:PPTarget
        if ($null -ne $script:PPCredential) {
            $request.credential = @{ user = $script:PPCredential.UserName; password = $script:PPCredential.GetNetworkCredential().Password }
        }
    }
    if ($null -ne $script:PPConnected) { $request.connected = $script:PPConnected }
    if (-not $WhatIf -and -not $Cmdlet.ShouldProcess($(if ($parameters.Contains('PoolFqdn')) { $parameters['PoolFqdn'] } elseif ($parameters.Contains('Identity')) { $parameters['Identity'] } else { 'localhost' }), $name)) {
        return
    }
    $reply = PPLabCall $request
    $answer = $reply.answer
    $after = $null
    if (PPLabHas $reply 'after') { $after = $reply.after.kind }
    if ($after -eq 'stderr') { [Console]::Error.WriteLine([string]$reply.after.text) }
    $events = @(if (PPLabHas $answer 'events') { $answer.events })
    if ($after -eq 'exit') {
        # A crash mid-answer: the first verbose message gets out, then the process dies.
        PPLabEmit $name @($events | Where-Object { $_.type -eq 'verbose' } | Select-Object -First 1)
        [Console]::Out.Flush()
        [Environment]::Exit(3)
    }
    if ($WhatIf) {
        # The engine's "What if:" text, written where PowerShell writes it: to the host.
        foreach ($e in $events) {
            if ($e.type -eq 'verbose' -and ([string]$e.message).StartsWith('What if: ')) {
                $d = ([string]$e.message).Substring(9)
                [void]$Cmdlet.ShouldProcess($d, $d, 'What if')
            }
        }
        $events = @($events | Where-Object { -not ($_.type -eq 'verbose' -and ([string]$_.message).StartsWith('What if: ')) })
    }
    PPLabEmit $name $events
    if (PPLabHas $answer 'error') { PPLabThrow $answer.error }
}

# The disputed spellings of a cmdlet's parameters (cmdlets.md) that this lab's cmdlet has: as
# dynamic parameters, so (Get-Command X).Parameters.Keys shows what a real installation would.
function PPLabDisputed([string]$Cmdlet, [string[]]$Names) {
    $dictionary = New-Object System.Management.Automation.RuntimeDefinedParameterDictionary
    $has = @((PPLabCall @{ op = 'parameters'; cmdlet = $Cmdlet }).parameters)
    foreach ($n in $Names) {
        if ($has -notcontains $n) { continue }
        $attributes = New-Object 'System.Collections.ObjectModel.Collection[System.Attribute]'
        $p = New-Object System.Management.Automation.ParameterAttribute
        if ($Cmdlet -eq 'Invoke-CsManagementServerFailover') { $p.ParameterSetName = 'DisasterRecovery' }
        $attributes.Add($p)
        $dictionary.Add($n, (New-Object System.Management.Automation.RuntimeDefinedParameter ($n, [string], $attributes)))
    }
    return $dictionary
}

# ---- remoting, simulated ------------------------------------------------------------------------

function New-PSSession {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][uri]$ConnectionUri,
        [string]$Authentication,
        [pscredential]$Credential
    )
    $request = @{ op = 'connect'; endpoint = $ConnectionUri.Host }
    if ($null -ne $Credential) { $request.credential = @{ user = $Credential.UserName; password = $Credential.GetNetworkCredential().Password } }
    $answer = (PPLabCall $request).answer
    if (PPLabHas $answer 'error') { PPLabThrow $answer.error }
    $script:PPConnected = [string]@($answer.events)[0].data.endpoint
    $session = [pscustomobject]@{ ComputerName = $ConnectionUri.Host; ConfigurationName = 'Microsoft.PowerShell'; State = 'Opened' }
    $session.PSObject.TypeNames.Insert(0, 'PoolPilotLab.PSSession')
    return $session
}

function Import-PSSession {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]$Session,
        [string[]]$CommandName,
        [switch]$AllowClobber,
        [switch]$DisableNameChecking
    )
    # The lab's cmdlets are already this module's: the imported "session module" is empty.
    return (New-Module -Name 'PoolPilotLabSession' -ScriptBlock { })
}

function Remove-PSSession {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)]$Session)
    $script:PPConnected = $null
}

function Invoke-Command {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)][string[]]$ComputerName,
        [Parameter(Mandatory = $true)][scriptblock]$ScriptBlock,
        [object[]]$ArgumentList = @(),
        [pscredential]$Credential
    )
    foreach ($server in $ComputerName) {
        $request = @{ op = 'reach'; target = $server }
        if ($null -ne $Credential) { $request.credential = @{ user = $Credential.UserName; password = $Credential.GetNetworkCredential().Password } }
        $reply = PPLabCall $request
        if (PPLabHas $reply 'error') { PPLabThrow $reply.error }
        $script:PPTarget = $server
        $script:PPCredential = $Credential
        try { & $ScriptBlock @ArgumentList }
        finally { $script:PPTarget = $null; $script:PPCredential = $null }
    }
}

# ---- the Skype for Business Server cmdlets ------------------------------------------------------

function Get-CsPool {
    [CmdletBinding()]
    [OutputType('Microsoft.Rtc.Management.Deploy.Internal.Cluster')]
    param([Parameter(Position = 0)][string]$Identity, [string]$Site)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Get-CsSite {
    [CmdletBinding()]
    [OutputType('Microsoft.Rtc.Management.Deploy.Internal.Site+CentralSite')]
    param([Parameter(Position = 0)][string]$Identity)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

# One role switch per call (cmdlets.md): each role is its own parameter set, so two are refused
# as PowerShell refuses an ambiguous parameter set.
function Get-CsService {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'EdgeServer', Mandatory = $true)][switch]$EdgeServer,
        [Parameter(ParameterSetName = 'Registrar', Mandatory = $true)][switch]$Registrar,
        [Parameter(ParameterSetName = 'Director', Mandatory = $true)][switch]$Director,
        [Parameter(ParameterSetName = 'CentralManagement', Mandatory = $true)][switch]$CentralManagement,
        [Parameter(ParameterSetName = 'CentralManagementDatabase', Mandatory = $true)][switch]$CentralManagementDatabase,
        [Parameter(ParameterSetName = 'UserServer', Mandatory = $true)][switch]$UserServer,
        [Parameter(ParameterSetName = 'UserDatabase', Mandatory = $true)][switch]$UserDatabase,
        [Parameter(ParameterSetName = 'WebServer', Mandatory = $true)][switch]$WebServer,
        [Parameter(ParameterSetName = 'ConferencingServer', Mandatory = $true)][switch]$ConferencingServer,
        [Parameter(ParameterSetName = 'MediationServer', Mandatory = $true)][switch]$MediationServer,
        [Parameter(ParameterSetName = 'ApplicationServer', Mandatory = $true)][switch]$ApplicationServer,
        [Parameter(ParameterSetName = 'PersistentChatServer', Mandatory = $true)][switch]$PersistentChatServer,
        [Parameter(ParameterSetName = 'PersistentChatDatabase', Mandatory = $true)][switch]$PersistentChatDatabase,
        [Parameter(ParameterSetName = 'EdgeServer')][Parameter(ParameterSetName = 'Registrar')][Parameter(ParameterSetName = 'Director')]
        [Parameter(ParameterSetName = 'CentralManagement')][Parameter(ParameterSetName = 'CentralManagementDatabase')]
        [Parameter(ParameterSetName = 'UserServer')][Parameter(ParameterSetName = 'UserDatabase')][Parameter(ParameterSetName = 'WebServer')]
        [Parameter(ParameterSetName = 'ConferencingServer')][Parameter(ParameterSetName = 'MediationServer')]
        [Parameter(ParameterSetName = 'ApplicationServer')][Parameter(ParameterSetName = 'PersistentChatServer')]
        [Parameter(ParameterSetName = 'PersistentChatDatabase')]
        [string]$PoolFqdn
    )
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Get-CsTopology {
    [CmdletBinding()]
    [OutputType('Microsoft.Rtc.Management.Deploy.Internal.DefaultTopology', [string])]
    param([switch]$AsXml, [switch]$LocalStore)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Get-CsPoolBackupRelationship {
    [CmdletBinding()]
    [OutputType('Microsoft.Rtc.Management.Hadr.BackupService.BackupRelation')]
    param([Parameter(Mandatory = $true)][string]$PoolFqdn, [switch]$Force, [switch]$LocalStore)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Get-CsBackupServiceStatus {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$PoolFqdn)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Get-CsManagementStoreReplicationStatus {
    [CmdletBinding()]
    [OutputType('Microsoft.Rtc.Management.Xds.ReplicaState')]
    param([Parameter(Position = 0)][string]$ReplicaFqdn, [switch]$CentralManagementStoreStatus)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Get-CsDatabaseMirrorState {
    [CmdletBinding()]
    [OutputType('Microsoft.Rtc.Management.Deployment.DatabaseMirrorState')]
    param([Parameter(Mandatory = $true)][string]$PoolFqdn, [string]$DatabaseType, [switch]$LocalStore)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Get-CsPersistentChatState {
    [CmdletBinding()]
    [OutputType('Microsoft.Rtc.Management.WritableConfig.Settings.PersistentChat.PersistentChatState')]
    param([Parameter(Position = 0)][string]$Identity, [switch]$LocalStore)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Get-CsPersistentChatActiveServer {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Identity)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Get-CsWindowsService {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [string]$ComputerName)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Set-CsEdgeServer {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    param([Parameter(Position = 0)][string]$Identity, [string]$Registrar, [switch]$Force)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $WhatIfPreference }
}

function Set-CsSite {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    param([Parameter(Position = 0)][string]$Identity, [switch]$Force)
    DynamicParam { PPLabDisputed 'Set-CsSite' @('XmppExternalFederationRoute', 'XmppFederationRoute') }
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $WhatIfPreference }
}

# DisasterRecovery needs the backup SQL server; Normal takes -Restore. The mirror parameters'
# spelling is disputed (cmdlets.md): they are dynamic, in the DisasterRecovery set.
function Invoke-CsManagementServerFailover {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High', DefaultParameterSetName = 'Normal')]
    param(
        [Parameter(ParameterSetName = 'DisasterRecovery', Mandatory = $true)][string]$BackupSqlServerFqdn,
        [Parameter(ParameterSetName = 'DisasterRecovery')][string]$BackupSqlInstanceName,
        [Parameter(ParameterSetName = 'DisasterRecovery')][switch]$Force,
        [Parameter(ParameterSetName = 'Normal')][switch]$Restore
    )
    DynamicParam { PPLabDisputed 'Invoke-CsManagementServerFailover' @('BackupMirrorSqlServerFqdn', 'BackupMirrorSqlInstanceName', 'MirrorSqlServerFqdn', 'MirrorSqlInstanceName') }
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $WhatIfPreference }
}

function Invoke-CsPoolFailover {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param(
        [Parameter(Mandatory = $true)][string]$PoolFqdn,
        [switch]$DisasterMode,
        [switch]$FlushStorageService,
        [switch]$Force,
        [timespan]$WaitTime,
        [int]$DatabaseCommandTimeoutInSeconds,
        [int]$ServicesStopDelayMins,
        [switch]$SkipDataVerification
    )
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $WhatIfPreference }
}

function Invoke-CsPoolFailback {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param(
        [Parameter(Mandatory = $true)][string]$PoolFqdn,
        [switch]$DisasterMode,
        [switch]$Force,
        [timespan]$WaitTime,
        [int]$DatabaseCommandTimeoutInSeconds,
        [switch]$SkipDataVerification
    )
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $WhatIfPreference }
}

function Set-CsPersistentChatState {
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Position = 0)][string]$Identity,
        [ValidateSet('Normal', 'FailedOver')][string]$PoolState,
        [switch]$Force
    )
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $WhatIfPreference }
}

# -ActiveServers takes a list or $null ("removes all"; cmdlets.md).
function Set-CsPersistentChatActiveServer {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][string]$Identity,
        [Parameter(Mandatory = $true)][AllowNull()][AllowEmptyCollection()][string[]]$ActiveServers
    )
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Install-CsDatabase {
    [CmdletBinding(DefaultParameterSetName = 'ByCMS')]
    param(
        [Parameter(ParameterSetName = 'ByCMS', Mandatory = $true)][switch]$CentralManagementDatabase,
        [Parameter(ParameterSetName = 'ByCMS', Mandatory = $true)][string]$SqlServerFqdn,
        [Parameter(ParameterSetName = 'ByCMS')][string]$SqlInstanceName,
        [Parameter(ParameterSetName = 'ByCMS')][switch]$Clean
    )
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Move-CsManagementServer {
    [CmdletBinding()]
    param([string]$ConfigurationFileName, [string]$LisConfigurationFileName, [switch]$Force)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Stop-CsWindowsService {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [string]$ComputerName, [switch]$Graceful, [switch]$NoWait)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

function Start-CsWindowsService {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [string]$ComputerName, [switch]$NoWait)
    end { PPLabInvoke $PSCmdlet $PSBoundParameters $false }
}

Export-ModuleMember -Function @(
    'New-PSSession', 'Import-PSSession', 'Remove-PSSession', 'Invoke-Command',
    'Get-CsPool', 'Get-CsSite', 'Get-CsService', 'Get-CsTopology', 'Get-CsPoolBackupRelationship', 'Get-CsBackupServiceStatus',
    'Get-CsManagementStoreReplicationStatus', 'Get-CsDatabaseMirrorState', 'Get-CsPersistentChatState',
    'Get-CsPersistentChatActiveServer', 'Get-CsWindowsService', 'Set-CsEdgeServer', 'Set-CsSite',
    'Invoke-CsManagementServerFailover', 'Invoke-CsPoolFailover', 'Invoke-CsPoolFailback', 'Set-CsPersistentChatState',
    'Set-CsPersistentChatActiveServer', 'Install-CsDatabase', 'Move-CsManagementServer', 'Stop-CsWindowsService',
    'Start-CsWindowsService'
)
