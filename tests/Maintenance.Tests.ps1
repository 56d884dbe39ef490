# The maintenance cmdlets over real HTTP against the emulator: versions, rolling upgrade, config groups and
# their settings, applying a group, nodes and node restarts.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-ConnectedEmulator -ArgumentList '--broker-restart-ms', '100'

    # The requests the emulator received whose operation path ends with /<Operation> or /<Operation>/<number>.
    function Get-Sent([string] $Operation) {
        # (The launcher returns the log as one array: the parentheses unroll it.)
        @((Get-CdssEmulatorRequest $emu) | Where-Object { $_.target -match "/$([regex]::Escape($Operation))(/\d+)?(\?|$)" })
    }

    # The first FullyQualifiedErrorId segment of each error.
    function Get-ErrorId($Errors) { @($Errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) }

    function Get-ClusterDetail([long] $Number) { Invoke-CdssApi "/cluster/getClusterInfoList/$Number" -Body @{} }
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'Get-CdssKafkaVersion' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'writes the versions as typed objects, from one GET' {
        $versions = Get-CdssKafkaVersion
        $versions.Count | Should -Be 4
        $versions[0].PSTypeNames[0] | Should -Be 'Cdss.KafkaVersion'
        $versions[0].KafkaVersionCode | Should -BeOfType [int]
        $versions.KafkaVersionCode | Should -Be @(3903006, 3713006, 2823006, 2403005)
        $versions.KafkaVersionName | Should -Be @('Kafka 3.9.0', 'Kafka 3.7.1', 'Kafka 2.8.2', 'Kafka 2.4.0')
        ($versions | Where-Object KafkaVersionCode -EQ 2823006).ApplicationVersionName | Should -Be 'CMAK 3.0.0.5'
        ($versions | Where-Object KafkaVersionCode -EQ 3713006).CmakVersionName | Should -Be 'CMAK 3.0.0.6'
        $sent = Get-Sent 'getCDSSVersionList'
        $sent.Count | Should -Be 1
        $sent[0].method | Should -Be 'GET'
        $sent[0].target | Should -Be '/api/v1/cluster/getCDSSVersionList'
    }

    It 'completes -KafkaVersionCode with the codes, the name as tooltip, from a short-lived cache' {
        $line = 'Test-CdssRollingUpgrade 3432149 -ConfigGroupNo 202 -KafkaVersionCode '
        $matches = (TabExpansion2 $line $line.Length).CompletionMatches
        $matches.CompletionText | Should -Be @('3903006', '3713006', '2823006', '2403005')
        ($matches | Where-Object CompletionText -EQ '3713006').ToolTip | Should -Be 'Kafka 3.7.1'
        $line = 'Get-CdssConfigGroup -KafkaVersionCode 28'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('2823006')
        (Get-Sent 'getCDSSVersionList').Count | Should -BeLessOrEqual 1
    }

    It 'completes nothing, and prints nothing, without a session' {
        $result = Invoke-InNewRunspace {
            param($m)
            Import-Module $m
            $line = 'Get-CdssConfigGroupSetting 101 -KafkaVersionCode '
            (TabExpansion2 $line $line.Length).CompletionMatches | Where-Object ResultType -EQ 'ParameterValue'
        } @{ m = $ModulePath }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors | Should -BeNullOrEmpty
    }
}

