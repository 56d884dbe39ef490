<#
.SYNOPSIS
    Rolling-restarts CDSS clusters as one CI or runbook step, and fails the step unless every cluster is done.

.DESCRIPTION
    The step every recipe in this folder calls (azure-pipelines.yml, Jenkinsfile, runbook.ps1). It connects with the
    keys, site and endpoint of the environment (NCLOUD_ACCESS_KEY, NCLOUD_SECRET_KEY, NCLOUD_SITE, NCLOUD_REGION,
    CDSS_ENDPOINT, as Connect-Cdss reads them), selects clusters by name (wildcards) or number, and runs
    Start-CdssRollingRestart -Wait -Force with a journal, so that a re-run of the same build resumes instead of
    restarting a cluster twice.

    Exit code:
      0  every selected cluster ended Succeeded or AlreadyDone.
      1  the rollout ran, and at least one cluster did not end done: Failed, TimedOut, OutcomeUnknown,
         WaitInterrupted, Skipped, NotStarted or Deferred.
      2  the rollout did not run or was cut short: the module could not be loaded, no credentials, an unreachable
         endpoint, a wrong key, a selection that names a cluster that does not exist or matches nothing, a journal
         in use or unreadable, any other terminating error; or a report could not be written.

    The JUnit report is written in every case (a failure before the rollout is one failing test case that names it),
    so a CI system never shows "0 tests" for a night where nothing ran. The rollout's own timestamped lines (the
    Information stream) are never hidden. On Azure DevOps (TF_BUILD) each cluster that is not done, and a failure,
    is also a ##vso[task.logissue type=error] line. The log's last line counts the outcomes.

    It behaves the same in PowerShell 7 and Windows PowerShell 5.1, and under $ErrorActionPreference = 'Stop' (the
    default of Azure DevOps' PowerShell task): the rollout runs with explicit -ErrorAction and -ErrorVariable, so one
    cluster's error never aborts it.

.PARAMETER ClusterName
    Cluster names; wildcards allowed ('kafka-prod-*'). A plain name that matches no cluster stops the step before
    anything is restarted.

.PARAMETER ServiceGroupInstanceNo
    Cluster numbers. With -ClusterName too, a cluster must match both.

.PARAMETER JournalPath
    The rollout's journal. Make it one per rollout, derived from the build (Azure DevOps $(Build.BuildId), Jenkins
    $env:BUILD_TAG, an Automation job id): a re-run of the same build then resumes, and the next night starts fresh.
    A journal that already holds every selected cluster as done makes the run a no-op, which the rollout says.

.PARAMETER ReportPath
    The JUnit XML report, always written.

.PARAMETER HtmlReportPath
    A self-contained HTML report (timeline and table) for the people who read the outcome the morning after.

.PARAMETER Deadline
    No cluster is started after this time; the rest are Deferred (and the step fails). A DateTime from PowerShell, or
    text such as 2026-12-06T06:00:00Z from bash or cmd; text that is not a time stops the step with exit code 2 and a
    report (InvalidDeadline). Other parameters PowerShell cannot bind (a misspelt name, a number that is not one) stop
    pwsh before the script runs, with exit code 1 and no report.

.PARAMETER ThrottleLimit
    How many clusters restart at once (1 to 16; default 1).

.PARAMETER MaxFailures
    How many failed clusters the rollout goes on past (default 0: the first failure stops new starts).

.PARAMETER PollIntervalSec
    Seconds between progress checks (default 10).

.PARAMETER TimeoutMinutes
    How long to wait for each cluster (default 60).

.PARAMETER SettleSec
    Seconds to pause after each cluster turns green (default 0).

.PARAMETER TrafficRecovery
    A traffic gate: after each cluster is done, wait until its messages-in rate (or -TrafficMetric) is back to this
    share of its mean over the 30 minutes before its request (-TrafficBaselineMinutes) before the next one starts,
    e.g. 0.9. Not back within -TimeoutMinutes fails the cluster (CdssTrafficNotRecovered) and stops the rollout.

.PARAMETER TrafficMetric
    With -TrafficRecovery, the cluster metric to read (default cluster_messagesInSecMean).

.PARAMETER TrafficBaselineMinutes
    With -TrafficRecovery, the minutes before each request whose mean is the baseline (default 30).

.PARAMETER ModulePath
    Where to import Cdss from (a folder or manifest, e.g. a pipeline artifact); default: Cdss from PSModulePath.

