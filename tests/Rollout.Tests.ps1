# Start-CdssRollingRestart -Wait as a rollout, Wait-CdssRollingRestart and Export-CdssReport, over real HTTP to the emulator.
# One end-to-end test per behaviour of the rollout; the engine's rules in every combination (timeouts, deadlines, polls
# failing for minutes, throttling, resume) are proved on a fake clock by tests/Cdss.Tests (RolloutEngineTests,
# RolloutResumeTests, DoneRuleTests, Simulation). A broker takes 1 s to restart, long enough for the first poll to see
# it even on a loaded machine; the clock driver then finishes the restart, so each cluster costs one poll (1 s).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-ConnectedEmulator -ArgumentList '--broker-restart-ms', '1000'
    $script:session = $emu.Session
    $script:driver = Start-ClockDriver $emu
    $script:pwsh = Join-Path $PSHOME 'pwsh'
    # Every wait is bounded: a rollout that never sees its restart fails in a minute instead of hanging for an hour.
    $script:rollout = @{ Wait = $true; Force = $true; PollIntervalSec = 1; TimeoutMinutes = 1 }

    function Get-RestartRequest($Emulator = $script:emu) { @(Get-CdssEmulatorRequest $Emulator -Operation rollingRestart) }

    # The rollout called a cluster done only on reads made after its run had finished (all on the emulator clock).
    function Assert-DoneAfterRun([long] $Number) {
        $run = @(Get-CdssEmulatorRestart $emu | Where-Object serviceGroupInstanceNo -EQ $Number)[-1]
        $run.outcome | Should -Be 'succeeded'
        $lastRead = @(Get-CdssEmulatorRequest $emu -Operation rollingRestartProgressCheck | Where-Object serviceGroupInstanceNo -EQ $Number)[-1]
        [DateTimeOffset]$lastRead.receivedAt | Should -BeGreaterOrEqual ([DateTimeOffset]$run.finishedAt) -Because 'done is called on what the service showed after the restart ended'
    }

    # The script a child pwsh runs: connect through the environment, restart three clusters with a journal; with
    # -Again, then the same rollout once more with its Information lines silenced (6>$null).
    $script:childScript = Join-Path $TestDrive 'rollout.ps1'
    Set-Content $childScript -Value @'
param([string] $ModulePath, [string] $Journal, [switch] $Again)
$ErrorActionPreference = 'Continue'
Import-Module $ModulePath
Connect-Cdss | Out-Null
Get-CdssCluster -ServiceGroupInstanceNo 3432149, 3432150, 3432153 |
    Start-CdssRollingRestart -Wait -Force -PollIntervalSec 1 -TimeoutMinutes 1 -JournalPath $Journal |
    Format-Table ServiceGroupInstanceNo, Outcome -AutoSize | Out-String -Width 200