Describe 'Test-CdssRollingUpgrade' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'says yes for a running cluster, a newer version and a group of that version' {
        $r = Test-CdssRollingUpgrade -ServiceGroupInstanceNo 3432149 -KafkaVersionCode 3903006 -ConfigGroupNo 202
        $r.PSTypeNames[0] | Should -Be 'Cdss.RollingUpgradePreCheck'
        $r.ServiceGroupInstanceNo | Should -BeOfType [long]
        $r.ServiceGroupInstanceNo | Should -Be 3432149
        $r.KafkaVersionCode | Should -Be 3903006
        $r.ConfigGroupNo | Should -Be 202
        $r.CanUpgrade | Should -BeTrue
        $r.Code | Should -Be 0
        $r.Message | Should -Be 'SUCCESS'
        $r.RequestId | Should -Match '^[0-9a-f]{8}-'
        $r.Endpoint | Should -Be $emu.Endpoint
        $r.CheckedAt | Should -BeOfType [DateTimeOffset]
        $sent = Get-Sent 'rollingUpgradePreCheck'
        $sent.Count | Should -Be 1
        $sent[0].body | Should -Be '{"serviceGroupInstanceNo":3432149,"upgradeKafkaVersionCode":3903006,"upgradeConfigGroupNo":202}'
    }

    It 'reports the documented no (code 0, no result) with the reason unchanged: <Case>' -ForEach @(
        @{ Case = 'a cluster that is not running'; No = 3432151; Version = 3903006; Group = 202 }
        @{ Case = 'a version that is not newer'; No = 3432149; Version = 3713006; Group = 101 }
    ) {
        $raw = Invoke-CdssApi /cluster/rollingUpgradePreCheck -Body @{ serviceGroupInstanceNo = $No; upgradeKafkaVersionCode = $Version; upgradeConfigGroupNo = $Group } -Raw
        $raw.code | Should -Be 0
        $raw.result | Should -BeNullOrEmpty
        $r = Test-CdssRollingUpgrade $No -KafkaVersionCode $Version -ConfigGroupNo $Group
        $r.CanUpgrade | Should -BeFalse
        $r.Code | Should -Be 0
        $r.Message | Should -Be $raw.message
        $r.Message | Should -Not -Be 'SUCCESS'
    }

    It 'reports a non-zero code (a group not made for the target version) as an answer, not an error' {
        $errs = $null
        $r = Test-CdssRollingUpgrade 3432149 -KafkaVersionCode 3903006 -ConfigGroupNo 101 -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $r.CanUpgrade | Should -BeFalse
        $r.Code | Should -Not -Be 0
        $raw = Invoke-CdssApi /cluster/rollingUpgradePreCheck -Body @{ serviceGroupInstanceNo = 3432149; upgradeKafkaVersionCode = 3903006; upgradeConfigGroupNo = 101 } -Raw
        $r.Code | Should -Be $raw.code
        $r.Message | Should -Be $raw.message
    }

    It 'takes numbers from the pipeline, by value and by property name, and answers in input order' {
        $r = 3432151, 3432149, 999999 | Test-CdssRollingUpgrade -KafkaVersionCode 3903006 -ConfigGroupNo 202
        $r.ServiceGroupInstanceNo | Should -Be @(3432151, 3432149, 999999)
        $r.CanUpgrade | Should -Be @($false, $true, $false)
        $r[2].Code | Should -Be 3
        $byName = Get-CdssCluster -Name 'kafka-prod-*', 'kafka-dev' | Test-CdssRollingUpgrade -KafkaVersionCode 3903006 -ConfigGroupNo 202 -ThrottleLimit 16
        $byName.ServiceGroupInstanceNo | Should -Be @(3432149, 3432150, 3432152)
        $byName.CanUpgrade | Should -Be @($true, $true, $false)
    }

    It 'keeps input order with 1 and with 64 checks in flight, under latency' {
        Set-CdssEmulatorConfig $emu @{ latencyMs = 30 }
        $numbers = 3432154, 3432149, 3432151, 3432153, 3432150, 3432152
        $one = $numbers | Test-CdssRollingUpgrade -KafkaVersionCode 3903006 -ConfigGroupNo 202 -ThrottleLimit 1
        $many = $numbers | Test-CdssRollingUpgrade -KafkaVersionCode 3903006 -ConfigGroupNo 202 -ThrottleLimit 64
        $many.ServiceGroupInstanceNo | Should -Be $numbers
        $many.CanUpgrade | Should -Be $one.CanUpgrade
    }

    It 'writes only [bool] values with -Quiet' {
        $r = 3432149, 3432151 | Test-CdssRollingUpgrade -KafkaVersionCode 3903006 -ConfigGroupNo 202 -Quiet
        $r[0] | Should -BeOfType [bool]
        $r | Should -Be @($true, $false)
    }

    It 'rejects ThrottleLimit <Value> and sends nothing' -ForEach @(@{ Value = 0 }, @{ Value = 65 }) {
        { Test-CdssRollingUpgrade 3432149 -KafkaVersionCode 3903006 -ConfigGroupNo 202 -ThrottleLimit $Value } |
            Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 0
    }

    It 'writes an error naming the cluster when a check fails, and still checks the others' {
        Add-CdssEmulatorFault $emu @{ kind = 'html'; serviceGroupInstanceNo = 3432150 }
        $errs = $null
        $r = 3432149, 3432150, 3432153 | Test-CdssRollingUpgrade -KafkaVersionCode 3903006 -ConfigGroupNo 202 -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.ServiceGroupInstanceNo | Should -Be @(3432149, 3432153)
        Get-ErrorId $errs | Should -Be @('CdssInvalidResponse')
        $errs[0].TargetObject | Should -Be 3432150
        "$($errs[0])" | Should -Match 'Cluster 3432150'
    }
}

