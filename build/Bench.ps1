<#
    Fleet pre-check speed, measured side by side in one run against a latency-injected emulator:
    the hand-written Invoke-RestMethod loop operators use today, and Test-CdssRollingRestart at several
    -ThrottleLimit values. Prints times and ratios; asserts nothing (behaviour lives in the tests).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [int] $Clusters = 200,
    [int] $LatencyMs = 50
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'CdssEmulator.psm1') -Force
Import-Module $ModulePath -Force

$emulator = Start-CdssEmulator -EmulatorPath $EmulatorPath -ArgumentList '--clusters', "$Clusters", '--latency-ms', "$LatencyMs"
try {
    $session = Connect-Cdss -Endpoint $emulator.Endpoint -Credential $emulator.Credential -NotDefault
    $numbers = (Get-CdssCluster -Session $session).ServiceGroupInstanceNo

    # The baseline: what a script without this module does, one signed Invoke-RestMethod call after another.
    $baseline = {
        $secret = [Text.Encoding]::UTF8.GetBytes($emulator.Credential.GetNetworkCredential().Password)
        $uri = [uri]"$($emulator.Endpoint)/cluster/rollingRestartPreCheck"
        foreach ($n in $numbers) {
            $ts = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds().ToString()
            $hmac = [Security.Cryptography.HMACSHA256]::new($secret)
            $sig = [Convert]::ToBase64String($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes("POST $($uri.AbsolutePath)`n$ts`n$($emulator.AccessKey)")))
            $headers = @{ 'x-ncp-apigw-timestamp' = $ts; 'x-ncp-iam-access-key' = $emulator.AccessKey; 'x-ncp-apigw-signature-v2' = $sig }
            $r = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -ContentType 'application/json' -Body "{`"serviceGroupInstanceNo`":$n}"
            [pscustomobject]@{ ServiceGroupInstanceNo = $n; CanRestart = ($r.code -eq 0 -and $r.result -eq $true) }
        }
    }

    $rows = [System.Collections.Generic.List[object]]::new()
    $measure = {
        param([string] $Name, [scriptblock] $Run)
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $count = @(& $Run).Count
        $clock.Stop()
        if ($count -ne $numbers.Count) { throw "$Name produced $count results for $($numbers.Count) inputs." }
        $rows.Add([pscustomobject]@{ Run = $Name; Seconds = [math]::Round($clock.Elapsed.TotalSeconds, 2) })
    }

    & $measure 'Invoke-RestMethod loop (baseline)' $baseline
    foreach ($limit in 1, 4, 16, 32) {
        & $measure "Test-CdssRollingRestart -ThrottleLimit $limit" { $numbers | Test-CdssRollingRestart -Session $session -ThrottleLimit $limit }
    }

    $base = $rows[0].Seconds
    Write-Host "`n$($numbers.Count) pre-checks, $LatencyMs ms injected latency per request, one run:"
    $rows | Select-Object Run, Seconds, @{ n = 'SpeedupVsBaseline'; e = { '{0:0.0}x' -f ($base / [math]::Max($_.Seconds, 0.001)) } } |
        Format-Table -AutoSize | Out-Host
}
finally {
    Stop-CdssEmulator $emulator
}
