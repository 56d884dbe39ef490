# Dot-sourced by every *.Tests.ps1 in BeforeAll: loads the built module and the emulator launcher.
$script:ModulePath = if ($env:CDSS_TEST_MODULE) { $env:CDSS_TEST_MODULE } else { Join-Path $PSScriptRoot '../out/Cdss' }
$script:EmulatorPath = if ($env:CDSS_TEST_EMULATOR) { $env:CDSS_TEST_EMULATOR } else { Join-Path $PSScriptRoot '../out/emulator' }
Import-Module $script:ModulePath -Force
Import-Module (Join-Path $PSScriptRoot '../build/CdssEmulator.psm1') -Force

# What this test file started, so that Stop-TestEnvironment in its AfterAll can end all of it.
$script:StartedEmulators = [System.Collections.Generic.List[object]]::new()
$script:ConnectedSessions = [System.Collections.Generic.List[object]]::new()

function Start-TestEmulator([string[]] $ArgumentList = @()) {
    $emulator = Start-CdssEmulator -EmulatorPath $script:EmulatorPath -ArgumentList $ArgumentList
    $script:StartedEmulators.Add($emulator)
    $emulator
}

# Starts an emulator and connects a session to it (the default session unless -NotDefault); the session is
# the emulator's Session property. -ConnectParameter passes more Connect-Cdss parameters, e.g. @{ MaxRetries = 6 }.
function Start-ConnectedEmulator([string[]] $ArgumentList = @(), [switch] $NotDefault, [hashtable] $ConnectParameter = @{}) {
    $emulator = Start-TestEmulator $ArgumentList
    $session = Connect-Cdss -Endpoint $emulator.Endpoint -Credential $emulator.Credential -NotDefault:$NotDefault @ConnectParameter
    $script:ConnectedSessions.Add($session)
    $emulator | Add-Member -NotePropertyName Session -NotePropertyValue $session -PassThru
}

# Disconnects the default session and every session Start-ConnectedEmulator made, and stops every emulator
# Start-TestEmulator started, so that nothing of one test file is left running for the next.
function Stop-TestEnvironment {
    Disconnect-Cdss -ErrorAction SilentlyContinue
    foreach ($session in $script:ConnectedSessions) { Disconnect-Cdss -Session $session -ErrorAction SilentlyContinue }
    foreach ($emulator in $script:StartedEmulators) { Stop-CdssEmulator $emulator }
    $script:ConnectedSessions.Clear()
    $script:StartedEmulators.Clear()
}

# Polls until the script block returns a true value, or fails the test after the timeout (generous, so a
# loaded machine only makes the wait longer, never the test fail).
function Wait-Until([scriptblock] $Condition, [double] $TimeoutSec = 30, [string] $Because) {
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) {
            throw "Condition not met within $TimeoutSec s$(if ($Because) { " ($Because)" }): $Condition"
        }
        Start-Sleep -Milliseconds 25
    }
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

# Runs a script, collecting what it wrote apart: output, rollout results, errors, warnings and Information lines.
# Errors are collected, not thrown, even under the suite's $ErrorActionPreference = 'Stop'.
function Invoke-Collected([scriptblock] $Script) {
    $ErrorActionPreference = 'Continue'
    $all = @(& $Script 2>&1 3>&1 6>&1)
    [pscustomobject]@{
        Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] -and $_ -isnot [System.Management.Automation.InformationRecord] })
        Results  = @($all | Where-Object { $_ -is [Cdss.RolloutResult] })
        Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        Lines    = @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$($_.MessageData)" })
    }
}