Describe 'Start-CdssRollingUpgrade' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'sends nothing with -WhatIf, even with -Force' {
        Start-CdssRollingUpgrade 3432149, 3432150 -KafkaVersionCode 3903006 -ConfigGroupNo 202 -WhatIf -Force | Should -BeNullOrEmpty
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 0
    }

    It 'pre-checks, sends the upgrade once, and the cluster ends on the target version and group' {
        $u = Start-CdssRollingUpgrade 3432149 -KafkaVersionCode 3903006 -ConfigGroupNo 202 -Force
        $u.PSTypeNames[0] | Should -Be 'Cdss.RollingUpgrade'
        $u.ServiceGroupInstanceNo | Should -Be 3432149
        $u.KafkaVersionCode | Should -Be 3903006
        $u.ConfigGroupNo | Should -Be 202
        $u.Accepted | Should -BeTrue
        $u.Code | Should -Be 0
        $u.RequestId | Should -Match '^[0-9a-f]{8}-'
        (Get-CdssEmulatorRequest $emu).target | Should -Be @('/api/v1/cluster/rollingUpgradePreCheck', '/api/v1/cluster/rollingUpgrade')
        (Get-Sent 'rollingUpgrade')[0].body | Should -Be '{"serviceGroupInstanceNo":3432149,"upgradeKafkaVersionCode":3903006,"upgradeConfigGroupNo":202}'

        # The upgrade's brokers restart on the emulator clock: moving it finishes the upgrade without waiting.
        $null = Move-CdssEmulatorClock -Emulator $emu -Seconds 5
        $detail = Get-ClusterDetail 3432149
        $detail.configGroupNo | Should -Be 202
        "$($detail.kafkaVersionCode)" | Should -Be '3903006'
        (Get-CdssCluster -ServiceGroupInstanceNo 3432149).KafkaVersion | Should -Be '3.9.0'
        # Once upgraded, the same upgrade is no longer newer: the pre-check says no.
        (Test-CdssRollingUpgrade 3432149 -KafkaVersionCode 3903006 -ConfigGroupNo 202).CanUpgrade | Should -BeFalse
    }

    It 'follows the upgrade through the progress check, in the restart progress shape' {
        $null = Start-CdssRollingUpgrade 3432153 -KafkaVersionCode 3903006 -ConfigGroupNo 202 -Force
        $progress = Invoke-CdssApi /cluster/rollingUpgradeProgressCheck -Body @{ serviceGroupInstanceNo = 3432153 }
        $progress.clusterName | Should -Be 'kafka-analytics'
        $progress.brokerNodeTotalNumber | Should -Be 4
        @($progress.brokerStatusPerNode).Count | Should -Be 4
    }

    It 'refuses with CdssPreCheckFailed and the reason, and sends no upgrade' {
        $errs = $null
        $out = Start-CdssRollingUpgrade 3432151, 3432149 -KafkaVersionCode 3903006 -ConfigGroupNo 202 -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('CdssPreCheckFailed')
        $errs[0].TargetObject | Should -Be 3432151
        $check = Test-CdssRollingUpgrade 3432151 -KafkaVersionCode 3903006 -ConfigGroupNo 202
        "$($errs[0])" | Should -Match 'Cluster 3432151'
        "$($errs[0])" | Should -Match ([regex]::Escape($check.Message))
        "$($errs[0])" | Should -Match 'No upgrade was requested'
        $out.ServiceGroupInstanceNo | Should -Be @(3432149)
        (Get-Sent 'rollingUpgrade').body | Should -Not -Match '3432151'
        (Get-Sent 'rollingUpgrade').Count | Should -Be 1
    }

    It 'refuses a group made for another version with the service''s non-zero code' {
        $errs = $null
        $null = Start-CdssRollingUpgrade 3432149 -KafkaVersionCode 3903006 -ConfigGroupNo 101 -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('CdssPreCheckFailed')
        "$($errs[0])" | Should -Match 'code [1-9]'
        (Get-Sent 'rollingUpgrade').Count | Should -Be 0
    }

    It 'never resends the upgrade after a 503: CdssOutcomeUnknown after exactly one request' {
        Add-CdssEmulatorFault $emu @{ operation = 'rollingUpgrade'; kind = 'status'; status = 503 }
        $errs = $null
        $null = Start-CdssRollingUpgrade 3432149 -KafkaVersionCode 3903006 -ConfigGroupNo 202 -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('CdssOutcomeUnknown')
        "$($errs[0])" | Should -Match 'Cluster 3432149'
        (Get-Sent 'rollingUpgrade').Count | Should -Be 1
    }

    It 'lets an explicit -Confirm win over -Force: it prompts (which fails without a console) and sends nothing' {
        $result = Invoke-InNewRunspace {
            param($m, $endpoint, $cred)
            Import-Module $m
            $null = Connect-Cdss -Endpoint $endpoint -Credential $cred
            Start-CdssRollingUpgrade 3432149 -KafkaVersionCode 3903006 -ConfigGroupNo 202 -Force -Confirm
        } @{ m = $ModulePath; endpoint = $emu.Endpoint; cred = $emu.Credential }
        $result.Output | Should -BeNullOrEmpty
        (Get-Sent 'rollingUpgrade').Count | Should -Be 0
        (Get-Sent 'rollingUpgradePreCheck').Count | Should -Be 0
    }
}

Describe 'Get-CdssConfigGroup' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'lists the groups of every version when no version is given' {
        $groups = Get-CdssConfigGroup
        $groups[0].PSTypeNames[0] | Should -Be 'Cdss.ConfigGroup'
        $groups.ConfigGroupNo | Sort-Object | Should -Be @(101, 102, 201, 202, 301, 302, 401)
        $prod = $groups | Where-Object ConfigGroupNo -EQ 101
        $prod.ConfigGroupName | Should -Be 'prod-kafka-371'
        $prod.KafkaVersionCode | Should -BeOfType [int]
        $prod.KafkaVersionCode | Should -Be 3713006
        $prod.KafkaVersion | Should -Be '3.7.1'
        (Get-Sent 'getCDSSVersionList').Count | Should -Be 1
        (Get-Sent 'getKafkaVersionConfigGroupList').Count | Should -Be 4
    }

    It 'sends the version code as a JSON number and lists only that version' {
        $groups = Get-CdssConfigGroup -KafkaVersionCode 3903006
        $groups.ConfigGroupNo | Should -Be @(201, 202)
        $sent = Get-Sent 'getKafkaVersionConfigGroupList'
        $sent.Count | Should -Be 1
        $body = $sent[0].body | ConvertFrom-Json -AsHashtable
        $body.kafkaVersionCode | Should -BeOfType [long]
        $body.kafkaVersionCode | Should -Be 3903006
        $body.pageNo | Should -Be 1
        (Get-Sent 'getCDSSVersionList').Count | Should -Be 0
    }

    It 'takes versions from Get-CdssKafkaVersion through the pipeline' {
        (Get-CdssKafkaVersion | Where-Object KafkaVersionCode -In 2823006, 2403005 | Get-CdssConfigGroup).ConfigGroupNo |
            Should -Be @(301, 302, 401)
    }

    It 'filters by number, and reports a number that matches no group as CdssConfigGroupNotFound' {
        $errs = $null
        $groups = Get-CdssConfigGroup -ConfigGroupNo 202, 999 -ErrorVariable errs -ErrorAction SilentlyContinue
        $groups.ConfigGroupNo | Should -Be @(202)
        Get-ErrorId $errs | Should -Be @('CdssConfigGroupNotFound')
        $errs[0].TargetObject | Should -Be 999
    }
}