.EXAMPLE
    pwsh -NonInteractive -File ./examples/Invoke-CdssNightlyRollout.ps1 -ClusterName 'kafka-prod-*' `
        -JournalPath "/var/cdss/rollout-$env:BUILD_TAG.jsonl" -ReportPath ./out/cdss-rollout.xml `
        -HtmlReportPath ./out/cdss-rollout.html -Deadline (Get-Date).AddHours(3)

    From PowerShell: the outer pwsh evaluates (Get-Date).AddHours(3). From bash (a Jenkins sh step), give the time as text:
    pwsh -NonInteractive -File ./examples/Invoke-CdssNightlyRollout.ps1 -ClusterName 'kafka-prod-*' \
        -JournalPath "/var/cdss/rollout-$BUILD_TAG.jsonl" -ReportPath ./out/cdss-rollout.xml -Deadline "$(date -u -d '+3 hours' +%FT%TZ)"
#>
[CmdletBinding()]
param(
    [string[]] $ClusterName,
    [long[]] $ServiceGroupInstanceNo,
    [Parameter(Mandatory = $true)] [string] $JournalPath,
    [Parameter(Mandatory = $true)] [string] $ReportPath,
    [string] $HtmlReportPath,
    # A DateTime from PowerShell, or text from a shell that is not PowerShell (bash, cmd): read in the script, so that a
    # time it cannot read is a failure with a report (exit 2), not a binding error before the script runs.
    [object] $Deadline,
    [int] $ThrottleLimit = 1,
    [int] $MaxFailures = 0,
    [int] $PollIntervalSec = 10,
    [int] $TimeoutMinutes = 60,
    [int] $SettleSec = 0,
    [Nullable[double]] $TrafficRecovery,
    [string] $TrafficMetric = 'cluster_messagesInSecMean',
    [int] $TrafficBaselineMinutes = 30,
    [string] $ModulePath
)

# Windows PowerShell 5.1 too: no ??, no ternary, no &&, no PowerShell 7-only parameters.
Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$doneOutcomes = 'Succeeded', 'AlreadyDone'
$outcomeOrder = 'Succeeded', 'AlreadyDone', 'Failed', 'TimedOut', 'OutcomeUnknown', 'WaitInterrupted', 'Skipped', 'NotStarted', 'Deferred'
$ciKind = if ($env:TF_BUILD) { 'AzureDevOps' } elseif ($env:JENKINS_URL -or $env:JENKINS_HOME) { 'Jenkins' } else { 'Other' }

function Write-Line([string] $Text) {
    Write-Host ("{0} {1}" -f [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [Globalization.CultureInfo]::InvariantCulture), $Text)
}

# One line per problem: an error annotation on Azure DevOps, a plain line elsewhere.
function Write-Problem([string] $Text) {
    $oneLine = ($Text -replace '\r?\n', ' ').Trim()
    if ($ciKind -eq 'AzureDevOps') { Write-Host "##vso[task.logissue type=error]$oneLine" }
    else { Write-Line "NOT DONE: $oneLine" }
}

# A path as PowerShell resolves it (relative to the current location, which .NET's current directory need not be).
function Resolve-FullPath([string] $Path) {
    $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
}

function Get-ErrorId([System.Management.Automation.ErrorRecord] $Record) {
    "$($Record.FullyQualifiedErrorId)".Split(',')[0]
}

# The report when Export-CdssReport cannot write it (the module did not load): one failing test case naming the cause.
function Write-FallbackReport([string] $Path, [string] $Html, [string] $Name, [string] $Message) {
    $now = [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", [Globalization.CultureInfo]::InvariantCulture)
    $Path = Resolve-FullPath $Path
    $directory = Split-Path -Parent $Path
    if (-not (Test-Path -LiteralPath $directory)) { $null = New-Item -ItemType Directory -Force -Path $directory }
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Indent = $true
    $settings.Encoding = New-Object System.Text.UTF8Encoding($false)
    $xml = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $xml.WriteStartDocument()
        $xml.WriteStartElement('testsuites')
        foreach ($pair in @(@('name', 'Cdss'), @('tests', '1'), @('failures', '1'), @('errors', '0'), @('time', '0'))) { $xml.WriteAttributeString($pair[0], $pair[1]) }
        $xml.WriteStartElement('testsuite')
        foreach ($pair in @(@('name', 'Cdss Errors'), @('tests', '1'), @('failures', '1'), @('errors', '0'), @('skipped', '0'), @('time', '0'), @('timestamp', $now), @('hostname', [Environment]::MachineName))) { $xml.WriteAttributeString($pair[0], $pair[1]) }
        $xml.WriteStartElement('testcase')
        $xml.WriteAttributeString('name', $Name)
        $xml.WriteAttributeString('classname', 'Cdss.Error')
        $xml.WriteAttributeString('time', '0')
        $xml.WriteStartElement('failure')
        $xml.WriteAttributeString('type', $Name)
        $xml.WriteAttributeString('message', $Message)
        $xml.WriteString($Message)
        $xml.WriteEndElement()
        $xml.WriteEndElement()
        $xml.WriteEndElement()
        $xml.WriteEndElement()
        $xml.WriteEndDocument()
    }
    finally { $xml.Close() }
    if ($Html) {
        $text = [System.Security.SecurityElement]::Escape($Message)
        $page = "<!DOCTYPE html>`n<html xmlns=`"http://www.w3.org/1999/xhtml`" lang=`"en`"><head><meta charset=`"utf-8`" /><title>Rolling restart: not run</title></head>" +
                "<body><h1>Rolling restart report</h1><p id=`"summary`">Nothing ran: $([System.Security.SecurityElement]::Escape($Name)).</p><p>$text</p></body></html>`n"
        $Html = Resolve-FullPath $Html
        $directory = Split-Path -Parent $Html
        if (-not (Test-Path -LiteralPath $directory)) { $null = New-Item -ItemType Directory -Force -Path $directory }
        [IO.File]::WriteAllText($Html, $page, (New-Object System.Text.UTF8Encoding($false)))
    }
}

