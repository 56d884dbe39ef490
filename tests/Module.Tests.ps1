BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-TestEmulator
    $script:pwsh = Join-Path $PSHOME 'pwsh'

    # Runs a script in a fresh pwsh with HOME (and so the user module path and PSResourceGet's settings)
    # pointed into TestDrive, so nothing outside TestDrive is read or changed.
    function Invoke-IsolatedPwsh([string] $Script, [string] $HomeDirectory) {
        $saved = $env:HOME, $env:PSModulePath
        # A home without .config makes NuGet write NuGet/NuGet.Config into the current directory.
        $null = New-Item -ItemType Directory -Force (Join-Path $HomeDirectory '.config')
        Push-Location $TestDrive
        try {
            $env:HOME = $HomeDirectory
            $env:PSModulePath = $null
            $text = & $pwsh -NoProfile -NonInteractive -Command $Script 2>&1 | Out-String
            [pscustomobject]@{ Text = $text; ExitCode = $LASTEXITCODE }
        }
        finally {
            $env:HOME, $env:PSModulePath = $saved
            Pop-Location
        }
    }
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'The module manifest' {
    BeforeAll { $script:manifest = Test-ModuleManifest (Join-Path $ModulePath 'Cdss.psd1') -ErrorAction Stop }

    It 'passes Test-ModuleManifest with the fixed identity' {
        $manifest.Name | Should -Be 'Cdss'
        $manifest.Version | Should -Be '0.1.0'
        $manifest.Guid | Should -Be 'bc946c98-f911-43cd-92ff-0c5330ab1113'
        $manifest.RootModule | Should -Be 'Cdss.dll'
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
    }

    It 'exports an explicit list of cmdlets, without wildcards' {
        $data = Import-PowerShellDataFile (Join-Path $ModulePath 'Cdss.psd1')
        $data.CmdletsToExport | Should -Not -Contain '*'
        ($data.CmdletsToExport -join ',') | Should -Not -Match '\*'
        $data.CmdletsToExport | Sort-Object | Should -Be (Get-Command -Module Cdss -CommandType Cmdlet).Name
        $data.FunctionsToExport.Count | Should -Be 0
        $data.AliasesToExport.Count | Should -Be 0
    }

    It 'carries the gallery metadata' {
        $manifest.Tags | Should -Contain 'PSEdition_Core'
        $manifest.Tags | Should -Contain 'PSEdition_Desktop'
        $manifest.Description | Should -Not -BeNullOrEmpty
        # No placeholder: a project URI is given only when there is a real one.
        "$($manifest.ProjectUri)" | Should -Not -Match 'example\.(invalid|com|org)'
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ReleaseNotes | Should -Not -BeNullOrEmpty
        $manifest.ExportedFormatFiles | Should -Not -BeNullOrEmpty
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($command in Get-Command -Module Cdss) { $approved | Should -Contain $command.Verb }
    }
}

Describe 'Default views' {
    BeforeAll { $null = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential }
    AfterAll { Disconnect-Cdss }

    It 'shows a pre-check as a table of cluster, CanRestart, RequestId and Message' {
        $text = Test-CdssRollingRestart 3432149 | Out-String
        $text | Should -Match 'Cluster\s+CanRestart\s+RequestId\s+Message'
        $text | Should -Not -Match 'CheckedAt'
    }

    It 'shows clusters, restarts and progress as tables' {
        Get-CdssCluster -Name kafka-prod-01 | Out-String | Should -Match 'ClusterName\s+Status\s+KafkaVersion'
        Get-CdssRollingRestartProgress 3432149 | Out-String | Should -Match 'Brokers\s+BrokerStatus'
        Start-CdssRollingRestart 3432153 -Force | Out-String | Should -Match 'Accepted\s+RequestId\s+Message'
    }

    It 'shows the session as a list' {
        $text = Get-CdssSession | Out-String
        $text | Should -Match 'AccessKey\s+:'
        $text | Should -Match 'CredentialSource\s+:'
    }
}

Describe 'Package, install and a fresh import' {
    It 'packs with PSResourceGet; a fresh pwsh installs it with Install-PSResource, imports it by name, runs a pre-check, and loads nothing from dependencies/' {
        $fakeHome = Join-Path $TestDrive 'home'
        $repo = Join-Path $TestDrive 'repo'
        $null = New-Item -ItemType Directory $fakeHome, $repo
        $packageScript = Join-Path $PSScriptRoot '../build/Package.ps1'

        $pack = Invoke-IsolatedPwsh "& '$packageScript' -ModuleDirectory '$ModulePath' -OutDirectory '$repo'" $fakeHome
        $pack.ExitCode | Should -Be 0 -Because $pack.Text
        Join-Path $repo 'Cdss.0.1.0.nupkg' | Should -Exist

        # dependencies/ is for Windows PowerShell 5.1: PowerShell 7's runtime has its own System.Text.Json.
        $run = Invoke-IsolatedPwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name CdssTest -Uri '$repo' -Trusted
Install-PSResource Cdss -Repository CdssTest -TrustRepository -Scope CurrentUser
'Installed in ' + (Get-InstalledPSResource Cdss).InstalledLocation
Import-Module Cdss
`$base = (Get-Module Cdss).ModuleBase
'Loaded from ' + `$base
`$null = Connect-Cdss -Endpoint '$($emu.Endpoint)' -AccessKey '$($emu.AccessKey)' -SecretKey (ConvertTo-SecureString 'emulator-secret-key' -AsPlainText -Force)
'CanRestart=' + (Test-CdssRollingRestart 3432149).CanRestart
(Get-Help Test-CdssRollingRestart).Synopsis
[pscustomobject]@{
    Dependencies    = Join-Path `$base 'dependencies'
    JsonLocation    = [System.Text.Json.JsonSerializer].Assembly.Location
    LoadedLocations = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not `$_.IsDynamic } | ForEach-Object Location)
} | ConvertTo-Json -Compress
"@ $fakeHome
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Text | Should -Match "Installed in $([regex]::Escape($fakeHome))"
        $run.Text | Should -Match "Loaded from $([regex]::Escape($fakeHome))"
        $run.Text | Should -Match 'CanRestart=True'
        Join-Path $PSScriptRoot '../NuGet' | Should -Not -Exist

        $loaded = ($run.Text -split '\r?\n' | Where-Object { $_ -like '{*' } | Select-Object -Last 1) | ConvertFrom-Json
        $dependencies = [IO.Path]::GetFullPath($loaded.Dependencies).TrimEnd([IO.Path]::DirectorySeparatorChar) + [IO.Path]::DirectorySeparatorChar
        Join-Path $dependencies 'System.Text.Json.dll' | Should -Exist
        $underDependencies = { param($path) $path -and [IO.Path]::GetFullPath($path).StartsWith($dependencies, [StringComparison]::OrdinalIgnoreCase) }
        $loaded.JsonLocation | Should -Not -BeNullOrEmpty
        & $underDependencies $loaded.JsonLocation | Should -BeFalse -Because "System.Text.Json came from $($loaded.JsonLocation)"
        @($loaded.LoadedLocations | Where-Object { & $underDependencies $_ }) | Should -BeNullOrEmpty
        @($loaded.LoadedLocations | Where-Object { $_ -like '*Cdss.dll' }).Count | Should -Be 1 -Because 'the module itself is loaded, once'
    }
}
