<#
.SYNOPSIS
    Azure Automation runbook: the nightly rolling restart of the production Kafka clusters.

.DESCRIPTION
    For the PowerShell 7.2+ runtime on a Hybrid Runbook Worker. Setup, once:
      - import the Cdss module into the Automation account (or install it on the worker);
      - import examples/Invoke-CdssNightlyRollout.ps1 as a runbook named Invoke-CdssNightlyRollout and publish it:
        this runbook calls it inline;
      - a credential asset 'ncloud-cdss' (user name = access key ID, password = secret key);
      - a variable asset 'cdss-journal-directory': a folder on a share the worker mounts. The journal and the reports
        go there. The cloud sandbox's local disk does not survive a job restart, so a journal there cannot resume.

    One journal per rollout: the journal is named after this job's id ($PSPrivateMetadata.JobId). When Automation
    restarts the job (fair share after 3 hours, a worker restart) it is the same job and resumes from its journal;
    the next scheduled job starts fresh. A failed job that you start again by hand is a new job: pass -ResumeJobId
    with the failed job's id (it is in the failure message) to resume that rollout instead of starting another.

    The job fails (a terminating error) unless every selected cluster is done.

.PARAMETER ClusterName
    Cluster names; wildcards allowed.

.PARAMETER Site
    The NAVER Cloud site (public, gov or fin), for NCLOUD_SITE.

.PARAMETER ResumeJobId
    The id of an earlier job whose rollout to resume.

.PARAMETER DeadlineHours
    No cluster starts later than this many hours after the job began.

.PARAMETER PollIntervalSec
    Seconds between progress checks.
#>
param(
    [string[]] $ClusterName = @('kafka-prod-*'),
    [string] $Site = 'fin',
    [string] $ResumeJobId,
    [int] $DeadlineHours = 5,
    [int] $PollIntervalSec = 30
)
$ErrorActionPreference = 'Stop'

$jobId = $ResumeJobId
if (-not $jobId) {
    $metadata = Get-Variable -Name PSPrivateMetadata -ValueOnly -ErrorAction SilentlyContinue
    if ($metadata -and $metadata.JobId) { $jobId = $metadata.JobId.Guid }
    else { $jobId = 'local-' + [DateTime]::UtcNow.ToString('yyyyMMddHHmmss') }   # outside Automation
}
$directory = Get-AutomationVariable -Name 'cdss-journal-directory'
$credential = Get-AutomationPSCredential -Name 'ncloud-cdss'
$base = Join-Path $directory "cdss-rollout-$jobId"

# Invoke-CdssNightlyRollout reads the keys as Connect-Cdss does, from this process's environment; they are removed
# again as soon as it returns.
$env:NCLOUD_ACCESS_KEY = $credential.UserName
$env:NCLOUD_SECRET_KEY = $credential.GetNetworkCredential().Password
$env:NCLOUD_SITE = $Site
try {
    .\Invoke-CdssNightlyRollout.ps1 -ClusterName $ClusterName -JournalPath "$base.jsonl" -ReportPath "$base.xml" -HtmlReportPath "$base.html" `
        -Deadline (Get-Date).AddHours($DeadlineHours) -PollIntervalSec $PollIntervalSec -TimeoutMinutes 120
    $exitCode = $LASTEXITCODE
}
finally {
    Remove-Item Env:NCLOUD_ACCESS_KEY, Env:NCLOUD_SECRET_KEY -ErrorAction SilentlyContinue
}
if ($exitCode -ne 0) {
    throw "The rolling restart did not end with every cluster done (exit code $exitCode). Reports: $base.xml and $base.html. " +
          "To resume this rollout, start the runbook with -ResumeJobId $jobId."
}
