using System.Text.Json;
using Cdss.Emulator.Clusters;
using Cdss.Emulator.Options;

namespace Cdss.Emulator.Http;

/// <summary>The rolling restart, the cluster list, info and status, and the restarting GETs.</summary>
public sealed class CdssOperations(ClusterStore store, DialectSettings dialect) : IOperationGroup
{
    public IEnumerable<KeyValuePair<string, OperationHandler>> Handlers =>
    [
        new("rollingRestartPreCheck", (ctx, _, body) => WithClusterNo(ctx, body, no => store.Start(no, RunPlan.RollingRestart, dryRun: true))),
        new("rollingRestart", (ctx, _, body) => WithClusterNo(ctx, body, no => store.Start(no, RunPlan.RollingRestart, dryRun: false))),
        new("rollingRestartProgressCheck", (ctx, _, body) => StatusFromBody(ctx, body)),
        new("getClusterInfoList", (ctx, _, body) => List(ctx, body)),
        new("getClusterInfo", (ctx, route, _) => Read(ctx, RequestBody.PathNumber(route.PathNo), ResultShapes.Info)),
        new("getClusterStatus", (ctx, route, _) => Read(ctx, RequestBody.PathNumber(route.PathNo), ResultShapes.Status)),
        new("restartKafkaService", (ctx, route, _) => RestartFromPath(ctx, route, RunKinds.RestartKafkaService)),
        new("restartAllServices", (ctx, route, _) => RestartFromPath(ctx, route, RunKinds.RestartAllServices)),
    ];

    /// <summary>The status of the cluster named by serviceGroupInstanceNo in the body (both progress checks).</summary>
    public Task StatusFromBody(HttpContext ctx, JsonElement body) =>
        RequestBody.RequireClusterNo(body, out var no) is { } invalid
            ? Responses.Outcome(ctx, invalid)
            : Read(ctx, no, ResultShapes.Status);

    /// <summary>One cluster's projection; an unknown number is code 3, a disallowed one 401/210.</summary>
    public Task Read(HttpContext ctx, long? no, Func<Cluster, ClusterState, object> project)
    {
        if (no is null) return Responses.Outcome(ctx, Outcome.UnknownCluster);
        return store.TryRead(no.Value, project, out var result, out var failure)
            ? Responses.Success(ctx, result)
            : Responses.Outcome(ctx, failure);
    }

    private static Task WithClusterNo(HttpContext ctx, JsonElement body, Func<long, Outcome> next) =>
        Responses.Outcome(ctx, RequestBody.RequireClusterNo(body, out var no) ?? next(no));

    private Task RestartFromPath(HttpContext ctx, CdssRoute route, string kind) =>
        Responses.Outcome(ctx, RequestBody.PathNumber(route.PathNo) is { } no
            ? store.Start(no, RunPlan.RestartEverything(kind), dryRun: false)
            : Outcome.UnknownCluster);

    /// <summary>
    /// Filters by inputText (part of the name) and vpcName (exact). Clusters this key may not use are
    /// listed, under the same filter, in disallowedClusters on every page, and not counted in totalCount.
    /// </summary>
    private Task List(HttpContext ctx, JsonElement body)
    {
        if (Paging.Read(body, ctx.Request.Query, out var paging) is { } invalid) return Responses.Outcome(ctx, invalid);
        var q = ctx.Request.Query;
        string? inputText = q.TryGetValue("inputText", out var qi) ? qi.ToString() : null;
        string? vpcName = q.TryGetValue("vpcName", out var qv) ? qv.ToString() : null;
        if (!RequestBody.TryGetString(body, "inputText", out var bi)) return Responses.Outcome(ctx, InvalidString("inputText"));
        if (!RequestBody.TryGetString(body, "vpcName", out var bv)) return Responses.Outcome(ctx, InvalidString("vpcName"));
        inputText = bi ?? inputText;
        vpcName = bv ?? vpcName;

        // The page answered, and its paging fields, are written in the dialect in use.
        var forms = dialect.Current;
        var page = paging with { PageNo = forms.ClusterListPageNo(paging.PageNo) };
        var (rows, total, disallowed) = store.Query(inputText, vpcName, page.Apply, ResultShapes.ListItem);
        var result = forms.ClusterListFields(page.Fields(total));
        result["allowedClusters"] = rows;
        result["disallowedClusters"] = disallowed.Select(ResultShapes.NameAndNumber).ToList();
        return Responses.Success(ctx, result);
    }

    private static Outcome InvalidString(string name) => Outcome.Error(EnvelopeCodes.InvalidParameter, $"Invalid parameter: {name} must be a string");
}
