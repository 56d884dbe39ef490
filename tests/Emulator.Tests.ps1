<#
    Tests of the emulator itself over real HTTP. Requests are signed here, independently of the module, so
    that these tests pin down what the emulator answers rather than what the client makes of it.
    One file on purpose, the single place that states the emulator's contract: one Describe per feature,
    in the order of docs/EMULATOR.md, sharing the signing and polling helpers below.
#>
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-TestEmulator -ArgumentList '--broker-restart-ms', '100'
    $script:generated = Start-TestEmulator -ArgumentList '--clusters', '15', '--broker-restart-ms', '100'

    # Signs and sends one request; -Body may be an object (sent as JSON) or a string (sent as is).
    function Invoke-Emulator {
        param(
            [string] $Path,
            [string] $Method = 'POST',
            $Body,
            $Emulator = $script:emu,
            [string] $AccessKey = $script:emu.AccessKey,
            [string] $SecretKey = 'emulator-secret-key'
        )
        $uri = "$($Emulator.Endpoint)$Path"
        $timestamp = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds().ToString()
        $stringToSign = "$Method $(([uri]$uri).PathAndQuery)`n$timestamp`n$AccessKey"
        $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($SecretKey))
        try { $signature = [Convert]::ToBase64String($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($stringToSign))) }
        finally { $hmac.Dispose() }
        $params = @{
            Method = $Method; Uri = $uri; SkipHttpErrorCheck = $true; TimeoutSec = 10
            Headers = @{ 'x-ncp-apigw-timestamp' = $timestamp; 'x-ncp-iam-access-key' = $AccessKey; 'x-ncp-apigw-signature-v2' = $signature }
        }
        if ($null -ne $Body) {
            $params.Body = if ($Body -is [string]) { $Body } else { $Body | ConvertTo-Json -Compress -Depth 10 }
            $params.ContentType = 'application/json'
        }
        $response = Invoke-WebRequest @params
        $text = "$($response.Content)"
        [pscustomobject]@{
            Status = [int]$response.StatusCode
            Text   = $text
            Json   = if ($text) { $text | ConvertFrom-Json } else { $null }
        }
    }

    function Invoke-Cluster([string] $Operation, $Number, $Emulator = $script:emu) {
        Invoke-Emulator "/cluster/$Operation" -Body @{ serviceGroupInstanceNo = $Number } -Emulator $Emulator
    }

    # Polls a cluster's progress until it is green again; returns the brokers seen restarting, in order,
    # and checks that at most one was down at a time.
    function Watch-RollingRun([long] $Number, [double] $TimeoutSec = 15) {
        $seen = [System.Collections.Generic.List[string]]::new()
        Wait-Until {
            $s = (Invoke-Cluster rollingRestartProgressCheck $Number).Json.result
            $down = @($s.brokerStatusPerNode | Where-Object status -EQ 'restarting')
            $down.Count | Should -BeLessOrEqual 1
            if ($down.Count -eq 1) {
                $s.brokerNumber | Should -Be ($s.brokerNodeTotalNumber - 1)
                if ($seen -notcontains $down[0].hostname) { $seen.Add($down[0].hostname) }
            }
            $s.brokerStatus -eq 'green'
        } -TimeoutSec $TimeoutSec
        $seen.ToArray()
    }

    $script:colours = 'green', 'yellow', 'orange', 'red', 'gray'
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'The documented "no"' {
    BeforeEach { Reset-CdssEmulator $emu; Reset-CdssEmulator $generated }

    It '<Operation> of a changing cluster: code 0, result null, the reason in message' -ForEach @(
        @{ Operation = 'rollingRestartPreCheck' }, @{ Operation = 'rollingRestart' }
    ) {
        $r = Invoke-Cluster $Operation 3432151
        $r.Status | Should -Be 200
        $r.Json.code | Should -Be 0
        $r.Text | Should -Match '"result":null'
        $r.Json.message | Should -Be 'Cluster is not in running state (changing)'
        $r.Json.requestId | Should -Match '^[0-9a-f]{8}-'
    }

    It '<Operation> of kafka-dev (error) keeps a non-zero code' -ForEach @(
        @{ Operation = 'rollingRestartPreCheck' }, @{ Operation = 'rollingRestart' }
    ) {
        $r = Invoke-Cluster $Operation 3432152
        $r.Json.code | Should -Be 1001
        $r.Text | Should -Match '"result":null'
        $r.Json.message | Should -Be 'Cluster is not in running state (error)'
    }

    It 'answers every generated not-ready cluster in the documented form' {
        # Generated clusters 5, 10 and 15 are changing, error and creating.
        foreach ($case in @{ No = 5000005; Status = 'changing' }, @{ No = 5000010; Status = 'error' }, @{ No = 5000015; Status = 'creating' }) {
            $r = Invoke-Cluster rollingRestartPreCheck $case.No $generated
            $r.Json.code | Should -Be 0
            $r.Text | Should -Match '"result":null'
            $r.Json.message | Should -Be "Cluster is not in running state ($($case.Status))"
        }
        (Invoke-Cluster rollingRestartPreCheck 5000001 $generated).Json.result | Should -BeTrue
    }

    It 'answers pre-check and restart during a restart with "A rolling restart is already in progress"' {
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 60000 }
        (Invoke-Cluster rollingRestart 3432149).Json.result | Should -BeTrue
        foreach ($operation in 'rollingRestartPreCheck', 'rollingRestart') {
            $r = Invoke-Cluster $operation 3432149
            $r.Json.code | Should -Be 0
            $r.Text | Should -Match '"result":null'
            $r.Json.message | Should -Be 'A rolling restart is already in progress'
        }
    }

    It 'answers an unknown number with code 3' {
        $r = Invoke-Cluster rollingRestartPreCheck 999999
        $r.Json.code | Should -Be 3
        $r.Json.message | Should -Be 'Invalid Service Group Instance No'
    }
}

Describe 'Request bodies' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'accepts the number as a JSON string of digits' {
        $r = Invoke-Emulator /cluster/rollingRestartPreCheck -Body '{"serviceGroupInstanceNo":"3432149"}'
        $r.Json.code | Should -Be 0
        $r.Json.result | Should -BeTrue
        (Get-CdssEmulatorRequest $emu)[0].serviceGroupInstanceNo | Should -Be 3432149
    }

    It 'answers a wrong type in the envelope with code 3 and the reason: <Body>' -ForEach @(
        @{ Body = '{"serviceGroupInstanceNo":true}'; Reason = 'must be an integer' }
        @{ Body = '{"serviceGroupInstanceNo":"abc"}'; Reason = 'must be an integer' }
        @{ Body = '{"serviceGroupInstanceNo":3432149.5}'; Reason = 'must be an integer' }
        @{ Body = '{"serviceGroupInstanceNo":[3432149]}'; Reason = 'must be an integer' }
        @{ Body = '{}'; Reason = 'is required' }
    ) {
        $r = Invoke-Emulator /cluster/rollingRestart -Body $Body
        $r.Status | Should -Be 200
        $r.Json.code | Should -Be 3
        $r.Text | Should -Match '"result":null'
        $r.Json.message | Should -BeLike "Invalid Service Group Instance No: serviceGroupInstanceNo $Reason"
    }

    It 'answers a list request without a body with HTTP 500 "JSON Parse error"' {
        $r = Invoke-Emulator /cluster/getClusterInfoList
        $r.Status | Should -Be 500
        $r.Json.code | Should -Be 900
        $r.Json.message | Should -BeLike 'JSON Parse error: *'
        $r.Text | Should -Match '"result":null'
        $r.Json.requestId | Should -Not -BeNullOrEmpty
    }

    It 'answers a body that is not a JSON object the same way: <Body>' -ForEach @(
        @{ Body = 'serviceGroupInstanceNo=3432149' }, @{ Body = '{"serviceGroupInstanceNo":' }, @{ Body = '[3432149]' }
    ) {
        $r = Invoke-Emulator /cluster/rollingRestartPreCheck -Body $Body
        $r.Status | Should -Be 500
        $r.Json.message | Should -BeLike 'JSON Parse error: *'
    }

    It 'ignores the body of operations that take none' {
        $r = Invoke-Emulator /cluster/getClusterInfoList/3432149 -Body 'not json'
        $r.Status | Should -Be 200
        $r.Json.result.clusterName | Should -Be 'kafka-prod-01'
    }

    It 'answers a mistyped list parameter in the envelope' {
        $r = Invoke-Emulator /cluster/getClusterInfoList -Body @{ pageNo = 'first' }
        $r.Status | Should -Be 200
        $r.Json.code | Should -Not -Be 0
        $r.Json.message | Should -Match 'pageNo'
    }

    It 'answers the number in the path of a rolling-restart call with 404/300' {
        $r = Invoke-Emulator /cluster/rollingRestartPreCheck/3432149 -Body '{}'
        $r.Status | Should -Be 404
        $r.Json.error.errorCode | Should -Be '300'
    }
}

