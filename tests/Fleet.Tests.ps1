BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:big = Start-ConnectedEmulator -ArgumentList '--clusters', '250' -NotDefault
    $script:bigSession = $big.Session
    $script:emu = Start-ConnectedEmulator -ArgumentList '--broker-restart-ms', '100'
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'Get-CdssCluster' {
    BeforeEach { Reset-CdssEmulator $big; Reset-CdssEmulator $emu }

    It 'lists 250 clusters across 3 pages' {
        $clusters = Get-CdssCluster -Session $bigSession
        $clusters.Count | Should -Be 250
        ($clusters.ServiceGroupInstanceNo | Sort-Object -Unique).Count | Should -Be 250
        $pages = Get-CdssEmulatorRequest $big -Operation getClusterInfoList
        $pages.Count | Should -BeGreaterOrEqual 3
        ($pages.body | ConvertFrom-Json).pageNo | Should -Be (1..$pages.Count)
    }

    It 'writes typed Cdss.Cluster objects with the other fields kept' {
        $c = Get-CdssCluster -Name 'kafka-prod-01'
        $c.PSTypeNames[0] | Should -Be 'Cdss.Cluster'
        $c.ServiceGroupInstanceNo | Should -BeOfType [long]
        $c.ServiceGroupInstanceNo | Should -Be 3432149
        $c.ClusterName | Should -Be 'kafka-prod-01'
        $c.Status | Should -Be 'running'
        $c.KafkaVersion | Should -Not -BeNullOrEmpty
        $c.VpcName | Should -Not -BeNullOrEmpty
        $c.CreateDate | Should -BeOfType [DateTimeOffset]
        $c.BrokerNodeCount | Should -Be 3
        $c.ApplicationVersion | Should -Not -BeNullOrEmpty
        $c.BrokerNodeProductName | Should -Not -BeNullOrEmpty
    }

    It 'streams objects as pages arrive' {
        # The first page is answered at once and every later one is held for a minute, so the first page's clusters
        # can only have been written before the rest of the list was read.
        Add-CdssEmulatorFault $big @(
            @{ operation = 'getClusterInfoList'; kind = 'latency'; latencyMs = 0; times = 1 }
            @{ operation = 'getClusterInfoList'; kind = 'latency'; latencyMs = 60000 }
        )
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($m, $s) Import-Module $m; Get-CdssCluster -Session $s }).AddArgument($ModulePath).AddArgument($bigSession)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $null = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            Wait-Until { $output.Count -eq 100 -and (Get-CdssEmulatorRequest $big -Operation getClusterInfoList | Measure-Object).Count -eq 2 } -Because 'page 1 was written while page 2 was asked for'
            $pages = @(Get-CdssEmulatorRequest $big -Operation getClusterInfoList)
            ($pages.body | ConvertFrom-Json).pageNo | Should -Be @(1, 2)
            $pages[1].status | Should -Be 0 -Because 'the second page is still unanswered'
            $output.Count | Should -Be 100
            $ps.InvocationStateInfo.State | Should -Be 'Running'
        }
        finally {
            $ps.Stop()
            $ps.Dispose()
        }
    }

    It 'filters by name with wildcards' {
        $c = Get-CdssCluster -Name 'kafka-prod-*', '*analytics'
        $c.ClusterName | Should -Be @('kafka-prod-01', 'kafka-prod-02', 'kafka-analytics')
    }

    It 'takes plain numbers from the pipeline' {
        (3432153, 3432149 | Get-CdssCluster).ClusterName | Should -Be @('kafka-prod-01', 'kafka-analytics')
    }

    It 'filters by number' {
        (Get-CdssCluster -ServiceGroupInstanceNo 3432152, 3432150).ClusterName | Should -Be @('kafka-prod-02', 'kafka-dev')
    }

    It 'reports a plain name that matches nothing as CdssClusterNotFound' {
        $errs = $null
        $c = Get-CdssCluster -Name 'no-such-cluster' -ErrorVariable errs -ErrorAction SilentlyContinue
        $c | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssClusterNotFound*'
    }
}

