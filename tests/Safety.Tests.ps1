# What public sources show of the service, and the safety rules around it, over real HTTP to the emulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-ConnectedEmulator -ArgumentList '--broker-restart-ms', '100'
    $script:session = $emu.Session

}

AfterAll {
    Stop-TestEnvironment
}

Describe 'The documented "no"' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'code 0 with result null is CanRestart false, with the reason as Message' {
        $r = Test-CdssRollingRestart 3432151
        $r.CanRestart | Should -BeFalse
        $r.Code | Should -Be 0
        $r.Message | Should -Be 'Cluster is not in running state (changing)'
    }

    It 'a non-zero code is CanRestart false too' {
        $r = Test-CdssRollingRestart 3432152
        $r.CanRestart | Should -BeFalse
        $r.Code | Should -Not -Be 0
    }

    It 'refuses the restart with CdssPreCheckFailed naming the cluster and the reason, and sends none' {
        $null = Get-CdssCluster
        $errs = $null
        Start-CdssRollingRestart 3432151 -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssPreCheckFailed*'
        "$($errs[0])" | Should -Match '^Cluster 3432151 \(kafka-stage\): .*code 0: Cluster is not in running state \(changing\)'
        (Get-CdssEmulatorRequest $emu -Operation rollingRestart | Measure-Object).Count | Should -Be 0
    }

    It 'answers "already in progress" in the documented form while a restart runs' {
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 2000 }
        (Start-CdssRollingRestart 3432149 -Force).Accepted | Should -BeTrue
        $r = Test-CdssRollingRestart 3432149
        $r.CanRestart | Should -BeFalse
        $r.Code | Should -Be 0
        $r.Message | Should -Match 'already in progress'
    }
}

Describe 'disallowedClusters' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'Get-CdssCluster writes one warning that names them (once per session: a fresh one here)' {
        $fresh = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -NotDefault
        try { $r = Invoke-Collected { Get-CdssCluster -Session $fresh } }
        finally { Disconnect-Cdss -Session $fresh }
        $r.Output.ServiceGroupInstanceNo | Should -Not -Contain 3432160
        $r.Warnings.Count | Should -Be 1
        "$($r.Warnings[0])" | Should -Match 'kafka-payments \(3432160\)'
    }

    It 'asking for one by number is CdssPermissionDenied, not CdssClusterNotFound' {
        $r = Invoke-Collected { Get-CdssCluster -ServiceGroupInstanceNo 3432160 }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssPermissionDenied*'
        $r.Errors[0].TargetObject | Should -Be 3432160
        "$($r.Errors[0])" | Should -Match 'kafka-payments'
    }
}

Describe 'Invoke-CdssApi confirmation' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'declares ConfirmImpact High' {
        $attr = (Get-Command Invoke-CdssApi).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attr.SupportsShouldProcess | Should -BeTrue
        $attr.ConfirmImpact | Should -Be 'High'
    }

    It '-WhatIf sends nothing for a side-effecting GET, even with -Force' {
        Invoke-CdssApi -Method GET -Path /cluster/restartKafkaService/3432149 -WhatIf
        Invoke-CdssApi -Method GET -Path /cluster/restartKafkaService/3432149 -WhatIf -Force
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 0
    }

    It '-Force sends it once, without a prompt' {
        $null = Invoke-CdssApi -Method GET -Path /cluster/restartKafkaService/3432149 -Force
        (Get-CdssEmulatorRequest $emu -Operation restartKafkaService | Measure-Object).Count | Should -Be 1
    }

    It 'an explicit -Confirm prompts even with -Force (here: a host that cannot prompt), and nothing is sent' {
        $r = Invoke-InNewRunspace {
            param($m, $s)
            Import-Module $m
            Invoke-CdssApi -Session $s -Method GET -Path /cluster/restartKafkaService/3432149 -Force -Confirm
        } @{ m = $ModulePath; s = $session }
        "$($r.Errors)" | Should -Match 'prompt|host'
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 0
    }

    It 'without -Force a change prompts (and a host that cannot prompt stops it)' {
        $r = Invoke-InNewRunspace {
            param($m, $s)
            Import-Module $m
            Invoke-CdssApi -Session $s /cluster/rollingRestart -Body @{ serviceGroupInstanceNo = 3432149 }
        } @{ m = $ModulePath; s = $session }
        "$($r.Errors)" | Should -Match 'prompt|host'
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 0
    }

    It 'reads never prompt, and are sent even with -WhatIf or -Confirm' {
        $r = Invoke-InNewRunspace {
            param($m, $s)
            Import-Module $m
            Invoke-CdssApi -Session $s -Method GET -Path /cluster/getClusterStatus/3432149 -Confirm
            Invoke-CdssApi -Session $s /cluster/rollingRestartPreCheck -Body @{ serviceGroupInstanceNo = 3432149 } -WhatIf
        } @{ m = $ModulePath; s = $session }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0].clusterName | Should -Be 'kafka-prod-01'
        $r.Output[1] | Should -BeTrue
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 2
    }

    It 'a side-effecting GET is sent once after a 503, and ends CdssOutcomeUnknown naming what it was' {
        Add-CdssEmulatorFault $emu @{ operation = 'restartKafkaService'; kind = 'status'; status = 503; errorCode = '500' }
        $r = Invoke-Collected { Invoke-CdssApi -Method GET -Path /cluster/restartKafkaService/3432149 -Force }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssOutcomeUnknown*'
        "$($r.Errors[0])" | Should -Match 'GET /api/v1/cluster/restartKafkaService/3432149'
        (Get-CdssEmulatorRequest $emu -Operation restartKafkaService | Measure-Object).Count | Should -Be 1
    }

    It 'a read GET is retried after a 503' {
        Add-CdssEmulatorFault $emu @{ operation = 'getClusterStatus'; kind = 'status'; status = 503; errorCode = '500'; times = 1 }
        (Invoke-CdssApi -Method GET -Path /cluster/getClusterStatus/3432149).clusterName | Should -Be 'kafka-prod-01'
        (Get-CdssEmulatorRequest $emu -Operation getClusterStatus | Measure-Object).Count | Should -Be 2
    }
}

