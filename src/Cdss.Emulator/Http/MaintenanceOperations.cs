using System.Globalization;
using System.Text.Json;
using Cdss.Emulator.Clusters;

namespace Cdss.Emulator.Http;

/// <summary>The rolling upgrade, the Kafka versions, the node list and the per-node restart.</summary>
public sealed class MaintenanceOperations(ClusterStore store, ConfigGroupStore groups, CdssOperations clusters) : IOperationGroup
{
    public IEnumerable<KeyValuePair<string, OperationHandler>> Handlers =>
    [
        new("rollingUpgradePreCheck", (ctx, _, body) => Upgrade(ctx, body, dryRun: true)),
        new("rollingUpgrade", (ctx, _, body) => Upgrade(ctx, body, dryRun: false)),
        new("rollingUpgradeProgressCheck", (ctx, _, body) => clusters.StatusFromBody(ctx, body)),
        new("getCDSSVersionList", (ctx, _, _) => Responses.Success(ctx, new { kafkaVersionList = KafkaVersions.All.Select(VersionItem).ToList() })),
        new("getClusterNodeList", (ctx, route, _) => clusters.Read(ctx, RequestBody.PathNumber(route.PathNo), (c, _) => NodeList(c))),
        new("restartKafkaServicePerNode", RestartNodes),
    ];

    /// <summary>
    /// Parameter errors first (code 3 for the cluster number, 1000 mistyped, 1005 unknown version, 1004
    /// unknown group, 1003 a group for another version), then the cluster: 401/210, not ready or busy, and
    /// "not newer" in the documented "no" form.
    /// </summary>
    private Task Upgrade(HttpContext ctx, JsonElement body, bool dryRun)
    {
        var noProblem = RequestBody.RequireClusterNo(body, out var no);
        var versionProblem = RequestBody.RequireLong(body, "upgradeKafkaVersionCode", out var versionCode);
        var groupProblem = RequestBody.RequireLong(body, "upgradeConfigGroupNo", out var groupNo);
        if ((noProblem ?? versionProblem ?? groupProblem) is { } invalid) return Responses.Outcome(ctx, invalid);

        var target = KafkaVersions.Find(versionCode.ToString(CultureInfo.InvariantCulture));
        if (target is null) return Responses.Outcome(ctx, ConfigGroupOperations.UnknownVersion(versionCode));
        var group = groups.Find(groupNo);
        if (group is null) return Responses.Outcome(ctx, ConfigGroupOperations.UnknownGroup(groupNo));
        if (group.KafkaVersionCode != target.Code)
            return Responses.Outcome(ctx, Outcome.Error(EnvelopeCodes.VersionMismatch,
                $"Config group {group.No} is for Kafka version code {group.KafkaVersionCode}, not the target {target.Code}"));
        return Responses.Outcome(ctx, store.Start(no, RunPlan.Upgrade(target, group), dryRun));
    }

    /// <summary>
    /// computeInstanceNoList must be a non-empty array of JSON numbers; a single computeInstanceNo field,
    /// a quoted number or a number that is not one of the cluster's brokers is code 3.
    /// </summary>
    private Task RestartNodes(HttpContext ctx, CdssRoute route, JsonElement body)
    {
        if (RequestBody.PathNumber(route.PathNo) is not { } no) return Responses.Outcome(ctx, Outcome.UnknownCluster);
        var list = new List<long>();
        var valid = body.TryGetProperty("computeInstanceNoList", out var items) && items.ValueKind == JsonValueKind.Array
            && items.GetArrayLength() > 0;
        if (valid)
        {
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var n)) { valid = false; break; }
                list.Add(n);
            }
        }
        if (!valid) return Responses.Outcome(ctx, Outcome.Error(EnvelopeCodes.InvalidNo, EnvelopeCodes.InvalidComputeInstanceListMessage));
        return Responses.Outcome(ctx, store.Start(no, RunPlan.NodeRestart(list), dryRun: false));
    }

    private static object VersionItem(KafkaVersion v) => new
    {
        kafkaVersionCode = v.Code,
        kafkaVersionName = v.Name,
        applicationVersionName = v.ApplicationVersionName,
        cmakVersionName = v.CmakVersionName,
    };

    /// <summary>Brokers, then managers. Role and status values are undocumented: BROKER/MANAGER and RUN are the emulator's.</summary>
    private static object NodeList(Cluster c)
    {
        var brokers = Enumerable.Range(1, c.BrokerCount).Select(i => Node(NodeNumbers.Broker(c, i), "BROKER", c.BrokerHost(i), c, 1, i));
        var managers = Enumerable.Range(1, c.ManagerCount).Select(j => Node(NodeNumbers.Manager(c, j), "MANAGER", c.ManagerHost(j), c, 2, j));
        return new { computeList = brokers.Concat(managers).ToList() };
    }

    private static object Node(long computeInstanceNo, string role, string host, Cluster c, int subnet, int index) => new
    {
        computeInstanceNo,
        nodeRoleCode = role,
        hostName = host,
        computeInstanceStatus = "RUN",
        privateIp = $"10.{c.No % 250}.{subnet}.{10 + index}",
    };
}