Describe 'Get-CdssConfigGroupSetting' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'shows every setting with its effective value, default, custom flag, range and type' {
        $settings = Get-CdssConfigGroupSetting -ConfigGroupNo 101 -KafkaVersionCode 3713006
        $settings.Count | Should -Be 14
        $settings[0].PSTypeNames[0] | Should -Be 'Cdss.ConfigGroupSetting'
        $hours = $settings | Where-Object Key -EQ 'logRetentionHours'
        $hours.Name | Should -Be 'log.retention.hours'
        $hours.Value | Should -Be '72'
        $hours.DefaultValue | Should -Be '168'
        $hours.IsCustom | Should -BeTrue
        $hours.Modifiable | Should -BeTrue
        $hours.Range | Should -Be '1 ~ 8760'
        $hours.Type | Should -Be 'Integer'
        $hours.ConfigGroupNo | Should -Be 101
        $factor = $settings | Where-Object Key -EQ 'offsetsTopicReplicationFactor'
        $factor.Modifiable | Should -BeFalse
        $factor.IsCustom | Should -BeFalse
        $factor.Value | Should -Be '3'
        ($settings | Where-Object IsCustom).Key | Should -Be @('numPartitions', 'logRetentionHours')
        $sent = Get-Sent 'getKafkaConfigGroupDetailList'
        $sent[0].target | Should -Be '/api/v1/configGroup/getKafkaConfigGroupDetailList/101'
        $sent[0].body | Should -Be '{"kafkaVersionCode":3713006}'
    }

    It 'shows a group without custom values at its defaults' {
        $settings = Get-CdssConfigGroupSetting 202 3903006
        @($settings | Where-Object IsCustom).Count | Should -Be 0
        ($settings | Where-Object Key -EQ 'logRetentionHours').Value | Should -Be '168'
    }

    It 'takes groups from Get-CdssConfigGroup and filters by key or Kafka name, with wildcards' {
        $r = Get-CdssConfigGroup -KafkaVersionCode 3713006 | Get-CdssConfigGroupSetting -Name 'log.retention.hours', 'NUMPARTITIONS'
        $r.Count | Should -Be 4
        ($r | Where-Object ConfigGroupNo -EQ 101).Value | Should -Be @('6', '72')
        ($r | Where-Object ConfigGroupNo -EQ 102).Value | Should -Be @('1', '168')
        (Get-CdssConfigGroupSetting 101 3713006 -Name 'log.cleaner*').Key | Should -Be @('logCleanerEnable', 'logCleanerThreads')
    }

    It 'suggests the closest names for a name that matches nothing' {
        $errs = $null
        $null = Get-CdssConfigGroupSetting 101 3713006 -Name 'logRetentionHour' -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('CdssUnknownSetting')
        "$($errs[0])" | Should -Match 'Closest: logRetentionHours'
    }
}

