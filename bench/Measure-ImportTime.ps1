<#
    Run in a fresh pwsh by build/Bench.ps1 for the import breakdown: imports a built-in binary module first,
    untimed, so that PowerShell's own import code is already jitted, then times Import-Module of -Path and
    prints "<wall ms> <cpu ms>". What is left is the module's own cost, a few ms to a few tens, which
    whole-process times (several hundred ms, and noisy) cannot resolve. CPU time covers all threads of the
    process (microsecond resolution on .NET 9+).
#>
param(
    [Parameter(Mandatory)] [string] $Path,
    [string] $WarmUpModule = 'Microsoft.PowerShell.Utility'
)
$ErrorActionPreference = 'Stop'
Import-Module $WarmUpModule
$cpuNow = if ([Environment].GetProperty('CpuUsage')) { { [Environment]::CpuUsage.TotalTime } } else { { [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime } }
$cpuBefore = & $cpuNow
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $Path
$clock.Stop()
$cpu = (& $cpuNow) - $cpuBefore
$invariant = [cultureinfo]::InvariantCulture
[Console]::Out.WriteLine($clock.Elapsed.TotalMilliseconds.ToString('0.00', $invariant) + ' ' + $cpu.TotalMilliseconds.ToString('0.00', $invariant))
