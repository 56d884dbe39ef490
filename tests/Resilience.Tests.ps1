BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-ConnectedEmulator -ArgumentList '--broker-restart-ms', '100'
    $script:session = $emu.Session

    function Get-Attempts([string] $Operation = 'rollingRestartPreCheck') { @(Get-CdssEmulatorRequest $emu -Operation $Operation) }
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'Retries of transient failures' {
    BeforeEach { Reset-CdssEmulator $emu }

    It '503 twice, then OK: an answer after 3 attempts, each signed anew, with one Verbose line per retry saying the attempt, reason and wait' {
        Add-CdssEmulatorFault $emu @{ kind = 'status'; status = 503; errorCode = '500'; times = 2 }
        $all = Test-CdssRollingRestart 3432149 -Verbose -ErrorAction Stop 4>&1
        $r = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $r.Count | Should -Be 1
        $r[0].CanRestart | Should -BeTrue
        $attempts = Get-Attempts
        $attempts.Count | Should -Be 3
        $attempts.status | Should -Be @(503, 503, 200)
        ($attempts.timestamp | Sort-Object -Unique).Count | Should -Be 3
        $retries = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'retrying in' })
        $retries.Count | Should -Be 2
        $retries[0].Message | Should -Match 'Attempt 1 of 4 .*HTTP 503.*retrying in \d+\.\d s'
        $retries[1].Message | Should -Match 'Attempt 2 of 4'
    }

    It '429 with Retry-After 1: an answer, the second attempt at least 1 s after the first' {
        Add-CdssEmulatorFault $emu @{ kind = 'status'; status = 429; errorCode = '410'; message = 'Throttle Limited'; retryAfter = '1'; times = 1 }
        $r = Test-CdssRollingRestart 3432149 -ErrorAction Stop
        $r.CanRestart | Should -BeTrue
        $attempts = Get-Attempts
        $attempts.Count | Should -Be 2
        $gap = [DateTimeOffset]::Parse($attempts[1].receivedAt) - [DateTimeOffset]::Parse($attempts[0].receivedAt)
        $gap.TotalMilliseconds | Should -BeGreaterOrEqual 990
    }

    It '500 always: CdssServiceError after MaxRetries + 1 attempts' {
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -MaxRetries 2 -NotDefault
        Add-CdssEmulatorFault $emu @{ kind = 'status'; status = 500; errorCode = '900'; message = 'Unexpected Error' }
        $errs = $null
        $r = Test-CdssRollingRestart 3432149 -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssServiceError*'
        "$($errs[0])" | Should -Match 'after 3 attempts'
        (Get-Attempts).Count | Should -Be 3
    }

    It 'a hang with -TimeoutSec 1 -MaxRetries 1: CdssTimeout after 2 attempts, long before the 30 s default' {
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -TimeoutSec 1 -MaxRetries 1 -NotDefault
        Add-CdssEmulatorFault $emu @{ kind = 'hang' }
        $errs = $null
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $null = Test-CdssRollingRestart 3432149 -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue
        # Two 1-second attempts; with the default timeout it would take a minute. The bound leaves room for load.
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 20
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssTimeout*'
        (Get-Attempts).Count | Should -Be 2
    }

    It 'a reset: retried, then CdssNetworkError' {
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -MaxRetries 2 -NotDefault
        Add-CdssEmulatorFault $emu @{ kind = 'reset' }
        $errs = $null
        $null = Test-CdssRollingRestart 3432149 -Session $s -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssNetworkError*'
        (Get-Attempts).Count | Should -Be 3
    }

    It 'a reset once, then OK: an answer' {
        Add-CdssEmulatorFault $emu @{ kind = 'reset'; times = 1 }
        (Test-CdssRollingRestart 3432149 -ErrorAction Stop).CanRestart | Should -BeTrue
        (Get-Attempts).Count | Should -Be 2
    }

    It 'a <Kind> body: CdssInvalidResponse, not retried' -ForEach @(
        @{ Kind = 'malformed' }, @{ Kind = 'html' }, @{ Kind = 'empty' }, @{ Kind = 'notEnvelope' }
    ) {
        Add-CdssEmulatorFault $emu @{ kind = $Kind }
        $errs = $null
        $null = Test-CdssRollingRestart 3432149 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssInvalidResponse*'
        (Get-Attempts).Count | Should -Be 1
    }

    It 'a 10-minute clock skew: an answer, with one warning' {
        Set-CdssEmulatorConfig $emu @{ clockOffsetSec = 600 }
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -NotDefault
        $warnings = $null
        $r = 3432149, 3432150 | Test-CdssRollingRestart -Session $s -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
        $r.CanRestart | Should -Be @($true, $true)
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'local clock is 10 minutes'
        $s.ClockOffset.TotalMinutes | Should -BeGreaterThan 9.9
        $statuses = (Get-Attempts).status
        @($statuses | Where-Object { $_ -eq 401 }).Count | Should -BeLessOrEqual 2
        $statuses[-1] | Should -Be 200
    }

    It 'a mixed pipeline (ok, always-500, ok): 2 objects and 1 error, in order' {
        Add-CdssEmulatorFault $emu @{ kind = 'status'; status = 500; errorCode = '900'; serviceGroupInstanceNo = 3432150 }
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -MaxRetries 1 -NotDefault
        $all = 3432149, 3432150, 3432153 | Test-CdssRollingRestart -Session $s -ErrorAction Continue 2>&1
        $all.Count | Should -Be 3
        $all[0].ServiceGroupInstanceNo | Should -Be 3432149
        $all[1] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $all[1].FullyQualifiedErrorId | Should -BeLike 'CdssServiceError*'
        $all[1].TargetObject | Should -Be 3432150
        $all[2].ServiceGroupInstanceNo | Should -Be 3432153
    }
}