Describe 'Set-CdssConfigGroupSetting' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'changes logRetentionHours and keeps numPartitions, in the service and in the body it sent' {
        $null = Set-CdssConfigGroupSetting -ConfigGroupNo 101 -KafkaVersionCode 3713006 -Setting @{ logRetentionHours = 96 } -Confirm:$false

        $sets = Get-Sent 'setKafkaConfigGroupDetail'
        $sets.Count | Should -Be 1
        $sets[0].target | Should -Be '/api/v1/configGroup/setKafkaConfigGroupDetail/101'
        $body = $sets[0].body | ConvertFrom-Json -AsHashtable
        $body.Keys | Sort-Object | Should -Be @('kafkaVersionCode', 'logRetentionHours', 'numPartitions')
        $body.logRetentionHours | Should -BeOfType [long]
        $body.logRetentionHours | Should -Be 96
        $body.numPartitions | Should -BeOfType [long]
        $body.numPartitions | Should -Be 6
        $body.kafkaVersionCode | Should -Be 3713006

        $raw = Invoke-CdssApi /configGroup/getKafkaConfigGroupDetailList/101 -Body @{ kafkaVersionCode = 3713006 }
        $byKey = @{}; foreach ($s in $raw.kafkaConfigGroupDetailList) { $byKey[$s.configNameKey] = $s }
        $byKey.logRetentionHours.customValue | Should -Be '96'
        $byKey.numPartitions.customValue | Should -Be '6'
        @($raw.kafkaConfigGroupDetailList | Where-Object { $null -ne $_.customValue }).Count | Should -Be 2
    }

    It 'takes Kafka names in any case and sends values typed by setting type' {
        $r = Set-CdssConfigGroupSetting 102 3713006 -Setting ([ordered]@{ 'LOG.CLEANUP.POLICY' = 'Compact'; 'num.io.threads' = '16'; autoCreateTopicsEnable = $false; logRetentionBytes = 1073741824L }) -PassThru
        $r.Key | Should -Be @('logCleanupPolicy', 'numIoThreads', 'autoCreateTopicsEnable', 'logRetentionBytes')
        $r.Value | Should -Be @('compact', '16', 'false', '1073741824')
        $body = (Get-Sent 'setKafkaConfigGroupDetail')[0].body
        $body | Should -Match '"logCleanupPolicy":"compact"'
        $body | Should -Match '"numIoThreads":16[,}]'
        $body | Should -Match '"autoCreateTopicsEnable":false'
        $body | Should -Match '"logRetentionBytes":1073741824[,}]'
    }

    It 'writes the read-back settings of the named settings with -PassThru' {
        $r = Get-CdssConfigGroup -ConfigGroupNo 101 | Set-CdssConfigGroupSetting -Setting @{ logRetentionHours = 24 } -PassThru
        $r.PSTypeNames[0] | Should -Be 'Cdss.ConfigGroupSetting'
        $r.Key | Should -Be 'logRetentionHours'
        $r.Value | Should -Be '24'
        $r.IsCustom | Should -BeTrue
        (Get-Sent 'getKafkaConfigGroupDetailList').Count | Should -Be 2   # once before, once to read back
    }

    It 'puts a setting back to its default with $null, keeping the other custom value' {
        $null = Set-CdssConfigGroupSetting 101 3713006 -Setting @{ numPartitions = $null }
        (Get-Sent 'setKafkaConfigGroupDetail')[0].body | Should -Be '{"kafkaVersionCode":3713006,"logRetentionHours":72}'
        $now = Get-CdssConfigGroupSetting 101 3713006 -Name numPartitions, logRetentionHours
        $now.Value | Should -Be @('1', '72')
        $now.IsCustom | Should -Be @($false, $true)
    }

    It 'refuses <Case> with <Id> before sending anything' -ForEach @(
        @{ Case = 'a setting that is not modifiable'; Setting = @{ offsetsTopicReplicationFactor = 2 }; Id = 'CdssSettingNotModifiable'; Text = 'offsetsTopicReplicationFactor' }
        @{ Case = 'a value above the range'; Setting = @{ logRetentionHours = 9000 }; Id = 'CdssSettingOutOfRange'; Text = '1 ~ 8760' }
        @{ Case = 'a value below the range'; Setting = @{ 'log.retention.bytes' = -2 }; Id = 'CdssSettingOutOfRange'; Text = '-1 ~ 9223372036854775807' }
        @{ Case = 'a choice that is not offered'; Setting = @{ logCleanupPolicy = 'remove' }; Id = 'CdssSettingOutOfRange'; Text = 'delete\|compact' }
        @{ Case = 'a value of the wrong type'; Setting = @{ autoCreateTopicsEnable = 'sometimes' }; Id = 'CdssSettingOutOfRange'; Text = 'Boolean' }
        @{ Case = 'an unknown name'; Setting = @{ logRetentionHour = 96 }; Id = 'CdssUnknownSetting'; Text = 'Closest: logRetentionHours' }
    ) {
        $errs = $null
        $null = Set-CdssConfigGroupSetting 101 3713006 -Setting $Setting -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @($Id)
        "$($errs[0])" | Should -Match $Text
        "$($errs[0])" | Should -Match 'Config group 101'
        $errs[0].TargetObject | Should -Be 101
        (Get-Sent 'setKafkaConfigGroupDetail').Count | Should -Be 0
    }

    It 'sends nothing when one of several settings is refused, and reports each refusal' {
        $errs = $null
        $null = Set-CdssConfigGroupSetting 101 3713006 -Setting ([ordered]@{ logRetentionHours = 96; numPartitions = 0; nope = 1 }) -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('CdssSettingOutOfRange', 'CdssUnknownSetting')
        (Get-Sent 'setKafkaConfigGroupDetail').Count | Should -Be 0
        (Get-CdssConfigGroupSetting 101 3713006 -Name logRetentionHours).Value | Should -Be '72'
    }

    It 'sends nothing with -WhatIf, and names the group and the changes when it does send' {
        Set-CdssConfigGroupSetting 101 3713006 -Setting @{ logRetentionHours = 96 } -WhatIf
        (Get-Sent 'setKafkaConfigGroupDetail').Count | Should -Be 0
        $verbose = Set-CdssConfigGroupSetting 101 3713006 -Setting @{ logRetentionHours = 96 } -Verbose 4>&1 | ForEach-Object { "$_" }
        $verbose | Should -Contain 'Performing the operation "Set logRetentionHours 72 -> 96" on target "Config group 101 (Kafka version 3713006)".'
    }

    It 'reports CdssSettingNotApplied when the service answers yes but keeps the old value' {
        # The service's silent drop, staged: a success envelope whose write never happens.
        Add-CdssEmulatorFault $emu @{ operation = 'setKafkaConfigGroupDetail'; kind = 'code'; code = 0; message = 'SUCCESS' }
        $errs = $null
        $r = Set-CdssConfigGroupSetting 101 3713006 -Setting @{ logRetentionHours = 96 } -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        Get-ErrorId $errs | Should -Be @('CdssSettingNotApplied')
        "$($errs[0])" | Should -Match 'logRetentionHours \(sent 96, it shows 72\)'
        "$($errs[0])" | Should -Match 'Config group 101'
    }

    It 'never resends the write after a 503: CdssOutcomeUnknown after exactly one request' {
        Add-CdssEmulatorFault $emu @{ operation = 'setKafkaConfigGroupDetail'; kind = 'status'; status = 503 }
        $errs = $null
        $null = Set-CdssConfigGroupSetting 101 3713006 -Setting @{ logRetentionHours = 96 } -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('CdssOutcomeUnknown')
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Get-CdssConfigGroupSetting'
        (Get-Sent 'setKafkaConfigGroupDetail').Count | Should -Be 1
    }
}

