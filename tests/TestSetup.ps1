# Dot-sourced by every *.Tests.ps1 in BeforeAll: loads the built module and the emulator launcher.
$script:ModulePath = if ($env:CDSS_TEST_MODULE) { $env:CDSS_TEST_MODULE } else { Join-Path $PSScriptRoot '../out/Cdss' }
$script:EmulatorPath = if ($env:CDSS_TEST_EMULATOR) { $env:CDSS_TEST_EMULATOR } else { Join-Path $PSScriptRoot '../out/emulator' }
Import-Module $script:ModulePath -Force
Import-Module (Join-Path $PSScriptRoot '../build/CdssEmulator.psm1') -Force

# What this test file started, so that Stop-TestEnvironment in its AfterAll can end all of it.
$script:StartedEmulators = [System.Collections.Generic.List[object]]::new()
$script:ConnectedSessions = [System.Collections.Generic.List[object]]::new()
$script:ClockDrivers = [System.Collections.Generic.List[object]]::new()

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
    foreach ($driver in $script:ClockDrivers) { Stop-ClockDriver $driver }
    $script:ClockDrivers.Clear()
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

# A background runspace that moves the emulator clock past every restart-like run once a read has shown it running, so
# that a -Wait rollout finds it done at its next poll (one poll interval per cluster) instead of waiting for its brokers
# in real time, and can never miss its start, however loaded the machine: a run the driver finishes was seen by a read
# first, and until then it only moves with the real clock (start the emulator with a broker restart time long enough to
# be seen, e.g. '--broker-restart-ms', '1000'). A read shows a run when it arrived after its first broker went down, or,
# during the start delay that shows nowhere else, when it is a pre-check (which says "in progress") or the run is a
# config apply (whose settling shows as "changing"). The clock moves only while every running run has been shown and
# the newest started half a second ago (emulator time), so that no run is carried past its start unseen and the clusters
# a rollout starts together (-ThrottleLimit) do run together; runs of the clusters in the driver's Hold list are left
# to the real clock. Reads come from the emulator's request log, so the driver serves rollouts in this process and in
# child processes alike. Stop-TestEnvironment stops it.
function Start-ClockDriver($Emulator) {
    $state = [hashtable]::Synchronized(@{ Stop = $false; Hold = @(); Moves = 0; Errors = [System.Collections.Generic.List[string]]::new() })
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
            param([string] $ControlUri, $State)
            # One HTTP client, and text checks before any parsing: most looks find nothing running, or nothing new since
            # the last look, and should cost next to nothing.
            Add-Type -AssemblyName System.Net.Http   # Windows PowerShell 5.1 does not load it by itself
            $http = [System.Net.Http.HttpClient]::new()
            $http.Timeout = [TimeSpan]::FromSeconds(10)
            function Get-Text([string] $Path) { $http.GetStringAsync("$ControlUri/$Path").GetAwaiter().GetResult() }
            $starts = 'rollingRestart', 'rollingUpgrade', 'setClusterKafkaConfigGroup', 'restartKafkaServicePerNode', 'restartKafkaService', 'restartAllServices'
            $lastLook = $null
            while (-not $State.Stop) {
                $busy = $false
                try {
                    $restarts = Get-Text 'restarts'
                    $busy = $restarts.Contains('"outcome":"running"')
                    $ready = $false
                    if ($busy) {
                        $requests = Get-Text 'requests'
                        $look = "$restarts`n$requests`n$($State.Hold -join ',')"
                        if ($look -ne $lastLook) {
                            $lastLook = $look
                            $running = @($restarts | ConvertFrom-Json | ForEach-Object { $_ } | Where-Object outcome -EQ 'running')
                            $ready = $running.Count -gt 0
                            foreach ($run in $running) { if ($run.serviceGroupInstanceNo -in $State.Hold) { $ready = $false } }
                            if ($ready) {
                                $reads = @($requests | ConvertFrom-Json | ForEach-Object { $_ })
                                foreach ($run in $running) {
                                    $accepted = [DateTimeOffset]$run.acceptedAt
                                    $started = [DateTimeOffset]$run.startedAt
                                    $shown = $false
                                    foreach ($read in $reads) {
                                        if ($read.status -ne 200 -or $read.serviceGroupInstanceNo -ne $run.serviceGroupInstanceNo -or $read.operation -in $starts) { continue }
                                        $at = [DateTimeOffset]$read.receivedAt
                                        if ($at -ge $started -or ($at -ge $accepted -and ($read.operation -like '*PreCheck' -or $run.kind -eq 'configApply'))) { $shown = $true; break }
                                    }
                                    if (-not $shown) { $ready = $false; break }
                                }
                            }
                        }
                    }
                    if ($ready) {
                        # Half a second (emulator time) after the newest start, so that a rollout starting several
                        # clusters at once (-ThrottleLimit) has started them all before the first one ends.
                        $now = [DateTimeOffset]((Get-Text 'clock' | ConvertFrom-Json).now)
                        foreach ($run in $running) { if (($now - [DateTimeOffset]$run.acceptedAt).TotalMilliseconds -lt 500) { $ready = $false } }
                        if (-not $ready) { $lastLook = $null }
                    }
                    if ($ready) {
                        $config = Get-Text 'config' | ConvertFrom-Json
                        $step = [Math]::Max(50, [Math]::Max($config.brokerRestartMs, [Math]::Max($config.restartDelayMs, $config.configApplyDelayMs))) / 1000
                        $body = [System.Net.Http.StringContent]::new("{`"advanceSeconds`":$step}", [Text.Encoding]::UTF8, 'application/json')
                        $null = $http.PostAsync("$ControlUri/clock", $body).GetAwaiter().GetResult().EnsureSuccessStatusCode()
                        $State.Moves++
                        $lastLook = $null
                        continue
                    }
                }
                catch { if ($State.Errors.Count -lt 20) { $State.Errors.Add("$_") } }
                # Look often while something runs, less while nothing does.
                Start-Sleep -Milliseconds $(if ($busy) { 150 } else { 400 })
            }
            $http.Dispose()
        }).AddArgument($Emulator.ControlUri).AddArgument($state)
    $driver = [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke(); State = $state }
    $script:ClockDrivers.Add($driver)
    $driver
}

function Stop-ClockDriver($Driver) {
    $Driver.State.Stop = $true
    # A driver that failed only makes rollouts wait for their brokers in real time: say so, or the run just gets slow.
    foreach ($problem in $Driver.State.Errors) { Write-Warning "The emulator clock driver: $problem" }
    if (-not $Driver.Handle.AsyncWaitHandle.WaitOne(5000)) { $Driver.PowerShell.Stop() }
    $Driver.PowerShell.Dispose()
}
