namespace Cdss.Emulator.Traffic;

/// <summary>
/// The metrics the emulator serves. The four cluster_* names are the start of the public metric list; the
/// broker_* names and every value are the emulator's choice (docs/EMULATOR.md). A client must not rely on any
/// name being present: the real list is longer and undocumented, and a cluster's traffic settings can leave names out.
/// </summary>
public static class MetricCatalog
{
    public const string MessagesInSecMean = "cluster_messagesInSecMean";

    public static readonly IReadOnlyList<MetricDefinition> Cluster =
    [
        new(MessagesInSecMean, "Messages In/sec (mean)", (_, rate, _, _) => Math.Round(rate, 2)),
        new("cluster_total_partition", "Total partitions", (p, _, _, _) => p.Partitions),
        new("cluster_total_topic", "Total topics", (p, _, _, _) => p.Topics),
        // Counted at the steady rate since the cluster was created; dips are not subtracted.
        new("cluster_total_message", "Total messages", (p, _, at, _) => Math.Floor(Math.Max(0, (at - p.CreateDate).TotalSeconds) * p.SteadyRate)),
    ];

    public static readonly IReadOnlyList<MetricDefinition> Broker =
    [
        new("broker_messagesInSec", "Messages In/sec", (p, rate, _, b) => Math.Round(BrokerRate(p, rate, b), 2)),
        new("broker_bytesInSec", "Bytes In/sec", (p, rate, _, b) => Math.Round(BrokerRate(p, rate, b) * p.MessageBytes)),
        // Two consumer groups read everything that comes in.
        new("broker_bytesOutSec", "Bytes Out/sec", (p, rate, _, b) => Math.Round(2 * BrokerRate(p, rate, b) * p.MessageBytes)),
        new("broker_partitionCount", "Partitions", (p, _, _, b) => p.Partitions / p.BrokerCount + (b <= p.Partitions % p.BrokerCount ? 1 : 0)),
    ];

    public static IEnumerable<string> AllNames => Cluster.Concat(Broker).Select(m => m.Name);

    private static double BrokerRate(TrafficProfile p, double clusterRate, int broker) => clusterRate * TrafficModel.BrokerShare(broker, p.BrokerCount);
}