Describe 'Cluster list and detail' {
    BeforeEach { Reset-CdssEmulator $emu; Reset-CdssEmulator $generated }

    It 'sends serviceGroupInstanceNo as a string and vpcNo as a number' {
        $r = Invoke-Emulator /cluster/getClusterInfoList -Body @{ pageSize = 1 }
        $r.Text | Should -Match '"serviceGroupInstanceNo":"3432149"'
        $r.Text | Should -Match '"vpcNo":10501[,}]'
        $r.Json.result.allowedClusters[0].kafkaVersion | Should -Be '3.7.1'
    }

    It 'answers getClusterInfoList/{no} in the single-cluster shape' {
        $r = Invoke-Emulator /cluster/getClusterInfoList/3432149
        $info = $r.Json.result
        $info.PSObject.Properties.Name | Should -Be @(
            'clusterName', 'kafkaVersionCode', 'kafkaManagerUserName', 'softwareProductCode', 'vpcNo', 'managerNodeProductCode',
            'managerNodeSubnetNo', 'brokerNodeProductCode', 'brokerNodeSubnetNo', 'brokerNodeCount', 'brokerNodeStorageSize',
            'configGroupNo', 'status')
        $info.clusterName | Should -Be 'kafka-prod-01'
        $info.status | Should -Be 'running'
        $r.Text | Should -Match '"kafkaVersionCode":"3713006"'
        $r.Text | Should -Match '"configGroupNo":101[,}]'
        $r.Text | Should -Match '"vpcNo":10501[,}]'
        (Invoke-Emulator /cluster/getClusterInfoList/3432151).Json.result.status | Should -Be 'changing'
    }

    It 'seeds versions and config groups: <Name>' -ForEach @(
        @{ No = 3432150; Name = 'kafka-prod-02'; Code = '3713006'; Group = 101 }
        @{ No = 3432151; Name = 'kafka-stage'; Code = '3903006'; Group = 201 }
        @{ No = 3432152; Name = 'kafka-dev'; Code = '2823006'; Group = 301 }
        @{ No = 3432153; Name = 'kafka-analytics'; Code = '3713006'; Group = 102 }
        @{ No = 3432154; Name = 'kafka-flaky'; Code = '3713006'; Group = 101 }
    ) {
        $info = (Invoke-Emulator "/cluster/getClusterInfoList/$No").Json.result
        $info.clusterName | Should -Be $Name
        $info.kafkaVersionCode | Should -Be $Code
        $info.configGroupNo | Should -Be $Group
    }

    It 'lists kafka-payments in disallowedClusters on every page, under the same filter, and does not count it' {
        $page1 = (Invoke-Emulator /cluster/getClusterInfoList -Body @{ pageNo = 1; pageSize = 4 }).Json.result
        $page2 = (Invoke-Emulator /cluster/getClusterInfoList -Body @{ pageNo = 2; pageSize = 4 }).Json.result
        $page1.totalCount | Should -Be 6
        foreach ($page in $page1, $page2) {
            @($page.disallowedClusters).Count | Should -Be 1
            $page.disallowedClusters[0].clusterName | Should -Be 'kafka-payments'
            $page.disallowedClusters[0].serviceGroupInstanceNo | Should -Be '3432160'
            $page.allowedClusters.clusterName | Should -Not -Contain 'kafka-payments'
        }
        $prod = (Invoke-Emulator /cluster/getClusterInfoList -Body @{ vpcName = 'vpc-prod' }).Json.result
        $prod.disallowedClusters.clusterName | Should -Be 'kafka-payments'
        $prod.totalCount | Should -Be 2
        @((Invoke-Emulator /cluster/getClusterInfoList -Body @{ vpcName = 'vpc-dev' }).Json.result.disallowedClusters).Count | Should -Be 0
        @((Invoke-Emulator /cluster/getClusterInfoList -Body @{ inputText = 'PAY' }).Json.result.disallowedClusters).Count | Should -Be 1
        @((Invoke-Emulator /cluster/getClusterInfoList -Body @{ inputText = 'prod' }).Json.result.disallowedClusters).Count | Should -Be 0
    }

    It 'answers <Operation> on kafka-payments with 401/210 Permission Denied' -ForEach @(
        @{ Operation = 'rollingRestartPreCheck' }, @{ Operation = 'rollingRestart' }, @{ Operation = 'rollingRestartProgressCheck' }
        @{ Operation = 'getClusterStatus' }, @{ Operation = 'getClusterInfo' }, @{ Operation = 'restartKafkaService' }
    ) {
        $r = switch ($Operation) {
            'getClusterStatus' { Invoke-Emulator /cluster/getClusterStatus/3432160 -Method GET }
            'getClusterInfo' { Invoke-Emulator /cluster/getClusterInfoList/3432160 }
            'restartKafkaService' { Invoke-Emulator /cluster/restartKafkaService/3432160 -Method GET }
            default { Invoke-Cluster $Operation 3432160 }
        }
        $r.Status | Should -Be 401
        $r.Json.error.errorCode | Should -Be '210'
        $r.Json.error.message | Should -Be 'Permission Denied'
        (Get-CdssEmulatorRestart $emu | Measure-Object).Count | Should -Be 0
    }

    It 'has no disallowed clusters when clusters are generated, so counts are exact' {
        $page = (Invoke-Emulator /cluster/getClusterInfoList -Body @{ pageSize = 100 } -Emulator $generated).Json.result
        $page.totalCount | Should -Be 15
        @($page.disallowedClusters).Count | Should -Be 0
    }

    It 'gives generated clusters versions and config groups round-robin' {
        $first = (Invoke-Emulator /cluster/getClusterInfoList/5000001 -Emulator $generated).Json.result
        $third = (Invoke-Emulator /cluster/getClusterInfoList/5000003 -Emulator $generated).Json.result
        $first.configGroupNo, $first.kafkaVersionCode | Should -Be @(101, '3713006')
        $third.configGroupNo, $third.kafkaVersionCode | Should -Be @(201, '3903006')
    }
}

Describe 'Per-node status' {
    BeforeEach { Reset-CdssEmulator $emu; Reset-CdssEmulator $generated }

    It 'never sends a colour per node, while the top-level status stays a colour' {
        $seen = foreach ($no in 3432149, 3432151, 3432152) {
            $status = (Invoke-Emulator "/cluster/getClusterStatus/$no" -Method GET).Json.result
            $status.brokerStatus | Should -BeIn $colours
            $status.zookeeperStatus | Should -BeIn $colours
            $status.cmakStatus | Should -BeIn $colours
            $status.brokerStatusPerNode.status
            $status.zookeeperStatusPerNode.status
        }
        $seen | Should -Not -BeNullOrEmpty
        $seen | Where-Object { $_ -in $colours } | Should -BeNullOrEmpty
    }

    It 'uses running, restarting, error and creating' {
        (Invoke-Cluster rollingRestartProgressCheck 3432149).Json.result.brokerStatusPerNode.status | Should -Be @('running', 'running', 'running')
        (Invoke-Cluster rollingRestartProgressCheck 3432152).Json.result.brokerStatusPerNode.status | Should -Be @('running', 'running', 'error')
        $creating = (Invoke-Cluster rollingRestartProgressCheck 5000015 $generated).Json.result
        $creating.brokerStatus | Should -Be 'gray'
        $creating.brokerStatusPerNode.status | Sort-Object -Unique | Should -Be 'creating'
        $creating.zookeeperStatusPerNode.status | Sort-Object -Unique | Should -Be 'creating'

        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 60000 }
        $null = Invoke-Cluster rollingRestart 3432149
        $during = (Invoke-Cluster rollingRestartProgressCheck 3432149).Json.result
        $during.brokerStatus | Should -Be 'orange'
        $during.brokerNumber | Should -Be 2
        $during.brokerStatusPerNode.status | Should -Be @('restarting', 'running', 'running')
    }

    It 'shows the broker kafka-flaky fails at as error, and the cluster error, until reset' {
        $null = Invoke-Cluster rollingRestart 3432154
        Wait-Until { (Invoke-Cluster rollingRestartProgressCheck 3432154).Json.result.brokerStatus -eq 'red' }
        $failed = (Invoke-Cluster rollingRestartProgressCheck 3432154).Json.result
        $failed.brokerStatusPerNode | Where-Object status -EQ 'error' | ForEach-Object hostname | Should -Be 'kafka-flaky-broker-002'
        $failed.brokerNumber | Should -Be 2
        (Invoke-Emulator /cluster/getClusterInfoList/3432154).Json.result.status | Should -Be 'error'
        (Invoke-Cluster rollingRestartPreCheck 3432154).Json.message | Should -Be 'Cluster is not in running state (error)'
        Reset-CdssEmulator $emu
        (Invoke-Cluster rollingRestartProgressCheck 3432154).Json.result.brokerStatus | Should -Be 'green'
    }
}

