<#
.SYNOPSIS
    Builds, tests, demonstrates and packages the Cdss module.
.DESCRIPTION
    Tasks:
      Build    Compile everything and lay out an importable module in out/Cdss (and the emulator in out/emulator).
      Test     Build, then run xunit and the Pester files (in a few fresh pwsh processes against out/Cdss, side by side);
               list the time of each Pester file and the ten slowest tests; end with "Tests: N passed, M failed".
               With -Fast, Pester leaves out the tests tagged Slow (the 5,000-call load test), for quick local loops.
      Demo     Build, start the bundled CDSS emulator, pre-check every cluster it knows, print the table, stop it.
      Package  Build, then produce out/Cdss.<version>.nupkg through PSResourceGet.
      Bench    Build, build the benchmark's floor programs (bench/), then measure per-call cost, fleet time,
               import time and memory; writes out/bench/results.md and out/bench/results.json.
      Clean    Remove build output.
.PARAMETER Fast
    With -Task Test: skip the Pester tests tagged Slow. A full run (without -Fast) still runs them.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -Fast
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [switch] $Fast
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'Cdss'
$EmulatorOut = Join-Path $Out 'emulator'
$ResultsDir = Join-Path $Out 'test-results'
$ToolPackages = Join-Path $Root '.tools/packages'
$PesterVersion = '5.7.1'

# The module's own dependencies that .NET Framework 4.7.2 lacks; on PowerShell 7 the runtime has newer ones.
$PrivateDependencies = @(
    'System.Text.Json', 'System.Text.Encodings.Web', 'System.Memory', 'System.Buffers',
    'System.Runtime.CompilerServices.Unsafe', 'System.Numerics.Vectors', 'System.Threading.Tasks.Extensions',
    'Microsoft.Bcl.AsyncInterfaces'
)

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Write-Host "==> Build ($Configuration)" -ForegroundColor Cyan
    Invoke-Dotnet build (Join-Path $Root 'Cdss.sln') -c $Configuration --nologo --verbosity quiet '-clp:NoSummary;ErrorsOnly' '-p:TreatWarningsAsErrors=true'

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path $ModuleOut, (Join-Path $ModuleOut 'dependencies')
    $bin = Join-Path $Root "src/Cdss/bin/$Configuration/netstandard2.0"
    Copy-Item (Join-Path $bin 'Cdss.dll') $ModuleOut
    Copy-Item (Join-Path $Root 'Cdss.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    Copy-Item (Join-Path $Root 'src/Cdss/Formats/Cdss.Format.ps1xml') $ModuleOut
    foreach ($name in $PrivateDependencies) {
        Copy-Item (Join-Path $bin "$name.dll") (Join-Path $ModuleOut 'dependencies')
    }
    $helpBuilder = Join-Path $Root 'build/HelpBuilder.ps1'
    if (Test-Path $helpBuilder) { & $helpBuilder -SourceDirectory (Join-Path $Root 'docs/help') -ModuleDirectory $ModuleOut }

    if (Test-Path $EmulatorOut) { Remove-Item $EmulatorOut -Recurse -Force }
    Copy-Item (Join-Path $Root "src/Cdss.Emulator/bin/$Configuration/net10.0") $EmulatorOut -Recurse
    Write-Host "Module: $ModuleOut"
}

function Restore-Pester {
    $manifest = Join-Path $ToolPackages "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        Write-Host "==> Restoring Pester $PesterVersion" -ForegroundColor Cyan
        Invoke-Dotnet restore (Join-Path $Root 'build/tools.proj') --packages $ToolPackages --verbosity quiet
    }
    $manifest
}

# How many fresh pwsh processes run the Pester files side by side, each taking the next file no other has taken (so
# Pester is loaded once per process, not once per file); each file starts its own emulator on a free port. The tests
# wait little, so more processes than cores only make them fight over the CPU (measured on 2 cores: 2 beat 3 and 4).
$PesterLanes = [Math]::Max(2, [Environment]::ProcessorCount)
# The files that take longest start first, so that none of them starts last; the rest follow, biggest first.
$PesterFirst = 'Examples', 'Rollout', 'Load', 'ReadmeExamples', 'HelpExamples'

function Get-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content -LiteralPath $Path -Raw
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout; Skipped = [int]$counters.notExecuted }
}

