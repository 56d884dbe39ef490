namespace Cdss.Emulator.Clusters;

/// <summary>
/// What an operation asks of the one broker-restart state machine: the kind, which brokers restart in
/// which waves, checks that depend on the cluster, and what to change when the run succeeds.
/// </summary>
public sealed record RunPlan
{
    public required string Kind { get; init; }
    public required Func<Cluster, IReadOnlyList<IReadOnlyList<int>>> Waves { get; init; }
    /// <summary>Checks of the request against the cluster, made before readiness (e.g. node numbers); null = fine.</summary>
    public Func<Cluster, Outcome?>? Validate { get; init; }
    /// <summary>Checks made after readiness (e.g. "the target version is not newer"); null = fine.</summary>
    public Func<Cluster, Outcome?>? Refuse { get; init; }
    public Action<Cluster>? OnSuccess { get; init; }
    /// <summary>Whether a cluster's <see cref="Cluster.NotReadyCode"/> applies (rolling restart only).</summary>
    public bool UsesNotReadyCode { get; init; }
    /// <summary>Use the visible config-apply settling delay instead of the invisible restart delay.</summary>
    public bool SettlesFirst { get; init; }

    /// <summary>Brokers one at a time, in order.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> OneByOne(IEnumerable<int> brokers) =>
        brokers.Select(b => (IReadOnlyList<int>)[b]).ToList();

    public static IReadOnlyList<IReadOnlyList<int>> AllBrokersOneByOne(Cluster c) => OneByOne(Enumerable.Range(1, c.BrokerCount));

    /// <summary>Every broker in a single wave.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> AllBrokersAtOnce(Cluster c) => [Enumerable.Range(1, c.BrokerCount).ToList()];

    public static readonly RunPlan RollingRestart = new()
    {
        Kind = RunKinds.RollingRestart,
        Waves = AllBrokersOneByOne,
        UsesNotReadyCode = true,
    };

    /// <summary>The restarting GETs (restartKafkaService, restartAllServices): every broker at once.</summary>
    public static RunPlan RestartEverything(string kind) => new() { Kind = kind, Waves = AllBrokersAtOnce };
}
