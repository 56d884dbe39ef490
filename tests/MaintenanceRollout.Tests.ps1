# The maintenance operations on the rollout engine (upgrade, config group apply, node restart), over real HTTP to the emulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # A broker takes 1 s to restart, long enough for a rollout's first poll to see it; the clock driver then finishes
    # the run, so each cluster costs one poll. Every wait gives up after a minute instead of hanging.
    $script:emu = Start-ConnectedEmulator -ArgumentList '--broker-restart-ms', '1000', '--config-apply-delay-ms', '400'
    $script:session = $emu.Session
    $null = Start-ClockDriver $emu
    $script:rollout = @{ Wait = $true; Force = $true; PollIntervalSec = 1; TimeoutMinutes = 1 }

    # The rollout called a cluster done only on reads made after its run had finished (all on the emulator clock).
    function Assert-DoneAfterRun([long] $Number) {
        $run = @(Get-CdssEmulatorRestart $emu | Where-Object serviceGroupInstanceNo -EQ $Number)[-1]
        $run.outcome | Should -Be 'succeeded'
        $lastRead = @(Get-CdssEmulatorRequest $emu | Where-Object { $_.serviceGroupInstanceNo -eq $Number -and $_.operation -like '*ProgressCheck' })[-1]
        [DateTimeOffset]$lastRead.receivedAt | Should -BeGreaterOrEqual ([DateTimeOffset]$run.finishedAt) -Because 'done is called on what the service showed after the run ended'
    }


    function Get-Detail([long] $Number) { Invoke-CdssApi "/cluster/getClusterInfoList/$Number" }
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'Start-CdssRollingUpgrade -Wait' {
    BeforeEach { Reset-CdssEmulator $emu; $null = Get-CdssCluster -WarningAction SilentlyContinue }

    It 'upgrades a fleet with a journal, halts on a red cluster, keeps it failed until resolved, and never upgrades anything twice' {
        $journal = Join-Path $TestDrive 'upgrade.jsonl'
        $upgrade = { Start-CdssRollingUpgrade 3432149, 3432154, 3432150 -KafkaVersionCode 3903006 -ConfigGroupNo 202 @rollout -JournalPath $journal }
        $first = Invoke-Collected $upgrade
        "$($first.Results.Outcome)" | Should -Be 'Succeeded Failed NotStarted'
        $first.Results[0].PSTypeNames[0] | Should -Be 'Cdss.RollingUpgradeResult'
        $first.Results[0].FromKafkaVersion | Should -Be 'Kafka 3.7.1 (3713006)'
        $first.Results[0].ToKafkaVersion | Should -Be 'Kafka 3.9.0 (3903006)'
        $first.Results[0].ConfigGroupNo | Should -Be 202
        $first.Results[0].BrokerStatus | Should -Be 'green'
        $first.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssUpgradeFailed*'
        Assert-DoneAfterRun 3432149
        # The upgrade results go into a JUnit report of their own.
        $path = Join-Path $TestDrive 'upgrade.xml'
        $first.Results | Export-CdssReport $path JUnit
        [xml] $xml = Get-Content $path -Raw
        $xml.testsuites.testsuite.name | Should -Be 'Cdss Rolling upgrade'
        $xml.testsuites.testsuite.testcase.name | Should -Be @('kafka-prod-01 (3432149)', 'kafka-flaky (3432154)', 'kafka-prod-02 (3432150)')
        "$($first.Errors[0])" | Should -Match '^Cluster 3432154 \(kafka-flaky\): The rolling upgrade turned red'
        (Get-Detail 3432149).kafkaVersionCode | Should -Be '3903006'
        (Get-Detail 3432149).configGroupNo | Should -Be 202
        (Get-Detail 3432150).kafkaVersionCode | Should -Be '3713006'
        $lines = @(Get-Content $journal | ConvertFrom-Json)
        $lines.operation | Sort-Object -Unique | Should -Be 'rollingUpgrade'
        $lines.target | Sort-Object -Unique | Should -Be '3903006:202'

        # The red cluster is not upgraded again, and halts the rollout again, until someone decides.
        $second = Invoke-Collected $upgrade
        "$($second.Results.Outcome)" | Should -Be 'AlreadyDone Failed NotStarted'
        $second.Errors[0].Exception.RecommendedAction | Should -Match ([regex]::Escape("Resolve-CdssRollout -JournalPath '$journal' -ServiceGroupInstanceNo 3432154"))
        $null = Resolve-CdssRollout -JournalPath $journal -ServiceGroupInstanceNo 3432154 -As Done -Reason 'broker 2 replaced' -Confirm:$false 6>$null

        $third = Invoke-Collected $upgrade
        "$($third.Results.Outcome)" | Should -Be 'AlreadyDone AlreadyDone Succeeded'
        $third.Results[1].Message | Should -Match 'Resolved as done by .+: broker 2 replaced'
        $counts = @(Get-CdssEmulatorRequest $emu -Operation rollingUpgrade) | Group-Object serviceGroupInstanceNo -AsHashTable
        $counts.Keys | Sort-Object | Should -Be @(3432149, 3432150, 3432154)
        foreach ($k in $counts.Keys) { $counts[$k].Count | Should -Be 1 -Because "cluster $k is upgraded at most once" }
        (Get-Detail 3432150).kafkaVersionCode | Should -Be '3903006'
    }
}

