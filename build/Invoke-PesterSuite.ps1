<#
    Runs Pester test files in this (fresh) pwsh process against the built module, writes NUnit XML results
    and a small JSON summary that build.ps1 adds to the xunit counts. The Windows PowerShell 5.1 job of
    .github/workflows/ci.yml runs a chosen part this way, all files in one run.

    build.ps1 starts several of these with -ClaimDirectory, all on the same list: each takes the next file of the list
    that no other has taken (it claims a file by creating a file of its name there), runs it, and writes
    pester-<name>.xml and pester-<name>.json (with the file's wall time) into -ResultPath, a folder; so Pester is
    loaded once per process, not once per file, and no process sits idle while files are left.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    # The test files to run, in order. A -File command line passes a list as one string: there, join them with the
    # path separator (';' on Windows, ':' elsewhere).
    [Parameter(Mandatory)] [string[]] $Path,
    # Where the NUnit XML and the JSON summary go (with -ClaimDirectory: the folder for one pair per file).
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $SummaryPath,
    # Tags of tests to leave out, e.g. Slow for build.ps1 -Fast.
    [string[]] $ExcludeTag = @(),
    # Full-name filters (e.g. '*The CI step*'), for a partial run.
    [string[]] $FullName = @(),
    # A folder shared with other processes running the same list: each file is run by the process that claims it first.
    [string] $ClaimDirectory
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force
$Path = @($Path | ForEach-Object { $_ -split [regex]::Escape([IO.Path]::PathSeparator) } | Where-Object { $_ })

# The test files read these to find what to test.
$env:CDSS_TEST_MODULE = (Resolve-Path $ModulePath).Path
$env:CDSS_TEST_EMULATOR = (Resolve-Path $EmulatorPath).Path

function Invoke-Files([string[]] $Files, [string] $Result, [string] $Summary) {
    $config = New-PesterConfiguration
    $config.Run.Path = $Files
    if ($FullName) { $config.Filter.FullName = $FullName }
    $config.Run.PassThru = $true
    if ($ExcludeTag) { $config.Filter.ExcludeTag = $ExcludeTag }
    $config.Output.Verbosity = 'Normal'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = $Result

    $clock = [Diagnostics.Stopwatch]::StartNew()
    $run = Invoke-Pester -Configuration $config
    $failed = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
    [pscustomobject]@{ Passed = $run.PassedCount; Failed = $failed; Skipped = $run.SkippedCount; Seconds = [Math]::Round($clock.Elapsed.TotalSeconds, 1) } |
        ConvertTo-Json | Set-Content -LiteralPath $Summary
    $failed
}

if (-not $ClaimDirectory) {
    if (-not $SummaryPath) { throw '-SummaryPath is needed without -ClaimDirectory.' }
    $failed = Invoke-Files $Path $ResultPath $SummaryPath
    exit ([int]($failed -gt 0))
}

$failed = 0
foreach ($file in $Path) {
    $name = [IO.Path]::GetFileName($file) -replace '\.Tests\.ps1$', ''
    try { [IO.File]::Open((Join-Path $ClaimDirectory $name), 'CreateNew', 'Write').Dispose() }
    catch [System.IO.IOException] { continue }   # another process has it
    $failed += Invoke-Files @($file) (Join-Path $ResultPath "pester-$name.xml") (Join-Path $ResultPath "pester-$name.json")
}
exit ([int]($failed -gt 0))
