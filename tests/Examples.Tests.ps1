# The examples of the README, run as written against the emulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:emu = Start-TestEmulator -ArgumentList '--broker-restart-ms', '100'
    $script:readme = Get-Content (Join-Path $PSScriptRoot '../README.md') -Raw
    $script:pwsh = Join-Path $PSHOME 'pwsh'

    # The body of the first fenced block of the given language after a heading.
    function Get-ReadmeBlock([string] $Heading, [string] $Language) {
        $start = $readme.IndexOf($Heading)
        if ($start -lt 0) { throw "README has no '$Heading'." }
        $m = [regex]::new('```' + $Language + '\r?\n(?<body>.*?)\r?\n```', 'Singleline').Match($readme, $start)
        if (-not $m.Success) { throw "README has no $Language block after '$Heading'." }
        $m.Groups['body'].Value
    }

    # Runs a recipe in a fresh pwsh that finds the built module by name, with the given environment.
    function Invoke-Recipe([string] $Script, [hashtable] $Environment) {
        $saved = @{}
        $all = @{ PSModulePath = (Split-Path $ModulePath) + [IO.Path]::PathSeparator + $env:PSModulePath; CDSS_ENDPOINT = $emu.Endpoint } + $Environment
        foreach ($k in $all.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $all[$k]) }
        Push-Location $TestDrive
        try {
            $text = & $pwsh -NoProfile -NonInteractive -Command $Script 2>&1 | Out-String
            [pscustomobject]@{ Text = $text; ExitCode = $LASTEXITCODE }
        }
        finally {
            Pop-Location
            foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        }
    }
}

AfterAll {
    Remove-Item Env:CDSS_ENDPOINT -ErrorAction SilentlyContinue
    Stop-TestEnvironment
}

