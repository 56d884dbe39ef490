namespace Cdss.Emulator.Clusters;

/// <summary>
/// One emulated cluster. Facts fixed at seed time are init-only; what maintenance can change
/// (status at rest, version, config group, the failure setting and the current run) is mutable,
/// and only ever touched under the <see cref="ClusterStore"/> lock.
/// </summary>
public sealed class Cluster
{
    public required long No { get; init; }
    public required string Name { get; init; }
    /// <summary>False for a cluster this access key may not act on: listed in disallowedClusters, 401/210 on use.</summary>
    public bool Allowed { get; init; } = true;
    public required long VpcNo { get; init; }
    public required string VpcName { get; init; }
    public required DateTimeOffset CreateDate { get; init; }
    public required int BrokerCount { get; init; }
    public required string BrokerProductName { get; init; }
    public required string BrokerProductCode { get; init; }
    public required int BrokerStorageGb { get; init; }
    public required int ManagerCount { get; init; }
    /// <summary>
    /// The non-zero envelope code a rolling-restart pre-check or restart answers while the cluster is not
    /// running; null for the documented form (code 0, result null). Only kafka-dev has one, so that clients
    /// must handle both forms.
    /// </summary>
    public int? NotReadyCode { get; init; }

    /// <summary>serverStatus when no run of ours is in progress: running, changing, creating or error.</summary>
    public required string StatusAtRest { get; set; }
    /// <summary>The 1-based broker shown as failed while <see cref="StatusAtRest"/> is error (default: the last one).</summary>
    public int? FailedBroker { get; set; }
    public required string KafkaVersionCode { get; set; }
    public required int ConfigGroupNo { get; set; }
    /// <summary>1-based broker at which every run that restarts it fails: that broker turns red and the cluster error.</summary>
    public int? FailAtBroker { get; set; }

    /// <summary>The restart-like run in progress, if any; finished runs are folded back into the fields above.</summary>
    public MaintenanceRun? ActiveRun { get; set; }

    public KafkaVersion Version => KafkaVersions.Get(KafkaVersionCode);

    /// <summary>Broker host names, shared by the progress check and the node list.</summary>
    public string BrokerHost(int broker) => $"{Name}-broker-{broker:D3}";

    public string ManagerHost(int manager) => $"{Name}-manager-{manager:D3}";
}
