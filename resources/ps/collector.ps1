<#
.SYNOPSIS
    PoolPilot offline collector: reads a Skype for Business Server / Lync Server 2013 deployment and
    writes what it found to one JSON file that PoolPilot opens.

.DESCRIPTION
    Run it on a Front End server, in the Skype for Business Server Management Shell, when the
    workstation cannot reach the deployment (or the CMS is down). It only reads: every cmdlet it
    runs is a Get- cmdlet. A query that fails is recorded in the file, with its error, and the rest
    are still collected; the cmdlets that can read this server's local CMS replica (-LocalStore)
    are asked again that way when the Central Management Store does not answer.

    The file holds the raw results ("poolpilot.collection"); PoolPilot turns them into a deployment
    with the same code that reads a live discovery.

.EXAMPLE
    .\collector.ps1 -OutFile C:\Temp\poolpilot-collection.json
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $OutFile
)

$ErrorActionPreference = 'Stop'

$failed = New-Object System.Collections.ArrayList
$fromLocalStore = New-Object System.Collections.ArrayList

# Objects as their properties (what ConvertTo-Json writes of them); text and XML as text.
function ConvertTo-Plain {
    process {
        if ($_ -is [xml]) { $_.OuterXml }
        elseif ($_ -is [string]) { $_ }
        else { $_ | Select-Object -Property * }
    }
}

# Enum values as their names: ConvertTo-Json writes an enum as its number in Windows PowerShell 5.1
# (and in 7 without -EnumsAsStrings, which 5.1 lacks), and PoolPilot reads names (e.g. a Backup
# Service module's ExportStatus). Walks as deep as ConvertTo-Json will and returns what it was given
# where it met no enum ($Changed stays false), so the rest is written exactly as before; strings (the
# topology document) cost one type test. The job script (src/main/powershell/job-script.ts, PPNames)
# does the same for a live discovery.
function ConvertTo-EnumName($Value, [int] $Depth, [ref] $Changed) {
    if ($null -eq $Value -or $Value -is [string] -or $Value -is [System.Uri]) { return , $Value }
    if ($Value -is [System.Enum]) { $Changed.Value = $true; return $Value.ToString() }
    if ($Value -is [System.ValueType]) {
        if ($Value.PSObject.TypeNames -contains 'Deserialized.System.Enum') { $Changed.Value = $true; return $Value.ToString() }
        return , $Value
    }
    if ($Depth -lt 0) { return , $Value }
    $inner = $false
    $d = $Depth - 1
    if ($Value -is [System.Collections.IDictionary]) {
        $copy = [ordered] @{}
        foreach ($k in @($Value.Keys)) { $v = $Value[$k]; if ($null -eq $v -or $v -is [string]) { $copy[$k] = $v } else { $copy[$k] = ConvertTo-EnumName $v $d ([ref] $inner) } }
    } elseif ($Value -is [System.Collections.IEnumerable]) {
        $copy = @(foreach ($v in $Value) { if ($null -eq $v -or $v -is [string]) { , $v } else { , (ConvertTo-EnumName $v $d ([ref] $inner)) } })
    } else {
        $copy = [ordered] @{}
        foreach ($p in $Value.PSObject.Properties) {
            if (-not $p.IsGettable) { continue }
            try { $v = $p.Value } catch { $v = $null }
            if ($null -eq $v -or $v -is [string]) { $copy[$p.Name] = $v } else { $copy[$p.Name] = ConvertTo-EnumName $v $d ([ref] $inner) }
        }
    }
    if (-not $inner) { return , $Value }
    $Changed.Value = $true
    return , $copy
}

# Runs one read query; records its failure (and retries it with -LocalStore when given one).
function Read-Query {
    param(
        [string] $Name,
        [scriptblock] $Query,
        [scriptblock] $LocalStoreQuery
    )
    Write-Verbose "Reading: $Name"
    try {
        return , @(& $Query | ConvertTo-Plain)
    } catch {
        $message = $_.Exception.Message
    }
    if ($null -ne $LocalStoreQuery) {
        try {
            $local = @(& $LocalStoreQuery | ConvertTo-Plain)
            [void] $fromLocalStore.Add($Name)
            return , $local
        } catch {
            $message = $_.Exception.Message
        }
    }
    [void] $failed.Add([ordered] @{ query = $Name; message = $message })
    return $null
}

$topology = Read-Query 'Get-CsTopology -AsXml' { Get-CsTopology -AsXml } { Get-CsTopology -AsXml -LocalStore }
$topologyXml = $null
if ($null -ne $topology) { $topologyXml = ($topology | ForEach-Object { [string] $_ }) -join "`r`n" }

