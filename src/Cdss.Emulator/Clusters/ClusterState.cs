namespace Cdss.Emulator.Clusters;

/// <summary>Everything the status and list operations need, computed for one instant.</summary>
public sealed record ClusterState(
    string ServerStatus,
    string BrokerStatus,
    int BrokersUp,
    IReadOnlyList<string> NodeStatus,
    string ZookeeperStatus,
    int ZookeepersUp,
    string ZookeeperNodeStatus,
    string CmakStatus);
