namespace Cdss.Emulator.Clusters;

/// <summary>
/// Values of brokerStatusPerNode[].status and zookeeperStatusPerNode[].status. The real values are not
/// documented, so the emulator deliberately sends words unlike the documented colours of the top-level
/// fields: a client that compares per-node status with "green" shows up in its tests.
/// </summary>
public static class NodeStatus
{
    public const string Running = "running";
    public const string Restarting = "restarting";
    public const string Error = "error";
    public const string Creating = "creating";
}
