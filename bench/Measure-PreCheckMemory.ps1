<#
    Run in a fresh pwsh by build/Bench.ps1: pipes growing numbers of pre-checks through
    Test-CdssRollingRestart in this process and reports, as one JSON line, how the process's peak working set
    and its managed heap (after a full collection) moved, and how much was allocated per pre-check. The
    results are counted, never kept, so whatever grows is the module's. The secret key comes from
    CDSS_BENCH_SECRET_KEY.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $AccessKey,
    [Parameter(Mandatory)] [string] $NumbersFile,
    # Comma-separated, e.g. 10000,50000 (pwsh -File passes every argument as one string).
    [string] $Counts = '10000,50000',
    [int] $WarmUp = 1000
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$secret = ConvertTo-SecureString $env:CDSS_BENCH_SECRET_KEY -AsPlainText -Force
$session = Connect-Cdss -Endpoint $Endpoint -AccessKey $AccessKey -SecretKey $secret -NotDefault
$numbers = [long[]](Get-Content -LiteralPath $NumbersFile)
$process = [Diagnostics.Process]::GetCurrentProcess()

function Invoke-PreChecks([int] $Count) {
    # Numbers are produced one at a time, so no input array grows with the count either.
    $results = & { for ($i = 0; $i -lt $Count; $i++) { $numbers[$i % $numbers.Length] } } |
        Test-CdssRollingRestart -Session $session |
        Measure-Object
    if ($results.Count -ne $Count) { throw "$Count pre-checks produced $($results.Count) results." }
}

function Get-MemorySample {
    $heap = [GC]::GetTotalMemory($true)
    $process.Refresh()
    @{ peak = $process.PeakWorkingSet64; heap = $heap }
}

# Warm up JIT, the connection pool and PowerShell's caches first: the figures are about what keeps growing.
Invoke-PreChecks $WarmUp
$baseline = Get-MemorySample
$samples = foreach ($count in [int[]]($Counts -split ',')) {
    $allocatedBefore = [GC]::GetTotalAllocatedBytes($true)
    Invoke-PreChecks $count
    $allocated = [GC]::GetTotalAllocatedBytes($true) - $allocatedBefore
    $after = Get-MemorySample
    [ordered]@{
        count                        = $count
        peak_growth_bytes            = $after.peak - $baseline.peak
        heap_after_gc_bytes          = $after.heap
        allocated_bytes_per_precheck = [math]::Round($allocated / $count)
    }
}
# The most gen0 may grow to between collections (.NET 7+): a peak working set can rise by about this much
# in any process that allocates steadily, whatever it keeps.
$gen0MaxBudget = if ([GC].GetMethod('GetConfigurationVariables')) { [GC]::GetConfigurationVariables()['GCGen0MaxBudget'] }
[ordered]@{
    gen0_max_budget_bytes = $gen0MaxBudget
    baseline_peak_bytes   = $baseline.peak
    baseline_heap_bytes   = $baseline.heap
    samples               = @($samples)
} | ConvertTo-Json -Compress -Depth 4