if ($Again) {
    '=== silenced ==='
    $null = Start-CdssRollingRestart 3432149, 3432150, 3432153 -Wait -Force -PollIntervalSec 1 -TimeoutMinutes 1 -JournalPath $Journal 6>$null
}
'@

    function Start-Child([string] $Journal, [switch] $Again) {
        $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh)
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $childScript, '-ModulePath', $ModulePath, '-Journal', $Journal) { $info.ArgumentList.Add($a) }
        if ($Again) { $info.ArgumentList.Add('-Again') }
        $info.Environment['CDSS_ENDPOINT'] = $emu.Endpoint
        $info.Environment['NCLOUD_ACCESS_KEY'] = $emu.AccessKey
        $info.Environment['NCLOUD_SECRET_KEY'] = 'emulator-secret-key'
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        $process | Add-Member -NotePropertyName StdOutTask -NotePropertyValue $process.StandardOutput.ReadToEndAsync()
        $process | Add-Member -NotePropertyName StdErrTask -NotePropertyValue $process.StandardError.ReadToEndAsync()
        $process
    }
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'A rollout over a fleet: halting, skipping, its results and its reports' {
    BeforeAll {
        Reset-CdssEmulator $emu
        $null = Get-CdssCluster -WarningAction SilentlyContinue
        $script:checks = @(Test-CdssRollingRestart 3432149, 3432151)
        # kafka-stage is not ready, kafka-flaky turns red during its restart: the rollout halts before kafka-prod-02.
        $script:run = Invoke-Collected { Start-CdssRollingRestart 3432151, 3432149, 3432154, 3432150 @rollout }
        $script:results = $run.Results
        $script:runs = @(Get-CdssEmulatorRestart $emu)
    }

    It 'a cluster that turns red stops the rollout; the rest are NotStarted and never requested' {
        "$($results.Outcome)" | Should -Be 'Skipped Succeeded Failed NotStarted'
        $results.ServiceGroupInstanceNo | Should -Be @(3432151, 3432149, 3432154, 3432150)
        (Get-RestartRequest).serviceGroupInstanceNo | Should -Be @(3432149, 3432154)
        $run.Errors.Count | Should -Be 2
        $red = $run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'CdssRestartFailed*' }
        "$red" | Should -Match '^Cluster 3432154 \(kafka-flaky\): '
        "$red" | Should -Match 'kafka-flaky-broker-002=error' -Because 'the error shows the node status'
        $results[3].Message | Should -Match 'halted'
    }

    It 'restarts one cluster at a time: the next is requested only after the last one finished' {
        $runs.serviceGroupInstanceNo | Should -Be @(3432149, 3432154)
        [DateTimeOffset]$runs[1].acceptedAt | Should -BeGreaterOrEqual ([DateTimeOffset]$runs[0].finishedAt)
        Assert-DoneAfterRun 3432149
    }

    It 'a pre-check that says no is Skipped with CdssPreCheckFailed, and the rollout goes on' {
        $results[0].Code | Should -Be 0
        $results[0].Message | Should -Be 'Cluster is not in running state (changing)'
        $skipped = $run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'CdssPreCheckFailed*' }
        "$skipped" | Should -Match '^Cluster 3432151 \(kafka-stage\)'
        $results[1].Outcome | Should -Be 'Succeeded'
    }

    It 'writes Cdss.RollingRestartResult with the contract''s properties' {
        $r = $results[1]
        $r.PSTypeNames[0] | Should -Be 'Cdss.RollingRestartResult'
        $r.ServiceGroupInstanceNo | Should -BeOfType [long]
        $r.ClusterName | Should -Be 'kafka-prod-01'
        $r.Code | Should -Be 0
        $r.RequestId | Should -Match '^[0-9a-f]{8}-'
        $r.RequestedAt | Should -BeOfType [DateTimeOffset]
        $r.FinishedAt | Should -BeOfType [DateTimeOffset]
        $r.RequestedAt.Offset | Should -Be ([TimeSpan]::Zero)
        $r.Duration | Should -BeOfType [TimeSpan]
        $r.Duration | Should -Be ($r.FinishedAt - $r.RequestedAt)
        $r.BrokerStatus | Should -Be 'green'
        $r.BrokersUp | Should -Be 3
        $r.BrokersTotal | Should -Be 3
        $r.Progress.PSTypeNames[0] | Should -Be 'Cdss.RollingRestartProgress'
    }

    It 'Export-CdssReport writes JUnit that validates against the JUnit XSD, one testcase per cluster, every cluster not done a failure' {
        $path = Join-Path $TestDrive 'report.xml'
        $checks + $results | Export-CdssReport -Path $path -Format JUnit
        $schemas = [System.Xml.Schema.XmlSchemaSet]::new()
        $null = $schemas.Add($null, (Join-Path $PSScriptRoot 'TestData/junit-10.xsd'))
        $settings = [System.Xml.XmlReaderSettings]::new()
        $settings.ValidationType = 'Schema'
        $settings.Schemas = $schemas
        $problems = [System.Collections.Generic.List[string]]::new()
        $settings.add_ValidationEventHandler({ param($s, $e) $problems.Add("$($e.Severity): $($e.Message)") })
        $reader = [System.Xml.XmlReader]::Create($path, $settings)
        try { while ($reader.Read()) { } } finally { $reader.Dispose() }
        $problems | Should -BeNullOrEmpty

        [xml] $xml = Get-Content $path -Raw
        $cases = @($xml.testsuites.testsuite.testcase)
        $cases.Count | Should -Be 6
        $cases.name | Should -Contain 'kafka-prod-01 (3432149)'
        $restart = $xml.testsuites.testsuite | Where-Object name -EQ 'Cdss Rolling restart'
        # Clusters left untouched are not done: failures, so that a CI gate never passes them.
        $restart.failures | Should -Be '3'
        $restart.skipped | Should -Be '0'
        $failed = $restart.testcase | Where-Object name -EQ 'kafka-flaky (3432154)'
        $failed.failure.message | Should -Match 'Failed: .*RequestId: [0-9a-f]{8}-'
        ($restart.testcase | Where-Object name -EQ 'kafka-stage (3432151)').failure.type | Should -Be 'Skipped'
        ($restart.testcase | Where-Object name -EQ 'kafka-prod-02 (3432150)').failure.type | Should -Be 'NotStarted'
        $precheck = $xml.testsuites.testsuite | Where-Object name -EQ 'Cdss Rolling restart pre-check'
        ($precheck.testcase | Where-Object name -EQ 'kafka-stage (3432151)').failure | Should -Not -BeNullOrEmpty
        $xml.testsuites.failures | Should -Be '4'
    }

    It 'Export-CdssReport writes a Markdown summary table' {
        $path = Join-Path $TestDrive 'report.md'
        $results | Export-CdssReport $path Markdown
        $text = Get-Content $path -Raw
        $text | Should -Match '\| Cluster \| Number \| Result \| Outcome \|'
        $text | Should -Match '\| kafka-flaky \| 3432154 \| ❌ failed \| Failed \|'
        $text | Should -Match '4 cluster\(s\): 1 Skipped, 1 Succeeded, 1 Failed, 1 NotStarted'
    }

    It 'Export-CdssReport refuses other objects, and writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.xml'
        $results | Export-CdssReport $path JUnit -WhatIf
        $path | Should -Not -Exist
        $errs = $null
        'text' | Export-CdssReport (Join-Path $TestDrive 'x.xml') JUnit -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssInvalidArgument*'
    }

    It 'keeps every request id whole at 80 columns and never breaks a header' {
        $tables = @($results | Out-String -Width 80), @($checks | Out-String -Width 80), (@($checks) + @($results) | Out-String -Width 80)
        foreach ($text in $tables) {
            foreach ($line in $text -split "`r?`n") { $line.Length | Should -BeLessOrEqual 80 }
        }
        foreach ($id in @($results.RequestId + $checks.RequestId | Where-Object { $_ })) {
            $tables[2] | Should -Match ([regex]::Escape($id))
        }
        $tables[0] | Should -Match '(?m)^Cluster\s+Outcome\s+Took RequestId\s*$'
        $tables[1] | Should -Match '(?m)^Cluster\s+CanRestart RequestId\s+Message\s*$'
        $tables[0] | Should -Match '(?m)^kafka-flaky\s+Failed\s'
    }
}

