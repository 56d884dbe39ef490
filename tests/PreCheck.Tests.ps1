BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-ConnectedEmulator
    $script:session = $emu.Session
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'Test-CdssRollingRestart answers about the cluster' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'reports a ready cluster as CanRestart with the typed properties' {
        $r = Test-CdssRollingRestart -ServiceGroupInstanceNo 3432149
        $r.PSTypeNames[0] | Should -Be 'Cdss.RollingRestartPreCheck'
        $r.ServiceGroupInstanceNo | Should -BeOfType [long]
        $r.ServiceGroupInstanceNo | Should -Be 3432149
        $r.CanRestart | Should -BeTrue
        $r.Code | Should -BeOfType [int]
        $r.Code | Should -Be 0
        $r.Message | Should -Be 'SUCCESS'
        $r.RequestId | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-'
        $r.Endpoint | Should -Be $emu.Endpoint
        $r.CheckedAt | Should -BeOfType [DateTimeOffset]
        $r.CheckedAt.Offset | Should -Be ([TimeSpan]::Zero)
        ([DateTimeOffset]::UtcNow - $r.CheckedAt).TotalMinutes | Should -BeLessThan 1
    }

    It 'reports a cluster that is not ready with the server code and message unchanged' {
        $r = Test-CdssRollingRestart 3432151
        $r.CanRestart | Should -BeFalse
        $r.Code | Should -Be 0
        $r.Message | Should -Be 'Cluster is not in running state (changing)'
    }

    It 'reports an unknown number as code 3, not as an error' {
        $errs = $null
        $r = Test-CdssRollingRestart 999999 -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $r.CanRestart | Should -BeFalse
        $r.Code | Should -Be 3
        $r.Message | Should -Be 'Invalid Service Group Instance No'
    }

    It 'sends a signed POST with the number as a JSON number' {
        $null = Test-CdssRollingRestart 3432149
        $log = Get-CdssEmulatorRequest $emu
        $log.Count | Should -Be 1
        $log[0].method | Should -Be 'POST'
        $log[0].target | Should -Be '/api/v1/cluster/rollingRestartPreCheck'
        $log[0].contentType | Should -Match '^application/json'
        $log[0].body | Should -Be '{"serviceGroupInstanceNo":3432149}'
        $log[0].status | Should -Be 200
        $log[0].accessKey | Should -Be $emu.AccessKey
    }

    It 'takes three numbers from the pipeline and answers in input order' {
        $r = 3432151, 3432149, 999999 | Test-CdssRollingRestart
        $r.Count | Should -Be 3
        $r.ServiceGroupInstanceNo | Should -Be @(3432151, 3432149, 999999)
        $r.CanRestart | Should -Be @($false, $true, $false)
    }

    It 'binds ServiceGroupInstanceNo by property name' {
        $r = [pscustomobject]@{ ServiceGroupInstanceNo = 3432153 }, [pscustomobject]@{ ServiceGroupInstanceNo = 3432152 } | Test-CdssRollingRestart
        $r.ServiceGroupInstanceNo | Should -Be @(3432153, 3432152)
        $r.CanRestart | Should -Be @($true, $false)
    }

    It 'takes an array parameter and answers in the same order' {
        $r = Test-CdssRollingRestart -ServiceGroupInstanceNo 3432153, 3432151, 3432150
        $r.ServiceGroupInstanceNo | Should -Be @(3432153, 3432151, 3432150)
    }

    It 'writes only [bool] values with -Quiet' {
        $r = 3432149, 3432152 | Test-CdssRollingRestart -Quiet
        $r.Count | Should -Be 2
        $r[0] | Should -BeOfType [bool]
        $r | Should -Be @($true, $false)
    }

    It 'rejects <Value> in parameter binding and sends nothing' -ForEach @(
        @{ Value = '0' }, @{ Value = '-1' }, @{ Value = 'abc' }
    ) {
        $number = if ($Value -eq 'abc') { 'abc' } else { [long]$Value }
        { Test-CdssRollingRestart -ServiceGroupInstanceNo $number -ErrorAction Stop } |
            Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 0
    }

    It 'rejects 0 from the pipeline too' {
        $errs = $null
        $r = 3432149, 0 | Test-CdssRollingRestart -ErrorVariable errs -ErrorAction SilentlyContinue
        @($r).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 1
    }
}

Describe 'Test-CdssRollingRestart failures' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'reports a wrong secret as CdssAuthenticationFailed with the number as target' {
        $bad = Connect-Cdss -Endpoint $emu.Endpoint -AccessKey $emu.AccessKey -SecretKey (New-TestSecret 'not-the-secret') -NotDefault
        $errs = $null
        $r = Test-CdssRollingRestart 3432149 -Session $bad -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssAuthenticationFailed*'
        $errs[0].TargetObject | Should -Be 3432149
        $errs[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$($errs[0])" | Should -Match 'HTTP 401'
        "$($errs[0])" | Should -Match "gateway error 200 'Authentication Failed'"
        $errs[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'reports a key without CDSS permission as CdssPermissionDenied' {
        $noPerm = Connect-Cdss -Endpoint $emu.Endpoint -AccessKey 'EMULATOR0NOPERM0KEY1' -SecretKey (New-TestSecret 'emulator-noperm-secret') -NotDefault
        $errs = $null
        $null = Test-CdssRollingRestart 3432149 -Session $noPerm -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssPermissionDenied*'
        "$($errs[0])" | Should -Match '210'
    }

    It 'reports a wrong region prefix as CdssNotFound' {
        $wrong = Connect-Cdss -Endpoint ($emu.Endpoint -replace '/api/v1$', '/api/xx-v1') -Credential $emu.Credential -NotDefault
        $errs = $null
        $null = Test-CdssRollingRestart 3432149 -Session $wrong -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssNotFound*'
        "$($errs[0])" | Should -Match 'HTTP 404'
    }

    It 'reports quota exhaustion (429/400) as CdssThrottled without retrying' {
        Add-CdssEmulatorFault $emu @{ kind = 'status'; status = 429; errorCode = '400'; message = 'Quota Exceeded' }
        $errs = $null
        $null = Test-CdssRollingRestart 3432149 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssThrottled*'
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 1
    }

    It 'reports an unreachable endpoint as CdssNetworkError' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $closed = Connect-Cdss -Endpoint "http://127.0.0.1:$port/api/v1" -Credential $emu.Credential -MaxRetries 0 -NotDefault
        $errs = $null
        $null = Test-CdssRollingRestart 3432149 -Session $closed -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssNetworkError*'
    }

    It 'writes CdssNoSession and sends nothing when there is no session' {
        $result = Invoke-InNewRunspace {
            param($ModulePath)
            Import-Module $ModulePath
            Test-CdssRollingRestart 3432149
        } @{ ModulePath = $ModulePath }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssNoSession*'
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 0
    }

    It 'keeps going after an error, one answer or error per input' {
        Add-CdssEmulatorFault $emu @{ kind = 'status'; status = 403; errorCode = '230'; message = 'Forbidden'; serviceGroupInstanceNo = 3432150 }
        $errs = $null
        $r = 3432149, 3432150, 3432153 | Test-CdssRollingRestart -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.ServiceGroupInstanceNo | Should -Be @(3432149, 3432153)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssPermissionDenied*'
        $errs[0].TargetObject | Should -Be 3432150
    }
}