# Every test with its duration, from the xunit TRX and the Pester NUnit files, for the slowest-tests list.
function Get-TestDurations([string] $Directory) {
    foreach ($trxFile in Get-ChildItem $Directory -Filter *.trx) {
        [xml] $trx = Get-Content -LiteralPath $trxFile.FullName -Raw
        foreach ($r in $trx.TestRun.Results.UnitTestResult) {
            [pscustomobject]@{ Seconds = [TimeSpan]::Parse($r.duration).TotalSeconds; Name = "xunit: $($r.testName)" }
        }
    }
    foreach ($xmlFile in Get-ChildItem $Directory -Filter 'pester-*.xml') {
        [xml] $nunit = Get-Content -LiteralPath $xmlFile.FullName -Raw
        foreach ($case in $nunit.SelectNodes('//test-case')) {
            $time = 0.0
            if ([double]::TryParse($case.time, [Globalization.NumberStyles]::Float, [Globalization.CultureInfo]::InvariantCulture, [ref] $time)) {
                [pscustomobject]@{ Seconds = $time; Name = "Pester: $($case.name)" }
            }
        }
    }
}

function Invoke-Test {
    Invoke-Build
    $pester = Restore-Pester
    if (Test-Path $ResultsDir) { Remove-Item $ResultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path $ResultsDir

    # The test processes share the cores: an idle thread-pool thread blocks instead of spinning, and the emulators use
    # the workstation GC (ASP.NET Core's default server GC keeps threads per core). This changes no behaviour, only the
    # CPU the run burns (about 15 % less on 2 cores). The processes started below inherit it; this one is left as it was.
    $savedEnvironment = @{}
    foreach ($setting in @{ DOTNET_ThreadPool_UnfairSemaphoreSpinLimit = '0'; DOTNET_gcServer = '0' }.GetEnumerator()) {
        $savedEnvironment[$setting.Key] = [Environment]::GetEnvironmentVariable($setting.Key)
        [Environment]::SetEnvironmentVariable($setting.Key, $setting.Value)
    }

    # xunit runs beside the Pester files; its output is shown when it ends.
    Write-Host "==> xunit and Pester ($PesterLanes fresh pwsh processes sharing the Pester files)" -ForegroundColor Cyan
    $xunitLog = Join-Path $ResultsDir 'xunit.log'
    $xunitProcess = Start-Process -FilePath 'dotnet' -PassThru -NoNewWindow -RedirectStandardOutput $xunitLog -RedirectStandardError (Join-Path $ResultsDir 'xunit.err') -ArgumentList @(
        'test', (Join-Path $Root 'tests/Cdss.Tests/Cdss.Tests.csproj'), '-c', $Configuration, '--no-build', '--nologo',
        '--logger', 'trx;LogFileName=xunit.trx', '--logger', 'console;verbosity=minimal', '--results-directory', $ResultsDir)
    $null = $xunitProcess.Handle

    $excluded = @()
    if ($Fast) {
        Write-Host 'Leaving out the tests tagged Slow (-Fast).'
        $excluded = 'Slow'
    }
    $files = @(Get-ChildItem (Join-Path $Root 'tests') -Filter '*.Tests.ps1' |
        Sort-Object @{ Expression = { $i = [array]::IndexOf($PesterFirst, ($_.Name -replace '\.Tests\.ps1$', '')); if ($i -lt 0) { [int]::MaxValue } else { $i } } }, @{ Expression = 'Length'; Descending = $true })
    $claims = Join-Path $ResultsDir 'claims'
    $null = New-Item -ItemType Directory -Force $claims
    $lanes = foreach ($lane in 1..$PesterLanes) {
        $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'build/Invoke-PesterSuite.ps1'),
            '-PesterManifest', $pester, '-ModulePath', $ModuleOut, '-EmulatorPath', $EmulatorOut, '-Path', ($files.FullName -join [IO.Path]::PathSeparator),
            '-ResultPath', $ResultsDir, '-ClaimDirectory', $claims)
        if ($excluded) { $arguments += '-ExcludeTag', ($excluded -join ',') }
        $log = Join-Path $ResultsDir "pester-lane$lane.log"
        $process = Start-Process -FilePath (Join-Path $PSHOME 'pwsh') -ArgumentList $arguments -PassThru -NoNewWindow `
            -RedirectStandardOutput $log -RedirectStandardError "$log.err"
        $null = $process.Handle   # on Windows, ExitCode is only kept for a process whose handle was taken while it ran
        [pscustomobject]@{ Process = $process; Log = $log }
    }
    foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
    foreach ($lane in $lanes) {
        $lane.Process.WaitForExit()
        # One process's output at a time, whole, so the log reads file by file.
        Get-Content -LiteralPath $lane.Log, "$($lane.Log).err" -ErrorAction SilentlyContinue | Write-Host
    }

    $xunitProcess.WaitForExit()
    Get-Content -LiteralPath $xunitLog, (Join-Path $ResultsDir 'xunit.err') -ErrorAction SilentlyContinue | Write-Host
    $trx = Get-ChildItem $ResultsDir -Filter xunit.trx -Recurse | Select-Object -First 1
    $xunit = if ($trx) { Get-TrxCounts $trx.FullName } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    if ($xunitProcess.ExitCode -ne 0 -and $xunit.Failed -eq 0) { $xunit.Failed = 1 }   # the run itself broke

    # Every file must have its summary: a file that no process finished counts as failed.
    $pesterCounts = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $fileTimes = foreach ($file in $files) {
        $name = $file.Name -replace '\.Tests\.ps1$', ''
        $summaryPath = Join-Path $ResultsDir "pester-$name.json"
        $counts = if (Test-Path $summaryPath) { Get-Content $summaryPath -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0; Seconds = 0 } }
        $pesterCounts.Passed += $counts.Passed
        $pesterCounts.Failed += $counts.Failed
        $pesterCounts.Skipped += $counts.Skipped
        "$name $($counts.Seconds) s"
    }
    if (@($lanes | Where-Object { $_.Process.ExitCode -ne 0 }).Count -gt 0 -and $pesterCounts.Failed -eq 0) { $pesterCounts.Failed = 1 }   # a process broke
    Write-Host "Pester files: $($fileTimes -join ', ')"

    Write-Host "Slowest tests:"
    Get-TestDurations $ResultsDir | Sort-Object Seconds -Descending | Select-Object -First 10 | ForEach-Object {
        Write-Host ("  {0,7:0.0} s  {1}" -f $_.Seconds, $_.Name)
    }

    $passed = $xunit.Passed + $pesterCounts.Passed
    $failed = $xunit.Failed + $pesterCounts.Failed
    $skipped = $xunit.Skipped + $pesterCounts.Skipped
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped; Pester: $($pesterCounts.Passed) passed, $($pesterCounts.Failed) failed, $($pesterCounts.Skipped) skipped"
    Write-Host "Results: $ResultsDir"
    $line = "Tests: $passed passed, $failed failed"
    if ($skipped -gt 0) { $line += ", $skipped skipped" }
    Write-Host $line
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $Root 'build/CdssEmulator.psm1') -Force
    $emulator = Start-CdssEmulator -EmulatorPath $EmulatorOut
    try {
        Import-Module $ModuleOut -Force
        Write-Host "==> Emulator at $($emulator.Endpoint) (no NAVER Cloud account needed)" -ForegroundColor Cyan
        $null = Connect-Cdss -Endpoint $emulator.Endpoint -Credential $emulator.Credential
        Write-Host "==> Every cluster the emulator knows" -ForegroundColor Cyan
        $clusters = @(Get-CdssCluster)
        # A fixed width, so a narrow or redirected console does not squash the request ids.
        $clusters | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
        Write-Host "==> Rolling-restart pre-check" -ForegroundColor Cyan
        $clusters | Test-CdssRollingRestart | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
        Disconnect-Cdss
    }
    finally {
        Stop-CdssEmulator $emulator
    }
}

function Invoke-Bench {
    Invoke-Build
    # The floor programs are built here, not in Cdss.sln, so the test run never pays for them.
    Write-Host "==> Bench floor programs (Release)" -ForegroundColor Cyan
    $benchOut = Join-Path $Out 'bench'
    foreach ($project in 'Floor', 'TrivialModule') {
        $projectOut = Join-Path $benchOut $project
        if (Test-Path $projectOut) { Remove-Item $projectOut -Recurse -Force }
        Invoke-Dotnet build (Join-Path $Root "bench/$project/$project.csproj") -c Release -o $projectOut --nologo --verbosity quiet '-clp:NoSummary;ErrorsOnly' '-p:TreatWarningsAsErrors=true'
    }
    & (Join-Path $Root 'build/Bench.ps1') -ModulePath $ModuleOut -EmulatorPath $EmulatorOut -BenchDirectory $benchOut
}

function Invoke-Clean {
    foreach ($path in @($Out, (Join-Path $Root '.tools')) + @(Get-ChildItem $Root -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Build; & (Join-Path $Root 'build/Package.ps1') -ModuleDirectory $ModuleOut -OutDirectory $Out }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
}
