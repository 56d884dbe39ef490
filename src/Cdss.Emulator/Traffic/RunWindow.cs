using Cdss.Emulator.Clusters;

namespace Cdss.Emulator.Traffic;

/// <summary>
/// When a run's brokers were restarting: from the end of its delay (nothing restarts during it, visible or not)
/// to the end of its last wave. A run still going has an end in the future.
/// </summary>
public readonly record struct RunWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public static RunWindow Of(MaintenanceRun run) =>
        new(run.AcceptedAt.AddMilliseconds(run.DelayMs), run.AcceptedAt.AddMilliseconds(run.DurationMs));
}
