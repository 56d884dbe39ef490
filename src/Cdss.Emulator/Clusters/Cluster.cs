namespace Cdss.Emulator.Clusters;

/// <summary>
/// One emulated cluster. Static facts are fixed at seed time; the only mutable part is the
/// current rolling restart, whose progress is derived from timestamps when asked.
/// </summary>
public sealed class Cluster
{
    public required long No { get; init; }
    public required string Name { get; init; }
    /// <summary>serverStatus when no restart of ours is in progress (creating | changing | running | error ...).</summary>
    public required string SeedServerStatus { get; init; }
    public required string KafkaVersion { get; init; }
    public required string ApplicationVersion { get; init; }
    public required string VpcNo { get; init; }
    public required string VpcName { get; init; }
    public required DateTimeOffset CreateDate { get; init; }
    public required int BrokerCount { get; init; }
    public required string BrokerProductName { get; init; }
    public required int ManagerCount { get; init; }
    /// <summary>Zero-based broker index at which a rolling restart fails and stays red (kafka-flaky).</summary>
    public int? FailAtBroker { get; init; }

    /// <summary>Null when no restart was ever started (or after a reset).</summary>
    public RestartRun? Restart { get; set; }
}

/// <summary>
/// A rolling restart started at <paramref name="StartedAt"/> (a Stopwatch timestamp, so that
/// the clock-offset setting and wall-clock jumps cannot disturb it). The restart time per
/// broker is captured at start so changing the setting mid-run does not rewrite history.
/// </summary>
public sealed record RestartRun(long StartedAt, int BrokerRestartMs);

/// <summary>Everything the status and list operations need, computed for one instant.</summary>
public sealed record ClusterState(
    string ServerStatus,
    string BrokerStatus,
    int BrokersUp,
    IReadOnlyList<string> NodeStatus,
    string ZookeeperStatus,
    int ZookeepersUp,
    string CmakStatus,
    bool RestartInProgress);