Describe 'Halting rules' {
    BeforeEach { Reset-CdssEmulator $emu; $null = Get-CdssCluster -WarningAction SilentlyContinue }

    It '-MaxFailures 1 goes on past one failed cluster' {
        # The first start request is lost to a 503: OutcomeUnknown, a failure that halts a rollout without -MaxFailures.
        Add-CdssEmulatorFault $emu @{ operation = 'rollingRestart'; kind = 'status'; status = 503; times = 1 }
        $r = Invoke-Collected { Start-CdssRollingRestart 3432153, 3432149 @rollout -MaxFailures 1 }
        "$($r.Results.Outcome)" | Should -Be 'OutcomeUnknown Succeeded'
        (Get-RestartRequest).Count | Should -Be 2
    }

    It 'under $ErrorActionPreference = Stop, a refused cluster first: the ready one is still watched to Succeeded, both results are written, then it fails' {
        $results = [System.Collections.Generic.List[object]]::new()
        $failure = $null
        try {
            $ErrorActionPreference = 'Stop'
            Start-CdssRollingRestart 3432151, 3432149 @rollout 6>$null | ForEach-Object { $results.Add($_) }
        }
        catch { $failure = $_ }
        "$($results.Outcome)" | Should -Be 'Skipped Succeeded'
        $failure.FullyQualifiedErrorId | Should -BeLike 'CdssPreCheckFailed*'
        "$failure" | Should -Match '^Cluster 3432151 \(kafka-stage\)'
        @(Get-CdssEmulatorRestart $emu).serviceGroupInstanceNo | Should -Be @(3432149)
        Assert-DoneAfterRun 3432149
        (Get-CdssRollingRestartProgress 3432149).BrokerStatus | Should -Be 'green'
    }

    It 'names a cluster given by number alone in its result, even one skipped before any progress was read' {
        # A session that has seen no cluster list: the rollout reads it once, for the names.
        $fresh = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -NotDefault
        $r = Invoke-Collected { Start-CdssRollingRestart 3432151 @rollout -Session $fresh }
        $r.Results[0].Outcome | Should -Be 'Skipped'
        $r.Results[0].ClusterName | Should -Be 'kafka-stage'
        "$($r.Errors[0])" | Should -Match '^Cluster 3432151 \(kafka-stage\): '
        Disconnect-Cdss -Session $fresh
    }

    It '-Deadline: a deadline that has passed starts nothing, and says so' {
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149, 3432150 @rollout -Deadline (Get-Date).AddMinutes(-1) }
        "$($r.Results.Outcome)" | Should -Be 'Deferred Deferred'
        $r.Results[0].Message | Should -Match 'deadline'
        @(Get-CdssEmulatorRequest $emu -Operation rollingRestartPreCheck).Count | Should -Be 0
        (Get-RestartRequest).Count | Should -Be 0
    }

    It '-ThrottleLimit 2: the emulator never has more than 2 clusters restarting at once' {
        $ready = @(Get-CdssCluster -ServiceGroupInstanceNo 3432149, 3432150, 3432153)
        $r = Invoke-Collected { $ready | Start-CdssRollingRestart @rollout -ThrottleLimit 2 }
        "$($r.Results.Outcome)" | Should -Be 'Succeeded Succeeded Succeeded'
        $runs = @(Get-CdssEmulatorRestart $emu)
        $runs.Count | Should -Be 3
        $maxOverlap = 0
        foreach ($run in $runs) {
            $at = [DateTimeOffset]$run.acceptedAt
            $overlap = @($runs | Where-Object { [DateTimeOffset]$_.acceptedAt -le $at -and [DateTimeOffset]$_.finishedAt -gt $at }).Count
            $maxOverlap = [Math]::Max($maxOverlap, $overlap)
        }
        $maxOverlap | Should -Be 2 -Because 'two may run at once, and with three clusters two do'
        $r.Results.ServiceGroupInstanceNo | Should -Be $ready.ServiceGroupInstanceNo
    }
}

