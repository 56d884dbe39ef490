<#
    Runs Pester test files in this (fresh) pwsh process against the built module, writes NUnit XML results
    and a small JSON summary that build.ps1 adds to the xunit counts. build.ps1 runs several of these at once,
    one test file each; the Windows PowerShell 5.1 job of .github/workflows/ci.yml runs a chosen part.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    # The test files to run.
    [Parameter(Mandatory)] [string[]] $Path,
    # Where the NUnit XML and the JSON summary go.
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # Tags of tests to leave out, e.g. Slow for build.ps1 -Fast.
    [string[]] $ExcludeTag = @(),
    # Full-name filters (e.g. '*The CI step*'), for a partial run.
    [string[]] $FullName = @()
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force

# The test files read these to find what to test.
$env:CDSS_TEST_MODULE = (Resolve-Path $ModulePath).Path
$env:CDSS_TEST_EMULATOR = (Resolve-Path $EmulatorPath).Path

$config = New-PesterConfiguration
$config.Run.Path = $Path
if ($FullName) { $config.Filter.FullName = $FullName }
$config.Run.PassThru = $true
if ($ExcludeTag) { $config.Filter.ExcludeTag = $ExcludeTag }
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultPath

$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -LiteralPath $SummaryPath
exit ([int]($failed -gt 0))
