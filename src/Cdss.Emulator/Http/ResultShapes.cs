using System.Globalization;
using Cdss.Emulator.Clusters;

namespace Cdss.Emulator.Http;

/// <summary>The result objects that describe a cluster, in the field names and JSON types of the public sources.</summary>
public static class ResultShapes
{
    /// <summary>An allowedClusters item: serviceGroupInstanceNo is a string, vpcNo a number, createDate a string.</summary>
    public static object ListItem(Cluster c, ClusterState s) => new
    {
        serviceGroupInstanceNo = c.No.ToString(CultureInfo.InvariantCulture),
        clusterName = c.Name,
        serverStatus = s.ServerStatus,
        kafkaVersion = c.Version.VersionText,
        applicationVersion = c.Version.ApplicationVersionName,
        vpcNo = c.VpcNo,
        vpcName = c.VpcName,
        // The format is not documented; an offset without a colon (2024-03-06T10:15:30+0900) is the
        // emulator's choice, because a parser that expects ISO 8601's "+09:00" then notices.
        createDate = c.CreateDate.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            + (c.CreateDate.Offset < TimeSpan.Zero ? "-" : "+") + c.CreateDate.Offset.ToString("hhmm", CultureInfo.InvariantCulture),
        brokerNodeCount = c.BrokerCount,
        brokerNodeProductName = c.BrokerProductName,
        managerNodeCount = c.ManagerCount,
    };

    /// <summary>A disallowedClusters item, and a usingClusterNameList item: the number as a string.</summary>
    public static object NameAndNumber(Cluster c) => new
    {
        clusterName = c.Name,
        serviceGroupInstanceNo = c.No.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>getClusterInfoList/{no}: a different shape from the list item, with "status", not "serverStatus".</summary>
    public static object Info(Cluster c, ClusterState s) => new
    {
        clusterName = c.Name,
        kafkaVersionCode = c.KafkaVersionCode,
        kafkaManagerUserName = "cmak-admin",
        softwareProductCode = "SW.VCDSS.OS.LNX64.ROCKY.0810.B050",
        vpcNo = c.VpcNo,
        managerNodeProductCode = "SVR.VCDSS.STAND.C002.M008.NET.SSD.B050.G002",
        managerNodeSubnetNo = c.VpcNo * 10 + 1,
        brokerNodeProductCode = c.BrokerProductCode,
        brokerNodeSubnetNo = c.VpcNo * 10 + 2,
        brokerNodeCount = c.BrokerCount,
        brokerNodeStorageSize = c.BrokerStorageGb,
        configGroupNo = c.ConfigGroupNo,
        status = s.ServerStatus,
    };

    /// <summary>rollingRestartProgressCheck, rollingUpgradeProgressCheck and getClusterStatus.</summary>
    public static object Status(Cluster c, ClusterState s)
    {
        var brokers = s.NodeStatus.Select((st, i) => new { hostname = c.BrokerHost(i + 1), status = st }).ToList();
        // Where ZooKeeper runs is not documented: the emulator puts it on the first (up to) three broker
        // hosts, and a broker restart does not touch it.
        var zk = brokers.Take(Math.Min(3, c.BrokerCount)).Select(b => new { b.hostname, status = s.ZookeeperNodeStatus }).ToList();
        return new
        {
            clusterName = c.Name,
            brokerNodeTotalNumber = c.BrokerCount,
            brokerNumber = s.BrokersUp,
            brokerStatus = s.BrokerStatus,
            brokerStatusPerNode = brokers,
            zookeeperTotalNumber = zk.Count,
            zookeeperNumber = s.ZookeepersUp,
            zookeeperStatus = s.ZookeeperStatus,
            zookeeperStatusPerNode = zk,
            cmakStatus = s.CmakStatus,
        };
    }
}