Describe 'Fleet pre-check' {
    BeforeEach { Reset-CdssEmulator $big }

    It 'gives exactly one result per cluster, in order, with the right CanRestart' {
        $clusters = Get-CdssCluster -Session $bigSession
        $results = $clusters | Test-CdssRollingRestart -Session $bigSession -ThrottleLimit 16
        $results.Count | Should -Be 250
        $results.ServiceGroupInstanceNo | Should -Be $clusters.ServiceGroupInstanceNo
        for ($i = 0; $i -lt 250; $i++) {
            $results[$i].CanRestart | Should -Be ($clusters[$i].Status -eq 'running') -Because "cluster $($clusters[$i].ServiceGroupInstanceNo) is $($clusters[$i].Status)"
        }
        ($results | Where-Object CanRestart).Count | Should -BeGreaterThan 0
        ($results | Where-Object { -not $_.CanRestart }).Count | Should -BeGreaterThan 0
    }

    It 'yields the same results with ThrottleLimit 16 as with 1, under latency' {
        Set-CdssEmulatorConfig $big @{ latencyMs = 30 }
        $numbers = (Get-CdssCluster -Session $bigSession | Select-Object -First 30).ServiceGroupInstanceNo + 1, 2
        $one = $numbers | Test-CdssRollingRestart -Session $bigSession -ThrottleLimit 1
        $many = $numbers | Test-CdssRollingRestart -Session $bigSession -ThrottleLimit 16
        $project = { $_ | Select-Object ServiceGroupInstanceNo, CanRestart, Code, Message | ConvertTo-Json -Compress }
        ($many | ForEach-Object $project) | Should -Be ($one | ForEach-Object $project)
        $many.Count | Should -Be 32
    }

    It 'runs requests concurrently up to the ThrottleLimit' {
        $numbers = (Get-CdssCluster -Session $bigSession | Select-Object -First 12).ServiceGroupInstanceNo
        Reset-CdssEmulator $big
        # Every pre-check is held for a minute: whatever the machine's load, no answer comes back during the test,
        # so the requests the emulator holds at once are exactly the ones the client has in flight.
        Add-CdssEmulatorFault $big @{ operation = 'rollingRestartPreCheck'; kind = 'latency'; latencyMs = 60000 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($m, $s, $n) Import-Module $m; $n | Test-CdssRollingRestart -Session $s -ThrottleLimit 8 }).
                AddArgument($ModulePath).AddArgument($bigSession).AddArgument($numbers)
            $async = $ps.BeginInvoke()
            Wait-Until { (Get-CdssEmulatorRequest $big -Operation rollingRestartPreCheck | Measure-Object).Count -ge 8 } -Because '8 pre-checks arrived'
            # A ninth may only be sent once one of the 8 is answered, and none will be: give it time to show up if it would.
            Start-Sleep -Milliseconds 500
            $held = @(Get-CdssEmulatorRequest $big -Operation rollingRestartPreCheck)
            $held.Count | Should -Be 8 -Because 'ThrottleLimit 8 allows 8 requests in flight, and the other 4 wait for a free slot'
            $held.status | Should -Be (@(0) * 8) -Because 'all 8 are in flight at once: none had an answer before the last arrived'
            $held.serviceGroupInstanceNo | Sort-Object | Should -Be ($numbers[0..7] | Sort-Object) -Because 'the first 8 inputs took the 8 slots'
        }
        finally {
            $ps.Stop()
            $ps.Dispose()
        }
    }

    It 'rejects ThrottleLimit <Value>' -ForEach @(@{ Value = 0 }, @{ Value = 65 }) {
        { Test-CdssRollingRestart 1 -Session $bigSession -ThrottleLimit $Value } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
    }

    It 'shows progress with the number checked on long runs' {
        Set-CdssEmulatorConfig $big @{ latencyMs = 20 }
        $result = Invoke-InNewRunspace {
            param($m, $s)
            Import-Module $m
            Get-CdssCluster -Session $s | Select-Object -First 40 | Test-CdssRollingRestart -Session $s -ThrottleLimit 2
        } @{ m = $ModulePath; s = $bigSession }
        $result.Output.Count | Should -Be 40
        $records = $result.Progress | Where-Object Activity -EQ 'Rolling-restart pre-check'
        $records | Should -Not -BeNullOrEmpty
        ($records.StatusDescription -match '^Checked \d+') | Should -Not -BeNullOrEmpty
        ($records.StatusDescription -match '^Checked \d+ of 40 clusters$') | Should -Not -BeNullOrEmpty
    }
}

