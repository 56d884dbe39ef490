# The default views at 80 columns (a redirected CI log), with long cluster names and 36-character request ids.
# Objects are made as the cmdlets make them (internal constructors and the module's own type-name wrapping), so
# no emulator is needed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $assembly = [Cdss.RolloutResult].Assembly
    $kinds = $assembly.GetType('Cdss.OperationKind')
    $typed = $assembly.GetType('Cdss.Commands.TypedOutput')
    $flags = [Reflection.BindingFlags]'NonPublic, Instance'

    function New-Result([string] $Kind, [string] $Name, [long] $No, [Cdss.RolloutOutcome] $Outcome, [int] $Seconds) {
        $result = [Cdss.RolloutResult].GetConstructors($flags)[0].Invoke(@($kinds.GetField($Kind).GetValue($null)))
        $result.ServiceGroupInstanceNo = $No; $result.ClusterName = $Name; $result.Outcome = $Outcome
        $result.RequestId = [guid]::NewGuid().ToString(); $result.Message = "$Outcome after a long wait for every broker of the cluster"
        $result.RequestedAt = [DateTimeOffset]::UtcNow.AddSeconds(-$Seconds); $result.FinishedAt = [DateTimeOffset]::UtcNow
        $result.Progress = [Cdss.ClusterProgress]@{ ServiceGroupInstanceNo = $No; BrokersUp = 5; BrokersTotal = 5; BrokerStatus = 'green' }
        $typed.GetMethod('Wrap', [type[]]@([Cdss.RolloutResult])).Invoke($null, @($result))
    }
    function New-Answer([string] $Kind, [string] $Name, [long] $No, [bool] $Accepted) {
        $answer = [Cdss.OperationRequest].GetConstructors($flags)[0].Invoke(@($kinds.GetField($Kind).GetValue($null)))
        $answer.ServiceGroupInstanceNo = $No; $answer.ClusterName = $Name; $answer.Accepted = $Accepted
        $answer.Message = if ($Accepted) { 'SUCCESS' } else { 'Cluster is not in running state (changing)' }
        $answer.RequestId = [guid]::NewGuid().ToString()
        $typed.GetMethod('Wrap', [type[]]@([Cdss.OperationRequest])).Invoke($null, @($answer))
    }
    function New-Progress([string] $Name, [long] $No) {
        $nodes = [Cdss.NodeStatus[]]@(1..5 | ForEach-Object { [Cdss.NodeStatus]@{ Hostname = "$Name-broker-00$_"; Status = 'running' } })
        $progress = [Cdss.ClusterProgress]@{ ServiceGroupInstanceNo = $No; ClusterName = $Name; BrokersUp = 4; BrokersTotal = 5; BrokerStatus = 'orange'; Nodes = $nodes; RequestId = [guid]::NewGuid().ToString() }
        $typed.GetMethod('Wrap', [type[]]@([Cdss.ClusterProgress])).Invoke($null, @($progress))
    }

    $script:names = 'kafka-payments-prod-01', 'kafka-orders-prod-02', 'kafka-analytics'
    $script:views = @(
        @{ View = 'rollout result'; Labels = 'Cluster', 'Outcome', 'Took', 'RequestId'
           Objects = @(New-Result RollingRestart $names[0] 3432149 WaitInterrupted 1020; New-Result RollingUpgrade $names[1] 3432150 OutcomeUnknown 7500; New-Result ConfigGroupApply $names[2] 3432153 Succeeded 42) }
        @{ View = 'rolling restart pre-check'; Labels = 'Cluster', 'CanRestart', 'RequestId', 'Message'
           Objects = @($names | ForEach-Object { [Cdss.RollingRestartPreCheck]@{ ServiceGroupInstanceNo = 1; ClusterName = $_; CanRestart = $false; Message = 'Cluster is not in running state (changing)'; RequestId = [guid]::NewGuid().ToString() } }) }
        @{ View = 'rolling upgrade pre-check'; Labels = 'Cluster', 'CanUpgrade', 'RequestId', 'Message'
           Objects = @($names | ForEach-Object { [Cdss.RollingUpgradePreCheck]@{ ServiceGroupInstanceNo = 1; ClusterName = $_; CanUpgrade = $true; Message = 'SUCCESS'; RequestId = [guid]::NewGuid().ToString() } }) }
        @{ View = 'rolling restart answer'; Labels = 'Cluster', 'Accepted', 'RequestId', 'Message'; Objects = @($names | ForEach-Object { New-Answer RollingRestart $_ 1 $false }) }
        @{ View = 'rolling upgrade answer'; Labels = 'Cluster', 'Accepted', 'RequestId', 'Message'; Objects = @($names | ForEach-Object { New-Answer RollingUpgrade $_ 1 $true }) }
        @{ View = 'config group apply answer'; Labels = 'Cluster', 'Accepted', 'RequestId', 'Message'; Objects = @($names | ForEach-Object { New-Answer ConfigGroupApply $_ 1 $true }) }
        @{ View = 'progress'; Labels = 'Cluster', 'Brokers', 'BrokerStatus', 'RequestId'; Objects = @($names | ForEach-Object { New-Progress $_ 1 }) }
    )
}

Describe 'The default views at 80 columns' {
    It 'show the <View> table with whole names, whole request ids and one-line headers' -ForEach @(
        @{ View = 'rollout result' }, @{ View = 'rolling restart pre-check' }, @{ View = 'rolling upgrade pre-check' }, @{ View = 'rolling restart answer' },
        @{ View = 'rolling upgrade answer' }, @{ View = 'config group apply answer' }, @{ View = 'progress' }
    ) {
        $case = $views | Where-Object { $_.View -eq $View }
        $lines = @(($case.Objects | Out-String -Width 80) -split '\r?\n')
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 80 -Because "'$line' is a line of the $View table" }
        $dashes = @(for ($i = 0; $i -lt $lines.Count; $i++) { if ($lines[$i] -match '^[\s-]*-[\s-]*$') { $i } })
        $dashes.Count | Should -Be 1 -Because 'one table'
        $header = $lines[$dashes[0] - 1]
        $lines[$dashes[0] - 2] | Should -Match '^\s*$' -Because "the header is one line, so no label is split: $($lines -join "`n")"
        @($header.Trim() -split '\s+') | Should -Be $case.Labels
        foreach ($o in $case.Objects) {
            $row = @($lines | Where-Object { $_.Contains($o.RequestId) })
            $row.Count | Should -Be 1 -Because "request id $($o.RequestId) is whole on one line"
            $row[0] | Should -Match "^$([regex]::Escape($o.ClusterName))\s" -Because 'the name is whole, first'
        }
    }

    It 'shows how long each cluster took, in a short form' {
        $text = $views[0].Objects | Out-String -Width 80
        $text | Should -Match '(?m)^kafka-payments-prod-01 WaitInterrupted  17m '
        $text | Should -Match '(?m)^kafka-orders-prod-02\s+OutcomeUnknown\s+2h05 '
        $text | Should -Match '(?m)^kafka-analytics\s+Succeeded\s+42s '
    }

    It 'shows the number when the name is not known' {
        $check = [Cdss.RollingRestartPreCheck]@{ ServiceGroupInstanceNo = 3432149; CanRestart = $true; Message = 'SUCCESS'; RequestId = [guid]::NewGuid().ToString() }
        ($check | Out-String -Width 80) | Should -Match '(?m)^3432149\s+True\s'
    }
}
