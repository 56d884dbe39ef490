namespace Cdss.Emulator.Http;

/// <summary>
/// Maps method + path to an operation. Matching is exact and case-sensitive, like the gateway's
/// resource table, so a wrong prefix, a typo, a wrong method or a number in the path where the
/// body should carry it is a 404 that a client test notices instead of a lenient success.
/// </summary>
public static class CdssRouter
{
    public static readonly string[] Prefixes = ["v1", "sgn-v1", "jpn-v1", "krs-v1"];

    public const string ClusterArea = "cluster";
    public const string ConfigGroupArea = "configGroup";
    public const string MonitoringArea = "monitoring";

    private static readonly string[] Areas = [ClusterArea, ConfigGroupArea, MonitoringArea];

    public static readonly IReadOnlyList<OperationSpec> Table =
    [
        Cluster("POST", "rollingRestartPreCheck", false, "rollingRestartPreCheck", read: true, body: true),
        Cluster("POST", "rollingRestart", false, "rollingRestart", read: false, body: true),
        Cluster("POST", "rollingRestartProgressCheck", false, "rollingRestartProgressCheck", read: true, body: true),
        Cluster("POST", "getClusterInfoList", false, "getClusterInfoList", read: true, body: true),
        Cluster("POST", "getClusterInfoList", true, "getClusterInfo", read: true, body: false),
        Cluster("GET", "getClusterStatus", true, "getClusterStatus", read: true, body: false),
        // GETs that restart something: never reads, whatever the method suggests.
        Cluster("GET", "restartKafkaService", true, "restartKafkaService", read: false, body: false),
        Cluster("GET", "restartAllServices", true, "restartAllServices", read: false, body: false),
        Cluster("POST", "rollingUpgradePreCheck", false, "rollingUpgradePreCheck", read: true, body: true),
        Cluster("POST", "rollingUpgrade", false, "rollingUpgrade", read: false, body: true),
        Cluster("POST", "rollingUpgradeProgressCheck", false, "rollingUpgradeProgressCheck", read: true, body: true),
        Cluster("GET", "getCDSSVersionList", false, "getCDSSVersionList", read: true, body: false),
        Cluster("GET", "getClusterNodeList", true, "getClusterNodeList", read: true, body: false),
        Cluster("POST", "restartKafkaServicePerNode", true, "restartKafkaServicePerNode", read: false, body: true),
        ConfigGroup("POST", "getKafkaVersionConfigGroupList", false, read: true),
        ConfigGroup("POST", "getKafkaConfigGroup", true, read: true),
        ConfigGroup("POST", "getKafkaConfigGroupDetailList", true, read: true),
        ConfigGroup("POST", "setKafkaConfigGroupDetail", true, read: false),
        ConfigGroup("POST", "setClusterKafkaConfigGroup", true, read: false),
        ConfigGroup("POST", "getConfigGroupUsingClusterList", true, read: true),
        new("POST", MonitoringArea, "getCdssMonitoringData", HasPathNo: true, "getCdssMonitoringData", IsRead: true, ReadsBody: true),
    ];

    private static OperationSpec Cluster(string method, string segment, bool hasNo, string operation, bool read, bool body) =>
        new(method, ClusterArea, segment, hasNo, operation, read, body);

    /// <summary>Every config group operation is a POST with a JSON body, named like its path segment.</summary>
    private static OperationSpec ConfigGroup(string method, string segment, bool hasNo, bool read) =>
        new(method, ConfigGroupArea, segment, hasNo, segment, read, ReadsBody: true);

    /// <summary>Returns the route, or null with a reason for the 404 details.</summary>
    public static CdssRoute? Match(string method, string path, out string reason)
    {
        // "/api/{prefix}/{area}/{op}" or ".../{op}/{no}"; an empty segment (double or trailing slash) never matches.
        var parts = path.Split('/');
        reason = $"no such resource: {method} {path}";
        if (parts.Length is < 5 or > 6 || parts[0] != "" || parts[1] != "api" || !Areas.Contains(parts[3])) return null;
        if (!Prefixes.Contains(parts[2]))
        {
            reason = $"unknown API prefix '/api/{parts[2]}' (expected v1, sgn-v1, jpn-v1 or krs-v1)";
            return null;
        }

        var hasNo = parts.Length == 6;
        if (hasNo && parts[5].Length == 0) return null;
        foreach (var spec in Table)
        {
            if (spec.Area != parts[3] || spec.Segment != parts[4] || spec.HasPathNo != hasNo) continue;
            if (spec.Method != method)
            {
                reason = $"method {method} is not allowed on {path}";
                continue;
            }
            return new CdssRoute(spec, parts[2], hasNo ? parts[5] : null);
        }
        return null;
    }
}