Describe 'Restarting GETs' {
    BeforeEach { Reset-CdssEmulator $emu; Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 60000 } }

    It '<Operation> restarts every broker at once and then counts as a restart in progress' -ForEach @(
        @{ Operation = 'restartKafkaService' }, @{ Operation = 'restartAllServices' }
    ) {
        $r = Invoke-Emulator "/cluster/$Operation/3432150" -Method GET
        $r.Json.code | Should -Be 0
        $r.Json.result | Should -BeTrue
        $status = (Invoke-Emulator /cluster/getClusterStatus/3432150 -Method GET).Json.result
        $status.brokerNumber | Should -Be 0
        $status.brokerStatusPerNode.status | Sort-Object -Unique | Should -Be 'restarting'
        $again = Invoke-Emulator "/cluster/$Operation/3432150" -Method GET
        $again.Json.code | Should -Be 0
        $again.Text | Should -Match '"result":null'
        $again.Json.message | Should -Be 'A rolling restart is already in progress'
        (Invoke-Cluster rollingRestartPreCheck 3432150).Json.message | Should -Be 'A rolling restart is already in progress'
    }

    It 'answers <Path> in the documented "no" form or with code 3' -ForEach @(
        @{ Path = '/cluster/restartKafkaService/3432151'; Code = 0; Message = 'Cluster is not in running state (changing)' }
        @{ Path = '/cluster/restartAllServices/3432152'; Code = 0; Message = 'Cluster is not in running state (error)' }
        @{ Path = '/cluster/restartKafkaService/999999'; Code = 3; Message = 'Invalid Service Group Instance No' }
    ) {
        $r = Invoke-Emulator $Path -Method GET
        $r.Json.code | Should -Be $Code
        $r.Text | Should -Match '"result":null'
        $r.Json.message | Should -Be $Message
    }

    It 'is a GET only: POST is 404/300' {
        (Invoke-Emulator /cluster/restartKafkaService/3432149 -Body '{}').Status | Should -Be 404
    }
}

Describe '--fault-rate' {
    BeforeAll { $script:faulty = Start-TestEmulator -ArgumentList '--fault-rate', '1' }
    AfterAll { if ($script:faulty) { Stop-CdssEmulator $script:faulty } }

    It 'faults every read and never an operation that changes something' {
        $reads = @(
            Invoke-Cluster rollingRestartPreCheck 3432149 $faulty
            Invoke-Cluster rollingRestartProgressCheck 3432149 $faulty
            Invoke-Emulator /cluster/getClusterInfoList -Body '{}' -Emulator $faulty
            Invoke-Emulator /cluster/getClusterInfoList/3432149 -Emulator $faulty
            Invoke-Emulator /cluster/getClusterStatus/3432149 -Method GET -Emulator $faulty
        )
        $reads.Status | Should -Be @(503, 429, 504, 503, 429)
        (Invoke-Cluster rollingRestart 3432149 $faulty).Json.result | Should -BeTrue
        (Invoke-Emulator /cluster/restartKafkaService/3432150 -Method GET -Emulator $faulty).Json.result | Should -BeTrue
        (Invoke-Emulator /cluster/restartAllServices/3432153 -Method GET -Emulator $faulty).Json.result | Should -BeTrue
        $log = Get-CdssEmulatorRequest $faulty
        ($log | Where-Object fault).operation | Should -Be @('rollingRestartPreCheck', 'rollingRestartProgressCheck', 'getClusterInfoList', 'getClusterInfo', 'getClusterStatus')
    }
}

Describe 'Get-CdssEmulatorRequest' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'streams nothing when there are no requests' {
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 0
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 0
    }

    It 'counts one record and many, and filters by operation' {
        $null = Invoke-Cluster rollingRestartPreCheck 3432149
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 1
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be 1
        $null = Invoke-Cluster rollingRestartProgressCheck 3432149
        $null = Invoke-Cluster rollingRestartProgressCheck 3432150
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 3
        (Get-CdssEmulatorRequest $emu -Operation rollingRestartProgressCheck).Count | Should -Be 2
        (Get-CdssEmulatorRequest $emu -Operation rollingRestart | Measure-Object).Count | Should -Be 0
    }
}

Describe '--verify-vectors' {
    BeforeAll {
        $script:vectors = Join-Path $PSScriptRoot 'Cdss.Tests/TestData/signature-vectors.json'
        $script:dll = Join-Path $EmulatorPath 'Cdss.Emulator.dll'
        function Invoke-VectorCheck([string] $Path) {
            $output = & dotnet $dll --verify-vectors $Path 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($output -join "`n") }
        }
    }

    It 'agrees with every vector of the independent implementation kept in the repository' {
        $count = @((Get-Content -Raw $vectors | ConvertFrom-Json).vectors).Count
        $count | Should -BeGreaterOrEqual 10
        $r = Invoke-VectorCheck $vectors
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.Text | Should -Match "(?m)^$count passed, 0 failed$"
    }

    It 'fails on a vector whose signature was altered' {
        $json = Get-Content -Raw $vectors | ConvertFrom-Json
        $json.vectors[0].signature = 'AAAA' + $json.vectors[0].signature.Substring(4)
        $altered = Join-Path $TestDrive 'altered-vectors.json'
        $json | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $altered
        $r = Invoke-VectorCheck $altered
        $r.ExitCode | Should -Be 1
        $r.Text | Should -Match 'FAIL 1: .*signature rejected'
    }
}

Describe 'Restart timing' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'shows no change during restartDelayMs while pre-check and restart already say "in progress"' {
        # A delay far longer than two local calls take, however loaded the machine.
        Set-CdssEmulatorConfig $emu @{ restartDelayMs = 5000; brokerRestartMs = 100 }
        (Invoke-Cluster rollingRestart 3432149).Json.result | Should -BeTrue
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $status = (Invoke-Cluster rollingRestartProgressCheck 3432149).Json.result
        $list = (Invoke-Emulator /cluster/getClusterInfoList -Body @{ inputText = 'kafka-prod-01' }).Json.result.allowedClusters[0]
        $clock.ElapsedMilliseconds | Should -BeLessThan 5000 -Because 'the checks must fall inside the delay'
        $status.brokerStatus | Should -Be 'green'
        $status.brokerNumber | Should -Be 3
        $status.brokerStatusPerNode.status | Should -Be @('running', 'running', 'running')
        $list.serverStatus | Should -Be 'running'
        foreach ($operation in 'rollingRestartPreCheck', 'rollingRestart') {
            $r = Invoke-Cluster $operation 3432149
            $r.Json.code | Should -Be 0
            $r.Json.message | Should -Be 'A rolling restart is already in progress'
        }
        Wait-Until { (Invoke-Cluster rollingRestartProgressCheck 3432149).Json.result.brokerStatus -eq 'orange' }
        Wait-Until { (Invoke-Cluster rollingRestartPreCheck 3432149).Json.result -eq $true }
        (Get-CdssEmulatorRestart $emu).outcome | Should -Be 'succeeded'
    }

    It 'captures the delay and the broker time at acceptance' {
        Set-CdssEmulatorConfig $emu @{ restartDelayMs = 200; brokerRestartMs = 100 }
        $null = Invoke-Cluster rollingRestart 3432149
        Set-CdssEmulatorConfig $emu @{ restartDelayMs = 60000; brokerRestartMs = 60000 }
        Wait-Until { (Get-CdssEmulatorRestart $emu).outcome -eq 'succeeded' }
        $run = Get-CdssEmulatorRestart $emu
        ([DateTimeOffset]$run.startedAt - [DateTimeOffset]$run.acceptedAt).TotalMilliseconds | Should -Be 200
        ([DateTimeOffset]$run.finishedAt - [DateTimeOffset]$run.startedAt).TotalMilliseconds | Should -Be 300
    }

    It 'takes --restart-delay-ms at start and reports both delays in the config' {
        $delayed = Start-TestEmulator -ArgumentList '--restart-delay-ms', '60000', '--config-apply-delay-ms', '50'
        try {
            $config = Invoke-RestMethod "$($delayed.ControlUri)/config"
            $config.restartDelayMs | Should -Be 60000
            $config.configApplyDelayMs | Should -Be 50
            $null = Invoke-Cluster rollingRestart 3432149 $delayed
            (Invoke-Cluster rollingRestartProgressCheck 3432149 $delayed).Json.result.brokerStatus | Should -Be 'green'
            (Get-CdssEmulatorRestart $delayed).outcome | Should -Be 'running'
        }
        finally { Stop-CdssEmulator $delayed }
    }
}

