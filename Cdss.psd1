@{
    RootModule           = 'Cdss.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'bc946c98-f911-43cd-92ff-0c5330ab1113'
    Author               = 'Cdss contributors'
    CompanyName          = 'Cdss contributors'
    Copyright            = '(c) Cdss contributors. MIT License.'
    Description          = 'NAVER Cloud Platform Cloud Data Streaming Service (CDSS, managed Apache Kafka) from PowerShell: signed rolling-restart pre-checks, cluster listing, gated rolling restarts with progress, and a local API emulator for rehearsals.'
    CompatiblePSEditions = @('Core', 'Desktop')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('Cdss.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Cdss'
        'Disconnect-Cdss'
        'Get-CdssSession'
        'Test-CdssRollingRestart'
        'Get-CdssCluster'
        'Start-CdssRollingRestart'
        'Wait-CdssRollingRestart'
        'Resolve-CdssRollout'
        'Get-CdssRollingRestartProgress'
        'Export-CdssReport'
        'Invoke-CdssApi'
        'Get-CdssKafkaVersion'
        'Test-CdssRollingUpgrade'
        'Start-CdssRollingUpgrade'
        'Get-CdssConfigGroup'
        'Get-CdssConfigGroupSetting'
        'Set-CdssConfigGroupSetting'
        'Set-CdssClusterConfigGroup'
        'Get-CdssClusterNode'
        'Restart-CdssKafkaNode'
        'Get-CdssMetric'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('NAVER', 'NCP', 'NaverCloud', 'CDSS', 'Kafka', 'RollingRestart', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = '0.x: signed sessions for the Public, Gov and Fin sites (Connect-Cdss, credentials from parameters, environment or ncloud profiles); cluster listing; fleet pre-checks in parallel; rolling restarts, and with -Wait safe resumable rollouts with a journal, halting, deadline and a record in the log (Start-/Wait-CdssRollingRestart); JUnit and Markdown reports (Export-CdssReport); Invoke-CdssApi for other operations, which never resends anything that may change a cluster; a bundled CDSS API emulator for rehearsals. Maintenance: Get-CdssKafkaVersion, Test-/Start-CdssRollingUpgrade, Get-CdssConfigGroup, Get-/Set-CdssConfigGroupSetting (keeps the settings you do not name), Set-CdssClusterConfigGroup, Get-CdssClusterNode and Restart-CdssKafkaNode.'
        }
    }
}
