# Dot-sourced by every *.Tests.ps1 in BeforeAll: loads the built module and the emulator launcher.
$script:ModulePath = if ($env:CDSS_TEST_MODULE) { $env:CDSS_TEST_MODULE } else { Join-Path $PSScriptRoot '../out/Cdss' }
$script:EmulatorPath = if ($env:CDSS_TEST_EMULATOR) { $env:CDSS_TEST_EMULATOR } else { Join-Path $PSScriptRoot '../out/emulator' }
Import-Module $script:ModulePath -Force
Import-Module (Join-Path $PSScriptRoot '../build/CdssEmulator.psm1') -Force

function Start-TestEmulator([string[]] $ArgumentList = @()) {
    Start-CdssEmulator -EmulatorPath $script:EmulatorPath -ArgumentList $ArgumentList
}

function New-TestSecret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

# Runs a script in a new runspace of this process, returning output, errors and progress records.
function Invoke-InNewRunspace([scriptblock] $Script, [hashtable] $Arguments = @{}) {
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddScript($Script.ToString())
        foreach ($key in $Arguments.Keys) { $null = $ps.AddParameter($key, $Arguments[$key]) }
        $output = $ps.Invoke()
        [pscustomobject]@{ Output = @($output); Errors = @($ps.Streams.Error); Progress = @($ps.Streams.Progress); Warnings = @($ps.Streams.Warning) }
    }
    finally { $ps.Dispose() }
}