Describe 'failAtBroker' {
    BeforeEach { Reset-CdssEmulator $emu; Reset-CdssEmulator $generated }

    It 'makes any cluster fail at the given broker, generated ones included' {
        $set = Set-CdssEmulatorCluster -Emulator $generated -ServiceGroupInstanceNo 5000002 -Setting @{ failAtBroker = 1 }
        $set.failAtBroker | Should -Be 1
        $null = Invoke-Cluster rollingRestart 5000002 $generated
        Wait-Until { (Invoke-Cluster rollingRestartProgressCheck 5000002 $generated).Json.result.brokerStatus -eq 'red' }
        $status = (Invoke-Cluster rollingRestartProgressCheck 5000002 $generated).Json.result
        $status.brokerStatusPerNode[0].status | Should -Be 'error'
        @($status.brokerStatusPerNode | Where-Object status -NE 'running').Count | Should -Be 1
        (Invoke-Emulator /cluster/getClusterInfoList/5000002 -Emulator $generated).Json.result.status | Should -Be 'error'
        $run = Get-CdssEmulatorRestart $generated
        $run.outcome | Should -Be 'failed'
        # Broker 1 restarts for one wave, then the run stops.
        ([DateTimeOffset]$run.finishedAt - [DateTimeOffset]$run.startedAt).TotalMilliseconds | Should -Be 100
    }

    It 'clears kafka-flaky''s failure with null, and reset restores it' {
        $null = Set-CdssEmulatorCluster -Emulator $emu -ServiceGroupInstanceNo 3432154 -Setting @{ failAtBroker = $null }
        $null = Invoke-Cluster rollingRestart 3432154
        Wait-Until { (Get-CdssEmulatorRestart $emu).outcome -ne 'running' }
        (Get-CdssEmulatorRestart $emu).outcome | Should -Be 'succeeded'
        Reset-CdssEmulator $emu
        $null = Invoke-Cluster rollingRestart 3432154
        Wait-Until { (Get-CdssEmulatorRestart $emu).outcome -ne 'running' }
        (Get-CdssEmulatorRestart $emu).outcome | Should -Be 'failed'
    }

    It 'refuses <Case>' -ForEach @(
        @{ Case = 'a broker the cluster does not have'; No = 3432149; Setting = @{ failAtBroker = 4 } }
        @{ Case = 'broker 0'; No = 3432149; Setting = @{ failAtBroker = 0 } }
        @{ Case = 'an unknown setting'; No = 3432149; Setting = @{ failAtbroker = 1 } }
        @{ Case = 'an unknown cluster'; No = 42; Setting = @{ failAtBroker = 1 } }
    ) {
        { Set-CdssEmulatorCluster -Emulator $emu -ServiceGroupInstanceNo $No -Setting $Setting } | Should -Throw
    }
}

Describe 'Fault windows' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'matches a status rule only between startAfterMs and startAfterMs + durationMs' {
        # Seconds of margin on each side of the window: a loaded machine cannot push a call across an edge.
        Add-CdssEmulatorFault $emu @{ operation = 'rollingRestartProgressCheck'; kind = 'status'; status = 503; startAfterMs = 3000; durationMs = 3000 }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $before = Invoke-Cluster rollingRestartProgressCheck 3432149
        $clock.ElapsedMilliseconds | Should -BeLessThan 3000 -Because 'the first call must come before the window'
        $before.Status | Should -Be 200
        while ($clock.ElapsedMilliseconds -lt 3500) { Start-Sleep -Milliseconds 20 }
        (Invoke-Cluster rollingRestartProgressCheck 3432149).Status | Should -Be 503
        (Invoke-Cluster rollingRestartPreCheck 3432149).Status | Should -Be 200
        $clock.ElapsedMilliseconds | Should -BeLessThan 6000 -Because 'the calls in the window must come before its end'
        while ($clock.ElapsedMilliseconds -lt 6500) { Start-Sleep -Milliseconds 20 }
        (Invoke-Cluster rollingRestartProgressCheck 3432149).Status | Should -Be 200
        $rule = Invoke-RestMethod "$($emu.ControlUri)/faults"
        $rule.applied | Should -Be 1
        $rule.startAfterMs | Should -Be 3000
        $rule.durationMs | Should -Be 3000
    }

    It 'works with other kinds, and does not use up times outside the window' {
        Add-CdssEmulatorFault $emu @{ operation = 'getClusterStatus'; kind = 'code'; code = 4242; times = 1; startAfterMs = 3000 }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        (Invoke-Emulator /cluster/getClusterStatus/3432149 -Method GET).Json.code | Should -Be 0
        $clock.ElapsedMilliseconds | Should -BeLessThan 3000 -Because 'the first call must come before the window'
        while ($clock.ElapsedMilliseconds -lt 3500) { Start-Sleep -Milliseconds 20 }
        (Invoke-Emulator /cluster/getClusterStatus/3432149 -Method GET).Json.code | Should -Be 4242
        (Invoke-Emulator /cluster/getClusterStatus/3432149 -Method GET).Json.code | Should -Be 0
    }

    It 'refuses a negative startAfterMs' {
        { Add-CdssEmulatorFault $emu @{ kind = 'hang'; startAfterMs = -1 } } | Should -Throw
    }
}

Describe 'The restarts log' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'is empty after a reset' {
        (Get-CdssEmulatorRestart $emu | Measure-Object).Count | Should -Be 0
    }

    It 'lists every accepted run in order with real UTC times, and only accepted ones' {
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 200 }
        $before = [DateTimeOffset]::UtcNow
        $null = Invoke-Cluster rollingRestart 3432149
        $null = Invoke-Cluster rollingRestart 3432151   # not running: not accepted
        $null = Invoke-Emulator /cluster/restartAllServices/3432153 -Method GET
        $runs = @(Get-CdssEmulatorRestart $emu)
        $runs.Count | Should -Be 2
        $runs.serviceGroupInstanceNo | Should -Be @(3432149, 3432153)
        $runs.clusterName | Should -Be @('kafka-prod-01', 'kafka-analytics')
        $runs.kind | Should -Be @('rollingRestart', 'restartAllServices')
        $runs.outcome | Should -Be @('running', 'running')
        $runs[0].PSObject.Properties.Name | Should -Be @('serviceGroupInstanceNo', 'clusterName', 'kind', 'acceptedAt', 'startedAt', 'finishedAt', 'outcome')
        $runs[0].finishedAt | Should -BeNullOrEmpty
        (Invoke-WebRequest "$($emu.ControlUri)/restarts").Content |
            Should -Match '"acceptedAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","startedAt":"[^"]+Z","finishedAt":null'
        $accepted = [DateTimeOffset]$runs[0].acceptedAt
        ($accepted - $before).TotalSeconds | Should -BeGreaterThan -1
        ($accepted - $before).TotalSeconds | Should -BeLessThan 5

        Wait-Until { @(Get-CdssEmulatorRestart $emu | Where-Object outcome -EQ 'running').Count -eq 0 }
        $done = @(Get-CdssEmulatorRestart $emu)
        $done.outcome | Should -Be @('succeeded', 'succeeded')
        # Three brokers one at a time, and four brokers in one wave.
        ([DateTimeOffset]$done[0].finishedAt - [DateTimeOffset]$done[0].startedAt).TotalMilliseconds | Should -Be 600
        ([DateTimeOffset]$done[1].finishedAt - [DateTimeOffset]$done[1].startedAt).TotalMilliseconds | Should -Be 200
        # Both ran at the same time: their intervals overlap.
        [DateTimeOffset]$done[1].startedAt | Should -BeLessThan ([DateTimeOffset]$done[0].finishedAt)
    }
}

Describe 'Kafka versions and nodes' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'lists the Kafka versions with codes as strings' {
        $r = Invoke-Emulator /cluster/getCDSSVersionList -Method GET
        $versions = $r.Json.result.kafkaVersionList
        $versions.kafkaVersionCode | Should -Be @('3903006', '3713006', '2823006', '2403005')
        $versions.kafkaVersionName | Should -Be @('Kafka 3.9.0', 'Kafka 3.7.1', 'Kafka 2.8.2', 'Kafka 2.4.0')
        $versions.applicationVersionName | Should -Be @('CMAK 3.0.0.6', 'CMAK 3.0.0.6', 'CMAK 3.0.0.5', 'CMAK 3.0.0.5')
        $versions.cmakVersionName | Should -Be @('CMAK 3.0.0.6', 'CMAK 3.0.0.6', 'CMAK 3.0.0.5', 'CMAK 3.0.0.5')
        $r.Text | Should -Match '"kafkaVersionCode":"3903006"'
    }

    It 'lists brokers and managers with numbers from the cluster number and the progress check''s host names' {
        $r = Invoke-Emulator /cluster/getClusterNodeList/3432149 -Method GET
        $nodes = $r.Json.result.computeList
        $nodes.computeInstanceNo | Should -Be @(343214901, 343214902, 343214903, 343214951, 343214952)
        $r.Text | Should -Match '"computeInstanceNo":343214901[,}]'
        $nodes.nodeRoleCode | Should -Be @('BROKER', 'BROKER', 'BROKER', 'MANAGER', 'MANAGER')
        $nodes.computeInstanceStatus | Sort-Object -Unique | Should -Be 'RUN'
        $nodes.privateIp | ForEach-Object { $_ | Should -Match '^10\.\d+\.\d+\.\d+$' }
        $nodes[0].PSObject.Properties.Name | Should -Be @('computeInstanceNo', 'nodeRoleCode', 'hostName', 'computeInstanceStatus', 'privateIp')
        $hosts = (Invoke-Cluster rollingRestartProgressCheck 3432149).Json.result.brokerStatusPerNode.hostname
        ($nodes | Where-Object nodeRoleCode -EQ 'BROKER').hostName | Should -Be $hosts
    }

    It 'answers the node list of an unknown cluster with code 3 and of kafka-payments with 401/210' {
        (Invoke-Emulator /cluster/getClusterNodeList/999999 -Method GET).Json.code | Should -Be 3
        (Invoke-Emulator /cluster/getClusterNodeList/3432160 -Method GET).Status | Should -Be 401
    }
}

