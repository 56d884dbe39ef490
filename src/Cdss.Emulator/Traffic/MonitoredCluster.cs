using System.Globalization;
using Cdss.Emulator.Clusters;

namespace Cdss.Emulator.Traffic;

/// <summary>
/// What a monitoring answer needs of a cluster, copied under the store's lock: its traffic profile, and which of
/// its nodes the asked computeInstanceNo is (a broker, a manager node, or neither).
/// </summary>
public sealed record MonitoredCluster(long No, TrafficProfile Profile, int? Broker, int? Manager)
{
    public static MonitoredCluster Of(Cluster c, long computeInstanceNo) =>
        new(c.No, TrafficProfile.For(c.No, c.BrokerCount, c.CreateDate), NodeNumbers.BrokerOf(c, computeInstanceNo), NodeNumbers.ManagerOf(c, computeInstanceNo));

    /// <summary>
    /// Cluster metrics are about a manager node, broker metrics about a broker (reference section 8); any other
    /// number is refused with code 1000 (the emulator's choice of code).
    /// </summary>
    public Outcome? Refuse(MonitoringQuery query)
    {
        var node = query.ComputeInstanceNo.ToString(CultureInfo.InvariantCulture);
        if (query.IsBroker && Broker is null)
            return Outcome.Error(EnvelopeCodes.InvalidParameter,
                $"Invalid parameter: computeInstanceNo {node} is not a broker of cluster {No}; {MonitoringQuery.BrokerMetrics} takes a broker's number");
        if (!query.IsBroker && Manager is null)
            return Outcome.Error(EnvelopeCodes.InvalidParameter,
                $"Invalid parameter: computeInstanceNo {node} is not a manager node of cluster {No}; {MonitoringQuery.ClusterMetrics} takes a manager node's number");
        return null;
    }
}
