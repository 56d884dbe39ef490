BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # 5% of requests fail transiently (503, 429/410, 504 in turn), chosen at random by the emulator.
    # Six retries: with 5% independent failures, a run of 5,000 then fails all attempts with odds of about 1 in 13,000.
    $script:emu = Start-ConnectedEmulator -ArgumentList '--clusters', '5000', '--fault-rate', '0.05', '--seed', '7' -NotDefault -ConnectParameter @{ MaxRetries = 6 }
    $script:session = $emu.Session
}

AfterAll {
    Stop-TestEnvironment
}

# Tagged Slow: build.ps1 -Task Test runs it; -Fast leaves it out for quick local loops.
Describe 'Load: 5,000 pre-checks through transient faults' -Tag Slow {
    It 'gives 5,000 correct objects, no errors, every input exactly once and in order' {
        $clusters = Get-CdssCluster -Session $session -ErrorAction Stop
        $clusters.Count | Should -Be 5000
        $expected = @{}
        foreach ($c in $clusters) { $expected[$c.ServiceGroupInstanceNo] = $c.Status -eq 'running' }

        $errs = $null
        $results = $clusters.ServiceGroupInstanceNo | Test-CdssRollingRestart -Session $session -ThrottleLimit 32 -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 0
        $results.Count | Should -Be 5000
        ($results.ServiceGroupInstanceNo -join ',') | Should -Be ($clusters.ServiceGroupInstanceNo -join ',')
        $wrong = @($results | Where-Object { $_.CanRestart -ne $expected[$_.ServiceGroupInstanceNo] })
        $wrong.Count | Should -Be 0
        ($results | Where-Object { $_.Code -notin 0, 1001 }).Count | Should -Be 0

        # The faults really happened and were ridden out.
        $log = Get-CdssEmulatorRequest $emu -Operation rollingRestartPreCheck
        $failed = @($log | Where-Object status -NE 200)
        $failed.Count | Should -BeGreaterThan 100
        @($log | Where-Object status -EQ 200).Count | Should -Be 5000
    }
}
