<#
    Run in a fresh pwsh by build/Bench.ps1: times one Import-Module inside the process (so pwsh's own start-up
    is left out) and prints "<wall ms> <cpu ms>". Used for the import breakdown, where differences of a few
    milliseconds would drown in the noise of whole-process times. CPU time (all threads of this process,
    microsecond resolution on .NET 9+) moves far less than wall time when other work shares the cores.
#>
param([Parameter(Mandatory)] [string] $Path)
$ErrorActionPreference = 'Stop'
$cpuNow = if ([Environment].GetProperty('CpuUsage')) { { [Environment]::CpuUsage.TotalTime } } else { { [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime } }
$cpuBefore = & $cpuNow
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $Path
$clock.Stop()
$cpu = (& $cpuNow) - $cpuBefore
$invariant = [cultureinfo]::InvariantCulture
[Console]::Out.WriteLine($clock.Elapsed.TotalMilliseconds.ToString('0.00', $invariant) + ' ' + $cpu.TotalMilliseconds.ToString('0.00', $invariant))
