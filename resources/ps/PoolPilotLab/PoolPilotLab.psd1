@{
    RootModule        = 'PoolPilotLab.psm1'
    ModuleVersion     = '1.0.0'
    GUID              = '6f1f6a2e-4d0b-4b53-9d49-0b8c2f1a7e31'
    Author            = 'PoolPilot engineers'
    Description       = 'PoolPilot lab: the Skype for Business Server cmdlets of the failover procedures, answered by a simulated deployment (the PoolPilot lab engine).'
    PowerShellVersion = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FunctionsToExport = @(
        'New-PSSession', 'Import-PSSession', 'Remove-PSSession', 'Invoke-Command',
        'Get-CsPool', 'Get-CsSite', 'Get-CsService', 'Get-CsTopology', 'Get-CsPoolBackupRelationship', 'Get-CsBackupServiceStatus',
        'Get-CsManagementStoreReplicationStatus', 'Get-CsDatabaseMirrorState', 'Get-CsPersistentChatState',
        'Get-CsPersistentChatActiveServer', 'Get-CsWindowsService', 'Set-CsEdgeServer', 'Set-CsSite',
        'Invoke-CsManagementServerFailover', 'Invoke-CsPoolFailover', 'Invoke-CsPoolFailback', 'Set-CsPersistentChatState',
        'Set-CsPersistentChatActiveServer', 'Install-CsDatabase', 'Move-CsManagementServer', 'Stop-CsWindowsService',
        'Start-CsWindowsService'
    )
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
