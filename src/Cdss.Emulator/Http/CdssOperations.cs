using System.Globalization;
using System.Text.Json;
using Cdss.Emulator.Clusters;

namespace Cdss.Emulator.Http;

/// <summary>The six CDSS operations, run after the request passed authentication and faults.</summary>
public sealed class CdssOperations(ClusterStore store)
{
    private const int DefaultPageSize = 10;
    private const int MaxPageSize = 100;

    public Task RunAsync(HttpContext ctx, CdssRoute route, JsonElement? body) => route.Operation switch
    {
        "rollingRestartPreCheck" => WithBodyNumber(ctx, body, no => Outcome(ctx, store.PreCheck(no))),
        "rollingRestart" => WithBodyNumber(ctx, body, no => Outcome(ctx, store.StartRestart(no))),
        "rollingRestartProgressCheck" => WithBodyNumber(ctx, body, no => Status(ctx, no)),
        "getClusterInfoList" => List(ctx, body),
        "getClusterInfo" => PathNumber(route) is { } no && store.Find(no) is { } found
            ? Responses.Success(ctx, Info(found.Cluster, found.State))
            : InvalidNo(ctx),
        "getClusterStatus" => PathNumber(route) is { } n ? Status(ctx, n) : InvalidNo(ctx),
        _ => throw new InvalidOperationException($"no handler for {route.Operation}"),
    };

    /// <summary>
    /// The rolling-restart family takes the number in the JSON body as an integer. A string
    /// ("3432149") or a missing value is a client bug, answered like the gateway's 400.
    /// </summary>
    private static Task WithBodyNumber(HttpContext ctx, JsonElement? body, Func<long, Task> next)
    {
        if (body is not { ValueKind: JsonValueKind.Object } obj)
            return BadRequest(ctx, "request body must be a JSON object with serviceGroupInstanceNo");
        if (!obj.TryGetProperty("serviceGroupInstanceNo", out var v) || v.ValueKind == JsonValueKind.Null)
            return BadRequest(ctx, "serviceGroupInstanceNo is required");
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var no))
            return BadRequest(ctx, "serviceGroupInstanceNo must be an integer JSON number");
        return next(no);
    }

    private static Task Outcome(HttpContext ctx, ClusterStore.Outcome outcome) =>
        outcome.Code == 0
            ? Responses.Success(ctx, true)
            : Responses.Envelope(ctx, outcome.Code, outcome.Message, null);

    private Task Status(HttpContext ctx, long no) =>
        store.Find(no) is { } found ? Responses.Success(ctx, StatusObject(found.Cluster, found.State)) : InvalidNo(ctx);

    private static Task InvalidNo(HttpContext ctx) =>
        Responses.Envelope(ctx, ClusterStore.InvalidNoCode, ClusterStore.InvalidNoMessage, null);

    private static Task BadRequest(HttpContext ctx, string details) =>
        Responses.GatewayError(ctx, GatewayErrors.BadRequest, details);

    /// <summary>A path value that is not a plain number cannot name a cluster: code 3, as for an unknown one.</summary>
    private static long? PathNumber(CdssRoute route) =>
        route.PathNo is { } t && t.All(char.IsAsciiDigit)
        && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// Parameters come from the JSON body, or from the query string; the body wins. pageSize is
    /// clamped to 1..100 and pageNo to >= 1 rather than rejected, so a client that asks for
    /// more than 100 per page sees fewer rows and must follow totalPage.
    /// </summary>
    private Task List(HttpContext ctx, JsonElement? body)
    {
        int? pageNo = null, pageSize = null;
        string? inputText = null, vpcName = null;

        var q = ctx.Request.Query;
        if (q.TryGetValue("pageNo", out var qp) && !TryInt(qp.ToString(), out pageNo)) return BadRequest(ctx, "pageNo must be an integer");
        if (q.TryGetValue("pageSize", out var qs) && !TryInt(qs.ToString(), out pageSize)) return BadRequest(ctx, "pageSize must be an integer");
        if (q.TryGetValue("inputText", out var qi)) inputText = qi.ToString();
        if (q.TryGetValue("vpcName", out var qv)) vpcName = qv.ToString();

        if (body is { } b)
        {
            if (b.ValueKind != JsonValueKind.Object) return BadRequest(ctx, "request body must be a JSON object");
            if (!BodyInt(b, "pageNo", ref pageNo)) return BadRequest(ctx, "pageNo must be an integer JSON number");
            if (!BodyInt(b, "pageSize", ref pageSize)) return BadRequest(ctx, "pageSize must be an integer JSON number");
            if (!BodyString(b, "inputText", ref inputText)) return BadRequest(ctx, "inputText must be a string");
            if (!BodyString(b, "vpcName", ref vpcName)) return BadRequest(ctx, "vpcName must be a string");
        }

        var page = Math.Max(1, pageNo ?? 1);
        var size = Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize);
        var (rows, total) = store.Query(inputText, vpcName, page, size);
        var totalPage = (int)((total + (long)size - 1) / size);
        return Responses.Success(ctx, new
        {
            currentPage = page,
            pageSize = size,
            totalCount = total,
            totalPage,
            isFirst = page == 1,
            isLast = page >= totalPage,
            allowedClusters = rows.Select(r => Info(r.Item1, r.Item2)).ToList(),
            // The emulator's valid key may see every cluster; the field is still present.
            disallowedClusters = Array.Empty<object>(),
        });
    }

    private static bool TryInt(string text, out int? value)
    {
        value = null;
        if (text.Length == 0) return true;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return false;
        value = n;
        return true;
    }

    private static bool BodyInt(JsonElement b, string name, ref int? value)
    {
        if (!b.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return true;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n)) return false;
        value = n;
        return true;
    }

    private static bool BodyString(JsonElement b, string name, ref string? value)
    {
        if (!b.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return true;
        if (v.ValueKind != JsonValueKind.String) return false;
        value = v.GetString();
        return true;
    }

    /// <summary>Cluster info as in list results: serviceGroupInstanceNo is a STRING here.</summary>
    private static object Info(Cluster c, ClusterState s) => new
    {
        serviceGroupInstanceNo = c.No.ToString(CultureInfo.InvariantCulture),
        clusterName = c.Name,
        serverStatus = s.ServerStatus,
        kafkaVersion = c.KafkaVersion,
        applicationVersion = c.ApplicationVersion,
        vpcNo = c.VpcNo,
        vpcName = c.VpcName,
        // NCP writes offsets without a colon: 2024-03-06T10:15:30+0900.
        createDate = c.CreateDate.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            + (c.CreateDate.Offset < TimeSpan.Zero ? "-" : "+") + c.CreateDate.Offset.ToString("hhmm", CultureInfo.InvariantCulture),
        brokerNodeCount = c.BrokerCount,
        brokerNodeProductName = c.BrokerProductName,
        managerNodeCount = c.ManagerCount,
    };

    private static object StatusObject(Cluster c, ClusterState s)
    {
        var brokers = s.NodeStatus.Select((st, i) => new { hostname = Host(c, i), status = st }).ToList();
        // ZooKeeper runs on the first (up to) three broker hosts; a broker restart does not touch it.
        var zk = brokers.Take(Math.Min(3, c.BrokerCount))
            .Select(b => new { b.hostname, status = s.ZookeeperStatus }).ToList();
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

    private static string Host(Cluster c, int index) => $"{c.Name}-broker-{index + 1:D3}";
}
