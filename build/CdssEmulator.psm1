<#
    Starts and drives the bundled CDSS API emulator (src/Cdss.Emulator) for the demo, the tests and for
    rehearsing scripts. Nothing here talks to NAVER Cloud.
#>
Set-StrictMode -Version 3.0

# The emulator's documented default key pair (see docs/EMULATOR.md).
$script:DefaultAccessKey = 'EMULATOR0ACCESS0KEY1'
$script:DefaultSecretKey = 'emulator-secret-key'

function Start-CdssEmulator {
    <#
    .SYNOPSIS
        Starts the emulator on a free loopback port and returns its endpoint and credentials.
    .PARAMETER ArgumentList
        Extra emulator options, e.g. '--clusters', '250', '--latency-ms', '50'.
    #>
    [CmdletBinding()]
    param(
        [string] $EmulatorPath = (Join-Path $PSScriptRoot '../out/emulator'),
        [string[]] $ArgumentList = @(),
        [int] $StartTimeoutSec = 30
    )
    $dll = Join-Path $EmulatorPath 'Cdss.Emulator.dll'
    if (-not (Test-Path $dll)) { throw "The emulator is not built at '$dll'. Run: dotnet pwsh ./build.ps1 -Task Build" }

    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--urls', 'http://127.0.0.1:0', '--parent-pid', "$PID") + $ArgumentList) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)

    $deadline = [DateTime]::UtcNow.AddSeconds($StartTimeoutSec)
    $endpoint = $null
    while (-not $endpoint) {
        $read = $process.StandardOutput.ReadLineAsync()
        while (-not $read.Wait(200)) {
            if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) { break }
        }
        if (-not $read.IsCompleted -or $null -eq $read.Result) {
            if (-not $process.HasExited) { $process.Kill() }
            throw "The emulator did not report 'Listening on ...' within $StartTimeoutSec s (exit code: $(if ($process.HasExited) { $process.ExitCode } else { 'still running' }))."
        }
        if ($read.Result -match '^Listening on (?<url>\S+)\s*$') { $endpoint = $Matches.url }
    }

    $secret = ConvertTo-SecureString $script:DefaultSecretKey -AsPlainText -Force
    $root = ([uri]$endpoint).GetLeftPart([UriPartial]::Authority)
    [pscustomobject]@{
        PSTypeName = 'Cdss.Emulator'
        Process    = $process
        Endpoint   = $endpoint
        ControlUri = "$root/_emulator"
        AccessKey  = $script:DefaultAccessKey
        Credential = [pscredential]::new($script:DefaultAccessKey, $secret)
    }
}

function Stop-CdssEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0, ValueFromPipeline)] $Emulator)
    process {
        if ($Emulator.Process -and -not $Emulator.Process.HasExited) {
            $Emulator.Process.Kill()
            $null = $Emulator.Process.WaitForExit(5000)
        }
    }
}

function Invoke-EmulatorControl([object] $Emulator, [string] $Method, [string] $Path, $Body) {
    $params = @{ Method = $Method; Uri = "$($Emulator.ControlUri)/$Path"; TimeoutSec = 10 }
    if ($null -ne $Body) {
        $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress -AsArray:($Body -is [array]))
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function Get-CdssEmulatorRequest {
    <#
    .SYNOPSIS
        Every request the emulator received, in arrival order (optionally one operation's), one record at a time.
    .DESCRIPTION
        Streams its records, so (Get-CdssEmulatorRequest $e | Measure-Object).Count is 0 when there are none,
        and (Get-CdssEmulatorRequest $e).Count is right for one record and for many.
    #>
    param([Parameter(Mandatory)] $Emulator, [string] $Operation)
    # ForEach-Object unrolls the JSON array, whichever way this PowerShell version hands it over.
    Invoke-EmulatorControl $Emulator GET 'requests' $null | ForEach-Object { $_ } |
        Where-Object { -not $Operation -or $_.operation -eq $Operation }
}

function Add-CdssEmulatorFault {
    <# .SYNOPSIS Adds fault rules, e.g. @{ kind='status'; status=503; errorCode='500'; times=2 }. #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [object[]] $Rule)
    $null = Invoke-EmulatorControl $Emulator POST 'faults' $Rule
}

function Set-CdssEmulatorConfig {
    <#
    .SYNOPSIS
        Changes runtime settings: latencyMs, clockOffsetSec, brokerRestartMs, faultRate, restartDelayMs,
        configApplyDelayMs. A restart captures brokerRestartMs and its delay when it is accepted.
    #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Setting)
    $null = Invoke-EmulatorControl $Emulator POST 'config' $Setting
}

function Set-CdssEmulatorCluster {
    <#
    .SYNOPSIS
        Changes one cluster's test settings, e.g. @{ failAtBroker = 1 } (1-based; $null clears it), and returns them.
        Reset-CdssEmulator restores the seed.
    #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [long] $ServiceGroupInstanceNo, [Parameter(Mandatory)] [hashtable] $Setting)
    Invoke-EmulatorControl $Emulator POST "clusters/$ServiceGroupInstanceNo" $Setting
}

function Set-CdssEmulatorTraffic {
    <#
    .SYNOPSIS
        Changes one cluster's traffic faults and returns them: @{ recovers = $false } keeps its message rate at the
        dip after a restart; @{ absentMetrics = @('cluster_messagesInSecMean') } leaves metrics out of its monitoring
        answers; $null restores a default. Reset-CdssEmulator restores every default.
    #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [long] $ServiceGroupInstanceNo, [Parameter(Mandatory)] [hashtable] $Setting)
    Invoke-EmulatorControl $Emulator POST "clusters/$ServiceGroupInstanceNo/traffic" $Setting
}

function Get-CdssEmulatorRestart {
    <#
    .SYNOPSIS
        Every accepted restart-like run, in acceptance order, one record at a time: serviceGroupInstanceNo,
        clusterName, kind, acceptedAt, startedAt, finishedAt (null while running), outcome (running | succeeded | failed).
    #>
    param([Parameter(Mandatory)] $Emulator)
    Invoke-EmulatorControl $Emulator GET 'restarts' $null | ForEach-Object { $_ }
}

function Reset-CdssEmulator {
    <# .SYNOPSIS Clears faults, the request log, runs and cluster state (back to the seed) and runtime settings. #>
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-EmulatorControl $Emulator POST 'reset' $null
}

Export-ModuleMember -Function Start-CdssEmulator, Stop-CdssEmulator, Get-CdssEmulatorRequest, Get-CdssEmulatorRestart,
    Add-CdssEmulatorFault, Set-CdssEmulatorConfig, Set-CdssEmulatorCluster, Set-CdssEmulatorTraffic, Reset-CdssEmulator
