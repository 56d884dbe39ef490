# The traffic gate end to end: the module's rollout, reading the emulator's monitoring data over real HTTP. That traffic
# that never comes back fails a cluster and halts the rollout is proved in xunit (RolloutOnEmulatorTests), where the
# timeout passes on the emulator's clock instead of a wall-clock minute.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # Brokers restart in a second and traffic ramps back over two, so the gate has something to wait for.
    $script:emu = Start-ConnectedEmulator -ArgumentList '--broker-restart-ms', '1000', '--traffic-recovery-ms', '2000'
    $script:gated = @{ Wait = $true; Force = $true; PollIntervalSec = 1; TimeoutMinutes = 1; TrafficRecovery = 0.9 }
}

AfterAll { Stop-TestEnvironment }

Describe 'Start-CdssRollingRestart -TrafficRecovery' {
    BeforeEach { Reset-CdssEmulator $emu; $null = Get-CdssCluster -WarningAction SilentlyContinue }

    It 'finishes a healthy cluster only after its traffic is back, and says so' {
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149 @gated }
        $r.Results[0].Outcome | Should -Be 'Succeeded'
        $r.Results[0].TrafficBaseline | Should -BeGreaterThan 4000
        $r.Results[0].TrafficAfter | Should -BeGreaterOrEqual (0.9 * $r.Results[0].TrafficBaseline)
        $r.Results[0].Message | Should -Match 'traffic back: cluster_messagesInSecMean'
        $r.Lines | Where-Object { $_ -match 'waiting for cluster_messagesInSecMean to come back to 90%' } | Should -Not -BeNullOrEmpty
        # It waited past the end of the restart for the ramp: the run finished before the result did.
        $run = @(Get-CdssEmulatorRestart $emu)[0]
        $r.Results[0].FinishedAt | Should -BeGreaterThan ([DateTimeOffset]$run.finishedAt)
        # The monitoring reads carry epoch-millisecond integers and the manager node the module found itself.
        $read = @(Get-CdssEmulatorRequest $emu -Operation getCdssMonitoringData)[0]
        $read.body | Should -Match '"timeStart":\d{13},"timeEnd":\d{13},"metric":"CLUSTER_ALL_METRICS","computeInstanceNo":"343214951"'
        $r.Errors.Count | Should -Be 0
    }

    It 'warns once with CdssMetricUnavailable for a cluster without the metric, and goes on without a gate' {
        $null = Set-CdssEmulatorTraffic -Emulator $emu -ServiceGroupInstanceNo 3432149 -Setting @{ absentMetrics = @('cluster_messagesInSecMean') }
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149 @gated }
        $r.Results[0].Outcome | Should -Be 'Succeeded'
        $r.Results[0].TrafficBaseline | Should -BeNullOrEmpty
        @($r.Warnings | Where-Object { "$_" -match 'CdssMetricUnavailable' }).Count | Should -Be 1
    }

    It 'refuses a -TrafficMetric the service does not send before anything is sent, naming the closest' {
        $refused = { Start-CdssRollingRestart 3432149 @gated -TrafficMetric cluster_messagesInSecMeam } | Should -Throw -ErrorId 'CdssInvalidArgument*' -PassThru
        "$refused" | Should -Match 'Closest: cluster_messagesInSecMean'
        @(Get-CdssEmulatorRequest $emu -Operation rollingRestart).Count | Should -Be 0
    }

    It 'refuses a ratio outside (0, 1] before anything is sent' {
        { Start-CdssRollingRestart 3432149 -Wait -Force -TrafficRecovery 1.5 -ErrorAction Stop } | Should -Throw -ErrorId 'CdssInvalidArgument*'
        @(Get-CdssEmulatorRequest $emu -Operation rollingRestart).Count | Should -Be 0
    }
}