Describe 'Set-CdssClusterConfigGroup' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'sends nothing at all with -WhatIf' {
        Set-CdssClusterConfigGroup 3432149, 3432150 -ConfigGroupNo 102 -WhatIf -Force | Should -BeNullOrEmpty
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 0
    }

    It 'applies a group of the same version with one request, after reading the cluster' {
        $r = Set-CdssClusterConfigGroup -ServiceGroupInstanceNo 3432149 -ConfigGroupNo 102 -Force
        $r.PSTypeNames[0] | Should -Be 'Cdss.ConfigGroupApply'
        $r.ServiceGroupInstanceNo | Should -Be 3432149
        $r.ClusterName | Should -Be 'kafka-prod-01'
        $r.ConfigGroupNo | Should -Be 102
        $r.Accepted | Should -BeTrue
        $r.Code | Should -Be 0
        $r.RequestId | Should -Match '^[0-9a-f]{8}-'
        (Get-Sent 'getClusterInfoList').target | Should -Contain '/api/v1/cluster/getClusterInfoList/3432149'
        $sets = Get-Sent 'setClusterKafkaConfigGroup'
        $sets.Count | Should -Be 1
        $sets[0].target | Should -Be '/api/v1/configGroup/setClusterKafkaConfigGroup/102'
        $sets[0].body | Should -Be '{"kafkaVersionCode":3713006,"serviceGroupInstanceNo":3432149}'
        $null = Move-CdssEmulatorClock -Emulator $emu -Seconds 5   # past the settling and the brokers' restarts
        (Get-ClusterDetail 3432149).configGroupNo | Should -Be 102 -Because 'the group was applied'
        (Get-CdssCluster -ServiceGroupInstanceNo 3432149).Status | Should -Be 'running'
    }

    It 'applies to clusters from the pipeline, one request each' {
        $r = Get-CdssCluster -Name 'kafka-prod-*' | Set-CdssClusterConfigGroup -ConfigGroupNo 102 -Confirm:$false
        $r.ClusterName | Should -Be @('kafka-prod-01', 'kafka-prod-02')
        (Get-Sent 'setClusterKafkaConfigGroup').Count | Should -Be 2
        (Get-Sent 'getKafkaVersionConfigGroupList').Count | Should -Be 1   # the group is looked up once
    }

    It 'refuses a group of another Kafka version with CdssConfigGroupVersionMismatch and sends nothing' {
        $errs = $null
        $null = Set-CdssClusterConfigGroup 3432149 -ConfigGroupNo 202 -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('CdssConfigGroupVersionMismatch')
        "$($errs[0])" | Should -Match '3432149 \(kafka-prod-01\)'
        "$($errs[0])" | Should -Match '3713006'
        "$($errs[0])" | Should -Match '3903006'
        $errs[0].TargetObject | Should -Be 3432149
        (Get-Sent 'setClusterKafkaConfigGroup').Count | Should -Be 0
        (Get-ClusterDetail 3432149).configGroupNo | Should -Be 101
    }

    It 'refuses a group that does not exist with CdssConfigGroupNotFound and sends nothing' {
        $errs = $null
        $null = Set-CdssClusterConfigGroup 3432149 -ConfigGroupNo 999 -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('CdssConfigGroupNotFound')
        "$($errs[0])" | Should -Match 'kafka-prod-01'
        (Get-Sent 'setClusterKafkaConfigGroup').Count | Should -Be 0
    }

    It 'writes the documented no (a cluster that is not running) as not accepted, with the reason, and a CdssRestartNotAccepted error' {
        $errs = $null
        $r = Set-CdssClusterConfigGroup 3432151 -ConfigGroupNo 202 -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('CdssRestartNotAccepted')
        $r.Accepted | Should -BeFalse
        $r.Code | Should -Be 0
        $r.Message | Should -Not -BeNullOrEmpty
        $r.Message | Should -Not -Be 'SUCCESS'
        (Get-Sent 'setClusterKafkaConfigGroup').Count | Should -Be 1
    }

    It 'names an unknown cluster in the error' {
        $errs = $null
        $null = Set-CdssClusterConfigGroup 999999 -ConfigGroupNo 101 -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        "$($errs[0])" | Should -Match '999999'
        (Get-Sent 'setClusterKafkaConfigGroup').Count | Should -Be 0
    }
}

Describe 'Get-CdssClusterNode' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'lists brokers and managers with typed numbers, from one GET' {
        $nodes = Get-CdssClusterNode -ServiceGroupInstanceNo 3432149
        $nodes[0].PSTypeNames[0] | Should -Be 'Cdss.ClusterNode'
        $nodes[0].ComputeInstanceNo | Should -BeOfType [long]
        $brokers = @($nodes | Where-Object Role -EQ 'BROKER')
        $brokers.ComputeInstanceNo | Should -Be @(343214901, 343214902, 343214903)
        @($nodes | Where-Object Role -EQ 'MANAGER').ComputeInstanceNo | Should -Be @(343214951, 343214952)
        $nodes.ServiceGroupInstanceNo | Select-Object -Unique | Should -Be 3432149
        $nodes.Status | Select-Object -Unique | Should -Be 'RUN'
        $nodes | ForEach-Object { $_.PrivateIp | Should -Match '^\d+\.\d+\.\d+\.\d+$' }
        $progressHosts = (Get-CdssRollingRestartProgress 3432149).Nodes.Hostname
        $brokers.HostName | Should -Be $progressHosts
        $sent = Get-Sent 'getClusterNodeList'
        $sent.Count | Should -Be 1
        $sent[0].method | Should -Be 'GET'
        $sent[0].target | Should -Be '/api/v1/cluster/getClusterNodeList/3432149'
    }

    It 'takes clusters from the pipeline and names a cluster it cannot read' {
        $errs = $null
        $nodes = [pscustomobject]@{ ServiceGroupInstanceNo = 3432153 }, 999999 | Get-CdssClusterNode -ErrorVariable errs -ErrorAction SilentlyContinue
        @($nodes | Where-Object Role -EQ 'BROKER').Count | Should -Be 4
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be 999999
        "$($errs[0])" | Should -Match 'Cluster 999999'
    }
}