Describe 'The "done" rule' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'a late start is seen through the pre-check''s "in progress", and is not done before its brokers restarted' {
        # For 5 s after acceptance the progress check shows nothing; only the pre-check says "in progress".
        Set-CdssEmulatorConfig $emu @{ restartDelayMs = 5000 }
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149 @rollout }
        "$($r.Results.Outcome)" | Should -Be 'Succeeded'
        $r.Lines | Where-Object { $_ -match 'cluster 3432149 .*observed starting: the service says it is in progress' } | Should -Not -BeNullOrEmpty
        Assert-DoneAfterRun 3432149
    }

    It '503s while polling are warnings, and polling goes on to success' {
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -MaxRetries 0 -NotDefault
        Add-CdssEmulatorFault $emu @{ operation = 'rollingRestartProgressCheck'; kind = 'status'; status = 503; errorCode = '500'; times = 1 }
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149 -Session $s @rollout }
        $r.Results[0].Outcome | Should -Be 'Succeeded'
        $r.Errors | Should -BeNullOrEmpty
        $r.Warnings.Count | Should -BeGreaterOrEqual 1
        "$($r.Warnings[0])" | Should -Match 'cluster 3432149.*could not read progress.*still waiting'
        @(Get-CdssEmulatorRequest $emu -Operation rollingRestartProgressCheck | Where-Object status -EQ 503).Count | Should -Be 1
        Assert-DoneAfterRun 3432149
    }

    It 'a poll the service refuses ends the wait at once as WaitInterrupted, saying the restart may still run; the rest are NotStarted' {
        # Polls failing until -TimeoutMinutes end the same way (RolloutEngineTests.PollsFailingUntilTheTimeout_EndAsWaitInterrupted).
        Add-CdssEmulatorFault $emu @{ operation = 'rollingRestartProgressCheck'; kind = 'status'; status = 401; errorCode = '200'; message = 'Authentication Failed' }
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149, 3432150 @rollout }
        "$($r.Results.Outcome)" | Should -Be 'WaitInterrupted NotStarted'
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssWaitInterrupted*'
        "$($r.Errors[0])" | Should -Match 'may still be running'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Wait-CdssRollingRestart'
        (Get-RestartRequest).serviceGroupInstanceNo | Should -Be @(3432149)
    }
}

