namespace Cdss.Emulator.Traffic;

/// <summary>
/// One metric the emulator serves: its name, the graph name the console would show, and its value from the
/// cluster's profile, the cluster's message rate at the instant and the broker (1-based; 0 for cluster metrics).
/// </summary>
public sealed record MetricDefinition(string Name, string GraphName, Func<TrafficProfile, double, DateTimeOffset, int, double> Value);