Describe 'Config groups' {
    BeforeAll {
        function Invoke-Group([string] $Operation, $Group, [hashtable] $Body) {
            Invoke-Emulator "/configGroup/$Operation$(if ($null -ne $Group) { "/$Group" })" -Body $Body
        }
        function Get-Detail($Group = 101, $Version = 3713006) {
            (Invoke-Group getKafkaConfigGroupDetailList $Group @{ kafkaVersionCode = $Version }).Json.result.kafkaConfigGroupDetailList
        }
        function Get-Custom($Group = 101) {
            $custom = [ordered]@{}
            foreach ($d in Get-Detail $Group) { if ($null -ne $d.customValue) { $custom[$d.configNameKey] = $d.customValue } }
            $custom
        }
    }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'lists the groups of one version with paging' {
        $r = Invoke-Group getKafkaVersionConfigGroupList $null @{ kafkaVersionCode = 3713006 }
        $page = $r.Json.result
        $page.totalCount | Should -Be 2
        $page.kafkaConfigGroupList.configGroupNo | Should -Be @(101, 102)
        $page.kafkaConfigGroupList.configGroupName | Should -Be @('prod-kafka-371', 'analytics-kafka-371')
        $page.kafkaConfigGroupList[0].kafkaVersion | Should -Be '3.7.1'
        $page.kafkaConfigGroupList[0].PSObject.Properties.Name | Should -Be @('configGroupNo', 'configGroupName', 'description', 'kafkaVersion', 'kafkaVersionCode')
        $r.Text | Should -Match '"configGroupNo":101,'
        $r.Text | Should -Match '"kafkaVersionCode":"3713006"'
        $second = (Invoke-Group getKafkaVersionConfigGroupList $null @{ kafkaVersionCode = 3713006; pageNo = 2; pageSize = 1 }).Json.result
        $second.kafkaConfigGroupList.configGroupNo | Should -Be 102
        $second.totalPage | Should -Be 2
        $second.isLast | Should -BeTrue
        (Invoke-Group getKafkaVersionConfigGroupList $null @{ kafkaVersionCode = 2403005 }).Json.result.kafkaConfigGroupList.configGroupName | Should -Be 'default-kafka-240'
    }

    It 'answers <Case> with code <Code>' -ForEach @(
        @{ Case = 'a list without kafkaVersionCode'; Operation = 'getKafkaVersionConfigGroupList'; Group = $null; Body = @{ pageNo = 1 }; Code = 1000 }
        @{ Case = 'an unknown version'; Operation = 'getKafkaVersionConfigGroupList'; Group = $null; Body = @{ kafkaVersionCode = 1234 }; Code = 1005 }
        @{ Case = 'an unknown group'; Operation = 'getKafkaConfigGroup'; Group = 999; Body = @{ kafkaVersionCode = 3713006 }; Code = 1004 }
        @{ Case = 'a group of another version'; Operation = 'getKafkaConfigGroup'; Group = 101; Body = @{ kafkaVersionCode = 3903006 }; Code = 1003 }
        @{ Case = 'details without kafkaVersionCode'; Operation = 'getKafkaConfigGroupDetailList'; Group = 101; Body = @{}; Code = 1000 }
    ) {
        $r = Invoke-Group $Operation $Group $Body
        $r.Status | Should -Be 200
        $r.Json.code | Should -Be $Code
        $r.Text | Should -Match '"result":null'
    }

    It 'reads one group' {
        $r = Invoke-Group getKafkaConfigGroup 202 @{ kafkaVersionCode = '3903006' }
        $g = $r.Json.result
        $g.PSObject.Properties.Name | Should -Be @('configGroupNo', 'configGroupName', 'description', 'kafkaVersionCode', 'memberNo')
        $g.configGroupNo | Should -Be 202
        $g.configGroupName | Should -Be 'prod-kafka-390'
        $g.kafkaVersionCode | Should -Be '3903006'
        $g.memberNo | Should -Not -BeNullOrEmpty
    }

    It 'lists every setting with its type, range and default, and the seeded custom values' {
        $r = Invoke-Group getKafkaConfigGroupDetailList 101 @{ kafkaVersionCode = 3713006 }
        $details = $r.Json.result.kafkaConfigGroupDetailList
        $details.Count | Should -Be 14
        @($r.Json.result.additionalKafkaConfigGroupDetailList).Count | Should -Be 0
        $r.Text | Should -Match '"additionalKafkaConfigGroupDetailList":\[\]'
        $details[0].PSObject.Properties.Name | Should -Be @('configName', 'configNameKey', 'customValue', 'defaultValue', 'modifyYn', 'range', 'type')
        $retention = $details | Where-Object configNameKey -EQ 'logRetentionHours'
        $retention.configName | Should -Be 'log.retention.hours'
        $retention.customValue | Should -Be '72'
        $retention.defaultValue | Should -Be '168'
        $retention.range | Should -Be '1 ~ 8760'
        $retention.type | Should -Be 'Integer'
        $r.Text | Should -Match '"configNameKey":"offsetsTopicReplicationFactor","customValue":null,"defaultValue":"3","modifyYn":false,"range":"1 ~ 3","type":"Integer"'
        ($details | Where-Object configNameKey -EQ 'logCleanupPolicy').range | Should -Be 'delete|compact'
        ($details | Where-Object configNameKey -EQ 'deleteTopicEnable').range | Should -Be 'true|false'
        ($details | Where-Object configNameKey -EQ 'logRetentionBytes').range | Should -Be '-1 ~ 9223372036854775807'
        $details.type | Sort-Object -Unique | Should -Be @('Boolean', 'Integer', 'Long', 'String')
        (Get-Custom 101).Keys | Should -Be @('numPartitions', 'logRetentionHours')
        (Get-Custom 102).Count | Should -Be 0
    }

    It 'replaces the whole custom set: a setting left out reverts to its default' {
        $r = Invoke-Group setKafkaConfigGroupDetail 101 @{ kafkaVersionCode = 3713006; logRetentionHours = 24 }
        $r.Json.code | Should -Be 0
        $r.Json.result | Should -BeTrue
        $custom = Get-Custom
        $custom.Keys | Should -Be @('logRetentionHours')
        $custom.logRetentionHours | Should -Be '24'
    }

    It 'drops a value for a setting that may not be modified, ignores unknown keys, and takes strings that parse' {
        $r = Invoke-Group setKafkaConfigGroupDetail 101 @{
            kafkaVersionCode = 3713006; offsetsTopicReplicationFactor = 1; noSuchSetting = 5
            numIoThreads = 16; logCleanerThreads = '4'; autoCreateTopicsEnable = 'false'; deleteTopicEnable = $false
            logCleanupPolicy = 'compact'; logFlushIntervalMessages = 9223372036854775807
        }
        $r.Json.result | Should -BeTrue
        $custom = Get-Custom
        $custom.Keys | Should -Not -Contain 'offsetsTopicReplicationFactor'
        $custom.Keys | Should -Not -Contain 'noSuchSetting'
        $custom.numIoThreads | Should -Be '16'
        $custom.logCleanerThreads | Should -Be '4'
        $custom.autoCreateTopicsEnable | Should -Be 'false'
        $custom.deleteTopicEnable | Should -Be 'false'
        $custom.logCleanupPolicy | Should -Be 'compact'
        $custom.logFlushIntervalMessages | Should -Be '9223372036854775807'
    }

    It 'refuses <Key> = <Value>, naming the key and range, and changes nothing' -ForEach @(
        @{ Key = 'logRetentionHours'; Value = 9000; Range = '1 ~ 8760' }
        @{ Key = 'numPartitions'; Value = 0; Range = '1 ~ 1000' }
        @{ Key = 'logRetentionBytes'; Value = -2; Range = '-1 ~ 9223372036854775807' }
        @{ Key = 'logCleanerThreads'; Value = 'many'; Range = '1 ~ 8' }
        @{ Key = 'logCleanupPolicy'; Value = 'zip'; Range = 'delete|compact' }
        @{ Key = 'allowEveryoneIfNoAclFound'; Value = 'yes'; Range = 'true|false' }
    ) {
        $r = Invoke-Group setKafkaConfigGroupDetail 101 @{ kafkaVersionCode = 3713006; numIoThreads = 16; $Key = $Value }
        $r.Status | Should -Be 200
        $r.Json.code | Should -Not -Be 0
        $r.Text | Should -Match '"result":null'
        $r.Json.message | Should -Match ([regex]::Escape($Key))
        $r.Json.message | Should -Match ([regex]::Escape($Range))
        $custom = Get-Custom
        $custom.Keys | Should -Be @('numPartitions', 'logRetentionHours')
    }

    It 'restores the seeded values on reset' {
        $null = Invoke-Group setKafkaConfigGroupDetail 101 @{ kafkaVersionCode = 3713006 }
        (Get-Custom).Count | Should -Be 0
        Reset-CdssEmulator $emu
        (Get-Custom).logRetentionHours | Should -Be '72'
    }

    It 'lists the clusters this key may see that use a group' {
        $r = Invoke-Group getConfigGroupUsingClusterList 101 @{ kafkaVersionCode = 3713006 }
        $r.Json.result.totalCount | Should -Be 3
        $r.Json.result.usingClusterNameList.clusterName | Should -Be @('kafka-prod-01', 'kafka-prod-02', 'kafka-flaky')
        $r.Text | Should -Match '"serviceGroupInstanceNo":"3432149"'
        $none = (Invoke-Group getConfigGroupUsingClusterList 202 @{ kafkaVersionCode = 3903006 }).Json.result
        $none.totalCount | Should -Be 0
        @($none.usingClusterNameList).Count | Should -Be 0
        (Invoke-Group getConfigGroupUsingClusterList 101 @{ kafkaVersionCode = 3713006; pageSize = 2; pageNo = 2 }).Json.result.usingClusterNameList.clusterName |
            Should -Be 'kafka-flaky'
    }

    It 'logs the config group number of the path' {
        $null = Invoke-Group getKafkaConfigGroup 102 @{ kafkaVersionCode = 3713006 }
        $entry = Get-CdssEmulatorRequest $emu
        $entry.operation | Should -Be 'getKafkaConfigGroup'
        $entry.configGroupNo | Should -Be 102
        $entry.serviceGroupInstanceNo | Should -BeNullOrEmpty
    }
}

