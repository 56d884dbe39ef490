<#
    The emulator launcher (build/CdssEmulator.psm1) against a real emulator process: what its functions hand back
    and how they stream. The emulator's own contract is tested in-process by xunit (tests/Cdss.Tests/Emulator).
#>
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-TestEmulator

    # Unsigned on purpose: the gateway answers 401, and the request log still records the call and its operation.
    function Send-Unsigned([string] $Operation) {
        $null = Invoke-WebRequest -Method POST -Uri "$($emu.Endpoint)/cluster/$Operation" -Body '{"serviceGroupInstanceNo":3432149}' `
            -ContentType 'application/json' -SkipHttpErrorCheck
    }
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'Start-CdssEmulator' {
    It 'hands back the endpoint of the one "Listening on" line and the control URI' {
        $emu.Endpoint | Should -Match '^http://127\.0\.0\.1:\d+/api/v1$'
        (Invoke-RestMethod "$($emu.ControlUri)/health").status | Should -Be 'ok'
    }
}

Describe 'Get-CdssEmulatorRequest' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'streams nothing when there are no requests' {
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 0
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 0
    }

    It 'counts one record and many, and filters by operation' {
        Send-Unsigned rollingRestartPreCheck
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 1
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 1
        Send-Unsigned rollingRestartProgressCheck
        Send-Unsigned rollingRestartProgressCheck
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 3
        (Get-CdssEmulatorRequest $emu -Operation rollingRestartProgressCheck).Count | Should -Be 2
        (Get-CdssEmulatorRequest $emu -Operation rollingRestart | Measure-Object).Count | Should -Be 0
    }
}

Describe 'Move-CdssEmulatorClock' {
    It 'moves the emulator clock forward and returns the new emulator time' {
        $before = [DateTimeOffset](Invoke-RestMethod "$($emu.ControlUri)/clock").now
        $moved = Move-CdssEmulatorClock -Emulator $emu -Seconds 90.5
        $moved.advancedSeconds | Should -Be 90.5
        $gap = ([DateTimeOffset]$moved.now - $before).TotalSeconds
        $gap | Should -BeGreaterOrEqual 90.5
        $gap | Should -BeLessThan 100
    }

    It 'throws the emulator''s reason for a negative number of seconds' {
        { Move-CdssEmulatorClock -Emulator $emu -Seconds -1 } | Should -Throw -ExpectedMessage '*must not be negative*'
    }
}

Describe 'Set-CdssEmulatorCluster' {
    It 'returns the cluster''s settings, and throws when the emulator refuses them or does not know the cluster' {
        (Set-CdssEmulatorCluster -Emulator $emu -ServiceGroupInstanceNo 3432149 -Setting @{ failAtBroker = 2 }).failAtBroker | Should -Be 2
        { Set-CdssEmulatorCluster -Emulator $emu -ServiceGroupInstanceNo 3432149 -Setting @{ failAtBroker = 4 } } | Should -Throw -ExpectedMessage '*failAtBroker must be null or a broker number*'
        { Set-CdssEmulatorCluster -Emulator $emu -ServiceGroupInstanceNo 42 -Setting @{ failAtBroker = 1 } } | Should -Throw -ExpectedMessage '*no cluster 42*'
    }
}
