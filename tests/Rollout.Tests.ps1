# Start-CdssRollingRestart -Wait as a rollout, Wait-CdssRollingRestart and Export-CdssReport, over real HTTP to the emulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-ConnectedEmulator -ArgumentList '--broker-restart-ms', '100'
    $script:session = $emu.Session
    $script:fleet = Start-ConnectedEmulator -ArgumentList '--clusters', '12', '--broker-restart-ms', '250' -NotDefault
    $script:fleetSession = $fleet.Session
    $script:pwsh = Join-Path $PSHOME 'pwsh'
    $script:rollout = @{ Wait = $true; Force = $true; PollIntervalSec = 1 }


    function Get-RestartRequest($Emulator = $script:emu) { @(Get-CdssEmulatorRequest $Emulator -Operation rollingRestart) }

    # The script a child pwsh runs: connect through the environment, restart three clusters with a journal.
    $script:childScript = Join-Path $TestDrive 'rollout.ps1'
    Set-Content $childScript -Value @'
param([string] $ModulePath, [string] $Journal)
$ErrorActionPreference = 'Continue'
Import-Module $ModulePath
Connect-Cdss | Out-Null
Get-CdssCluster -ServiceGroupInstanceNo 3432149, 3432150, 3432153 |
    Start-CdssRollingRestart -Wait -Force -PollIntervalSec 1 -JournalPath $Journal |
    Format-Table ServiceGroupInstanceNo, Outcome -AutoSize | Out-String -Width 200
'@

    function Start-Child([string] $Journal, [string] $StdOut) {
        $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh)
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $childScript, '-ModulePath', $ModulePath, '-Journal', $Journal) { $info.ArgumentList.Add($a) }
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

Describe 'Halting' {
    BeforeEach { Reset-CdssEmulator $emu; $null = Get-CdssCluster -WarningAction SilentlyContinue }

    It 'a cluster that turns red stops the rollout; the rest are NotStarted and never requested' {
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149, 3432154, 3432150 @rollout }
        "$($r.Results.Outcome)" | Should -Be 'Succeeded Failed NotStarted'
        $r.Results.ServiceGroupInstanceNo | Should -Be @(3432149, 3432154, 3432150)
        (Get-RestartRequest).serviceGroupInstanceNo | Should -Be @(3432149, 3432154)
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssRestartFailed*'
        "$($r.Errors[0])" | Should -Match '^Cluster 3432154 \(kafka-flaky\): '
        $r.Results[2].Message | Should -Match 'halted'
    }

    It '-MaxFailures 1 goes on past one failed cluster' {
        $r = Invoke-Collected { Start-CdssRollingRestart 3432154, 3432149 @rollout -MaxFailures 1 }
        "$($r.Results.Outcome)" | Should -Be 'Failed Succeeded'
        (Get-RestartRequest).Count | Should -Be 2
    }

    It 'a pre-check that says no is Skipped with CdssPreCheckFailed, and the rollout goes on' {
        $r = Invoke-Collected { Start-CdssRollingRestart 3432151, 3432149 @rollout }
        "$($r.Results.Outcome)" | Should -Be 'Skipped Succeeded'
        $r.Results[0].Code | Should -Be 0
        $r.Results[0].Message | Should -Be 'Cluster is not in running state (changing)'
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssPreCheckFailed*'
        (Get-RestartRequest).serviceGroupInstanceNo | Should -Be @(3432149)
    }

    It 'writes Cdss.RollingRestartResult with the contract''s properties' {
        $r = (Invoke-Collected { Start-CdssRollingRestart 3432149 @rollout }).Results[0]
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
}

