# The CI step of examples/ (Invoke-CdssNightlyRollout.ps1) and its recipes (Azure DevOps, Jenkins, Azure Automation),
# run as CI runs them: each in a fresh, non-interactive pwsh with -File, against the emulator. (The examples of the
# README: ReadmeExamples.Tests.ps1; of docs/help: HelpExamples.Tests.ps1.)
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # A broker takes 1 s to restart, long enough for a rollout's first poll in a child process to see it; the clock
    # driver finishes each restart once a poll has seen it, so a -Wait rollout costs one poll per cluster.
    $script:emu = Start-TestEmulator -ArgumentList '--broker-restart-ms', '1000'
    $script:driver = Start-ClockDriver $emu
    # The host these tests run in: pwsh, or powershell.exe when the suite runs under Windows PowerShell 5.1.
    $script:pwsh = if ($PSVersionTable.PSEdition -eq 'Desktop') { Join-Path $PSHOME 'powershell.exe' } else { Join-Path $PSHOME 'pwsh' }
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'The CI step and its recipes' {
    BeforeAll {
        $script:examples = Join-Path $PSScriptRoot '../examples'
        $script:step = Join-Path $examples 'Invoke-CdssNightlyRollout.ps1'
        $script:schema = Join-Path $PSScriptRoot 'TestData/junit-10.xsd'
        $script:secret = 'emulator-secret-key'

        # Runs a script as CI does: a fresh, non-interactive pwsh, -File, the module found by name, the keys and the
        # emulator's endpoint in the environment (as Connect-Cdss reads them), nothing else of this session's.
        function Invoke-Step([string] $File, [string[]] $Arguments = @(), [hashtable] $Environment = @{}, [string] $WorkingDirectory = $TestDrive) {
            $ErrorActionPreference = 'Continue'   # the child's stderr lines are output here, not errors (Windows PowerShell)
            $all = @{
                PSModulePath = (Split-Path $ModulePath) + [IO.Path]::PathSeparator + $env:PSModulePath
                CDSS_ENDPOINT = $emu.Endpoint; NCLOUD_ACCESS_KEY = $emu.AccessKey; NCLOUD_SECRET_KEY = $secret
                NCLOUD_SITE = $null; TF_BUILD = $null; JENKINS_URL = $null; JENKINS_HOME = $null
            }
            foreach ($k in $Environment.Keys) { $all[$k] = $Environment[$k] }
            $saved = @{}
            foreach ($k in $all.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $all[$k]) }
            Push-Location $WorkingDirectory
            try {
                $lines = @(& $pwsh -NoProfile -NonInteractive -File $File @Arguments 2>&1 | ForEach-Object { "$_" })
                [pscustomobject]@{ Lines = $lines; Text = $lines -join "`n"; ExitCode = $LASTEXITCODE; Last = ($lines | Where-Object { $_.Trim() } | Select-Object -Last 1) }
            }
            finally {
                Pop-Location
                foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
            }
        }

        function Read-JUnit([string] $Path) {
            $Path | Should -Exist
            $schemas = [System.Xml.Schema.XmlSchemaSet]::new()
            $null = $schemas.Add($null, $schema)
            $xml = [xml](Get-Content $Path -Raw)
            $xml.Schemas = $schemas
            $problems = [System.Collections.Generic.List[string]]::new()
            $xml.Validate({ param($s, $e) $problems.Add($e.Message) })
            $problems | Should -BeNullOrEmpty
            $xml
        }

        # What a run must leave when it never reached its clusters: exit 2, one failing test case naming the cause.
        function Assert-NotRun($Run, [string] $Report, [string] $Cause) {
            $Run.ExitCode | Should -Be 2 -Because $Run.Text
            $case = @((Read-JUnit $Report).testsuites.testsuite.testcase)
            $case.Count | Should -Be 1
            $case[0].name | Should -BeLike "*$Cause"
            $case[0].failure.type | Should -Be $Cause
            $Run.Last | Should -Match "Cdss nightly rollout: not run: $Cause\. Exit code 2\.$"
            @(Get-CdssEmulatorRestart -Emulator $emu) | Should -BeNullOrEmpty -Because 'nothing was restarted'
        }

        $script:report = Join-Path $TestDrive 'report.xml'
        $script:html = Join-Path $TestDrive 'report.html'
    }
    BeforeEach {
        Reset-CdssEmulator $emu
        Remove-Item (Join-Path $TestDrive '*') -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'a green night exits 0 with JUnit and HTML, and the same journal again is a no-op that still passes' {
        $arguments = '-ClusterName', 'kafka-prod-*', '-JournalPath', (Join-Path $TestDrive 'j/night.jsonl'), '-ReportPath', $report, '-HtmlReportPath', $html, '-PollIntervalSec', '1', '-TimeoutMinutes', '1', '-Deadline', (Get-Date).AddHours(1).ToString('o')
        $run = Invoke-Step $step $arguments
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Last | Should -Match 'Cdss nightly rollout: 2 cluster\(s\): 2 Succeeded\. Exit code 0\.$'
        $run.Text | Should -Match 'cluster 3432149 \(kafka-prod-01\): Succeeded after' -Because "the rollout's own lines are shown"
        $xml = Read-JUnit $report
        @($xml.testsuites.testsuite.testcase).name | Should -Be @('kafka-prod-01 (3432149)', 'kafka-prod-02 (3432150)')
        @($xml.testsuites.testsuite.testcase).classname | Sort-Object -Unique | Should -Be 'Cdss.RollingRestart'
        @(([xml](Get-Content $html -Raw)).html.body.section.table.tbody.tr).Count | Should -Be 2

        $again = Invoke-Step $step $arguments
        $again.ExitCode | Should -Be 0 -Because $again.Text
        $again.Last | Should -Match '2 cluster\(s\): 2 AlreadyDone\. Exit code 0\.$'
        # A reused journal is visible in one line, with when it was first written.
        $again.Text | Should -Match 'Every one of the 2 cluster\(s\) is already done according to the journal .*\(first run \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)'
        @(Get-CdssEmulatorRestart -Emulator $emu).Count | Should -Be 2 -Because 'a cluster is restarted once per journal'
    }

    It 'a -Deadline that is not a time (as bash passes "(Get-Date).AddHours(3)") exits 2 with a failing test case' {
        $run = Invoke-Step $step '-ClusterName', 'kafka-prod-*', '-JournalPath', (Join-Path $TestDrive 'j.jsonl'), '-ReportPath', $report, '-Deadline', '(Get-Date).AddHours(3)'
        Assert-NotRun $run $report 'InvalidDeadline'
        $run.Text | Should -Match '2026-12-06T06:00:00Z'
    }

    It 'an unreachable endpoint exits 2 with a failing test case' {
        $run = Invoke-Step $step '-ClusterName', 'kafka-prod-*', '-JournalPath', (Join-Path $TestDrive 'j.jsonl'), '-ReportPath', $report -Environment @{ CDSS_ENDPOINT = 'http://127.0.0.1:9/api/v1' }
        Assert-NotRun $run $report 'CdssNetworkError'
    }

    It 'a journal held by another build exits 2 with a failing test case, and nothing is restarted' {
        $journal = Join-Path $TestDrive 'busy.jsonl'
        $holder = [System.IO.File]::Open($journal, 'OpenOrCreate', 'ReadWrite', 'None')
        try { $run = Invoke-Step $step '-ClusterName', 'kafka-prod-*', '-JournalPath', $journal, '-ReportPath', $report }
        finally { $holder.Dispose() }
        Assert-NotRun $run $report 'CdssJournalInUse'
        (Read-JUnit $report).testsuites.testsuite.testcase.name | Should -Be 'Start-CdssRollingRestart: CdssJournalInUse'
    }

    It 'no selection at all exits 2 with a failing test case (a pattern that matches nothing: the Azure Automation runbook below)' {
        $none = Invoke-Step $step '-JournalPath', (Join-Path $TestDrive 'j.jsonl'), '-ReportPath', $report
        Assert-NotRun $none $report 'NoClusterSelected'
    }

    It 'a module that cannot be loaded exits 2 with a failing test case and an HTML page, written without the module' {
        $run = Invoke-Step $step '-ClusterName', 'kafka-prod-*', '-JournalPath', (Join-Path $TestDrive 'j.jsonl'), '-ReportPath', $report, '-HtmlReportPath', $html, '-ModulePath', (Join-Path $TestDrive 'no-such-module') -Environment @{ PSModulePath = $env:PSModulePath }
        Assert-NotRun $run $report 'Modules_ModuleNotFound'
        (Get-Content $html -Raw) | Should -Match '<p id="summary">Nothing ran: Modules_ModuleNotFound\.</p>'
        $null = [xml](Get-Content $html -Raw)   # well-formed
    }

    It 'Azure DevOps, as the pipeline runs it: a refused cluster among ready ones fails the step and is logged; "Rerun failed jobs" resumes' {
        $yaml = Get-Content (Join-Path $examples 'azure-pipelines.yml') -Raw
        $arguments = [regex]::Match($yaml, '(?m)^\s+arguments: (.+)$').Groups[1].Value
        [regex]::Match($yaml, '(?m)^\s+filePath: (.+)$').Groups[1].Value.Trim() | Should -Be 'examples/Invoke-CdssNightlyRollout.ps1'
        $yaml | Should -Match '(?m)^\s+errorActionPreference: stop\s*$'
        $yaml | Should -Match 'value: \$\(Agent\.WorkFolder\)/cdss-journals/rollout-\$\(Build\.BuildId\)\.jsonl'
        $journal = Join-Path $TestDrive 'agent/cdss-journals/rollout-4711.jsonl'
        $staging = Join-Path $TestDrive 'staging'
        $arguments = $arguments.Trim().Replace('$(CdssJournal)', $journal).Replace('$(Build.ArtifactStagingDirectory)', $staging)
        # What PowerShell@2 runs for targetType filePath: the file dot-sourced under errorActionPreference, then its exit code.
        $wrapper = Join-Path $TestDrive 'azure-task.ps1'
        Set-Content $wrapper "`$ErrorActionPreference = 'Stop'`n. '$step' $arguments -PollIntervalSec 1 -TimeoutMinutes 1`nif (Test-Path -LiteralPath variable:\LASTEXITCODE) { exit `$LASTEXITCODE }"
        $environment = @{ TF_BUILD = 'True'; NCLOUD_SITE = [regex]::Match($yaml, '(?m)^\s+NCLOUD_SITE: (\w+)').Groups[1].Value }

        Add-CdssEmulatorFault $emu @{ operation = 'rollingRestartPreCheck'; serviceGroupInstanceNo = 3432149; kind = 'code'; code = 1001; message = 'Cluster is not in running state (changing)'; times = 1 }
        $night = Invoke-Step $wrapper -Environment $environment
        $night.ExitCode | Should -Be 1 -Because $night.Text
        $night.Text | Should -Match '(?m)^##vso\[task\.logissue type=error\]kafka-prod-01 \(3432149\): Skipped: The rolling restart pre-check said no: code 1001: .*RequestId: [0-9a-f-]{36}$'
        $night.Text | Should -Not -Match 'logissue.*kafka-prod-02'
        $night.Last | Should -Match '2 cluster\(s\): 1 Succeeded, 1 Skipped\. Exit code 1\.$'
        (Get-CdssEmulatorRestart -Emulator $emu).serviceGroupInstanceNo | Should -Be 3432150 -Because 'the ready cluster is still restarted'
        # A skipped cluster is not done: a failed test case, never a skipped one that lets the gate pass.
        (Read-JUnit (Join-Path $staging 'cdss-rollout.xml')).testsuites.testsuite.failures | Should -Be '1'
        Join-Path $staging 'cdss-rollout.html' | Should -Exist
        $script:rolloutHtml = Get-Content (Join-Path $staging 'cdss-rollout.html') -Raw

        $rerun = Invoke-Step $wrapper -Environment $environment
        $rerun.ExitCode | Should -Be 0 -Because $rerun.Text
        $rerun.Last | Should -Match '2 cluster\(s\): 1 Succeeded, 1 AlreadyDone\. Exit code 0\.$'
        (Get-CdssEmulatorRestart -Emulator $emu).serviceGroupInstanceNo | Should -Be @(3432150, 3432149)
    }

    It 'Jenkins, as the pwsh step runs it: a wrong secret key fails the build (exit 2) without showing the key, with the JUnit and HTML reports where the build reads them' {
        $jenkinsfile = Get-Content (Join-Path $examples 'Jenkinsfile') -Raw
        $block = [regex]::Match($jenkinsfile, "pwsh '''(?<s>.*?)'''", 'Singleline').Groups['s'].Value
        $block | Should -Match '& \./examples/Invoke-CdssNightlyRollout\.ps1 '
        $jenkinsfile | Should -Match "junit testResults: 'out/cdss-rollout\.xml'"
        $script = Join-Path $TestDrive 'jenkins-step.ps1'
        Set-Content $script $block.Replace('& ./examples/Invoke-CdssNightlyRollout.ps1 ', "& '$step' ")
        $workspace = Join-Path $TestDrive 'ws'
        $run = Invoke-Step $script -Environment @{ JENKINS_URL = 'http://jenkins.example/'; BUILD_TAG = 'jenkins-kafka-nightly-42'; WORKSPACE = $workspace; NCLOUD_SITE = 'fin'; NCLOUD_SECRET_KEY = 'not-the-secret' }
        Assert-NotRun $run (Join-Path $workspace 'out/cdss-rollout.xml') 'CdssAuthenticationFailed'
        $run.Text | Should -Not -Match 'not-the-secret'
        $run.Text | Should -Match '(?m)NOT DONE: The rollout did not run: CdssAuthenticationFailed'
        Join-Path $workspace 'out/cdss-rollout.html' | Should -Exist
    }

    It 'Azure Automation: the runbook restarts the fleet, resumes with -ResumeJobId, and fails the job when nothing matched' {
        # The Automation sandbox provides the asset cmdlets; a stand-in module with the same name and commands does here.
        $stub = Join-Path $TestDrive 'modules/Orchestrator.AssetManagement.Cmdlets'
        $null = New-Item -ItemType Directory -Force $stub
        Set-Content (Join-Path $stub 'Orchestrator.AssetManagement.Cmdlets.psm1') @'
function Get-AutomationPSCredential([string] $Name) { [pscredential]::new($env:TEST_AUTOMATION_KEY, (ConvertTo-SecureString $env:TEST_AUTOMATION_SECRET -AsPlainText -Force)) }
function Get-AutomationVariable([string] $Name) { $env:TEST_AUTOMATION_DIRECTORY }
'@
        $journals = Join-Path $TestDrive 'share'
        $environment = @{
            PSModulePath = (Split-Path $stub) + [IO.Path]::PathSeparator + (Split-Path $ModulePath) + [IO.Path]::PathSeparator + $env:PSModulePath
            NCLOUD_ACCESS_KEY = $null; NCLOUD_SECRET_KEY = $null
            TEST_AUTOMATION_KEY = $emu.AccessKey; TEST_AUTOMATION_SECRET = $secret; TEST_AUTOMATION_DIRECTORY = $journals
        }
        $runbook = Join-Path $examples 'runbook.ps1'
        $first = Invoke-Step $runbook '-DeadlineHours', '1', '-PollIntervalSec', '1' -Environment $environment -WorkingDirectory $examples
        $first.ExitCode | Should -Be 0 -Because $first.Text
        $first.Text | Should -Match 'Cdss nightly rollout: 2 cluster\(s\): 2 Succeeded\. Exit code 0\.'
        $journal = @(Get-ChildItem $journals -Filter 'cdss-rollout-*.jsonl')
        $journal.Count | Should -Be 1
        Join-Path $journals ($journal[0].BaseName + '.html') | Should -Exist
        $jobId = $journal[0].BaseName.Substring('cdss-rollout-'.Length)

        $resumed = Invoke-Step $runbook '-ResumeJobId', $jobId, '-PollIntervalSec', '1' -Environment $environment -WorkingDirectory $examples
        $resumed.ExitCode | Should -Be 0 -Because $resumed.Text
        $resumed.Text | Should -Match '2 cluster\(s\): 2 AlreadyDone\. Exit code 0\.'
        @(Get-CdssEmulatorRestart -Emulator $emu).Count | Should -Be 2

        # A pattern that matches nothing: the step exits 2 with a failing test case, and the runbook fails the job.
        Get-ChildItem $journals | Remove-Item
        $failed = Invoke-Step $runbook '-ClusterName', 'kafka-nothing-*' -Environment $environment -WorkingDirectory $examples
        $failed.ExitCode | Should -Not -Be 0
        $failed.Text | Should -Match '(?s)did not end with every cluster done \(exit code 2\).*-ResumeJobId'
        $failed.Text | Should -Match 'Cdss nightly rollout: not run: NoClusterSelected\. Exit code 2\.'
        $failed.Text | Should -Not -Match ([regex]::Escape($secret))
        $case = @((Read-JUnit (Get-ChildItem $journals -Filter 'cdss-rollout-*.xml').FullName).testsuites.testsuite.testcase)
        $case.Count | Should -Be 1
        $case[0].failure.type | Should -Be 'NoClusterSelected'
        $case[0].failure.message | Should -Match 'No cluster matched kafka-nothing-\*'
    }
}