Describe 'Applying a config group to a cluster' {
    BeforeAll {
        function Invoke-Apply($Group, $Version, $Cluster) {
            Invoke-Emulator "/configGroup/setClusterKafkaConfigGroup/$Group" -Body @{ kafkaVersionCode = $Version; serviceGroupInstanceNo = $Cluster }
        }
    }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'makes the cluster changing, then restarts its brokers one at a time, then uses the group' {
        # A settling phase far longer than three local calls take, however loaded the machine.
        Set-CdssEmulatorConfig $emu @{ configApplyDelayMs = 5000; brokerRestartMs = 700 }
        $r = Invoke-Apply 102 3713006 3432149
        $r.Json.code | Should -Be 0
        $r.Json.result | Should -BeTrue
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $info = (Invoke-Emulator /cluster/getClusterInfoList/3432149).Json.result
        $status = (Invoke-Cluster rollingRestartProgressCheck 3432149).Json.result
        $check = Invoke-Cluster rollingRestartPreCheck 3432149
        $clock.ElapsedMilliseconds | Should -BeLessThan 5000 -Because 'the checks must fall inside the settling phase'
        $info.status | Should -Be 'changing'
        $info.configGroupNo | Should -Be 101
        $status.brokerStatus | Should -Be 'orange'
        $status.brokerNumber | Should -Be 3
        $status.brokerStatusPerNode.status | Sort-Object -Unique | Should -Be 'running'
        $check.Json.code | Should -Be 0
        $check.Json.message | Should -Be 'Cluster is not in running state (changing)'

        Watch-RollingRun 3432149 | Should -Be @('kafka-prod-01-broker-001', 'kafka-prod-01-broker-002', 'kafka-prod-01-broker-003')
        (Invoke-Emulator /cluster/getClusterInfoList/3432149).Json.result.configGroupNo | Should -Be 102
        (Invoke-Emulator /configGroup/getConfigGroupUsingClusterList/102 -Body @{ kafkaVersionCode = 3713006 }).Json.result.usingClusterNameList.clusterName |
            Should -Be @('kafka-prod-01', 'kafka-analytics')
        $run = Get-CdssEmulatorRestart $emu
        $run.kind | Should -Be 'configApply'
        $run.outcome | Should -Be 'succeeded'
        ([DateTimeOffset]$run.startedAt - [DateTimeOffset]$run.acceptedAt).TotalMilliseconds | Should -Be 5000
        ([DateTimeOffset]$run.finishedAt - [DateTimeOffset]$run.startedAt).TotalMilliseconds | Should -Be 2100
    }

    It 'refuses a group of another version than the cluster''s with a non-zero code, and changes nothing' {
        $r = Invoke-Apply 201 3903006 3432149
        $r.Json.code | Should -Be 1003
        $r.Text | Should -Match '"result":null'
        (Get-CdssEmulatorRestart $emu | Measure-Object).Count | Should -Be 0
        (Invoke-Emulator /cluster/getClusterInfoList/3432149).Json.result.configGroupNo | Should -Be 101
    }

    It 'answers <Case> in the documented "no" form' -ForEach @(
        @{ Case = 'a changing cluster'; Group = 201; Version = 3903006; Cluster = 3432151; Message = 'Cluster is not in running state (changing)' }
        @{ Case = 'kafka-dev (error)'; Group = 302; Version = 2823006; Cluster = 3432152; Message = 'Cluster is not in running state (error)' }
    ) {
        $r = Invoke-Apply $Group $Version $Cluster
        $r.Json.code | Should -Be 0
        $r.Text | Should -Match '"result":null'
        $r.Json.message | Should -Be $Message
    }

    It 'answers a busy cluster in the documented "no" form' {
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 60000 }
        $null = Invoke-Cluster rollingRestart 3432149
        $r = Invoke-Apply 102 3713006 3432149
        $r.Json.code | Should -Be 0
        $r.Json.message | Should -Be 'A rolling restart is already in progress'
    }

    It 'answers a missing cluster number with code 3 and kafka-payments with 401/210' {
        (Invoke-Emulator /configGroup/setClusterKafkaConfigGroup/101 -Body @{ kafkaVersionCode = 3713006 }).Json.code | Should -Be 3
        (Invoke-Apply 101 3713006 3432160).Status | Should -Be 401
    }
}