Describe 'The "done" rule' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'a late start is not done before its brokers restarted, and the next cluster starts after that' {
        Set-CdssEmulatorConfig $emu @{ restartDelayMs = 2500; brokerRestartMs = 400 }
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149, 3432153 @rollout }
        "$($r.Results.Outcome)" | Should -Be 'Succeeded Succeeded'
        $runs = @(Get-CdssEmulatorRestart $emu)
        $runs.Count | Should -Be 2
        $firstDone = [DateTimeOffset]::Parse($runs[0].finishedAt)
        $r.Results[0].FinishedAt | Should -BeGreaterOrEqual $firstDone -Because 'the first cluster is done only after its last broker restarted'
        [DateTimeOffset]::Parse($runs[1].acceptedAt) | Should -BeGreaterOrEqual $firstDone -Because 'the second starts after the first finished'
        $r.Lines | Where-Object { $_ -match 'cluster 3432149 .*observed starting: the service says it is in progress' } | Should -Not -BeNullOrEmpty
    }

    It '503s while polling are warnings, and polling goes on to success' {
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -MaxRetries 0 -NotDefault
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 800 }
        Add-CdssEmulatorFault $emu @{ operation = 'rollingRestartProgressCheck'; kind = 'status'; status = 503; errorCode = '500'; startAfterMs = 0; durationMs = 2500 }
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149 -Session $s @rollout -TimeoutMinutes 1 }
        $r.Results[0].Outcome | Should -Be 'Succeeded'
        $r.Errors | Should -BeNullOrEmpty
        $r.Warnings.Count | Should -BeGreaterOrEqual 2
        "$($r.Warnings[0])" | Should -Match 'cluster 3432149.*could not read progress.*still waiting'
        @(Get-CdssEmulatorRequest $emu -Operation rollingRestartProgressCheck | Where-Object status -EQ 503).Count | Should -BeGreaterOrEqual 2
    }

    It 'polls failing until the timeout end as WaitInterrupted, saying the restart may still run' {
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -MaxRetries 0 -NotDefault
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 100 }
        Add-CdssEmulatorFault $emu @{ operation = 'rollingRestartProgressCheck'; kind = 'status'; status = 503; errorCode = '500' }
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149, 3432150 -Session $s @rollout -TimeoutMinutes 1 }
        "$($r.Results.Outcome)" | Should -Be 'WaitInterrupted NotStarted'
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssWaitInterrupted*'
        "$($r.Errors[0])" | Should -Match 'may still be running'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Wait-CdssRollingRestart'
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

Describe 'Under $ErrorActionPreference = Stop' {
    BeforeEach { Reset-CdssEmulator $emu; $null = Get-CdssCluster -WarningAction SilentlyContinue }

    It 'a refused cluster first: the ready one is still watched to Succeeded, both results are written, then it fails' {
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
        (Get-CdssRollingRestartProgress 3432149).BrokerStatus | Should -Be 'green'
        @(Get-CdssEmulatorRestart $emu).serviceGroupInstanceNo | Should -Be @(3432149)
    }
}

Describe 'Wait-CdssRollingRestart' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'attaches to a restart already running and waits for it, never requesting one' {
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 500 }
        $null = Start-CdssRollingRestart 3432150 -Force
        $r = Invoke-Collected { Wait-CdssRollingRestart 3432150 -PollIntervalSec 1 }
        $r.Results[0].PSTypeNames[0] | Should -Be 'Cdss.RollingRestartResult'
        $r.Results[0].Outcome | Should -Be 'Succeeded'
        $r.Results[0].BrokersUp | Should -Be 5
        [DateTimeOffset]::Parse((Get-CdssEmulatorRestart $emu).finishedAt) | Should -BeLessOrEqual $r.Results[0].FinishedAt
        (Get-RestartRequest).Count | Should -Be 1
        @(Get-CdssEmulatorRequest $emu -Operation rollingRestartPreCheck).Count | Should -BeGreaterThan 0
    }

    It 'writes NotStarted at once for a cluster with no restart running' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Collected { 3432149 | Wait-CdssRollingRestart -PollIntervalSec 1 }
        $r.Results[0].Outcome | Should -Be 'NotStarted'
        $r.Results[0].Message | Should -Match 'nothing to wait for'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
        (Get-RestartRequest).Count | Should -Be 0
    }
}

