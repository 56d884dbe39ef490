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

    /// <summary>restartKafkaServicePerNode: the named brokers (1-based), one at a time, in broker order.</summary>
    public static RunPlan NodeRestart(IReadOnlyCollection<long> computeInstanceNos) => new()
    {
        Kind = RunKinds.NodeRestart,
        Validate = c => computeInstanceNos.Where(n => NodeNumbers.BrokerOf(c, n) is null).Select(n => (long?)n).FirstOrDefault() is { } bad
            ? Outcome.Error(EnvelopeCodes.InvalidNo, $"{EnvelopeCodes.InvalidComputeInstanceListMessage}: {bad} is not a broker of cluster {c.No}")
            : null,
        Waves = c => OneByOne(computeInstanceNos.Select(n => NodeNumbers.BrokerOf(c, n)!.Value).Distinct().Order()),
    };

    /// <summary>A rolling upgrade to <paramref name="target"/> with <paramref name="group"/>, which must be made for it.</summary>
    public static RunPlan Upgrade(KafkaVersion target, ConfigGroup group) => new()
    {
        Kind = RunKinds.RollingUpgrade,
        Waves = AllBrokersOneByOne,
        Refuse = c => target.Parsed > c.Version.Parsed ? null
            : Outcome.No($"The target Kafka version {target.VersionText} is not newer than the cluster's ({c.Version.VersionText})"),
        OnSuccess = c =>
        {
            c.KafkaVersionCode = target.Code;
            c.ConfigGroupNo = group.No;
        },
    };

    /// <summary>setClusterKafkaConfigGroup: settle (changing), restart every broker one at a time, then use the group.</summary>
    public static RunPlan ConfigApply(ConfigGroup group) => new()
    {
        Kind = RunKinds.ConfigApply,
        Waves = AllBrokersOneByOne,
        SettlesFirst = true,
        Validate = c => c.KafkaVersionCode == group.KafkaVersionCode ? null
            : Outcome.Error(EnvelopeCodes.VersionMismatch,
                $"Config group {group.No} is for Kafka version code {group.KafkaVersionCode}; cluster {c.No} runs {c.KafkaVersionCode}"),
        OnSuccess = c => c.ConfigGroupNo = group.No,
    };
}
