namespace Cdss.Emulator.Traffic;

/// <summary>
/// A cluster's traffic faults (POST /_emulator/clusters/{no}/traffic): whether its rate comes back after a run,
/// and metrics left out of its monitoring answers.
/// </summary>
public sealed record TrafficSettings(bool Recovers, IReadOnlySet<string> AbsentMetrics)
{
    public static readonly TrafficSettings Default = new(true, new HashSet<string>(StringComparer.Ordinal));
}