Describe '-Deadline and -ThrottleLimit' {
    It 'starts nothing after the deadline, still waits for the running cluster, and defers the rest' {
        Reset-CdssEmulator $emu
        # The first cluster has 5 s to start (plenty, even on a loaded machine) and runs 6 s, so it ends after the deadline.
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 2000 }
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149, 3432150, 3432153 @rollout -Deadline (Get-Date).AddSeconds(5) }
        "$($r.Results.Outcome)" | Should -Be 'Succeeded Deferred Deferred'
        (Get-RestartRequest).serviceGroupInstanceNo | Should -Be @(3432149)
        $r.Results[1].Message | Should -Match 'deadline'
    }

    It '-ThrottleLimit 3: the emulator never has more than 3 clusters restarting at once' {
        Reset-CdssEmulator $fleet
        $ready = @(Get-CdssCluster -Session $fleetSession | Where-Object Status -EQ 'running' | Select-Object -First 7)
        $r = Invoke-Collected { $ready | Start-CdssRollingRestart -Session $fleetSession @rollout -ThrottleLimit 3 }
        @($r.Results | Where-Object Outcome -EQ 'Succeeded').Count | Should -Be 7
        $runs = @(Get-CdssEmulatorRestart $fleet)
        $runs.Count | Should -Be 7
        $maxOverlap = 0
        foreach ($run in $runs) {
            $at = [DateTimeOffset]::Parse($run.acceptedAt)
            $overlap = @($runs | Where-Object { [DateTimeOffset]::Parse($_.acceptedAt) -le $at -and [DateTimeOffset]::Parse($_.finishedAt) -gt $at }).Count
            $maxOverlap = [Math]::Max($maxOverlap, $overlap)
        }
        $maxOverlap | Should -BeLessOrEqual 3
        $maxOverlap | Should -BeGreaterThan 1 -Because 'with 7 clusters and -ThrottleLimit 3 some run together'
        $r.Results.ServiceGroupInstanceNo | Should -Be $ready.ServiceGroupInstanceNo
    }
}

Describe 'The journal' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'a run killed during the second of three clusters resumes with exactly one restart request per cluster' {
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 1200 }
        $journal = Join-Path $TestDrive 'kill.jsonl'
        $child = Start-Child $journal (Join-Path $TestDrive 'first.txt')
        try {
            Wait-Until { @(Get-RestartRequest | Where-Object serviceGroupInstanceNo -EQ 3432150).Count -eq 1 } 60
            Start-Sleep -Milliseconds 300
        }
        finally { $child.Kill($true); $child.WaitForExit(10000) | Out-Null }
        (Get-Content $journal | ConvertFrom-Json | Where-Object { $_.cluster -eq 3432150 -and $_.event -eq 'requesting' }).Count | Should -Be 1

        $again = Start-Child $journal (Join-Path $TestDrive 'second.txt')
        $again.WaitForExit(120000) | Should -BeTrue
        $text = $again.StdOutTask.Result
        $counts = Get-RestartRequest | Group-Object serviceGroupInstanceNo -AsHashTable
        $counts.Keys | Sort-Object | Should -Be @(3432149, 3432150, 3432153)
        foreach ($k in $counts.Keys) { $counts[$k].Count | Should -Be 1 -Because "cluster $k must be requested exactly once" }
        $text | Should -Match '3432149\s+AlreadyDone'
        $text | Should -Match '3432150\s+Succeeded'
        $text | Should -Match '3432153\s+Succeeded'
        $text | Should -Match 're-attaching to the rolling restart'
    }

    It 'a journal open in another process is refused with CdssJournalInUse' {
        $journal = Join-Path $TestDrive 'busy.jsonl'
        $holder = [System.IO.File]::Open($journal, 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            { Start-CdssRollingRestart 3432149 -Wait -Force -JournalPath $journal -ErrorAction Stop } | Should -Throw -ErrorId 'CdssJournalInUse*'
        }
        finally { $holder.Dispose() }
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 0
    }

    It 'writes one JSON line per state change, the request line before the request' {
        $journal = Join-Path $TestDrive 'lines.jsonl'
        $null = Start-CdssRollingRestart 3432149 -Wait -Force -PollIntervalSec 1 -JournalPath $journal 6>$null
        $lines = @(Get-Content $journal | ConvertFrom-Json)
        $lines.event | Should -Contain 'preCheck'
        $lines.event[-1] | Should -Be 'succeeded'
        $events = @($lines.event)
        $events.IndexOf('requesting') | Should -BeLessThan $events.IndexOf('requested')
        $lines | ForEach-Object { $_.operation | Should -Be 'rollingRestart'; $_.cluster | Should -Be 3432149 }
        Get-Content $journal | ForEach-Object { $_ | Should -Match '^\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z",' }
        ($lines | Where-Object event -EQ 'requested').requestId | Should -Match '^[0-9a-f]{8}-'
    }
}

