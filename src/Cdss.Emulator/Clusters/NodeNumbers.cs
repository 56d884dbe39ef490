namespace Cdss.Emulator.Clusters;

/// <summary>
/// computeInstanceNo of a cluster's nodes (the emulator's scheme): broker i (1-based) of cluster N is
/// N*100 + i, manager j is N*100 + 50 + j.
/// </summary>
public static class NodeNumbers
{
    public static long Broker(Cluster c, int broker) => c.No * 100 + broker;

    public static long Manager(Cluster c, int manager) => c.No * 100 + 50 + manager;

    /// <summary>The 1-based broker a computeInstanceNo names in this cluster, or null.</summary>
    public static int? BrokerOf(Cluster c, long computeInstanceNo)
    {
        var broker = computeInstanceNo - c.No * 100;
        return broker >= 1 && broker <= c.BrokerCount ? (int)broker : null;
    }

    /// <summary>The 1-based manager node a computeInstanceNo names in this cluster, or null.</summary>
    public static int? ManagerOf(Cluster c, long computeInstanceNo)
    {
        var manager = computeInstanceNo - c.No * 100 - 50;
        return manager >= 1 && manager <= c.ManagerCount ? (int)manager : null;
    }
}
