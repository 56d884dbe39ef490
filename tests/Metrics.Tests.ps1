# Get-CdssMetric end to end against the emulator: what goes on the wire, what comes out, and the README recipe.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-ConnectedEmulator

    # The bodies of the monitoring requests the emulator received, parsed, with the raw text alongside.
    function Get-MonitoringRequest {
        Get-CdssEmulatorRequest $emu -Operation getCdssMonitoringData |
            ForEach-Object { $_.body | ConvertFrom-Json | Add-Member -NotePropertyName Raw -NotePropertyValue $_.body -PassThru }
    }
}

AfterAll { Stop-TestEnvironment }

Describe 'Get-CdssMetric' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'reads clusters from the pipeline through their manager nodes, found by itself, with integers on the wire' {
        $start = [datetime]::UtcNow.AddMinutes(-10)
        $points = @(Get-CdssCluster -Name 'kafka-prod-*' | Get-CdssMetric -Start $start)

        $points[0].PSTypeNames[0] | Should -Be 'Cdss.MetricPoint'
        $points.ServiceGroupInstanceNo | Sort-Object -Unique | Should -Be @(3432149, 3432150)
        ($points | Where-Object ServiceGroupInstanceNo -EQ 3432149).InstanceNo | Sort-Object -Unique | Should -Be 343214951
        ($points | Where-Object ServiceGroupInstanceNo -EQ 3432150).ClusterName | Sort-Object -Unique | Should -Be 'kafka-prod-02'
        $points.Metric | Sort-Object -Unique | Should -Contain 'cluster_messagesInSecMean'
        $points | ForEach-Object { $_.Timestamp.Offset | Should -Be ([TimeSpan]::Zero) }
        ($points | Where-Object { $_.Metric -eq 'cluster_total_topic' -and $_.ServiceGroupInstanceNo -eq 3432149 }).Count | Should -BeIn 10, 11

        (Get-CdssEmulatorRequest $emu -Operation getClusterNodeList).target | Should -Be @(
            '/api/v1/cluster/getClusterNodeList/3432149', '/api/v1/cluster/getClusterNodeList/3432150')
        $sent = @(Get-MonitoringRequest)
        $sent.Count | Should -Be 2
        $sent[0].Raw | Should -Match '^\{"timeStart":\d{13},"timeEnd":\d{13},"metric":"CLUSTER_ALL_METRICS","computeInstanceNo":"343214951","interval":"Min1"\}$'
        $sent[1].computeInstanceNo | Should -Be '343215051'
        # A DateTime of kind Utc goes as it is, and so does the instant of a DateTimeOffset such as a point's Timestamp.
        $sent[0].timeStart | Should -Be ([DateTimeOffset]::new($start).ToUnixTimeMilliseconds())
        $since = $points[0].Timestamp.ToOffset([TimeSpan]::FromHours(9))
        $null = Get-CdssMetric 3432149 -Start $since
        @(Get-MonitoringRequest)[-1].timeStart | Should -Be $since.ToUnixTimeMilliseconds()
    }

    It 'reads every broker with -Broker, one request each' {
        $points = @(Get-CdssMetric 3432150 -Broker -Metric broker_messagesInSec -Start (Get-Date).AddMinutes(-3))
        $points.InstanceNo | Sort-Object -Unique | Should -Be @(343215001, 343215002, 343215003, 343215004, 343215005)
        $points.Metric | Sort-Object -Unique | Should -Be 'broker_messagesInSec'
        (Get-MonitoringRequest).computeInstanceNo | Should -Be @('343215001', '343215002', '343215003', '343215004', '343215005')
        (Get-MonitoringRequest).metric | Sort-Object -Unique | Should -Be 'BROKER_ALL_METRICS'
    }

    It 'pipes into Export-Csv, Measure-Object and Group-Object' {
        $points = Get-CdssMetric 3432149 -Start (Get-Date).AddMinutes(-30) -Interval Min5
        $csv = Join-Path $TestDrive 'metrics.csv'
        $points | Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows[0].PSObject.Properties.Name | Should -Be @('ServiceGroupInstanceNo', 'ClusterName', 'Metric', 'InstanceNo', 'Timestamp', 'Value', 'Interval')
        (Get-Content $csv -Raw) | Should -Not -Match 'System\.|Cdss\.'
        $rows[0].Interval | Should -Be 'Min5'

        $rate = $points | Where-Object Metric -EQ cluster_messagesInSecMean | Measure-Object -Property Value -Average -Minimum -Maximum
        $rate.Count | Should -BeIn 6, 7
        $rate.Average | Should -BeGreaterThan 4900
        ($points | Group-Object Metric).Name | Should -Be @('cluster_messagesInSecMean', 'cluster_total_message', 'cluster_total_partition', 'cluster_total_topic')
    }

    It 'shows a table that fits 80 columns' {
        $table = Get-CdssMetric 3432149 -Metric cluster_total_message -Start (Get-Date).AddMinutes(-3) | Out-String -Width 80
        $table | Should -Match 'Cluster: 3432149 \(kafka-prod-01\), interval Min1'
        $table | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\dZ cluster_total_message\s+343214951\s+[\d,.]+'
        ($table -split '\r?\n' | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }

    It 'refuses a range too long for the interval, or backwards, before sending anything' {
        $e = { Get-CdssMetric 3432149 -Start (Get-Date).AddDays(-2) } | Should -Throw -ErrorId 'CdssMetricRangeTooLong*' -PassThru
        "$e" | Should -Match 'longer than interval Min1 allows: at most 1 day'
        $e.ErrorDetails.RecommendedAction | Should -Match 'Min5 \(up to 7 days\)'
        { Get-CdssMetric 3432149 -Start (Get-Date) -End (Get-Date).AddHours(-1) } | Should -Throw -ErrorId 'CdssInvalidArgument*'
        Get-CdssEmulatorRequest $emu | Should -BeNullOrEmpty
    }

    It 'writes an error naming a cluster that fails, and goes on with the others' {
        $r = Invoke-Collected { Get-CdssMetric 999999, 3432160, 3432149 -Metric cluster_total_topic -Start (Get-Date).AddMinutes(-3) }
        $r.Errors.Count | Should -Be 2
        $r.Errors[0].TargetObject | Should -Be 999999
        "$($r.Errors[0])" | Should -Match '^Cluster 999999: '
        $r.Errors[1].FullyQualifiedErrorId | Should -BeLike 'CdssPermissionDenied*'
        $r.Output.ServiceGroupInstanceNo | Sort-Object -Unique | Should -Be 3432149
    }

    It 'warns about a metric the service does not send, and returns the others' {
        $null = Set-CdssEmulatorTraffic -Emulator $emu -ServiceGroupInstanceNo 3432149 -Setting @{ absentMetrics = @('cluster_messagesInSecMean') }
        $r = Invoke-Collected { Get-CdssMetric 3432149 -Metric cluster_messagesInSecMean, 'cluster_total_t*' -Start (Get-Date).AddMinutes(-3) }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Metric | Sort-Object -Unique | Should -Be 'cluster_total_topic'
        $r.Warnings.Count | Should -Be 1
        "$($r.Warnings[0])" | Should -Match "^Cluster 3432149 \(kafka-prod-01\): no data points for metric 'cluster_messagesInSecMean'"
    }

    It 'runs the README recipe: a CSV of last night''s traffic per cluster' {
        $readme = Get-Content (Join-Path $PSScriptRoot '../README.md') -Raw
        $at = $readme.IndexOf("#### Recipe: a CSV of last night's traffic per cluster")
        $at | Should -BeGreaterThan 0
        $block = [regex]::new('```powershell\r?\n(?<body>.*?)\r?\n```', 'Singleline').Match($readme, $at).Groups['body'].Value
        Push-Location $TestDrive
        try { & ([scriptblock]::Create($block)) 3>$null } finally { Pop-Location }

        $rows = Import-Csv (Join-Path $TestDrive 'traffic-last-night.csv')
        $rows[0].PSObject.Properties.Name | Should -Be @('ClusterName', 'ServiceGroupInstanceNo', 'Time', 'Value')
        $perCluster = $rows | Group-Object ClusterName
        $perCluster.Name | Should -Be @('kafka-analytics', 'kafka-dev', 'kafka-flaky', 'kafka-prod-01', 'kafka-prod-02', 'kafka-stage')
        # Five-minute steps from 22:00 to 06:00 local time, or up to now when it is not 06:00 yet.
        $end = [datetime]::Now.Date.AddHours(6)
        if ($end -gt [datetime]::Now) { $end = [datetime]::Now }
        $expected = [math]::Floor(($end - [datetime]::Now.Date.AddDays(-1).AddHours(22)).TotalMinutes / 5)
        $perCluster | ForEach-Object { $_.Count | Should -BeIn $expected, ($expected + 1) }
        $rows[0].Time | Should -Be ([datetime]::Now.Date.AddDays(-1).AddHours(22).ToString('yyyy-MM-dd HH:mm'))
        $request = @(Get-MonitoringRequest)[0]
        $request.interval | Should -Be 'Min5'
        $request.timeEnd - $request.timeStart | Should -Be (8 * 3600 * 1000)
    }
}
