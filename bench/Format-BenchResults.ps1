<#
    Renders the results of build/Bench.ps1 as the markdown table that is printed, saved as results.md and
    copied into the README's Performance section.
#>
param([Parameter(Mandatory)] [System.Collections.IDictionary] $Results)
Set-StrictMode -Version 3.0

$invariant = [cultureinfo]::InvariantCulture
function Format-Number([double] $Value, [string] $Format) { $Value.ToString($Format, $invariant) }
function Format-Met([bool] $Met) { if ($Met) { 'yes' } else { '**no**' } }

$m = $Results.machine
$perCall = $Results.per_call_ms
$ratios = $Results.per_call_ratios
$setup = $Results.per_call_setup
$fleet = $Results.fleet
$memory = $Results.memory_mb
$targets = $Results.targets
$importRuns = $Results.import_detail.runs
$fleetRuns = @($fleet.runs_s).Count
$rows = @(
    "| **Per call**: sequential, no added latency; median of $($setup.rounds) rounds of $(Format-Number $setup.pre_checks_per_round 'N0') pre-checks each, A B C interleaved | | | |"
    "| A: the module, ``Test-CdssRollingRestart -ThrottleLimit 1`` fed by the pipeline | $(Format-Number $perCall.module '0.000') ms | | |"
    "| B: hand-rolled function, ``HMACSHA256`` + ``Invoke-RestMethod`` per cluster | $(Format-Number $perCall.handrolled '0.000') ms | | |"
    "| C: floor, C# with one ``HttpClient``, same signing, no PowerShell | $(Format-Number $perCall.floor '0.000') ms | | |"
    "| A/C | $(Format-Number $ratios.module_over_floor '0.00') | ≤ 1.2 | $(Format-Met $targets.module_over_floor_at_most_1_2) |"
    "| B/A | $(Format-Number $ratios.handrolled_over_module '0.0') | ≥ 5 | $(Format-Met $targets.handrolled_over_module_at_least_5) |"
    "| **Fleet**: $(Format-Number $setup.clusters 'N0') clusters, 100 ms emulator latency, ``-ThrottleLimit 32``; median of $fleetRuns runs | | | |"
    "| wall time | $(Format-Number $fleet.wall_s '0.00') s | | |"
    "| ideal, $(Format-Number $setup.clusters 'N0') × 0.1 s / 32 | $(Format-Number $fleet.ideal_s '0.00') s | | |"
    "| wall / ideal | $(Format-Number ($fleet.wall_s / $fleet.ideal_s) '0.00') | ≤ 1.1 | $(Format-Met $targets.fleet_within_1_1_of_ideal) |"
    "| **Import**: median of $importRuns fresh processes per command, interleaved | | | |"
    "| bare pwsh, ``pwsh -NoProfile -Command exit`` | $(Format-Number $Results.import_bare_ms '0') ms | | |"
    "| Cdss, ``Import-Module ./out/Cdss``, over bare pwsh | $(Format-Number $Results.import_ms '0') ms | | |"
    "| floor: a trivial binary module (two empty cmdlets), over bare pwsh | $(Format-Number $Results.import_floor_ms '0') ms | | |"
    "| Cdss above the floor | $(Format-Number $Results.import_above_floor_ms '0') ms | ≤ 20 ms | $(Format-Met $targets.import_within_20_ms_of_floor) (both rows) |"
    "| the same, ``Import-Module`` timed inside fresh processes after a built-in module, so PowerShell's import code is warm | $(Format-Number $Results.import_above_floor_in_process_ms '0') ms | ≤ 20 ms | |"
    "| of which the manifest's format file | $(Format-Number $Results.import_format_ms '0') ms | | |"
    "| of which the assembly: load, types, cmdlets, initializer | $(Format-Number $Results.import_assembly_ms '0') ms | | |"
    "| for comparison: a one-view format file added to the trivial module | $(Format-Number $Results.import_any_format_file_ms '0') ms | | |"
    "| **Memory**: pre-checks piped through ``Test-CdssRollingRestart`` in a child pwsh, after a warm-up | | | |"
    "| peak working set growth, 10,000 pre-checks | $(Format-Number $memory.growth_10k '0.0') MB | ≤ 50 MB | $(Format-Met $targets.memory_growth_10k_at_most_50_mb) |"
    "| peak working set growth, 50,000 pre-checks | $(Format-Number $memory.growth_50k '0.0') MB | ≤ growth at 10,000 + 10 MB | $(Format-Met $targets.memory_growth_50k_within_10_mb_of_10k) |"
    "| managed heap after a full GC, after 50,000 (before: $(Format-Number $memory.heap_before '0.0') MB) | $(Format-Number $memory.heap_after_gc '0.0') MB | | |"
    "| for comparison: allocated per pre-check; the runtime's gen0 budget (``GCGen0MaxBudget``) | $(Format-Number $memory.allocated_kb_per_precheck '0.0') KB; $(if ($null -ne $memory.gen0_max_budget) { (Format-Number $memory.gen0_max_budget '0') + ' MB' } else { 'n/a' }) | | |"
    "| for comparison: growth at 10,000 and at 50,000 with a 16 MB gen0 budget (``DOTNET_GCgen0size``) | $(Format-Number $memory.growth_10k_with_16mb_gen0 '0.0') MB, $(Format-Number $memory.growth_50k_with_16mb_gen0 '0.0') MB | | |"
)

@(
    "Cdss benchmark, $($Results.started_utc): one run of ``dotnet pwsh ./build.ps1 -Task Bench`` (measurements: $($Results.duration_s) s)."
    ''
    "Machine: $($m.cores) cores ($($m.cpu)), $($m.os), PowerShell $($m.pwsh), $($m.dotnet). Load average (1, 5, 15 min) at start $($Results.load_average.start), at end $($Results.load_average.end)."
    ''
    '| figure | measured | target | met |'
    '|---|---:|---|---|'
    $rows
) -join "`n"