Describe 'The first example' {
    BeforeEach { Reset-CdssEmulator $emu }

    It 'connects to Fin through CDSS_ENDPOINT and prints the pre-check table' {
        $env:CDSS_ENDPOINT = $emu.Endpoint
        try {
            $cred = $emu.Credential
            $warnings = $null
            $session = Connect-Cdss -Site Fin -Credential $cred -WarningVariable warnings -WarningAction SilentlyContinue
            $table = Test-CdssRollingRestart -ServiceGroupInstanceNo 3432149 | Out-String
        }
        finally { Remove-Item Env:CDSS_ENDPOINT }
        "$($session.Site)" | Should -Be 'Fin'
        $session.Endpoint | Should -Be $emu.Endpoint
        "$warnings" | Should -Match 'CDSS_ENDPOINT is set'
        $table | Should -Match 'Cluster CanRestart\s+Code RequestId\s+Message'
        $table | Should -Match '\s+3432149 True\s+0 [0-9a-f]{8}-[0-9a-f-]{27} SUCCESS'
    }

    It 'rejects a CDSS_ENDPOINT that is plain http to a remote host' {
        $env:CDSS_ENDPOINT = 'http://cdss.example.com/api/v1'
        try {
            { Connect-Cdss -Site Fin -Credential $emu.Credential -NotDefault -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'CdssInsecureEndpoint*'
        }
        finally { Remove-Item Env:CDSS_ENDPOINT }
    }
}

Describe 'The fleet examples' {
    BeforeAll { $null = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'writes the fleet report to CSV' {
        $csv = Join-Path $TestDrive 'fleet-precheck.csv'
        Get-CdssCluster | Test-CdssRollingRestart -ThrottleLimit 16 |
            Select-Object ServiceGroupInstanceNo, CanRestart, Code, Message, RequestId, CheckedAt |
            Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 6
        ($rows | Where-Object CanRestart -EQ 'True').Count | Should -Be 4
        $rows[0].RequestId | Should -Not -BeNullOrEmpty
    }

    It 'gates with -Quiet' {
        { if (-not (Test-CdssRollingRestart 3432151 -Quiet -ErrorAction Stop)) { throw 'Cluster 3432151 cannot be restarted now.' } } | Should -Throw 'Cluster 3432151 cannot be restarted now.'
        { if (-not (Test-CdssRollingRestart 3432149 -Quiet -ErrorAction Stop)) { throw 'no' } } | Should -Not -Throw
    }

    It 'runs the restart pipeline as written (polling every second instead of ten)' {
        $PSDefaultParameterValues['Start-CdssRollingRestart:PollIntervalSec'] = 1
        try {
            $errs = $null
            $out = Get-CdssCluster | Test-CdssRollingRestart -ThrottleLimit 16 | Where-Object CanRestart |
                Start-CdssRollingRestart -Wait -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue 6>$null
        }
        finally { $PSDefaultParameterValues.Remove('Start-CdssRollingRestart:PollIntervalSec') }
        # Four clusters are ready; the emulator's kafka-flaky, last of them, turns red during its restart by design.
        $out.ServiceGroupInstanceNo | Should -Be @(3432149, 3432150, 3432153, 3432154)
        "$($out.Outcome)" | Should -Be 'Succeeded Succeeded Succeeded Failed'
        $out[0..2].BrokerStatus | Should -Be @('green', 'green', 'green')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'CdssRestartFailed*'
        $errs[0].TargetObject | Should -Be 3432154
        "$($errs[0])" | Should -Match '^Cluster 3432154 \(kafka-flaky\): '
    }

    It 'runs the one-line examples' {
        (Get-CdssCluster -Name 'kafka-prod-*').Count | Should -Be 2
        $sentBefore = (Get-CdssEmulatorRequest $emu | Measure-Object).Count
        Start-CdssRollingRestart 3432149 -WhatIf | Should -BeNullOrEmpty
        (Get-CdssEmulatorRequest $emu | Measure-Object).Count | Should -Be $sentBefore -Because '-WhatIf sends nothing, not even the pre-check'
        (Get-CdssRollingRestartProgress 3432149 | Select-Object -ExpandProperty Nodes).Count | Should -Be 3
        (Invoke-CdssApi -Method GET -Path /cluster/getClusterStatus/3432149).clusterName | Should -Be 'kafka-prod-01'
        (Invoke-CdssApi -Path /cluster/getClusterInfoList -Body @{ pageNo = 1; pageSize = 20 }).totalCount | Should -Be 6
    }
}

Describe 'The CI recipes' {
    BeforeAll {
        # Recipes run as written, except that polls come every second instead of ten.
        $script:fast = "`$PSDefaultParameterValues['Start-CdssRollingRestart:PollIntervalSec'] = 1`n"
        $script:schema = Join-Path $PSScriptRoot 'TestData/junit-10.xsd'
        function Test-JUnit([string] $Path) {
            $schemas = [System.Xml.Schema.XmlSchemaSet]::new()
            $null = $schemas.Add($null, $schema)
            $xml = [xml](Get-Content $Path -Raw)
            $xml.Schemas = $schemas
            $problems = [System.Collections.Generic.List[string]]::new()
            $xml.Validate({ param($s, $e) $problems.Add($e.Message) })
            $problems | Should -BeNullOrEmpty
            $xml
        }
    }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'Jenkins: restarts the fleet, writes JUnit for the junit step, and fails when a cluster did not come back' {
        $groovy = Get-ReadmeBlock '### Jenkins' 'groovy'
        $script = [regex]::Match($groovy, "pwsh \'\'\'(?<s>.*?)\'\'\'", 'Singleline').Groups['s'].Value
        $r = Invoke-Recipe ($fast + $script) @{ NCLOUD_ACCESS_KEY = $emu.AccessKey; NCLOUD_SECRET_KEY = 'emulator-secret-key'; WORKSPACE = "$TestDrive" }
        $r.ExitCode | Should -Be 1 -Because "kafka-flaky turns red: $($r.Text)"
        $xml = Test-JUnit (Join-Path $TestDrive 'cdss-rollout.xml')
        @($xml.testsuites.testsuite.testcase).Count | Should -Be 6
        $xml.testsuites.testsuite.failures | Should -Be '1'
        Join-Path $TestDrive 'cdss-rollout.jsonl' | Should -Exist
        (Get-CdssEmulatorRequest $emu -Operation rollingRestart).serviceGroupInstanceNo | Should -Be @(3432149, 3432150, 3432153, 3432154)
    }

    It 'Azure DevOps: restarts the production clusters, publishes JUnit, passes; logs and fails when one turns red' {
        $yaml = Get-ReadmeBlock '### Azure DevOps' 'yaml'
        $script = (($yaml -split "`n" | Select-Object -Skip 1 | Where-Object { $_ -match '^ {6}' }) -replace '^ {6}', '') -join "`n"
        $script = $script.Replace('$(Agent.WorkFolder)', "$TestDrive").Replace('$(Common.TestResultsDirectory)', "$TestDrive")
        $environment = @{ NCLOUD_ACCESS_KEY = $emu.AccessKey; NCLOUD_SECRET_KEY = 'emulator-secret-key'; NCLOUD_SITE = 'fin' }

        $ok = Invoke-Recipe ($fast + $script) $environment
        $ok.ExitCode | Should -Be 0 -Because "both kafka-prod-* clusters restart: $($ok.Text)"
        $xml = Test-JUnit (Join-Path $TestDrive 'cdss-rollout.xml')
        @($xml.testsuites.testsuite.testcase).name | Should -Be @('kafka-prod-01 (3432149)', 'kafka-prod-02 (3432150)')

        Reset-CdssEmulator $emu
        Remove-Item (Join-Path $TestDrive 'cdss-rollout.jsonl')
        $null = Set-CdssEmulatorCluster -Emulator $emu -ServiceGroupInstanceNo 3432150 -Setting @{ failAtBroker = 2 }
        $bad = Invoke-Recipe ($fast + $script) $environment
        $bad.ExitCode | Should -Be 1
        $bad.Text | Should -Match '##vso\[task\.logissue type=error\]3432150 kafka-prod-02: Failed: '
    }

    It 'Azure Automation: halts at a red cluster, and a re-run with the journal resumes without restarting anything twice' {
        $runbook = Get-ReadmeBlock '### Azure Automation runbook' 'powershell'
        # The Automation sandbox provides these; stand in for them.
        $journal = Join-Path $TestDrive 'automation.jsonl'
        $stub = "function Get-AutomationPSCredential([string]`$Name) { [pscredential]::new('$($emu.AccessKey)', (ConvertTo-SecureString 'emulator-secret-key' -AsPlainText -Force)) }`n" +
                "function Get-AutomationVariable([string]`$Name) { '$journal' }`n"
        $first = Invoke-Recipe ($fast + $stub + $runbook) @{}
        $first.ExitCode | Should -Be 1 -Because $first.Text
        $first.Text | Should -Match '1 cluster\(s\) did not come back: 3432154'
        $first.Text | Should -Match '"3432151","kafka-stage","Skipped"'

        $second = Invoke-Recipe ($fast + $stub + $runbook) @{}
        $second.Text | Should -Match '"3432149","kafka-prod-01","AlreadyDone"'
        $counts = Get-CdssEmulatorRequest $emu -Operation rollingRestart | Group-Object serviceGroupInstanceNo -AsHashTable
        foreach ($k in $counts.Keys) { $counts[$k].Count | Should -Be 1 -Because "cluster $k is restarted once" }
    }
}

Describe 'The help examples of <_>' -ForEach @(
    'Get-CdssKafkaVersion', 'Test-CdssRollingUpgrade', 'Start-CdssRollingUpgrade', 'Get-CdssConfigGroup', 'Get-CdssConfigGroupSetting',
    'Set-CdssConfigGroupSetting', 'Set-CdssClusterConfigGroup', 'Get-CdssClusterNode', 'Restart-CdssKafkaNode', 'Get-CdssMetric'
) {
    BeforeAll {
        # Each example's first powershell block, and the output block after it when there is one.
        $text = Get-Content (Join-Path $PSScriptRoot "../docs/help/$_.md") -Raw
        $section = [regex]::Match($text, '(?ms)^## EXAMPLES\s*$(?<body>.*?)^## ').Groups['body'].Value
        $script:examples = @([regex]::Split($section, '(?m)^### ') | Where-Object { $_ -match '^Example' } | ForEach-Object {
                [pscustomobject]@{
                    Title  = ($_ -split "`n")[0].Trim()
                    Code   = [regex]::Match($_, '(?s)```powershell\r?\n(?<c>.*?)\r?\n```').Groups['c'].Value
                    Output = [regex]::Match($_, '(?s)```output\r?\n(?<o>.*?)\r?\n```').Groups['o'].Value
                }
            })

        # All examples of one file run in one fresh pwsh (so that host output such as "What if:" is captured too),
        # each against a freshly reset emulator, with a default session as a user would have after Connect-Cdss.
        $runner = Join-Path $TestDrive 'run-examples.ps1'
        $data = Join-Path $TestDrive 'examples.json'
        @{ Module = $ModulePath; Endpoint = $emu.Endpoint; ControlUri = $emu.ControlUri; AccessKey = $emu.AccessKey; Examples = @($examples.Code) } |
            ConvertTo-Json -Depth 4 | Set-Content $data
        Set-Content $runner @'
param([string] $DataPath)
$data = Get-Content $DataPath -Raw | ConvertFrom-Json
$PSStyle.OutputRendering = 'PlainText'
Import-Module $data.Module
$secret = ConvertTo-SecureString 'emulator-secret-key' -AsPlainText -Force
$null = Connect-Cdss -Endpoint $data.Endpoint -AccessKey $data.AccessKey -SecretKey $secret
for ($i = 0; $i -lt $data.Examples.Count; $i++) {
    $null = Invoke-RestMethod -Method Post "$($data.ControlUri)/reset"
    Write-Host "### EXAMPLE $i"
    try {
        $out = & ([scriptblock]::Create($data.Examples[$i])) *>&1
        $errors = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $out | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | Out-String -Width 80 | Write-Host
        foreach ($e in $errors) { Write-Host "### ERROR $($e.FullyQualifiedErrorId): $e" }
    }
    catch { Write-Host "### ERROR uncaught: $_" }
}
Write-Host '### END'
'@
        $raw = & $pwsh -NoProfile -NonInteractive -File $runner -DataPath $data 2>&1 | Out-String
        $script:runs = @([regex]::Split($raw, '(?m)^### EXAMPLE \d+\r?\n') | Select-Object -Skip 1)
        $script:raw = $raw

        # Request ids differ per run; blank-line runs and trailing spaces do not matter.
        function Format-Comparable([string] $Text) {
            $t = $Text -replace '(?m)^### END\s*$', '' -replace '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '<requestId>'
            $lines = @($t -split '\r?\n' | ForEach-Object { $_.TrimEnd() })
            (($lines -join "`n") -replace "\n{3,}", "`n`n").Trim("`n")
        }
    }

    It 'has runnable examples' {
        $examples.Count | Should -BeGreaterOrEqual 2
        $runs.Count | Should -Be $examples.Count -Because $raw
        $raw | Should -Match '### END'
    }

    It 'runs every example without an error, showing the output the help shows' {
        for ($i = 0; $i -lt $examples.Count; $i++) {
            $run = $runs[$i]
            $run | Should -Not -Match '### ERROR' -Because "$($examples[$i].Title) must run as written"
            if ($examples[$i].Output) {
                Format-Comparable $run | Should -BeExactly (Format-Comparable $examples[$i].Output) -Because "$($examples[$i].Title) must show what its help shows"
            }
        }
    }
}

Describe 'The maintenance examples of the README' {
    BeforeAll { $null = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'runs the block as written, changing one setting, upgrading the ready clusters and restarting one broker' {
        $block = Get-ReadmeBlock '### Maintenance' 'powershell'
        $out = & ([scriptblock]::Create($block)) 2>&1
        @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        @($out | Where-Object { $_ -is [Cdss.KafkaVersion] }).Count | Should -Be 4
        @($out | Where-Object { $_ -is [Cdss.ConfigGroup] }).ConfigGroupNo | Should -Be @(201, 202)
        @($out | Where-Object { $_.PSTypeNames[0] -eq 'Cdss.RollingUpgrade' }).ServiceGroupInstanceNo | Should -Be @(3432149, 3432150)
        @($out | Where-Object { $_.PSTypeNames[0] -eq 'Cdss.KafkaNodeRestart' }).ComputeInstanceNo | Should -Be @(343215301)
        $sets = @((Get-CdssEmulatorRequest $emu) | Where-Object target -Like '*/setKafkaConfigGroupDetail/101')
        $sets.Count | Should -Be 1
        $sets[0].body | Should -Match '"numPartitions":6'
    }
}

Describe 'The maintenance recipes of the README' {
    BeforeAll {
        $null = Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential
        function Invoke-ReadmeRecipe([string] $Heading) {
            $block = Get-ReadmeBlock $Heading 'powershell'
            $PSDefaultParameterValues['*-Cdss*:PollIntervalSec'] = 1
            Push-Location $TestDrive
            try {
                $ErrorActionPreference = 'Continue'
                $all = @(& ([scriptblock]::Create($block)) 2>&1 6>$null)
                [pscustomobject]@{
                    Results = @($all | Where-Object { $_ -is [Cdss.RolloutResult] })
                    Errors  = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
                }
            }
            finally { Pop-Location; $PSDefaultParameterValues.Remove('*-Cdss*:PollIntervalSec') }
        }
    }
    BeforeEach { Reset-CdssEmulator $emu }

    It 'raises logRetentionHours, keeps the other settings, and rolls the group across its clusters with a journal and JUnit' {
        $r = Invoke-ReadmeRecipe '#### Recipe: raise `logRetentionHours`'
        $r.Results.ServiceGroupInstanceNo | Should -Be @(3432149, 3432150, 3432154)
        "$($r.Results.Outcome)" | Should -Be 'Succeeded Succeeded Failed' -Because 'kafka-flaky turns red and halts the rollout'
        $settings = Get-CdssConfigGroupSetting -ConfigGroupNo 101 -KafkaVersionCode 3713006
        ($settings | Where-Object Key -EQ 'logRetentionHours').Value | Should -Be '96'
        ($settings | Where-Object Key -EQ 'numPartitions').Value | Should -Be '6'
        Join-Path $TestDrive 'apply-101.jsonl' | Should -Exist
        ([xml](Get-Content (Join-Path $TestDrive 'apply-101.xml') -Raw)).testsuites.testsuite.name | Should -Be 'Cdss Config group apply'
    }

    It 'upgrades the production clusters before the deadline, with a journal and JUnit' {
        $r = Invoke-ReadmeRecipe '#### Recipe: upgrade a fleet'
        $r.Errors | Should -BeNullOrEmpty
        "$($r.Results.Outcome)" | Should -Be 'Succeeded Succeeded'
        $r.Results.ToKafkaVersion | Should -Be @('Kafka 3.9.0 (3903006)', 'Kafka 3.9.0 (3903006)')
        (Get-CdssCluster -Name 'kafka-prod-*' -WarningAction SilentlyContinue).KafkaVersion | Should -Be @('3.9.0', '3.9.0')
        Join-Path $TestDrive 'upgrade-3903006.xml' | Should -Exist
    }
}

