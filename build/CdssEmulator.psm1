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
    # One quoted command line rather than ArgumentList, which Windows PowerShell 5.1 (.NET Framework) does not have.
    $info.Arguments = (@($dll, '--urls', 'http://127.0.0.1:0', '--parent-pid', "$PID") + $ArgumentList | ForEach-Object { '"' + ($_ -replace '"', '\"') + '"' }) -join ' '

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
        # An array stays an array (ConvertTo-Json -AsArray is PowerShell 7 only).
        $params.Body = if ($Body -is [array]) { '[' + (($Body | ForEach-Object { ConvertTo-Json $_ -Depth 10 -Compress }) -join ',') + ']' }
                       else { ConvertTo-Json $Body -Depth 10 -Compress }
        $params.ContentType = 'application/json'
    }
    try { Invoke-RestMethod @params }
    catch [Microsoft.PowerShell.Commands.HttpResponseException] {
        # The status line alone says nothing; the emulator's reason is in the body, {"error": "..."}.
        $status = [int]$_.Exception.Response.StatusCode
        $body = $_.ErrorDetails.Message
        $reason = try { ($body | ConvertFrom-Json -ErrorAction Stop).error } catch { $null }
        throw "The emulator refused $Method /_emulator/$Path ($status): $(if ($reason) { $reason } else { $body })"
    }
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

function Set-CdssEmulatorDialect {
    <#
    .SYNOPSIS
        Changes how the emulator writes the forms the public sources leave open, and returns the dialect in use:
        customValueAtDefault (null | missing | empty), rangeStyle (tilde | tightTilde | dash | spacedDash | bracket |
        dots), choiceStyle (pipe | comma), clusterListIgnoresPageNo ($true | $false). Reset-CdssEmulator restores it.
    #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Setting)
    Invoke-EmulatorControl $Emulator POST 'dialect' $Setting
}

function Move-CdssEmulatorClock {
    <#
    .SYNOPSIS
        Moves the emulator clock forward by -Seconds (fractions allowed) and returns the new emulator time
        (now, advancedSeconds, totalAdvancedSeconds). Restart phases and fault windows follow that clock, so this
        finishes a restart or passes a fault window without waiting. The clock never goes back, not even on reset.
    .EXAMPLE
        Move-CdssEmulatorClock -Emulator $emu -Seconds 90
    #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [double] $Seconds)
    Invoke-EmulatorControl $Emulator POST 'clock' @{ advanceSeconds = $Seconds }
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
    <# .SYNOPSIS Clears faults, the request log, runs and cluster state (back to the seed), runtime settings and the dialect. #>
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-EmulatorControl $Emulator POST 'reset' $null
}

Export-ModuleMember -Function Start-CdssEmulator, Stop-CdssEmulator, Get-CdssEmulatorRequest, Get-CdssEmulatorRestart,
    Add-CdssEmulatorFault, Set-CdssEmulatorConfig, Set-CdssEmulatorCluster, Set-CdssEmulatorDialect, Move-CdssEmulatorClock, Set-CdssEmulatorTraffic, Reset-CdssEmulator
