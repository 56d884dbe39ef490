<#
    The Cdss benchmark: four figures, each a ratio of things measured side by side in the same run, because
    the machines it runs on are shared and noisy. Asserts nothing (behaviour lives in the tests); it prints a
    table and writes results.md and results.json to -BenchDirectory.

      1. Per call, sequential, no added latency, interleaved A B C over -Rounds rounds of -PerCallCount each:
         (A) Test-CdssRollingRestart -ThrottleLimit 1 fed by the pipeline, (B) the hand-rolled
         Invoke-RestMethod function in bench/HandRolledPreCheck.ps1, (C) the C# floor in bench/Floor, run as
         its own process and timing itself after a warm-up. Medians in ms per call, A/C and B/A.
      2. Fleet: 1,000 clusters at 100 ms emulator latency, -ThrottleLimit 32, against 1,000 x 0.1 s / 32.
      3. Import: bare pwsh, Import-Module Cdss and Import-Module of a trivial binary module (the floor), as
         whole processes, interleaved; plus in-process import times that split Cdss's cost into its format
         file and its assembly.
      4. Memory: 10,000 then 50,000 pre-checks in a child pwsh: peak working set growth and heap after GC.

    Run it through the build: dotnet pwsh ./build.ps1 -Task Bench (it builds the floor programs first).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    # Holds Floor/ and TrivialModule/ (built by build.ps1) and receives results.md and results.json.
    [Parameter(Mandatory)] [string] $BenchDirectory,
    [int] $PerCallCount = 2000,
    [int] $Rounds = 5,
    [int] $ImportRuns = 10,
    [int] $FleetRuns = 3
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$BenchSources = Join-Path $Root 'bench'
$ModulePath = (Resolve-Path $ModulePath).Path
$BenchDirectory = (Resolve-Path $BenchDirectory).Path
$Pwsh = Join-Path $PSHOME 'pwsh'
$FloorDll = Join-Path $BenchDirectory 'Floor/Floor.dll'
$TrivialManifest = Join-Path $BenchDirectory 'TrivialModule/TrivialModule.psd1'
$TrivialWithFormatManifest = Join-Path $BenchDirectory 'TrivialModule/TrivialModuleWithFormat.psd1'
foreach ($built in $FloorDll, $TrivialManifest, $TrivialWithFormatManifest) {
    if (-not (Test-Path $built)) { throw "'$built' is missing. Run: dotnet pwsh ./build.ps1 -Task Bench" }
}

# The fixed shape of the four figures (the brief of each is in the header above).
$Clusters = 1000
$FleetLatencyMs = 100
$FleetThrottleLimit = 32
$MemoryCounts = 10000, 50000
$MB = 1MB

Import-Module (Join-Path $PSScriptRoot 'CdssEmulator.psm1') -Force
Import-Module $ModulePath -Force
. (Join-Path $BenchSources 'HandRolledPreCheck.ps1')

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { 'n/a' }
}

# CPU time of this process's reaped children (Linux: /proc/self/stat cutime + cstime, in 10 ms ticks), or
# $null elsewhere. It moves far less than wall time when other work shares the cores.
function Get-ChildCpuMilliseconds {
    if (-not (Test-Path /proc/self/stat)) { return $null }
    $stat = Get-Content /proc/self/stat -Raw
    $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')   # fields[0] is field 3 (state)
    ([long]$fields[13] + [long]$fields[14]) * 10                      # cutime, cstime; USER_HZ is 100
}

# Starts a process, waits for it, and times it from start to exit; stdout is returned, stderr passes through.
function Invoke-TimedProcess([string] $FileName, [string[]] $Arguments, [hashtable] $Environment = @{}) {
    $info = [Diagnostics.ProcessStartInfo]::new($FileName)
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    foreach ($key in $Environment.Keys) { $info.Environment[$key] = $Environment[$key] }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.WorkingDirectory = $Root
    $cpuBefore = Get-ChildCpuMilliseconds
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($info)
    $output = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    $clock.Stop()
    $cpuAfter = Get-ChildCpuMilliseconds
    if ($process.ExitCode -ne 0) { throw "'$FileName $($Arguments -join ' ')' exited with code $($process.ExitCode): $output" }
    [pscustomobject]@{
        Milliseconds    = $clock.Elapsed.TotalMilliseconds
        CpuMilliseconds = if ($null -ne $cpuBefore) { $cpuAfter - $cpuBefore }
        Output          = $output.Trim()
    }
}