Describe 'Restart-CdssKafkaNode' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'restarts the first broker from the pipeline with one request of JSON numbers' {
        $r = Get-CdssClusterNode 3432149 | Where-Object Role -eq BROKER | Select-Object -First 1 | Restart-CdssKafkaNode -Force
        $r.PSTypeNames[0] | Should -Be 'Cdss.KafkaNodeRestart'
        $r.ServiceGroupInstanceNo | Should -Be 3432149
        , $r.ComputeInstanceNo | Should -BeOfType [long[]]
        $r.ComputeInstanceNo | Should -Be @(343214901)
        $r.Accepted | Should -BeTrue
        $r.RequestId | Should -Match '^[0-9a-f]{8}-'
        $sent = Get-Sent 'restartKafkaServicePerNode'
        $sent.Count | Should -Be 1
        $sent[0].target | Should -Be '/api/v1/cluster/restartKafkaServicePerNode/3432149'
        $sent[0].body | Should -Be '{"computeInstanceNoList":[343214901]}'
    }

    It 'collects nodes per cluster and sends one request per cluster' {
        $nodes = @(Get-CdssClusterNode 3432149, 3432150 | Where-Object Role -eq BROKER | Where-Object ComputeInstanceNo -In 343214902, 343214903, 343215001)
        Reset-CdssEmulator $emu
        $r = $nodes | Restart-CdssKafkaNode -Confirm:$false
        $r.ServiceGroupInstanceNo | Should -Be @(3432149, 3432150)
        $sent = Get-Sent 'restartKafkaServicePerNode'
        $sent.body | Should -Be @('{"computeInstanceNoList":[343214902,343214903]}', '{"computeInstanceNoList":[343215001]}')
    }

    It 'sends nothing with -WhatIf, even with -Force' {
        Restart-CdssKafkaNode -ServiceGroupInstanceNo 3432149 -ComputeInstanceNo 343214901 -WhatIf -Force | Should -BeNullOrEmpty
        (Get-CdssEmulatorRequest $emu).Count | Should -Be 0
    }

    It 'is sent once after a 503 and ends in CdssOutcomeUnknown' {
        Add-CdssEmulatorFault $emu @{ operation = 'restartKafkaServicePerNode'; kind = 'status'; status = 503 }
        $errs = $null
        $r = Restart-CdssKafkaNode 3432149 343214901 -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        Get-ErrorId $errs | Should -Be @('CdssOutcomeUnknown')
        "$($errs[0])" | Should -Match 'Cluster 3432149'
        $errs[0].TargetObject | Should -Be 3432149
        (Get-Sent 'restartKafkaServicePerNode').Count | Should -Be 1
    }

    It 'writes the service''s refusal of a node that is not a broker as not accepted, and a CdssRestartNotAccepted error' {
        $errs = $null
        $r = Restart-CdssKafkaNode 3432149 343214951 -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('CdssRestartNotAccepted')
        $r.Accepted | Should -BeFalse
        $r.Code | Should -Be 3
        $r.Message | Should -Match '^Invalid Compute Instance No list'
    }

    It 'restarts the named broker: the progress shows it restarting, then the cluster green again' {
        # The restart ends only when the emulator clock is moved past it, so the first read is sure to see it.
        Set-CdssEmulatorConfig $emu @{ brokerRestartMs = 20000 }
        # Per-node status values are undocumented: compare with what the nodes show at rest.
        $atRest = @((Get-CdssRollingRestartProgress 3432153).Nodes.Status | Select-Object -Unique)
        $atRest.Count | Should -Be 1
        $null = Restart-CdssKafkaNode 3432153 343215302 -Force
        $during = Get-CdssRollingRestartProgress 3432153
        @($during.Nodes | Where-Object Status -NE $atRest[0]).Hostname | Should -Be @('kafka-analytics-broker-002')
        $during.BrokersUp | Should -Be 3
        $during.BrokerStatus | Should -Not -Be 'green'
        $null = Move-CdssEmulatorClock -Emulator $emu -Seconds 20
        $after = Get-CdssRollingRestartProgress 3432153
        $after.BrokerStatus | Should -Be 'green'
        $after.BrokersUp | Should -Be 4
        @($after.Nodes | Where-Object Status -NE $atRest[0]) | Should -BeNullOrEmpty
    }
}