Describe 'A restart nobody saw happen is never reported done' {
    BeforeEach {
        Reset-CdssEmulator $emu
        $null = Get-CdssCluster -WarningAction SilentlyContinue
        # The start request gets a 503 from the gateway: the service starts nothing.
        Add-CdssEmulatorFault $emu @{ operation = 'rollingRestart'; kind = 'status'; status = 503; times = 1 }
        $script:journal = Join-Path $TestDrive "lost-$([guid]::NewGuid()).jsonl"
        $script:restart = { 3432149 | Start-CdssRollingRestart @rollout -JournalPath $journal }
        # The next run comes the next night: the journal's times move back, as if an hour had passed.
        function script:Step-Night {
            $lines = Get-Content $journal | ConvertFrom-Json
            $lines | ForEach-Object { $_.time = ([DateTimeOffset]$_.time).AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'") }
            Set-Content $journal -Value ($lines | ForEach-Object { $_ | ConvertTo-Json -Compress })
        }
    }

    It 'ends OutcomeUnknown in every later run, sends one request in all, and its JUnit report fails the cluster' {
        $first = Invoke-Collected $restart
        "$($first.Results.Outcome)" | Should -Be 'OutcomeUnknown'
        Step-Night
        $second = Invoke-Collected $restart
        "$($second.Results.Outcome)" | Should -Be 'OutcomeUnknown'
        $second.Results[0].Message | Should -Match 'never seen to begin'
        $third = Invoke-Collected { & $restart | Export-CdssReport -Path (Join-Path $TestDrive 'lost.xml') -Format JUnit -PassThru }
        "$($third.Results.Outcome)" | Should -Be 'OutcomeUnknown'
        $third.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssOutcomeUnknown*'
        $third.Errors[0].Exception.RecommendedAction | Should -Match ([regex]::Escape("Resolve-CdssRollout -JournalPath '$journal' -ServiceGroupInstanceNo 3432149"))
        @(Get-RestartRequest).Count | Should -Be 1
        ([xml](Get-Content (Join-Path $TestDrive 'lost.xml') -Raw)).testsuites.failures | Should -Be '1'
        @(Get-CdssEmulatorRestart $emu).Count | Should -Be 0 -Because 'the emulator never ran a restart'
    }

    It 'Resolve-CdssRollout -As Done: the next run is AlreadyDone, says who, when and why, and sends nothing' {
        $null = Invoke-Collected $restart
        Step-Night
        $null = Invoke-Collected $restart
        $decision = Resolve-CdssRollout -JournalPath $journal -ServiceGroupInstanceNo 3432149 -As Done -Reason 'restarted from the console' -Confirm:$false 6>$null
        $decision.PSTypeNames[0] | Should -Be 'Cdss.RolloutResolution'
        $decision.Was | Should -Be 'Unresolved'
        $decision.ResolvedBy | Should -Be ([Environment]::UserName)

        $next = Invoke-Collected $restart
        "$($next.Results.Outcome)" | Should -Be 'AlreadyDone'
        $next.Results[0].Message | Should -Match "Resolved as done by $([regex]::Escape([Environment]::UserName)) at \d{4}-.+: restarted from the console"
        $next.Errors.Count | Should -Be 0
        @(Get-RestartRequest).Count | Should -Be 1
    }

    It 'Resolve-CdssRollout -As Retry: the next run requests it exactly once more' {
        $null = Invoke-Collected $restart
        Step-Night
        $null = Invoke-Collected $restart
        $null = Resolve-CdssRollout -JournalPath $journal -ServiceGroupInstanceNo 3432149 -As Retry -Reason 'not restarted' -Confirm:$false 6>$null

        "$((Invoke-Collected $restart).Results.Outcome)" | Should -Be 'Succeeded'
        "$((Invoke-Collected $restart).Results.Outcome)" | Should -Be 'AlreadyDone'
        @(Get-RestartRequest).Count | Should -Be 2
    }

    It 'Resolve-CdssRollout refuses a journal in use, and a cluster with nothing unresolved; -WhatIf writes nothing' {
        $null = Invoke-Collected $restart
        $before = Get-Content $journal -Raw
        $null = Resolve-CdssRollout $journal 3432149 -As Done -Reason 'x' -WhatIf
        Get-Content $journal -Raw | Should -Be $before

        $r = Invoke-Collected { Resolve-CdssRollout $journal 3432150 -As Retry -Reason 'x' -Confirm:$false }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssNothingToResolve*'
        Get-Content $journal -Raw | Should -Be $before

        $holder = [System.IO.File]::Open($journal, 'Open', 'ReadWrite', 'None')
        try {
            { Resolve-CdssRollout $journal 3432149 -As Done -Reason 'x' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'CdssJournalInUse*'
        }
        finally { $holder.Dispose() }
    }
}

Describe 'Progress and Wait-CdssRollingRestart' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'shows progress bars per cluster under the rollout''s own, with the brokers up and each node''s status' {
        $result = Invoke-InNewRunspace {
            param($m, $s)
            Import-Module $m
            Start-CdssRollingRestart 3432150 -Session $s -Wait -PollIntervalSec 1 -TimeoutMinutes 1 -Confirm:$false 6>$null
        } @{ m = $ModulePath; s = $session }
        $result.Errors | Should -BeNullOrEmpty
        $final = $result.Output[0]
        $final.PSTypeNames[0] | Should -Be 'Cdss.RollingRestartResult'
        $final.Outcome | Should -Be 'Succeeded'
        $final.BrokersUp | Should -Be 5
        $final.BrokersTotal | Should -Be 5
        $final.BrokerStatus | Should -Be 'green'
        $final.Progress.PSTypeNames[0] | Should -Be 'Cdss.RollingRestartProgress'
        $overall = $result.Progress | Where-Object Activity -EQ 'Rolling restart'
        $overall[0].StatusDescription | Should -Be 'Cluster 1 of 1'
        $records = $result.Progress | Where-Object Activity -Like 'Cluster 3432150*'
        $records | Should -Not -BeNullOrEmpty
        $records.ParentActivityId | Sort-Object -Unique | Should -Be 10
        ($records.StatusDescription -match '^\d/5 brokers up, status orange$') | Should -Not -BeNullOrEmpty
        ($records.CurrentOperation -match 'kafka-prod-02-broker-001=') | Should -Not -BeNullOrEmpty
        (Get-CdssEmulatorRequest $emu -Operation rollingRestartProgressCheck).Count | Should -BeGreaterThan 1
    }

    It 'Wait-CdssRollingRestart attaches to a restart already running and waits for it, never requesting one' {
        $null = Start-CdssRollingRestart 3432150 -Force
        $r = Invoke-Collected { Wait-CdssRollingRestart 3432150 -PollIntervalSec 1 -TimeoutMinutes 1 }
        $r.Results[0].PSTypeNames[0] | Should -Be 'Cdss.RollingRestartResult'
        $r.Results[0].Outcome | Should -Be 'Succeeded'
        $r.Results[0].BrokersUp | Should -Be 5
        Assert-DoneAfterRun 3432150
        (Get-RestartRequest).Count | Should -Be 1
        @(Get-CdssEmulatorRequest $emu -Operation rollingRestartPreCheck).Count | Should -BeGreaterThan 0
    }

    It 'Wait-CdssRollingRestart writes NotStarted at once for a cluster with no restart running' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Collected { 3432149 | Wait-CdssRollingRestart -PollIntervalSec 1 -TimeoutMinutes 1 }
        $r.Results[0].Outcome | Should -Be 'NotStarted'
        $r.Results[0].Message | Should -Match 'nothing to wait for'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
        (Get-RestartRequest).Count | Should -Be 0
    }
}