Describe 'Start-CdssRollingRestart' {
    BeforeEach { Reset-CdssEmulator $emu; Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 100 } }

    It 'refuses a cluster that is not ready with CdssPreCheckFailed and sends no restart' {
        $errs = $null
        $r = Start-CdssRollingRestart 3432151 -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssPreCheckFailed*'
        "$($errs[0])" | Should -Match 'not in running state'
        (Get-CdssEmulatorRequest $emu -Operation rollingRestart).Count | Should -Be 0
    }

    It 'sends nothing at all with -WhatIf' {
        $r = Start-CdssRollingRestart 3432149 -WhatIf
        $r | Should -BeNullOrEmpty
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 0
    }

    It 'sends nothing with -WhatIf even with -Force' {
        $null = Start-CdssRollingRestart 3432149 -WhatIf -Force
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 0
    }

    It 'declares ConfirmImpact High' {
        $attr = (Get-Command Start-CdssRollingRestart).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attr.SupportsShouldProcess | Should -BeTrue
        $attr.ConfirmImpact | Should -Be 'High'
    }

    It 'writes a Cdss.RollingRestart without -Wait' {
        $r = Start-CdssRollingRestart 3432149 -Force
        $r.PSTypeNames[0] | Should -Be 'Cdss.RollingRestart'
        $r.ServiceGroupInstanceNo | Should -Be 3432149
        $r.Accepted | Should -BeTrue
        $r.Code | Should -Be 0
        $r.RequestId | Should -Not -BeNullOrEmpty
        $log = Get-CdssEmulatorRequest $emu
        $log.operation | Should -Be @('rollingRestartPreCheck', 'rollingRestart')
        $log[1].body | Should -Be '{"serviceGroupInstanceNo":3432149}'
    }

    It 'skips the pre-check with -SkipPreCheck' {
        $null = Start-CdssRollingRestart 3432149 -Force -SkipPreCheck
        (Get-CdssEmulatorRequest $emu).operation | Should -Be @('rollingRestart')
    }
}

Describe 'Get-CdssRollingRestartProgress' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'writes the status with per-node detail' {
        $p = Get-CdssRollingRestartProgress 3432149
        $p.PSTypeNames[0] | Should -Be 'Cdss.RollingRestartProgress'
        $p.ClusterName | Should -Be 'kafka-prod-01'
        $p.BrokersUp | Should -Be 3
        $p.BrokersTotal | Should -Be 3
        $p.BrokerStatus | Should -Be 'green'
        $p.Nodes.Count | Should -Be 3
        $p.Nodes[0].Hostname | Should -Be 'kafka-prod-01-broker-001'
        $p.Nodes[0].Status | Should -Be 'running'
        $p.ZookeeperStatus | Should -Be 'green'
        $p.CmakStatus | Should -Not -BeNullOrEmpty
    }

    It 'shows a restart in progress' {
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 5000 }
        $null = Start-CdssRollingRestart 3432149 -Force
        $p = Get-CdssRollingRestartProgress 3432149
        $p.BrokerStatus | Should -Be 'orange'
        $p.BrokersUp | Should -Be 2
        ($p.Nodes | Where-Object Status -EQ 'restarting').Count | Should -Be 1
    }

    It 'takes pipeline input and reports an unknown number as CdssApiError' {
        $errs = $null
        $p = 3432150, 42 | Get-CdssRollingRestartProgress -ErrorVariable errs -ErrorAction SilentlyContinue
        @($p).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssApiError*'
        "$($errs[0])" | Should -Match 'code 3'
    }
}