Describe 'A gateway that writes the open forms its own way (the emulator''s dialect)' {
    # The forms no public source fixes (docs/EMULATOR.md): the module must hold up against each of them.
    BeforeEach { Reset-CdssEmulator $emu }
    AfterAll { Reset-CdssEmulator $emu }

    It 'shows defaults, writes only custom values, refuses an out-of-range value before sending, and lists clusters once' {
        $dialect = Set-CdssEmulatorDialect $emu @{ customValueAtDefault = 'empty'; rangeStyle = 'dash'; clusterListIgnoresPageNo = $true }
        "$($dialect.customValueAtDefault) $($dialect.rangeStyle) $($dialect.clusterListIgnoresPageNo)" | Should -Be 'empty dash True'
        $raw = (Invoke-CdssApi /configGroup/getKafkaConfigGroupDetailList/101 -Body @{ kafkaVersionCode = 3713006 }).kafkaConfigGroupDetailList
        ($raw | Where-Object configNameKey -EQ 'autoCreateTopicsEnable').customValue | Should -BeExactly ''
        ($raw | Where-Object configNameKey -EQ 'logRetentionHours').range | Should -Be '1-8760'

        $settings = Get-CdssConfigGroupSetting 101 3713006
        ($settings | Where-Object IsCustom).Key | Should -Be @('numPartitions', 'logRetentionHours')
        ($settings | Where-Object Key -EQ 'autoCreateTopicsEnable').Value | Should -Be 'true'

        $errs = $null
        $null = Set-CdssConfigGroupSetting 101 3713006 -Setting @{ logRetentionHours = 99999 } -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('CdssSettingOutOfRange')
        "$($errs[0])" | Should -Match 'allows 1-8760; 99999 is outside it'
        (Get-Sent 'setKafkaConfigGroupDetail').Count | Should -Be 0

        $set = Invoke-Collected { Set-CdssConfigGroupSetting 101 3713006 -Setting @{ logRetentionHours = 96 } }
        $set.Errors | Should -BeNullOrEmpty
        $set.Lines | Should -Be @('config group 101 (Kafka 3.7.1): logRetentionHours 72 -> 96')
        (Get-Sent 'setKafkaConfigGroupDetail').body | Should -Be '{"kafkaVersionCode":3713006,"numPartitions":6,"logRetentionHours":96}'

        $list = Invoke-Collected { Get-CdssCluster }
        $list.Output.ServiceGroupInstanceNo | Should -Be @(3432149, 3432150, 3432151, 3432152, 3432153, 3432154)
        @($list.Warnings | Where-Object { "$_" -match 'ignore pageNo' }).Count | Should -Be 1
        (Get-Sent 'getClusterInfoList').Count | Should -Be 2
    }

    It 'sends nothing when nothing changes, and says so' {
        $null = Set-CdssConfigGroupSetting 101 3713006 -Setting @{ numIoThreads = 16 }
        $again = Invoke-Collected { Set-CdssConfigGroupSetting 101 3713006 -Setting @{ numIoThreads = 16; numPartitions = 6 } -PassThru }
        $again.Output | Should -BeNullOrEmpty
        $again.Errors | Should -BeNullOrEmpty
        $again.Lines | Should -Be @('config group 101 (Kafka 3.7.1): nothing to change: numIoThreads is already 16, numPartitions is already 6.')
        (Get-Sent 'setKafkaConfigGroupDetail').Count | Should -Be 1
    }

    It 'refuses an unknown form, and reset restores the default' {
        $refused = { Set-CdssEmulatorDialect $emu @{ rangeStyle = 'roman' } } | Should -Throw -PassThru
        "$refused" | Should -Match 'rangeStyle must be one of tilde, tightTilde, dash'
        $null = Set-CdssEmulatorDialect $emu @{ customValueAtDefault = 'missing'; choiceStyle = 'comma' }
        $raw = (Invoke-CdssApi /configGroup/getKafkaConfigGroupDetailList/102 -Body @{ kafkaVersionCode = 3713006 }).kafkaConfigGroupDetailList
        $raw[0].PSObject.Properties.Name | Should -Not -Contain 'customValue'
        ($raw | Where-Object configNameKey -EQ 'logCleanupPolicy').range | Should -Be 'delete, compact'
        (Get-CdssConfigGroupSetting 102 3713006 -Name logCleanupPolicy).IsCustom | Should -BeFalse
        Reset-CdssEmulator $emu
        $default = Invoke-RestMethod "$($emu.ControlUri)/dialect"
        "$($default.customValueAtDefault) $($default.rangeStyle) $($default.choiceStyle) $($default.clusterListIgnoresPageNo)" | Should -Be 'null tilde pipe False'
    }
}

Describe 'Secrets in the maintenance cmdlets'' output' {
    It 'shows no secret key in any stream, even with -Verbose -Debug' {
        Reset-CdssEmulator $emu
        Add-CdssEmulatorFault $emu @{ operation = 'restartKafkaServicePerNode'; kind = 'status'; status = 503 }
        $common = @{ Verbose = $true; Debug = $true; ErrorAction = 'Continue' }
        $all = & {
            Get-CdssKafkaVersion @common
            Test-CdssRollingUpgrade 3432149, 3432151 -KafkaVersionCode 3903006 -ConfigGroupNo 202 @common
            Get-CdssConfigGroup -KafkaVersionCode 3713006 @common
            Get-CdssConfigGroupSetting 101 3713006 @common
            Set-CdssConfigGroupSetting 101 3713006 -Setting @{ logRetentionHours = 9000 } @common
            Set-CdssConfigGroupSetting 101 3713006 -Setting @{ logRetentionHours = 48 } -PassThru @common
            Set-CdssClusterConfigGroup 3432149 -ConfigGroupNo 202 -Force @common
            Get-CdssClusterNode 3432149 @common
            Restart-CdssKafkaNode 3432149 343214901 -Force @common
            Start-CdssRollingUpgrade 3432150 -KafkaVersionCode 3903006 -ConfigGroupNo 202 -Force @common
        } *>&1 | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 500 }
        $text = $all -join "`n"
        $text | Should -Match 'DEBUG|attempt 1'
        $text | Should -Match 'CdssOutcomeUnknown'
        $text | Should -Not -Match 'emulator-secret-key'
        $text | Should -Not -Match '[A-Za-z0-9+/]{43}='
    }
}