Describe 'Set-CdssClusterConfigGroup -Wait' {
    BeforeEach { Reset-CdssEmulator $emu; $null = Get-CdssCluster -WarningAction SilentlyContinue }

    It '-Force -Wait skips a cluster whose Kafka version differs from the group''s before sending, applies the group to the next, and waits through "changing" until running and green' {
        $r = Invoke-Collected { Set-CdssClusterConfigGroup 3432151, 3432149 -ConfigGroupNo 102 @rollout }
        "$($r.Results.Outcome)" | Should -Be 'Skipped Succeeded'
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssConfigGroupVersionMismatch*'
        "$($r.Errors[0])" | Should -Match '^Cluster 3432151 \(kafka-stage\): '
        $r.Results[1].PSTypeNames[0] | Should -Be 'Cdss.ConfigGroupApplyResult'
        $r.Results[1].ConfigGroupNo | Should -Be 102
        $run = @(Get-CdssEmulatorRestart $emu)
        $run.Count | Should -Be 1
        $run[0].kind | Should -Be 'configApply'
        Assert-DoneAfterRun 3432149
        (Get-Detail 3432149).configGroupNo | Should -Be 102
        (Get-Detail 3432149).status | Should -Be 'running'
        @(Get-CdssEmulatorRequest $emu -Operation setClusterKafkaConfigGroup).serviceGroupInstanceNo | Should -Be @(3432149)
    }

    It '-WhatIf -Wait sends nothing' {
        Reset-CdssEmulator $emu
        Set-CdssClusterConfigGroup 3432149 -ConfigGroupNo 102 -Wait -TimeoutMinutes 1 -WhatIf
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 0
    }
}

Describe 'Restart-CdssKafkaNode -Wait' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'restarts one broker once and waits until the cluster is green again' {
        $node = Get-CdssClusterNode 3432149 | Where-Object Role -EQ 'BROKER' | Select-Object -First 1
        $r = Invoke-Collected { $node | Restart-CdssKafkaNode -Force -Wait -PollIntervalSec 1 -TimeoutMinutes 1 }
        $r.Errors | Should -BeNullOrEmpty
        $r.Results[0].PSTypeNames[0] | Should -Be 'Cdss.KafkaNodeRestartResult'
        $r.Results[0].Outcome | Should -Be 'Succeeded'
        $r.Results[0].ComputeInstanceNo | Should -Be @($node.ComputeInstanceNo)
        @(Get-CdssEmulatorRequest $emu -Operation restartKafkaServicePerNode).Count | Should -Be 1
        (Get-CdssEmulatorRestart $emu).kind | Should -Be 'nodeRestart'
        Assert-DoneAfterRun 3432149
    }
}