Describe 'Invoke-CdssApi' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'sends a hashtable body and writes the result as objects' {
        $page = Invoke-CdssApi -Method POST -Path '/cluster/getClusterInfoList' -Body @{ pageNo = 2; pageSize = 2 }
        $page.currentPage | Should -Be 2
        $page.allowedClusters.Count | Should -Be 2
        $page.allowedClusters[0].clusterName | Should -Be 'kafka-stage'
        ((Get-CdssEmulatorRequest $emu)[0].body | ConvertFrom-Json).pageSize | Should -Be 2
    }

    It 'sends a JSON string body unchanged' {
        $r = Invoke-CdssApi /cluster/rollingRestartPreCheck -Body '{"serviceGroupInstanceNo":3432149}'
        $r | Should -BeTrue
        (Get-CdssEmulatorRequest $emu)[0].body | Should -Be '{"serviceGroupInstanceNo":3432149}'
    }

    It 'signs a query string exactly as sent' {
        $r = Invoke-CdssApi -Method POST -Path '/cluster/getClusterInfoList' -Query @{ pageNo = 1; pageSize = 3; inputText = 'prod'; note = 'a b&c' }
        $r.allowedClusters.clusterName | Should -Be @('kafka-prod-01', 'kafka-prod-02')
        (Get-CdssEmulatorRequest $emu)[0].target | Should -Be '/api/v1/cluster/getClusterInfoList?inputText=prod&note=a%20b%26c&pageNo=1&pageSize=3'
    }

    It 'calls GET operations' {
        $r = Invoke-CdssApi -Method GET -Path '/cluster/getClusterStatus/3432153'
        $r.clusterName | Should -Be 'kafka-analytics'
        (Get-CdssEmulatorRequest $emu)[0].method | Should -Be 'GET'
    }

    It 'writes the whole envelope with -Raw' {
        $r = Invoke-CdssApi /cluster/rollingRestartPreCheck -Body @{ serviceGroupInstanceNo = 3432151 } -Raw
        $r.code | Should -Be 0
        $r.message | Should -Match 'not in running state'
        $r.requestId | Should -Not -BeNullOrEmpty
    }

    It 'reports a non-zero code as CdssApiError with code, message and requestId' {
        $errs = $null
        $r = Invoke-CdssApi /cluster/rollingRestartProgressCheck -Body @{ serviceGroupInstanceNo = 1 } -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssApiError*'
        "$($errs[0])" | Should -Match 'code 3: Invalid Service Group Instance No'
        "$($errs[0])" | Should -Match 'RequestId: [0-9a-f]{8}-'
    }

    It 'rejects a path that is not relative: <Path>' -ForEach @(@{ Path = 'https://evil.example/x' }, @{ Path = '/cluster/../../x' }, @{ Path = '/cluster/x?a=1' }) {
        $errs = $null
        $null = Invoke-CdssApi -Path $Path -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssInvalidArgument*'
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 0
    }

    It 'never resends a restart made through Invoke-CdssApi after a 503' {
        Add-CdssEmulatorFault $emu @{ operation = 'rollingRestart'; kind = 'status'; status = 503; errorCode = '500' }
        $errs = $null
        $null = Invoke-CdssApi /cluster/rollingRestart -Body @{ serviceGroupInstanceNo = 3432149 } -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssOutcomeUnknown*'
        (Get-CdssEmulatorRequest $emu -Operation rollingRestart).Count | Should -Be 1
    }
}