Describe 'Rolling upgrade' {
    BeforeAll {
        function Invoke-Upgrade([string] $Operation, $Cluster, $Version, $Group) {
            Invoke-Emulator "/cluster/$Operation" -Body @{ serviceGroupInstanceNo = $Cluster; upgradeKafkaVersionCode = $Version; upgradeConfigGroupNo = $Group }
        }
    }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'pre-checks without starting anything' {
        $r = Invoke-Upgrade rollingUpgradePreCheck 3432149 3903006 202
        $r.Json.code | Should -Be 0
        $r.Json.result | Should -BeTrue
        (Get-CdssEmulatorRestart $emu | Measure-Object).Count | Should -Be 0
    }

    It 'restarts the brokers one at a time and then moves the version and the config group' {
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 600 }
        (Invoke-Upgrade rollingUpgrade 3432149 3903006 202).Json.result | Should -BeTrue
        $during = (Invoke-Cluster rollingUpgradeProgressCheck 3432149).Json.result
        $during.brokerStatus | Should -Be 'orange'
        $during.brokerStatusPerNode.status | Should -Be @('restarting', 'running', 'running')
        $busy = Invoke-Cluster rollingRestartPreCheck 3432149
        $busy.Json.code | Should -Be 0
        $busy.Json.message | Should -Be 'A rolling upgrade is already in progress'
        (Invoke-Upgrade rollingUpgradePreCheck 3432149 3903006 202).Json.message | Should -Be 'A rolling upgrade is already in progress'
        (Invoke-Emulator /cluster/getClusterInfoList/3432149).Json.result.kafkaVersionCode | Should -Be '3713006'

        Wait-Until { (Invoke-Cluster rollingUpgradeProgressCheck 3432149).Json.result.brokerStatus -eq 'green' }
        $info = (Invoke-Emulator /cluster/getClusterInfoList/3432149).Json.result
        $info.kafkaVersionCode | Should -Be '3903006'
        $info.configGroupNo | Should -Be 202
        (Invoke-Emulator /cluster/getClusterInfoList -Body @{ inputText = 'kafka-prod-01' }).Json.result.allowedClusters[0].kafkaVersion | Should -Be '3.9.0'
        $run = Get-CdssEmulatorRestart $emu
        $run.kind | Should -Be 'rollingUpgrade'
        $run.outcome | Should -Be 'succeeded'
        (Invoke-Upgrade rollingUpgradePreCheck 3432149 3903006 202).Json.message | Should -Match 'not newer'
    }

    It 'keeps the old version when the upgrade fails (kafka-flaky)' {
        $null = Invoke-Upgrade rollingUpgrade 3432154 3903006 201
        Wait-Until { (Get-CdssEmulatorRestart $emu).outcome -ne 'running' }
        (Get-CdssEmulatorRestart $emu).outcome | Should -Be 'failed'
        $info = (Invoke-Emulator /cluster/getClusterInfoList/3432154).Json.result
        $info.status | Should -Be 'error'
        $info.kafkaVersionCode | Should -Be '3713006'
        $info.configGroupNo | Should -Be 101
    }

    It 'answers <Case> in the documented "no" form' -ForEach @(
        @{ Case = 'the same version'; Cluster = 3432149; Version = 3713006; Group = 101; Message = 'The target Kafka version 3.7.1 is not newer than the cluster''s (3.7.1)' }
        @{ Case = 'an older version'; Cluster = 3432153; Version = 2823006; Group = 301; Message = 'The target Kafka version 2.8.2 is not newer than the cluster''s (3.7.1)' }
        @{ Case = 'a changing cluster'; Cluster = 3432151; Version = 3903006; Group = 201; Message = 'Cluster is not in running state (changing)' }
        @{ Case = 'kafka-dev (error)'; Cluster = 3432152; Version = 3713006; Group = 101; Message = 'Cluster is not in running state (error)' }
    ) {
        foreach ($operation in 'rollingUpgradePreCheck', 'rollingUpgrade') {
            $r = Invoke-Upgrade $operation $Cluster $Version $Group
            $r.Json.code | Should -Be 0
            $r.Text | Should -Match '"result":null'
            $r.Json.message | Should -Be $Message
        }
        (Get-CdssEmulatorRestart $emu | Measure-Object).Count | Should -Be 0
    }

    It 'answers <Case> with code <Code>' -ForEach @(
        @{ Case = 'a config group not made for the target version'; Body = @{ serviceGroupInstanceNo = 3432149; upgradeKafkaVersionCode = 3903006; upgradeConfigGroupNo = 101 }; Code = 1003 }
        @{ Case = 'an unknown config group'; Body = @{ serviceGroupInstanceNo = 3432149; upgradeKafkaVersionCode = 3903006; upgradeConfigGroupNo = 999 }; Code = 1004 }
        @{ Case = 'an unknown version'; Body = @{ serviceGroupInstanceNo = 3432149; upgradeKafkaVersionCode = 4000000; upgradeConfigGroupNo = 202 }; Code = 1005 }
        @{ Case = 'no upgradeConfigGroupNo'; Body = @{ serviceGroupInstanceNo = 3432149; upgradeKafkaVersionCode = 3903006 }; Code = 1000 }
        @{ Case = 'no serviceGroupInstanceNo'; Body = @{ upgradeKafkaVersionCode = 3903006; upgradeConfigGroupNo = 202 }; Code = 3 }
        @{ Case = 'an unknown cluster'; Body = @{ serviceGroupInstanceNo = 999999; upgradeKafkaVersionCode = 3903006; upgradeConfigGroupNo = 202 }; Code = 3 }
    ) {
        $r = Invoke-Emulator /cluster/rollingUpgrade -Body $Body
        $r.Json.code | Should -Be $Code
        $r.Text | Should -Match '"result":null'
        (Get-CdssEmulatorRestart $emu | Measure-Object).Count | Should -Be 0
    }

    It 'answers kafka-payments with 401/210' {
        (Invoke-Upgrade rollingUpgradePreCheck 3432160 3903006 202).Status | Should -Be 401
        (Invoke-Cluster rollingUpgradeProgressCheck 3432160).Status | Should -Be 401
    }
}

Describe 'Per-node restart' {
    BeforeAll {
        function Invoke-NodeRestart($Cluster, [string] $Body) {
            Invoke-Emulator "/cluster/restartKafkaServicePerNode/$Cluster" -Body $Body
        }
    }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'restarts only the named brokers, one at a time, in broker order' {
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 700 }
        $r = Invoke-NodeRestart 3432150 '{"computeInstanceNoList":[343215004,343215002,343215004]}'
        $r.Json.code | Should -Be 0
        $r.Json.result | Should -BeTrue
        Watch-RollingRun 3432150 | Should -Be @('kafka-prod-02-broker-002', 'kafka-prod-02-broker-004')
        $run = Get-CdssEmulatorRestart $emu
        $run.kind | Should -Be 'nodeRestart'
        $run.outcome | Should -Be 'succeeded'
        ([DateTimeOffset]$run.finishedAt - [DateTimeOffset]$run.startedAt).TotalMilliseconds | Should -Be 1400
    }

    It 'answers <Case> with code 3 "<Message>"' -ForEach @(
        @{ Case = 'no list'; Body = '{}'; Message = 'Invalid Compute Instance No list' }
        @{ Case = 'a single computeInstanceNo'; Body = '{"computeInstanceNo":343214901}'; Message = 'Invalid Compute Instance No list' }
        @{ Case = 'an empty list'; Body = '{"computeInstanceNoList":[]}'; Message = 'Invalid Compute Instance No list' }
        @{ Case = 'quoted numbers'; Body = '{"computeInstanceNoList":["343214901"]}'; Message = 'Invalid Compute Instance No list' }
        @{ Case = 'a manager'; Body = '{"computeInstanceNoList":[343214951]}'; Message = 'Invalid Compute Instance No list: 343214951 is not a broker of cluster 3432149' }
        @{ Case = 'a broker of another cluster'; Body = '{"computeInstanceNoList":[343214901,343215001]}'; Message = 'Invalid Compute Instance No list: 343215001 is not a broker of cluster 3432149' }
    ) {
        $r = Invoke-NodeRestart 3432149 $Body
        $r.Status | Should -Be 200
        $r.Json.code | Should -Be 3
        $r.Text | Should -Match '"result":null'
        $r.Json.message | Should -Be $Message
        (Get-CdssEmulatorRestart $emu | Measure-Object).Count | Should -Be 0
    }

    It 'answers an unknown cluster with code 3, kafka-payments with 401/210 and a changing cluster with the documented "no"' {
        (Invoke-NodeRestart 999999 '{"computeInstanceNoList":[99999901]}').Json.message | Should -Be 'Invalid Service Group Instance No'
        (Invoke-NodeRestart 3432160 '{"computeInstanceNoList":[343216001]}').Status | Should -Be 401
        $r = Invoke-NodeRestart 3432151 '{"computeInstanceNoList":[343215101]}'
        $r.Json.code | Should -Be 0
        $r.Text | Should -Match '"result":null'
        $r.Json.message | Should -Be 'Cluster is not in running state (changing)'
    }

    It 'fails at a failing broker only when it is named' {
        $null = Set-CdssEmulatorCluster -Emulator $emu -ServiceGroupInstanceNo 3432149 -Setting @{ failAtBroker = 2 }
        $null = Invoke-NodeRestart 3432149 '{"computeInstanceNoList":[343214901,343214903]}'
        Wait-Until { (Get-CdssEmulatorRestart $emu).outcome -ne 'running' }
        (Get-CdssEmulatorRestart $emu).outcome | Should -Be 'succeeded'
        $null = Invoke-NodeRestart 3432149 '{"computeInstanceNoList":[343214902]}'
        Wait-Until { @(Get-CdssEmulatorRestart $emu)[1].outcome -ne 'running' }
        @(Get-CdssEmulatorRestart $emu)[1].outcome | Should -Be 'failed'
    }
}