Describe 'The restart is never sent twice' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'after a <Kind>: CdssOutcomeUnknown, pointing to Get-CdssRollingRestartProgress' -ForEach @(
        @{ Kind = 'status'; Rule = @{ operation = 'rollingRestart'; kind = 'status'; status = 503; errorCode = '500' } }
        @{ Kind = 'timeout'; Rule = @{ operation = 'rollingRestart'; kind = 'hang' } }
        @{ Kind = 'reset'; Rule = @{ operation = 'rollingRestart'; kind = 'reset' } }
    ) {
        Add-CdssEmulatorFault $emu $Rule
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -TimeoutSec 1 -MaxRetries 3 -NotDefault
        $errs = $null
        $null = Start-CdssRollingRestart 3432149 -Session $s -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssOutcomeUnknown*'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Get-CdssRollingRestartProgress'
        (Get-Attempts rollingRestart).Count | Should -Be 1
    }

    It 'is retried after a 429 Throttle Limited, which the gateway answered without passing it on' {
        Add-CdssEmulatorFault $emu @{ operation = 'rollingRestart'; kind = 'status'; status = 429; errorCode = '410'; retryAfter = '0'; times = 1 }
        $r = Start-CdssRollingRestart 3432149 -Force -ErrorAction Stop
        $r.Accepted | Should -BeTrue
        (Get-Attempts rollingRestart).status | Should -Be @(429, 200)
    }
}

Describe 'Cancellation' {
    BeforeEach { Reset-CdssEmulator $emu }

    # Each test holds the cmdlet in one known wait, a minute long, proves from the emulator's log (and the client's
    # own Verbose line) which wait it is in, then stops it: 10 s is far below the wait, and far above any load.
    It 'Stop() ends a pre-check waiting for an answer that does not come, with no output' {
        Add-CdssEmulatorFault $emu @{ kind = 'hang'; serviceGroupInstanceNo = 3432150 }
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -TimeoutSec 60 -NotDefault
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($m, $s) Import-Module $m; 3432150, 3432149 | Test-CdssRollingRestart -Session $s -Verbose }).AddArgument($ModulePath).AddArgument($s)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            Wait-Until { @(Get-Attempts | Where-Object { $_.serviceGroupInstanceNo -eq 3432150 -and $_.fault -like 'hang*' }).Count -eq 1 } -Because 'the emulator holds the request'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
            $async.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $output.Count | Should -Be 0
            $held = @(Get-Attempts | Where-Object serviceGroupInstanceNo -EQ 3432150)
            $held.Count | Should -Be 1 -Because 'it was stopped in its first attempt'
            $held[0].status | Should -Be 0 -Because 'it was never answered: the wait stopped was the request itself'
            @($ps.Streams.Verbose | Where-Object Message -Match 'retrying in') | Should -BeNullOrEmpty -Because 'it never reached a retry wait'
        }
        finally { $ps.Dispose(); $s | Disconnect-Cdss }
    }

    It 'Stop() ends a retry backoff' {
        Add-CdssEmulatorFault $emu @{ kind = 'status'; status = 429; errorCode = '410'; retryAfter = '60' }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($m, $s) Import-Module $m; Test-CdssRollingRestart 3432149 -Session $s -Verbose }).AddArgument($ModulePath).AddArgument($session)
            $async = $ps.BeginInvoke()
            Wait-Until { @($ps.Streams.Verbose | Where-Object Message -Match 'retrying in 60\.0 s').Count -eq 1 } -Because 'the client waits out Retry-After'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
            $async.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $attempts = @(Get-Attempts)
            $attempts.Count | Should -Be 1 -Because 'no second attempt was sent'
            $attempts[0].status | Should -Be 429 -Because 'the request was answered: the wait stopped was the backoff'
        }
        finally { $ps.Dispose() }
    }
}