function Get-MachineInfo {
    $os = [Runtime.InteropServices.RuntimeInformation]::OSDescription
    $cpu = if (Test-Path /proc/cpuinfo) { (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches.Groups[1].Value } else { $env:PROCESSOR_IDENTIFIER }
    [ordered]@{
        cores  = [Environment]::ProcessorCount
        cpu    = "$cpu".Trim()
        os     = "$os ($([Runtime.InteropServices.RuntimeInformation]::OSArchitecture))"
        pwsh   = $PSVersionTable.PSVersion.ToString()
        dotnet = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    }
}

# --- 3. Import ------------------------------------------------------------------------------------------
# Runs first, while no emulator is using a core. Whole-process times for the three commands the figure is
# about; for the breakdown, in-process Import-Module times with PowerShell's import code already warm
# (bench/Measure-ImportTime.ps1), since a few ms of format file or assembly drown in the noise of whole
# processes.
function Measure-Import {
    # Cdss exactly as built, minus its format file: the difference is what the format file costs.
    $noFormat = Join-Path $BenchDirectory 'import/Cdss'
    if (Test-Path $noFormat) { Remove-Item $noFormat -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $noFormat)
    Copy-Item $ModulePath $noFormat -Recurse
    $manifest = Join-Path $noFormat 'Cdss.psd1'
    $lines = @(Get-Content $manifest)
    $kept = @($lines | Where-Object { $_ -notmatch '^\s*FormatsToProcess\s*=' })
    if ($kept.Count -ne $lines.Count - 1) { throw "Expected one FormatsToProcess line in $manifest." }
    Set-Content $manifest $kept

    $relative = { param($Path) './' + ([IO.Path]::GetRelativePath($Root, $Path) -replace '\\', '/') }
    $measureScript = Join-Path $BenchSources 'Measure-ImportTime.ps1'
    $inProcess = { param($Path) @('-NoProfile', '-NonInteractive', '-File', $measureScript, '-Path', $Path) }
    $commands = [ordered]@{
        bare                 = @('-NoProfile', '-Command', 'exit')
        cdss                 = @('-NoProfile', '-Command', "Import-Module $(& $relative $ModulePath)")
        floor                = @('-NoProfile', '-Command', "Import-Module $(& $relative $TrivialManifest)")
        floor_inproc         = & $inProcess $TrivialManifest
        floor_format_inproc  = & $inProcess $TrivialWithFormatManifest
        cdss_noformat_inproc = & $inProcess $manifest
        cdss_inproc          = & $inProcess $ModulePath
    }
    # One untimed start of each, so the first timed runs do not pay for a cold file cache.
    foreach ($name in $commands.Keys) { $null = Invoke-TimedProcess $Pwsh $commands[$name] }

    $names = @($commands.Keys)
    $wall = [ordered]@{}
    $cpu = [ordered]@{}
    foreach ($name in $names) { $wall[$name] = [Collections.Generic.List[double]]::new(); $cpu[$name] = [Collections.Generic.List[double]]::new() }
    for ($run = 0; $run -lt $ImportRuns; $run++) {
        # Interleaved, and the order rotates every run so no command always follows the same one.
        for ($i = 0; $i -lt $names.Count; $i++) {
            $name = $names[($i + $run) % $names.Count]
            $result = Invoke-TimedProcess $Pwsh $commands[$name]
            if ($name -like '*_inproc') {
                $reported = [double[]]($result.Output -split ' ')
                $wall[$name].Add($reported[0]); $cpu[$name].Add($reported[1])
            }
            else {
                $wall[$name].Add($result.Milliseconds)
                if ($null -ne $result.CpuMilliseconds) { $cpu[$name].Add($result.CpuMilliseconds) }
            }
        }
        Write-Host "  import run $($run + 1) of $ImportRuns"
    }
    $figures = {
        param($Samples)
        $median = @{}
        foreach ($name in $names) { $median[$name] = if ($Samples[$name].Count) { Get-Median $Samples[$name] } }
        if ($null -eq $median.bare) { return $null }
        [ordered]@{
            bare_ms                   = $median.bare
            import_ms                 = $median.cdss - $median.bare
            import_floor_ms           = $median.floor - $median.bare
            above_floor_ms            = $median.cdss - $median.floor
            above_floor_in_process_ms = $median.cdss_inproc - $median.floor_inproc
            format_ms                 = $median.cdss_inproc - $median.cdss_noformat_inproc
            assembly_ms               = $median.cdss_noformat_inproc - $median.floor_inproc
            any_format_file_ms        = $median.floor_format_inproc - $median.floor_inproc
            in_process_ms             = [ordered]@{ floor = $median.floor_inproc; floor_with_format = $median.floor_format_inproc; cdss_without_format = $median.cdss_noformat_inproc; cdss = $median.cdss_inproc }
        }
    }
    $quoted = { param($Arguments) "pwsh $($Arguments[0..1] -join ' ') `"$($Arguments[2])`"" }
    [ordered]@{
        commands   = [ordered]@{ bare = "pwsh $($commands.bare -join ' ')"; cdss = & $quoted $commands.cdss; floor = & $quoted $commands.floor }
        wall       = & $figures $wall
        cpu        = & $figures $cpu
        samples_ms = [ordered]@{ wall = $wall; cpu = $cpu }
    }
}

# --- 1. Per call -----------------------------------------------------------------------------------------
function Measure-PerCall($Emulator, $Session, [long[]] $Numbers, [string] $NumbersFile) {
    $inputs = [long[]]::new($PerCallCount)
    for ($i = 0; $i -lt $PerCallCount; $i++) { $inputs[$i] = $Numbers[$i % $Numbers.Count] }
    $secret = $Emulator.Credential.GetNetworkCredential().Password
    $ways = [ordered]@{
        module     = { param($In) @($In | Test-CdssRollingRestart -Session $Session -ThrottleLimit 1 -ErrorAction Stop).Count }
        handrolled = { param($In) @($In | Invoke-HandRolledPreCheck -Endpoint $Emulator.Endpoint -AccessKey $Emulator.AccessKey -SecretKey $secret -ErrorAction Stop).Count }
    }
    $floorArguments = @($FloorDll, '--endpoint', $Emulator.Endpoint, '--access-key', $Emulator.AccessKey, '--numbers', $NumbersFile,
        '--calls', "$PerCallCount", '--warmup', "$PerCallCount")
    $floorEnvironment = @{ CDSS_BENCH_SECRET_KEY = $secret }

    # Warm-up: one pass of A and B, then round 0, run like the others but not counted. PowerShell's JIT
    # settles only after a pause in its work (here, while the floor runs), so without round 0 the first
    # counted round of A and B measures the warm-up instead.
    $null = & $ways.module $inputs
    $null = & $ways.handrolled $inputs[0..([math]::Min(500, $PerCallCount) - 1)]

    $samples = [ordered]@{ module = [Collections.Generic.List[double]]::new(); handrolled = [Collections.Generic.List[double]]::new(); floor = [Collections.Generic.List[double]]::new() }
    $warmUpRound = $null
    for ($round = 0; $round -le $Rounds; $round++) {
        $perCall = [ordered]@{}
        foreach ($name in $ways.Keys) {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $count = & $ways[$name] $inputs
            $clock.Stop()
            if ($count -ne $PerCallCount) { throw "$name produced $count results for $PerCallCount pre-checks." }
            $perCall[$name] = $clock.Elapsed.TotalMilliseconds / $PerCallCount
        }
        $floor = (Invoke-TimedProcess 'dotnet' $floorArguments $floorEnvironment).Output | ConvertFrom-Json
        if ($floor.answered -ne $PerCallCount) { throw "The floor program got $($floor.answered) answers for $PerCallCount pre-checks." }
        $perCall.floor = [double]$floor.ms_per_call
        $label = if ($round -eq 0) { 'round 0 (warm-up, not counted)' } else { "round $round of $Rounds" }
        Write-Host ("  {0}: A {1:0.000} ms, B {2:0.000} ms, C {3:0.000} ms per call" -f $label, $perCall.module, $perCall.handrolled, $perCall.floor)
        if ($round -eq 0) { $warmUpRound = $perCall; continue }
        foreach ($name in $perCall.Keys) { $samples[$name].Add($perCall[$name]) }
    }
    $median = [ordered]@{}
    foreach ($name in $samples.Keys) { $median[$name] = Get-Median $samples[$name] }
    [ordered]@{ median = $median; samples = $samples; warm_up_round = $warmUpRound }
}

# --- 4. Memory -------------------------------------------------------------------------------------------
# -Gen0BudgetBytes runs the same child with a small gen0 budget (DOTNET_GCgen0size), to show how much of a
# peak, and of its rise from 10,000 to 50,000, is the garbage collector's allowance for new objects rather
# than anything the module keeps.
function Measure-Memory($Emulator, [string] $NumbersFile, [int[]] $Counts, [long] $Gen0BudgetBytes = 0) {
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $BenchSources 'Measure-PreCheckMemory.ps1'),
        '-ModulePath', $ModulePath, '-Endpoint', $Emulator.Endpoint, '-AccessKey', $Emulator.AccessKey,
        '-NumbersFile', $NumbersFile, '-Counts', ($Counts -join ','))
    $environment = @{ CDSS_BENCH_SECRET_KEY = $Emulator.Credential.GetNetworkCredential().Password }
    if ($Gen0BudgetBytes -gt 0) { $environment.DOTNET_GCgen0size = '0x{0:X}' -f $Gen0BudgetBytes }
    (Invoke-TimedProcess $Pwsh $arguments $environment).Output | ConvertFrom-Json
}

# --- 2. Fleet --------------------------------------------------------------------------------------------
function Measure-Fleet {
    $emulator = Start-CdssEmulator -EmulatorPath $EmulatorPath -ArgumentList '--clusters', "$Clusters", '--latency-ms', "$FleetLatencyMs"
    try {
        $session = Connect-Cdss -Endpoint $emulator.Endpoint -Credential $emulator.Credential -NotDefault
        $numbers = [long[]]@((Get-CdssCluster -Session $session).ServiceGroupInstanceNo)
        if ($numbers.Count -ne $Clusters) { throw "The fleet emulator listed $($numbers.Count) clusters, not $Clusters." }
        # Two waves first, so the timed runs start with open connections and a warmed-up emulator.
        $null = @($numbers[0..(2 * $FleetThrottleLimit - 1)] | Test-CdssRollingRestart -Session $session -ThrottleLimit $FleetThrottleLimit -ErrorAction Stop)
        $walls = foreach ($run in 1..$FleetRuns) {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $count = @($numbers | Test-CdssRollingRestart -Session $session -ThrottleLimit $FleetThrottleLimit -ErrorAction Stop).Count
            $clock.Stop()
            if ($count -ne $Clusters) { throw "The fleet run produced $count results for $Clusters clusters." }
            Write-Host ("  fleet run {0} of {1}: {2:0.00} s" -f $run, $FleetRuns, $clock.Elapsed.TotalSeconds)
            $clock.Elapsed.TotalSeconds
        }
        [ordered]@{ wall_s = Get-Median $walls; ideal_s = $Clusters * $FleetLatencyMs / 1000 / $FleetThrottleLimit; runs_s = @($walls) }
    }
    finally {
        Stop-CdssEmulator $emulator
    }
}

# --- The run ---------------------------------------------------------------------------------------------
$started = [DateTimeOffset]::UtcNow
$loadAtStart = Get-LoadAverage
$totalClock = [Diagnostics.Stopwatch]::StartNew()

Write-Host "==> Import: $ImportRuns runs of each command, interleaved" -ForegroundColor Cyan
$import = Measure-Import

Write-Host "==> Per call: $Rounds rounds of $PerCallCount pre-checks, A B C interleaved" -ForegroundColor Cyan
$emulator = Start-CdssEmulator -EmulatorPath $EmulatorPath -ArgumentList '--clusters', "$Clusters"
try {
    $session = Connect-Cdss -Endpoint $emulator.Endpoint -Credential $emulator.Credential -NotDefault
    $numbers = [long[]]@((Get-CdssCluster -Session $session).ServiceGroupInstanceNo)
    if ($numbers.Count -ne $Clusters) { throw "The emulator listed $($numbers.Count) clusters, not $Clusters." }
    $numbersFile = Join-Path $BenchDirectory 'clusters.txt'
    Set-Content -LiteralPath $numbersFile -Value $numbers
    $perCall = Measure-PerCall $emulator $session $numbers $numbersFile

    Write-Host "==> Memory: $($MemoryCounts -join ' then ') pre-checks in a child pwsh" -ForegroundColor Cyan
    $memory = Measure-Memory $emulator $numbersFile $MemoryCounts
    $smallGen0 = Measure-Memory $emulator $numbersFile $MemoryCounts -Gen0BudgetBytes 16MB
}
finally {
    Stop-CdssEmulator $emulator
}

Write-Host "==> Fleet: $Clusters clusters, $FleetLatencyMs ms latency, -ThrottleLimit $FleetThrottleLimit" -ForegroundColor Cyan
$fleet = Measure-Fleet
$totalClock.Stop()

$growth10k = $memory.samples[0].peak_growth_bytes / $MB
$growth50k = $memory.samples[1].peak_growth_bytes / $MB
$results = [ordered]@{
    machine                           = Get-MachineInfo
    started_utc                       = $started.ToString('yyyy-MM-dd HH:mm') + ' UTC'
    load_average                      = [ordered]@{ start = $loadAtStart; end = Get-LoadAverage }
    duration_s                        = [math]::Round($totalClock.Elapsed.TotalSeconds)
    per_call_ms                       = $perCall.median
    per_call_ratios                   = [ordered]@{
        module_over_floor      = $perCall.median.module / $perCall.median.floor
        handrolled_over_module = $perCall.median.handrolled / $perCall.median.module
    }
    per_call_rounds_ms                = $perCall.samples
    per_call_setup                    = [ordered]@{ pre_checks_per_round = $PerCallCount; rounds = $Rounds; clusters = $Clusters; warm_up_round_ms = $perCall.warm_up_round }
    fleet                             = $fleet
    import_ms                         = $import.wall.import_ms
    import_floor_ms                   = $import.wall.import_floor_ms
    import_bare_ms                    = $import.wall.bare_ms
    import_above_floor_ms             = $import.wall.above_floor_ms
    import_format_ms                  = $import.wall.format_ms
    import_assembly_ms                = $import.wall.assembly_ms
    import_any_format_file_ms         = $import.wall.any_format_file_ms
    import_above_floor_in_process_ms  = $import.wall.above_floor_in_process_ms
    import_cpu                        = $import.cpu
    import_detail                     = [ordered]@{ runs = $ImportRuns; commands = $import.commands; in_process_ms = $import.wall.in_process_ms; samples_ms = $import.samples_ms }
    memory_mb                         = [ordered]@{
        growth_10k                = $growth10k
        growth_50k                = $growth50k
        heap_after_gc             = $memory.samples[1].heap_after_gc_bytes / $MB
        heap_after_gc_10k         = $memory.samples[0].heap_after_gc_bytes / $MB
        heap_before               = $memory.baseline_heap_bytes / $MB
        peak_before               = $memory.baseline_peak_bytes / $MB
        allocated_kb_per_precheck = $memory.samples[0].allocated_bytes_per_precheck / 1KB
        gen0_max_budget           = if ($memory.gen0_max_budget_bytes) { $memory.gen0_max_budget_bytes / $MB } else { $null }
        growth_10k_with_16mb_gen0 = $smallGen0.samples[0].peak_growth_bytes / $MB
        growth_50k_with_16mb_gen0 = $smallGen0.samples[1].peak_growth_bytes / $MB
    }
}
$results.targets = [ordered]@{
    module_over_floor_at_most_1_2         = $results.per_call_ratios.module_over_floor -le 1.2
    handrolled_over_module_at_least_5     = $results.per_call_ratios.handrolled_over_module -ge 5
    fleet_within_1_1_of_ideal             = $fleet.wall_s -le 1.1 * $fleet.ideal_s
    # Whole-process medians swing by tens of ms on a busy machine, so the in-process figure must agree.
    import_within_20_ms_of_floor          = $import.wall.above_floor_ms -le 20 -and $import.wall.above_floor_in_process_ms -le 20
    memory_growth_10k_at_most_50_mb       = $growth10k -le 50
    memory_growth_50k_within_10_mb_of_10k = ($growth50k - $growth10k) -le 10
}

$markdown = & (Join-Path $BenchSources 'Format-BenchResults.ps1') -Results $results
$markdown | Set-Content -LiteralPath (Join-Path $BenchDirectory 'results.md')
$results | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath (Join-Path $BenchDirectory 'results.json')
Write-Host ''
Write-Host $markdown
Write-Host "Written: $(Join-Path $BenchDirectory 'results.md'), $(Join-Path $BenchDirectory 'results.json') ($($results.duration_s) s)"