Describe 'The journal, across processes' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'a run killed during the second of three clusters resumes with one restart request per cluster, and its record goes to redirected stdout' {
        $journal = Join-Path $TestDrive 'kill.jsonl'
        # kafka-prod-02's restart is left to the real clock (5 brokers of 3 s), so the kill comes while it runs.
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 3000 }
        $driver.State.Hold = @(3432150)
        try {
            $child = Start-Child $journal
            try {
                Wait-Until { @(Get-RestartRequest | Where-Object serviceGroupInstanceNo -EQ 3432150).Count -eq 1 } 60
                Start-Sleep -Milliseconds 300
            }
            finally { $child.Kill($true); $child.WaitForExit(10000) | Out-Null }
        }
        finally { $driver.State.Hold = @() }
        (Get-Content $journal | ConvertFrom-Json | Where-Object { $_.cluster -eq 3432150 -and $_.event -eq 'requesting' }).Count | Should -Be 1
        @(Get-CdssEmulatorRestart $emu | Where-Object serviceGroupInstanceNo -EQ 3432150).outcome | Should -Be 'running' -Because 'the run was killed while it ran'

        # The same command with the same journal, then once more with 6>$null.
        $again = Start-Child $journal -Again
        $again.WaitForExit(120000) | Should -BeTrue
        $text = $again.StdOutTask.Result
        $counts = Get-RestartRequest | Group-Object serviceGroupInstanceNo -AsHashTable
        $counts.Keys | Sort-Object | Should -Be @(3432149, 3432150, 3432153)
        foreach ($k in $counts.Keys) { $counts[$k].Count | Should -Be 1 -Because "cluster $k must be requested exactly once" }
        $before, $after = $text -split '=== silenced ==='
        $before | Should -Match '3432149\s+AlreadyDone'
        $before | Should -Match '3432150\s+Succeeded'
        $before | Should -Match '3432153\s+Succeeded'
        $before | Should -Match 're-attaching to the rolling restart'
        # The record: timestamped lines naming the cluster, on a child pwsh's redirected stdout.
        $before | Should -Match '(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ cluster 3432153 \(kafka-analytics\): pre-check: can start'
        $before | Should -Match '(?m)^\S+Z cluster 3432153 \(kafka-analytics\): rolling restart requested \(requestId [0-9a-f]{8}-'
        $before | Should -Match '(?m)^\S+Z cluster 3432153 \(kafka-analytics\): rolling restart observed starting'
        $before | Should -Match '(?m)^\S+Z cluster 3432153 \(kafka-analytics\): \d/4 brokers up, status \w+'
        $before | Should -Match '(?m)^\S+Z cluster 3432153 \(kafka-analytics\): Succeeded after '
        $before | Should -Match '(?m)^\S+Z cluster 3432149 \(kafka-prod-01\): ' -Because 'a cluster the journal says is done has its line too'
        $after | Should -Not -Match '3432149|3432150|3432153' -Because '6>$null silences the record'

        # One JSON line per state change, the request line before the request.
        $lines = @(Get-Content $journal | ConvertFrom-Json | Where-Object cluster -EQ 3432153)
        $lines.event | Should -Contain 'preCheck'
        $events = @($lines.event)
        @($events | Where-Object { $_ -ne 'alreadyDone' })[-1] | Should -Be 'succeeded'
        $events[-1] | Should -Be 'alreadyDone' -Because 'the silenced run found it done'
        $events.IndexOf('requesting') | Should -BeLessThan $events.IndexOf('requested')
        $lines | ForEach-Object { $_.operation | Should -Be 'rollingRestart' }
        Get-Content $journal | ForEach-Object { $_ | Should -Match '^\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z",' }
        ($lines | Where-Object event -EQ 'requested').requestId | Should -Match '^[0-9a-f]{8}-'
    }

    It 'a journal open in another process is refused with CdssJournalInUse' {
        $journal = Join-Path $TestDrive 'busy.jsonl'
        $holder = [System.IO.File]::Open($journal, 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            { Start-CdssRollingRestart 3432149 -Wait -Force -TimeoutMinutes 1 -JournalPath $journal -ErrorAction Stop } | Should -Throw -ErrorId 'CdssJournalInUse*'
        }
        finally { $holder.Dispose() }
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 0
    }
}