$exitCode = 2
$failure = $null                                   # the error that kept the rollout from running, or cut it short
$results = New-Object System.Collections.Generic.List[object]
$rolloutErrors = @()
$selected = @()
try {
    if ($ModulePath) { Import-Module $ModulePath -ErrorAction Stop } else { Import-Module Cdss -ErrorAction Stop }
    $null = Connect-Cdss -ErrorAction Stop

    if (-not $ClusterName -and -not $ServiceGroupInstanceNo) {
        throw (New-Object System.Management.Automation.ErrorRecord (
            (New-Object System.ArgumentException 'No cluster was selected: pass -ClusterName (wildcards allowed) or -ServiceGroupInstanceNo.'),
            'NoClusterSelected', 'InvalidArgument', $null))
    }
    $selection = @{}
    if ($ClusterName) { $selection.Name = $ClusterName }
    if ($ServiceGroupInstanceNo) { $selection.ServiceGroupInstanceNo = $ServiceGroupInstanceNo }
    $described = (@($ClusterName) + @($ServiceGroupInstanceNo) | Where-Object { $_ }) -join ', '
    $selected = @(Get-CdssCluster @selection -ErrorAction Stop)
    if ($selected.Count -eq 0) {
        throw (New-Object System.Management.Automation.ErrorRecord (
            (New-Object System.Management.Automation.ItemNotFoundException "No cluster matched $described, so nothing was restarted. Check the names with Get-CdssCluster."),
            'NoClusterSelected', 'ObjectNotFound', $described))
    }
    Write-Line ("Selected {0} cluster(s): {1}" -f $selected.Count, (($selected | ForEach-Object { "$($_.ClusterName) ($($_.ServiceGroupInstanceNo))" }) -join ', '))

    $deadlineTime = $null
    if ($Deadline -is [DateTime]) { $deadlineTime = $Deadline }
    elseif ($Deadline -is [DateTimeOffset]) { $deadlineTime = $Deadline.UtcDateTime }
    elseif ($null -ne $Deadline -and "$Deadline".Trim() -ne '') {
        $parsed = [DateTime]::MinValue
        if ([DateTime]::TryParse("$Deadline", [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::AssumeLocal, [ref] $parsed) -or
            [DateTime]::TryParse("$Deadline", [ref] $parsed)) { $deadlineTime = $parsed }
        else {
            throw (New-Object System.Management.Automation.ErrorRecord (
                (New-Object System.ArgumentException "-Deadline '$Deadline' is not a time, so nothing was restarted. From bash or cmd give it as text, e.g. 2026-12-06T06:00:00Z; from PowerShell, e.g. (Get-Date).AddHours(3)."),
                'InvalidDeadline', 'InvalidArgument', "$Deadline"))
        }
    }

    $journalDirectory = Split-Path -Parent (Resolve-FullPath $JournalPath)
    if (-not (Test-Path -LiteralPath $journalDirectory)) { $null = New-Item -ItemType Directory -Force -Path $journalDirectory }
    $rollout = @{
        Wait = $true; Force = $true; JournalPath = $JournalPath
        ThrottleLimit = $ThrottleLimit; MaxFailures = $MaxFailures; PollIntervalSec = $PollIntervalSec
        TimeoutMinutes = $TimeoutMinutes; SettleSec = $SettleSec
    }
    if ($null -ne $deadlineTime) { $rollout.Deadline = $deadlineTime }
    if ($null -ne $TrafficRecovery) {
        $rollout.TrafficRecovery = $TrafficRecovery; $rollout.TrafficMetric = $TrafficMetric; $rollout.TrafficBaselineMinutes = $TrafficBaselineMinutes
    }
    Write-Line "Journal: $JournalPath$(if ($null -ne $deadlineTime) { "; no cluster starts after $($deadlineTime.ToUniversalTime().ToString('yyyy-MM-dd HH:mm:ss')) UTC" })"

    # Explicit -ErrorAction and -ErrorVariable: a cluster's error is one of its results, never the end of the rollout.
    # Each result is kept as it comes, so a terminating error later still leaves the earlier ones in the report.
    $selected | Start-CdssRollingRestart @rollout -ErrorAction SilentlyContinue -ErrorVariable rolloutErrors |
        ForEach-Object { $results.Add($_) }

    $notDone = @($selected | Where-Object { $no = $_.ServiceGroupInstanceNo; -not ($results | Where-Object { $_.ServiceGroupInstanceNo -eq $no -and $doneOutcomes -contains "$($_.Outcome)" }) })
    if ($notDone.Count -eq 0) { $exitCode = 0 } else { $exitCode = 1 }
}
catch {
    $failure = $_
    $exitCode = 2
}
finally {
    # The reports, whatever happened above.
    $rows = @($results.ToArray())
    if ($failure) { $rows += $failure }
    try {
        if (Get-Command Export-CdssReport -ErrorAction SilentlyContinue) {
            $rows | Export-CdssReport -Path $ReportPath -Format JUnit -ErrorAction Stop -WarningAction SilentlyContinue
            if ($HtmlReportPath) { $rows | Export-CdssReport -Path $HtmlReportPath -Format Html -ErrorAction Stop -WarningAction SilentlyContinue }
        }
        else {
            $name = if ($failure) { Get-ErrorId $failure } else { 'NoResult' }
            $message = if ($failure) { "$failure" } else { 'The run ended without a result.' }
            Write-FallbackReport -Path $ReportPath -Html $HtmlReportPath -Name $name -Message $message
        }
        Write-Line "Report: $ReportPath$(if ($HtmlReportPath) { ", $HtmlReportPath" })"
    }
    catch {
        Write-Problem "The report could not be written: $_"
        if ($exitCode -eq 0) { $exitCode = 2 }
    }

    # What is not done, one line each, with what happened and the request id.
    foreach ($result in $results) {
        if ($doneOutcomes -contains "$($result.Outcome)") { continue }
        $name = if ($result.ClusterName) { "$($result.ClusterName) ($($result.ServiceGroupInstanceNo))" } else { "$($result.ServiceGroupInstanceNo)" }
        # The cluster's error says it best (without its "Cluster n (name):" lead, which the line starts with anyway).
        $clusterError = @($rolloutErrors | Where-Object { $_.TargetObject -eq $result.ServiceGroupInstanceNo }) | Select-Object -First 1
        $why = "$($result.Message)"
        $requestId = $result.RequestId
        if ($clusterError -and $clusterError.Exception -is [Cdss.CdssException]) {
            $why = $clusterError.Exception.Description
            if ($clusterError.Exception.RequestId) { $requestId = $clusterError.Exception.RequestId }
        }
        Write-Problem ("{0}: {1}: {2}{3}" -f $name, $result.Outcome, $why.TrimEnd('.'), $(if ($requestId) { ". RequestId: $requestId" } else { '' }))
    }
    $missing = @($selected | Where-Object { $no = $_.ServiceGroupInstanceNo; -not ($results | Where-Object { $_.ServiceGroupInstanceNo -eq $no }) })
    if ($failure) {
        $stage = if ($results.Count -gt 0) { 'The rollout was cut short' } else { 'The rollout did not run' }
        Write-Problem "${stage}: $(Get-ErrorId $failure): $failure"
    }

    # The last line: counts per outcome.
    $counts = @($outcomeOrder | ForEach-Object { $o = $_; $n = @($results | Where-Object { "$($_.Outcome)" -eq $o }).Count; if ($n) { "$n $o" } })
    if ($missing.Count -gt 0 -and $results.Count -gt 0) { $counts += "$($missing.Count) without a result" }
    $summary = if ($results.Count -gt 0 -or -not $failure) {
        "{0} cluster(s): {1}" -f [Math]::Max($selected.Count, $results.Count), $(if ($counts) { $counts -join ', ' } else { 'none' })
    }
    else { "not run: $(Get-ErrorId $failure)" }
    Write-Line ("Cdss nightly rollout: {0}. Exit code {1}." -f $summary, $exitCode)
}
exit $exitCode