Describe 'The pipeline ends when the user says so' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'Select-Object -First 1 over 40 numbers at -ThrottleLimit 2: no request after the pipeline returned' {
        Set-CdssEmulatorConfig $emu @{ latencyMs = 300 }
        $first = 1..40 | ForEach-Object { 3432149 } | Test-CdssRollingRestart -ThrottleLimit 2 | Select-Object -First 1
        $returnedAt = [DateTimeOffset]::UtcNow
        $first.CanRestart | Should -BeTrue
        $atReturn = @(Get-CdssEmulatorRequest $emu -Operation rollingRestartPreCheck)
        Start-Sleep -Milliseconds 500
        $later = @(Get-CdssEmulatorRequest $emu -Operation rollingRestartPreCheck)
        $later.Count | Should -Be $atReturn.Count -Because 'nothing may be sent after the pipeline returned'
        @($later | Where-Object { [DateTimeOffset]::Parse($_.receivedAt) -gt $returnedAt }).Count | Should -Be 0
        $later.Count | Should -BeLessOrEqual 4
    }
}

Describe 'Inputs a person gets wrong' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'a secret key pasted with <Name> is CdssInvalidSecretKey, and the secret is not quoted' -ForEach @(
        @{ Name = 'a trailing space'; Secret = 'emulator-secret-key ' }
        @{ Name = 'a leading space'; Secret = ' emulator-secret-key' }
        @{ Name = 'a line break'; Secret = "emulator-secret-key`n" }
    ) {
        $err = { Connect-Cdss -Endpoint $emu.Endpoint -AccessKey $emu.AccessKey -SecretKey (New-TestSecret $Secret) -NotDefault } |
            Should -Throw -ErrorId 'CdssInvalidSecretKey*' -PassThru
        "$err" | Should -Match 'pasted'
        "$err" | Should -Not -Match 'emulator-secret-key'
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 0
    }

    It 'refuses a fractional cluster number in binding: <Value>' -ForEach @(
        @{ Value = 3432149.6 }, @{ Value = '3432149.6' }, @{ Value = [decimal]3432149.5 }
    ) {
        { Test-CdssRollingRestart -ServiceGroupInstanceNo $Value } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
        { $Value | Test-CdssRollingRestart -ErrorAction Stop } | Should -Throw '*not a cluster number*'
        { Start-CdssRollingRestart $Value -Force } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 0
    }

    It 'still takes whole numbers as double, string and from objects' {
        (Test-CdssRollingRestart ([double]3432149)).ServiceGroupInstanceNo | Should -Be 3432149
        (Test-CdssRollingRestart '3432150').ServiceGroupInstanceNo | Should -Be 3432150
        ([pscustomobject]@{ ServiceGroupInstanceNo = 3432153 } | Test-CdssRollingRestart).ServiceGroupInstanceNo | Should -Be 3432153
    }

    It 'Get-CdssCluster 3432149 (a number given to -Name) points at -ServiceGroupInstanceNo' {
        $r = Invoke-Collected { Get-CdssCluster 3432149 }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssClusterNotFound*'
        "$($r.Errors[0])" | Should -Match '-ServiceGroupInstanceNo'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match '-ServiceGroupInstanceNo 3432149'
    }

    It 'Get-CdssCluster errors use the query as their target, not a page number' {
        Add-CdssEmulatorFault $emu @{ operation = 'getClusterInfoList'; kind = 'status'; status = 500; errorCode = '900' }
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -MaxRetries 0 -NotDefault
        $r = Invoke-Collected { Get-CdssCluster -Name 'kafka-prod-*' -Session $s }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssServiceError*'
        $r.Errors[0].TargetObject | Should -Be 'kafka-prod-*'
    }
}