Describe 'The record' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'writes timestamped lines naming the cluster to a child pwsh''s redirected stdout, and 6>$null silences them' {
        $script = Join-Path $TestDrive 'record.ps1'
        Set-Content $script -Value @"
Import-Module '$ModulePath'
Connect-Cdss -Endpoint '$($emu.Endpoint)' -Credential ([pscredential]::new('$($emu.AccessKey)', (ConvertTo-SecureString 'emulator-secret-key' -AsPlainText -Force))) | Out-Null
`$null = Get-CdssCluster -ServiceGroupInstanceNo 3432149 | Start-CdssRollingRestart -Wait -Force -PollIntervalSec 1
'---'
`$null = Start-CdssRollingRestart 3432153 -Wait -Force -PollIntervalSec 1 6>`$null
"@
        $out = Join-Path $TestDrive 'record.txt'
        & $pwsh -NoProfile -NonInteractive -File $script > $out
        $text = Get-Content $out -Raw
        $before, $after = $text -split '---'
        $before | Should -Match '(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ cluster 3432149 \(kafka-prod-01\): pre-check: can start'
        $before | Should -Match '(?m)^\S+Z cluster 3432149 \(kafka-prod-01\): rolling restart requested \(requestId [0-9a-f]{8}-'
        $before | Should -Match '(?m)^\S+Z cluster 3432149 \(kafka-prod-01\): rolling restart observed starting'
        $before | Should -Match '(?m)^\S+Z cluster 3432149 \(kafka-prod-01\): \d/3 brokers up, status \w+'
        $before | Should -Match '(?m)^\S+Z cluster 3432149 \(kafka-prod-01\): Succeeded after '
        $after | Should -Not -Match '3432153'
    }
}

Describe 'Export-CdssReport' {
    BeforeAll {
        Reset-CdssEmulator $emu
        $null = Get-CdssCluster -WarningAction SilentlyContinue
        $script:checks = @(Test-CdssRollingRestart 3432149, 3432151)
        $script:results = @((Invoke-Collected { Start-CdssRollingRestart 3432151, 3432149, 3432154, 3432150 @rollout }).Results)
    }

    It 'writes JUnit that validates against the JUnit XSD, one testcase per cluster, failures and skips marked' {
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
        $restart.failures | Should -Be '1'
        $restart.skipped | Should -Be '2'
        $failed = $restart.testcase | Where-Object name -EQ 'kafka-flaky (3432154)'
        $failed.failure.message | Should -Match 'Failed: .*RequestId: [0-9a-f]{8}-'
        ($restart.testcase | Where-Object name -EQ 'kafka-stage (3432151)').skipped.type | Should -Be 'Skipped'
        ($restart.testcase | Where-Object name -EQ 'kafka-prod-02 (3432150)').skipped.type | Should -Be 'NotStarted'
        $precheck = $xml.testsuites.testsuite | Where-Object name -EQ 'Cdss Rolling restart pre-check'
        ($precheck.testcase | Where-Object name -EQ 'kafka-stage (3432151)').failure | Should -Not -BeNullOrEmpty
        $xml.testsuites.failures | Should -Be '2'
    }

    It 'writes a Markdown summary table' {
        $path = Join-Path $TestDrive 'report.md'
        $results | Export-CdssReport $path Markdown
        $text = Get-Content $path -Raw
        $text | Should -Match '\| Cluster \| Number \| Result \| Outcome \|'
        $text | Should -Match '\| kafka-flaky \| 3432154 \| ❌ failed \| Failed \|'
        $text | Should -Match '4 cluster\(s\): 1 Skipped, 1 Succeeded, 1 Failed, 1 NotStarted'
    }

    It 'refuses other objects, and writes nothing with -WhatIf' {
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