Describe 'Monitoring' {
    BeforeAll {
        # A range of ten whole minutes up to now: eleven step starts, the last one the step in progress.
        function Get-Monitoring($Cluster, [string] $Metric = 'CLUSTER_ALL_METRICS', $Node = '343214951', [hashtable] $Change = @{}) {
            $now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
            $body = [ordered]@{ timeStart = [long]([math]::Floor($now / 60000) * 60000 - 600000); timeEnd = $now + 1000; metric = $Metric; computeInstanceNo = "$Node"; interval = 'Min1' }
            foreach ($k in $Change.Keys) { $body[$k] = $Change[$k] }
            Invoke-Emulator "/monitoring/getCdssMonitoringData/$Cluster" -Body $body
        }
        # The newest reading of kafka-prod-01's message rate (steady 5250/s, +-5 % over the day; 30 % of it in a dip).
        function Get-NewestRate { @((Get-Monitoring 3432149).Json.result.data | Where-Object metric -EQ 'cluster_messagesInSecMean')[0].dps[-1][1] }
    }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'answers cluster metrics about the manager node: one point a minute up to now, epoch milliseconds and values as numbers' {
        $r = Get-Monitoring 3432149
        $r.Json.code | Should -Be 0
        $data = $r.Json.result.data
        $data.metric | Should -Be @('cluster_messagesInSecMean', 'cluster_total_partition', 'cluster_total_topic', 'cluster_total_message')
        $data[0].dimensions.instanceNo | Should -Be '343214951'
        $data[0].interval | Should -Be 'Min1'
        $data[0].PSObject.Properties.Name | Should -Be @('metric', 'dps', 'dimensions', 'aggregation', 'interval', 'graphName', 'productName')
        $stamps = @($data[0].dps | ForEach-Object { $_[0] })
        $stamps.Count | Should -Be 11
        $stamps | ForEach-Object { $_ % 60000 | Should -Be 0 }
        $stamps[-1] | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds())
        $r.Text | Should -Match '"dps":\[\[\d{13},\d+(\.\d+)?\],'
        @($data | Where-Object metric -EQ 'cluster_total_topic')[0].dps[0][1] | Should -Be 24
        # Any manager node serves; the log files the call under the cluster in the path.
        (Get-Monitoring 3432149 -Node 343214952).Json.code | Should -Be 0
        @(Get-CdssEmulatorRequest $emu -Operation getCdssMonitoringData)[0].serviceGroupInstanceNo | Should -Be 3432149
    }

    It 'answers broker metrics about one broker' {
        $data = (Get-Monitoring 3432150 -Metric BROKER_ALL_METRICS -Node 343215004).Json.result.data
        $data.metric | Should -Be @('broker_messagesInSec', 'broker_bytesInSec', 'broker_bytesOutSec', 'broker_partitionCount')
        $data[0].dimensions.instanceNo | Should -Be '343215004'
    }

    It 'refuses <Case> with code 1000' -ForEach @(
        @{ Case = 'ISO text times'; Change = @{ timeStart = '2026-11-27T09:00:00Z' }; Reason = 'timeStart must be epoch milliseconds as an integer' }
        @{ Case = 'a fraction'; Change = @{ timeEnd = 1764237600000.5 }; Reason = 'timeEnd must be epoch milliseconds as an integer' }
        @{ Case = 'metric cpu'; Change = @{ metric = 'cpu' }; Reason = "metric must be CLUSTER_ALL_METRICS or BROKER_ALL_METRICS, not 'cpu'" }
        @{ Case = 'a broker for cluster metrics'; Change = @{ computeInstanceNo = '343214901' }; Reason = 'computeInstanceNo 343214901 is not a manager node of cluster 3432149' }
        @{ Case = 'the manager for broker metrics'; Change = @{ metric = 'BROKER_ALL_METRICS' }; Reason = 'computeInstanceNo 343214951 is not a broker of cluster 3432149' }
        @{ Case = 'two days at Min1'; Change = @{ timeStart = 1764237600000; timeEnd = 1764410400000 }; Reason = 'longer than interval Min1 allows (1 day)' }
        @{ Case = 'an unknown interval'; Change = @{ interval = 'Min2' }; Reason = "interval must be one of Min1, Min5, Min30, Hour2, Day1, not 'Min2'" }
    ) {
        $r = Get-Monitoring 3432149 -Change $Change
        $r.Status | Should -Be 200
        $r.Json.code | Should -Be 1000
        $r.Text | Should -Match '"result":null'
        $r.Json.message | Should -BeLike "Invalid parameter: *$Reason*"
    }

    It 'answers an unknown cluster with code 3 and kafka-payments with 401/210' {
        (Get-Monitoring 999999).Json.code | Should -Be 3
        (Get-Monitoring 3432160 -Node 343216051).Status | Should -Be 401
    }

    It 'dips while brokers restart, and stays down after the run only when the cluster''s traffic does not recover' {
        Get-NewestRate | Should -BeGreaterThan 4900
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 60000 }
        $null = Invoke-Cluster rollingRestart 3432149
        Get-NewestRate | Should -BeLessThan 1700 -Because 'a restart is running'

        Reset-CdssEmulator $emu
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 50; trafficRecoveryMs = 0 }
        (Set-CdssEmulatorTraffic -Emulator $emu -ServiceGroupInstanceNo 3432149 -Setting @{ recovers = $false }).recovers | Should -BeFalse
        $null = Invoke-Cluster rollingRestart 3432149
        Wait-Until { (Get-CdssEmulatorRestart $emu).outcome -eq 'succeeded' }
        Get-NewestRate | Should -BeLessThan 1700 -Because 'the traffic does not recover'
        $null = Set-CdssEmulatorTraffic -Emulator $emu -ServiceGroupInstanceNo 3432149 -Setting @{ recovers = $null }
        Get-NewestRate | Should -BeGreaterThan 4900 -Because 'it recovers at once with trafficRecoveryMs 0'
    }

    It 'leaves absent metrics out until reset, and refuses names it does not serve' {
        $set = Set-CdssEmulatorTraffic -Emulator $emu -ServiceGroupInstanceNo 3432149 -Setting @{ absentMetrics = @('cluster_messagesInSecMean') }
        $set.absentMetrics | Should -Be @('cluster_messagesInSecMean')
        (Get-Monitoring 3432149).Json.result.data.metric | Should -Be @('cluster_total_partition', 'cluster_total_topic', 'cluster_total_message')
        $refused = Invoke-WebRequest -Method Post "$($emu.ControlUri)/clusters/3432149/traffic" -Body '{"absentMetrics":["cpu"]}' -ContentType 'application/json' -SkipHttpErrorCheck
        $refused.StatusCode | Should -Be 400
        $refused.Content | Should -Match "'cpu' is not a metric the emulator serves"
        (Invoke-RestMethod "$($emu.ControlUri)/clusters/3432149/traffic").absentMetrics | Should -Be @('cluster_messagesInSecMean')
        Reset-CdssEmulator $emu
        (Get-Monitoring 3432149).Json.result.data.metric | Should -Contain 'cluster_messagesInSecMean'
    }
}

Describe 'Faults on the maintenance operations' {
    BeforeAll { $script:faultyToo = Start-TestEmulator -ArgumentList '--fault-rate', '1' }
    AfterAll { if ($script:faultyToo) { Stop-CdssEmulator $script:faultyToo } }
    BeforeEach { Reset-CdssEmulator $emu }

    It '--fault-rate faults their reads and none of their changes' {
        $e = $faultyToo
        $null = Invoke-Emulator /cluster/getCDSSVersionList -Method GET -Emulator $e
        $null = Invoke-Emulator /cluster/getClusterNodeList/3432149 -Method GET -Emulator $e
        $null = Invoke-Emulator /cluster/rollingUpgradePreCheck -Body @{ serviceGroupInstanceNo = 3432149; upgradeKafkaVersionCode = 3903006; upgradeConfigGroupNo = 202 } -Emulator $e
        $null = Invoke-Cluster rollingUpgradeProgressCheck 3432149 $e
        $null = Invoke-Emulator /configGroup/getKafkaVersionConfigGroupList -Body @{ kafkaVersionCode = 3713006 } -Emulator $e
        $null = Invoke-Emulator /configGroup/getKafkaConfigGroup/101 -Body @{ kafkaVersionCode = 3713006 } -Emulator $e
        $null = Invoke-Emulator /configGroup/getKafkaConfigGroupDetailList/101 -Body @{ kafkaVersionCode = 3713006 } -Emulator $e
        $null = Invoke-Emulator /configGroup/getConfigGroupUsingClusterList/101 -Body @{ kafkaVersionCode = 3713006 } -Emulator $e
        $changes = @(
            Invoke-Emulator /cluster/rollingUpgrade -Body @{ serviceGroupInstanceNo = 3432149; upgradeKafkaVersionCode = 3903006; upgradeConfigGroupNo = 202 } -Emulator $e
            Invoke-Emulator /cluster/restartKafkaServicePerNode/3432150 -Body '{"computeInstanceNoList":[343215001]}' -Emulator $e
            Invoke-Emulator /configGroup/setKafkaConfigGroupDetail/102 -Body @{ kafkaVersionCode = 3713006; numIoThreads = 16 } -Emulator $e
            Invoke-Emulator /configGroup/setClusterKafkaConfigGroup/102 -Body @{ kafkaVersionCode = 3713006; serviceGroupInstanceNo = 3432153 } -Emulator $e
        )
        $changes.Status | Should -Be @(200, 200, 200, 200)
        $changes.Json.result | Should -Be @($true, $true, $true, $true)
        $log = Get-CdssEmulatorRequest $e
        ($log | Where-Object fault).operation | Should -Be @(
            'getCDSSVersionList', 'getClusterNodeList', 'rollingUpgradePreCheck', 'rollingUpgradeProgressCheck',
            'getKafkaVersionConfigGroupList', 'getKafkaConfigGroup', 'getKafkaConfigGroupDetailList', 'getConfigGroupUsingClusterList')
        (Get-CdssEmulatorRestart $e).kind | Should -Be @('rollingUpgrade', 'nodeRestart', 'configApply')
    }

    It 'a rule naming setKafkaConfigGroupDetail fails it before anything changes' {
        Add-CdssEmulatorFault $emu @{ operation = 'setKafkaConfigGroupDetail'; kind = 'status'; status = 503; times = 1 }
        $r = Invoke-Emulator /configGroup/setKafkaConfigGroupDetail/101 -Body @{ kafkaVersionCode = 3713006 }
        $r.Status | Should -Be 503
        $detail = (Invoke-Emulator /configGroup/getKafkaConfigGroupDetailList/101 -Body @{ kafkaVersionCode = 3713006 }).Json.result.kafkaConfigGroupDetailList
        ($detail | Where-Object configNameKey -EQ 'logRetentionHours').customValue | Should -Be '72'
    }
}