Describe 'Export-Csv' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'Get-CdssCluster | Export-Csv writes no .NET type names, and unknown fields are real columns' {
        $csv = Join-Path $TestDrive 'clusters.csv'
        Get-CdssCluster -WarningAction SilentlyContinue | Export-Csv $csv -NoTypeInformation
        $text = Get-Content $csv -Raw
        $text | Should -Not -Match 'System\.Collections'
        $text | Should -Not -Match 'AdditionalFields'
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 6
        $rows[0].ClusterName | Should -Be 'kafka-prod-01'
        $rows[0].VpcNo | Should -Match '^\d+$'
    }
}

Describe 'Errors say what really happened' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'pre-check, restart and progress errors name the cluster number and name' {
        # Two sessions that do not retry: one has listed the clusters (so it knows their names), one has not.
        $named = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -MaxRetries 0 -NotDefault
        $null = Get-CdssCluster -Session $named -WarningAction SilentlyContinue
        $s = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -MaxRetries 0 -NotDefault
        Add-CdssEmulatorFault $emu @{ kind = 'status'; status = 503; errorCode = '500' }
        $pre = Invoke-Collected { Test-CdssRollingRestart 3432150 -Session $s }
        "$($pre.Errors[0])" | Should -Match '^Cluster 3432150: '
        $null = Get-CdssCluster -Session $s -ErrorAction SilentlyContinue
        $restart = Invoke-Collected { Start-CdssRollingRestart 3432149 -Session $named -SkipPreCheck -Force }
        $restart.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssOutcomeUnknown*'
        "$($restart.Errors[0])" | Should -Match '^Cluster 3432149 \(kafka-prod-01\): '
        $progress = Invoke-Collected { Get-CdssRollingRestartProgress 3432153 -Session $named }
        "$($progress.Errors[0])" | Should -Match '^Cluster 3432153 \(kafka-analytics\): '
    }

    It 'code 3 tells the user to check the number, not to wait' {
        $r = Invoke-Collected { Get-CdssRollingRestartProgress 42 }
        "$($r.Errors[0])" | Should -Match '^Cluster 42: .*code 3: Invalid Service Group Instance No'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Check the cluster number'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Not -Match 'wait'
    }

    It 'a restart to a port nobody listens on is CdssNetworkError (not sent), not CdssOutcomeUnknown' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $s = Connect-Cdss -Endpoint "http://127.0.0.1:$port/api/v1" -Credential $emu.Credential -MaxRetries 0 -NotDefault
        $r = Invoke-Collected { Start-CdssRollingRestart 3432149 -Session $s -SkipPreCheck -Force }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssNetworkError*'
        "$($r.Errors[0])" | Should -Match 'connection refused.*not sent'
    }

    It 'the CDSS_ENDPOINT warning names the site the session would have used' {
        $saved = $env:NCLOUD_SITE
        $env:CDSS_ENDPOINT = $emu.Endpoint; $env:NCLOUD_SITE = 'fin'
        $env:NCLOUD_ACCESS_KEY = $emu.AccessKey; $env:NCLOUD_SECRET_KEY = 'emulator-secret-key'
        try {
            $warns = $null
            $s = Connect-Cdss -NotDefault -WarningVariable warns -WarningAction SilentlyContinue
        }
        finally {
            Remove-Item Env:CDSS_ENDPOINT, Env:NCLOUD_ACCESS_KEY, Env:NCLOUD_SECRET_KEY
            if ($null -eq $saved) { Remove-Item Env:NCLOUD_SITE } else { $env:NCLOUD_SITE = $saved }
        }
        "$($s.Site)" | Should -Be 'Fin'
        "$warns" | Should -Match "instead of the Fin site's gateway"
    }
}
