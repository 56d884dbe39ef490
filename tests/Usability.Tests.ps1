# What a new user runs into: refusals that must be errors, stable error ids, readable CSV, warnings said once,
# completion from the session, over real HTTP to one emulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-ConnectedEmulator -ArgumentList '--broker-restart-ms', '50'
    # The host these tests run in: pwsh, or powershell.exe when the suite runs under Windows PowerShell 5.1.
    $script:pwsh = if ($PSVersionTable.PSEdition -eq 'Desktop') { Join-Path $PSHOME 'powershell.exe' } else { Join-Path $PSHOME 'pwsh' }
    function Get-Completion([string] $Line) {
        @((TabExpansion2 $Line $Line.Length).CompletionMatches)
    }
}

AfterAll { Stop-TestEnvironment }

Describe 'A start request the service refuses' {
    BeforeEach { Reset-CdssEmulator $emu; $null = Get-CdssCluster -WarningAction SilentlyContinue }

    It '<Command> writes its answer and a CdssRestartNotAccepted error that -ErrorAction Stop catches' -ForEach @(
        @{ Command = 'Restart-CdssKafkaNode (cluster busy, code 0)'; Run = { Restart-CdssKafkaNode 3432151 343215101 -Force } }
        @{ Command = 'Restart-CdssKafkaNode (not a broker, code 3)'; Run = { Restart-CdssKafkaNode 3432149 999 -Force } }
        @{ Command = 'Start-CdssRollingRestart -SkipPreCheck'; Run = { Start-CdssRollingRestart 3432151 -SkipPreCheck -Force } }
        @{ Command = 'Start-CdssRollingUpgrade'; Fault = 'rollingUpgrade'; Run = { Start-CdssRollingUpgrade 3432149 -KafkaVersionCode 3903006 -ConfigGroupNo 202 -Force } }
        @{ Command = 'Set-CdssClusterConfigGroup'; Fault = 'setClusterKafkaConfigGroup'; Run = { Set-CdssClusterConfigGroup 3432149 -ConfigGroupNo 102 -Force } }
    ) {
        if ($Fault) { Add-CdssEmulatorFault $emu @{ operation = $Fault; kind = 'code'; code = 1010; message = 'Refused for the test'; times = 1 } }
        $r = Invoke-Collected $Run
        $r.Output.Count | Should -Be 1
        $r.Output[0].Accepted | Should -BeFalse
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CdssRestartNotAccepted,*'
        "$($r.Errors[0])" | Should -Match "^Cluster $($r.Output[0].ServiceGroupInstanceNo) \(kafka-[a-z0-9-]+\): The .* was not accepted: code \d+: "
        "$($r.Errors[0])" | Should -Match ([regex]::Escape("RequestId: $($r.Output[0].RequestId)"))

        if ($Fault) { Add-CdssEmulatorFault $emu @{ operation = $Fault; kind = 'code'; code = 1010; message = 'Refused for the test'; times = 1 } }
        $caught = $null
        try { $null = & $Run -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'CdssRestartNotAccepted,*'
    }
}

Describe 'Stable error ids' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'Get-CdssCluster -Name of a cluster the key may not use is CdssPermissionDenied, by name as by number' {
        $r = Invoke-Collected { Get-CdssCluster -Name kafka-payments; Get-CdssCluster -ServiceGroupInstanceNo 3432160 }
        $r.Errors.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'CdssPermissionDenied,*' }
        $r.Errors.Count | Should -Be 2
        $r.Output | Should -BeNullOrEmpty
    }

    It 'a confirmation a non-interactive host cannot ask is CdssConfirmationRequired in every cmdlet, and nothing is sent' {
        $script = Join-Path $TestDrive 'confirm.ps1'
        Set-Content $script @'
param($Module, $Endpoint)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$null = Connect-Cdss -Endpoint $Endpoint -AccessKey EMULATOR0ACCESS0KEY1 -SecretKey (ConvertTo-SecureString 'emulator-secret-key' -AsPlainText -Force)
foreach ($run in { Start-CdssRollingRestart 3432149 }, { Restart-CdssKafkaNode 3432149 343214901 }, { Set-CdssClusterConfigGroup 3432149 -ConfigGroupNo 102 },
                 { Invoke-CdssApi -Method GET -Path /cluster/restartKafkaService/3432149 }, { Start-CdssRollingRestart 3432149 -Wait }) {
    try { & $run; 'ran' } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
}
'@
        $ErrorActionPreference = 'Continue'
        $ids = & $pwsh -NoProfile -NonInteractive -File $script -Module $ModulePath -Endpoint $emu.Endpoint 2>&1 | ForEach-Object { "$_" }
        $ids | Should -Be (@('CdssConfirmationRequired') * 5)
        @(Get-CdssEmulatorRestart -Emulator $emu) | Should -BeNullOrEmpty
    }

    It 'a journal that is not one is CdssInvalidJournal, and a report that cannot be written CdssUnexpectedError' {
        $journal = Join-Path $TestDrive 'not-a-journal.jsonl'
        Set-Content $journal 'this is not JSON'
        { Start-CdssRollingRestart 3432149 -Wait -Force -TimeoutMinutes 1 -JournalPath $journal -ErrorAction Stop 6>$null } | Should -Throw -ErrorId 'CdssInvalidJournal*'
        $file = Join-Path $TestDrive 'a-file'
        Set-Content $file 'x'
        $check = Test-CdssRollingRestart 3432149
        { $check | Export-CdssReport -Path (Join-Path $file 'report.xml') -Format JUnit } | Should -Throw -ErrorId 'CdssUnexpectedError*'
    }
}