$results = [ordered] @{}
$results.sites = Read-Query 'Get-CsSite' { Get-CsSite }
$results.pools = Read-Query 'Get-CsPool' { Get-CsPool }
# Each store's mirror (and Persistent Chat's log-shipping backup): the database services say it, the topology document does not.
$results.userDatabases = Read-Query 'Get-CsService -UserDatabase' { Get-CsService -UserDatabase }

# Front End pools: those with a User Server service (Directors have a Registrar only).
$backups = New-Object System.Collections.ArrayList
$paired = New-Object System.Collections.ArrayList
$frontEnds = @($results.pools | Where-Object { $null -ne $_ -and @($_.Services | Where-Object { "$_" -like 'UserServer:*' }).Count -gt 0 } | ForEach-Object { [string] $_.Fqdn })
foreach ($pool in $frontEnds) {
    $found = Read-Query "Get-CsPoolBackupRelationship -PoolFqdn `"$pool`"" { Get-CsPoolBackupRelationship -PoolFqdn $pool } { Get-CsPoolBackupRelationship -PoolFqdn $pool -LocalStore }
    if ($null -ne $found) { foreach ($b in $found) { [void] $backups.Add($b) } }
    # An answer at all means the pool has a partner (the answer's property names are not documented).
    if ($null -ne $found -and $found.Count -gt 0) { [void] $paired.Add($pool) }
}
$results.backupRelationships = @($backups)

$results.cmsServices = Read-Query 'Get-CsService -CentralManagement' { Get-CsService -CentralManagement }
$results.cmsStatus = Read-Query 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus' { Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus }
$results.replicas = Read-Query 'Get-CsManagementStoreReplicationStatus' { Get-CsManagementStoreReplicationStatus }
$results.chatStates = Read-Query 'Get-CsPersistentChatState' { Get-CsPersistentChatState } { Get-CsPersistentChatState -LocalStore }

$active = New-Object System.Collections.ArrayList
$chatPools = Read-Query 'Get-CsService -PersistentChatServer' { Get-CsService -PersistentChatServer }
if (@($chatPools | Where-Object { $null -ne $_ }).Count -gt 0) {
    $results.chatDatabases = Read-Query 'Get-CsService -PersistentChatDatabase' { Get-CsService -PersistentChatDatabase }
}
foreach ($chat in @($chatPools | Where-Object { $null -ne $_ } | ForEach-Object { [string] $_.PoolFqdn })) {
    $servers = Read-Query "Get-CsPersistentChatActiveServer -Identity `"PersistentChatServer:$chat`"" { Get-CsPersistentChatActiveServer -Identity "PersistentChatServer:$chat" }
    if ($null -ne $servers) { foreach ($s in $servers) { [void] $active.Add($s) } }
}
$results.chatActiveServers = @($active)
$results.edgeServices = Read-Query 'Get-CsService -EdgeServer' { Get-CsService -EdgeServer }

# How far each pair's Backup Service has copied its data: what a failover would lose. The output's
# properties are not documented, so the pool asked about is written beside it.
$statuses = New-Object System.Collections.ArrayList
foreach ($pool in $paired) {
    $status = Read-Query "Get-CsBackupServiceStatus -PoolFqdn `"$pool`"" { Get-CsBackupServiceStatus -PoolFqdn $pool }
    if ($null -ne $status) { [void] $statuses.Add([ordered] @{ poolFqdn = $pool; status = $status }) }
}
$results.backupStatuses = @($statuses)

$collection = [ordered] @{
    format      = 'poolpilot.collection'
    version     = 1
    takenAt     = (Get-Date).ToUniversalTime().ToString('o')
    server      = [System.Net.Dns]::GetHostByName($env:COMPUTERNAME).HostName.ToLowerInvariant()
    topologyXml = $topologyXml
    results     = $results
    failed      = @($failed)
    localStore  = @($fromLocalStore)
}

# Windows PowerShell 5.1 serialises only two levels deep unless told; a Backup Service module's
# properties sit eight levels down (collection, results, backupStatuses, entry, status, BackupModules, module).
$named = $false
ConvertTo-Json -InputObject (ConvertTo-EnumName $collection 10 ([ref] $named)) -Depth 10 | Out-File -FilePath $OutFile -Encoding utf8
Write-Output "PoolPilot collection written to $OutFile ($($failed.Count) failed queries)"