Describe 'Output a new user reads' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'Export-Csv of the progress writes the nodes as text, and scripts still get the node objects' {
        $progress = Get-CdssRollingRestartProgress 3432149
        $csv = Join-Path $TestDrive 'progress.csv'
        $progress | Export-Csv $csv -NoTypeInformation
        (Import-Csv $csv).Nodes | Should -Be 'kafka-prod-01-broker-001=running, kafka-prod-01-broker-002=running, kafka-prod-01-broker-003=running'
        $progress.Nodes.Count | Should -Be 3
        $progress.Nodes[1].Hostname | Should -Be 'kafka-prod-01-broker-002'
        ($progress.Nodes | Where-Object Status -EQ 'running').Count | Should -Be 3
    }

    It 'warns about a cluster the key may not use once per session, not on every listing (a silenced warning does not count)' {
        $one = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -NotDefault
        $other = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential -NotDefault
        try {
            $null = Get-CdssCluster -Session $one -WarningAction SilentlyContinue
            $first = Invoke-Collected { Get-CdssCluster -Session $one }
            $second = Invoke-Collected { Get-CdssCluster -Session $one -Name 'kafka-*' }
            $first.Warnings.Count | Should -Be 1
            "$($first.Warnings[0])" | Should -Match 'kafka-payments \(3432160\)'
            $second.Warnings | Should -BeNullOrEmpty
            (Invoke-Collected { Get-CdssCluster -Session $other }).Warnings.Count | Should -Be 1 -Because 'another session warns once too'
        }
        finally { Disconnect-Cdss -Session $one; Disconnect-Cdss -Session $other }
    }
}

Describe 'Tab completion from the session' {
    It 'completes Get-CdssCluster -Name with cluster names, wildcards too' {
        (Get-Completion 'Get-CdssCluster -Name kafka-pr').CompletionText | Should -Be @('kafka-prod-01', 'kafka-prod-02')
        (Get-Completion 'Get-CdssCluster -Name *laky').CompletionText | Should -Be @('kafka-flaky')
    }

    It 'completes -ConfigGroupNo of <_> with config groups, not file names' -ForEach @(
        'Get-CdssConfigGroup', 'Get-CdssConfigGroupSetting', 'Set-CdssConfigGroupSetting', 'Set-CdssClusterConfigGroup 3432149', 'Test-CdssRollingUpgrade 3432149', 'Start-CdssRollingUpgrade 3432149'
    ) {
        $found = Get-Completion "$_ -ConfigGroupNo 10"
        $found.CompletionText | Should -Be @('101', '102')
        $found.ResultType | Sort-Object -Unique | Should -Be 'ParameterValue'
    }

    It 'offers only the groups of the version already given' {
        (Get-Completion 'Get-CdssConfigGroupSetting -KafkaVersionCode 3903006 -ConfigGroupNo ').CompletionText | Should -Be @('201', '202')
    }
}
