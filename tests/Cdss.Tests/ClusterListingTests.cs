using System.Text.Json;
using Cdss.Api;

namespace Cdss.Tests;

/// <summary>The cluster list goes by the one paging rule of every listing: each cluster once, and always an end.</summary>
public class ClusterListingTests
{
    /// <summary>A getClusterInfoList result; null paging fields are left out, as a server that does not page would.</summary>
    private static string ClusterPage(int? current, int? totalPage, bool? isLast, params (long No, string Name)[] clusters)
    {
        var fields = new List<string>();
        if (current.HasValue) fields.Add($"\"currentPage\":{current}");
        if (totalPage.HasValue) fields.Add($"\"totalPage\":{totalPage}");
        if (isLast.HasValue) fields.Add($"\"isLast\":{(isLast.Value ? "true" : "false")}");
        fields.Add("\"allowedClusters\":[" + string.Join(",", clusters.Select(c =>
            $"{{\"serviceGroupInstanceNo\":\"{c.No}\",\"clusterName\":\"{c.Name}\",\"serverStatus\":\"running\"}}")) + "]");
        fields.Add("\"disallowedClusters\":[]");
        return "{" + string.Join(",", fields) + "}";
    }

    private static async Task<List<Cluster>> ListAll(Harness h)
    {
        var pager = h.Client.ListClusters(null);
        var all = new List<Cluster>();
        IReadOnlyList<Cluster>? fresh;
        while ((fresh = await pager.NextAsync(CancellationToken.None)) != null) all.AddRange(fresh);
        return all;
    }

    private static int PageNoSent(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body!);
        return body.RootElement.GetProperty("pageNo").GetInt32();
    }

    [Fact]
    public async Task AServerThatIgnoresPageNo_AndNeverSaysLast_EndsAfterTheFirstPage_WithAWarning()
    {
        using var h = new Harness();
        // isLast false, totalPage 0, always page 1: the form that never ended before.
        h.Stub.Always(200, Json.Envelope(0, "SUCCESS", ClusterPage(1, 0, false, (3432149, "kafka-prod-01"), (3432150, "kafka-prod-02"))));

        var clusters = await ListAll(h);

        Assert.Equal(new long[] { 3432149, 3432150 }, clusters.Select(c => c.ServiceGroupInstanceNo));
        Assert.Equal(new[] { 1, 2 }, h.Stub.Requests.Select(PageNoSent));
        var warning = Assert.Single(h.Log.Warnings);
        Assert.Contains("Asked for page 2 of the cluster list, the service answered page 1", warning);
        Assert.Contains("with 2 entries, each listed once", warning);
    }

    [Fact]
    public async Task AServerThatSendsNoPagingFields_AndRepeatsItself_EndsAtTheFirstRepeat_WithAWarning()
    {
        using var h = new Harness();
        h.Stub.Always(200, Json.Envelope(0, "SUCCESS", ClusterPage(null, null, null, (3432149, "kafka-prod-01"))));

        var clusters = await ListAll(h);

        Assert.Equal(3432149, Assert.Single(clusters).ServiceGroupInstanceNo);
        Assert.Equal(2, h.Stub.Requests.Count);
        Assert.Contains("Page 2 of the cluster list repeated only entries of earlier pages", Assert.Single(h.Log.Warnings));
    }

    [Fact]
    public async Task AClusterOnTwoPages_IsListedOnce_AndTheListingFollowsTotalPage()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", ClusterPage(1, 2, false, (1, "a"), (2, "b")))
              .RespondEnvelope(0, "SUCCESS", ClusterPage(2, 2, false, (2, "b"), (3, "c")));

        var clusters = await ListAll(h);

        Assert.Equal(new[] { "a", "b", "c" }, clusters.Select(c => c.ClusterName));
        Assert.Equal(new[] { 1, 2 }, h.Stub.Requests.Select(PageNoSent));
        Assert.Empty(h.Log.Warnings);
    }

    [Fact]
    public async Task EmptyPageAndIsLast_EndTheListing_Quietly()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", ClusterPage(1, 0, false, (1, "a")))
              .RespondEnvelope(0, "SUCCESS", ClusterPage(2, 0, false));
        Assert.Single(await ListAll(h));
        Assert.Equal(2, h.Stub.Requests.Count);

        using var h2 = new Harness();
        h2.Stub.RespondEnvelope(0, "SUCCESS", ClusterPage(1, 5, true, (1, "a")));
        Assert.Single(await ListAll(h2));
        Assert.Single(h2.Stub.Requests);
        Assert.Empty(h.Log.Warnings.Concat(h2.Log.Warnings));
    }

    [Fact]
    public async Task ThePager_KeepsThePage_ForItsPagingFieldsAndDisallowedClusters()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS",
            "{\"currentPage\":1,\"totalPage\":1,\"isLast\":true,\"allowedClusters\":[]," +
            "\"disallowedClusters\":[{\"clusterName\":\"kafka-payments\",\"serviceGroupInstanceNo\":\"3432160\"}]}");
        var pager = h.Client.ListClusters("kafka");

        Assert.Empty((await pager.NextAsync(CancellationToken.None))!);
        Assert.Equal("kafka-payments", Assert.Single(pager.Page!.Disallowed).ClusterName);
        Assert.Equal((1, 1, 1), (pager.Page.RequestedPage, pager.Page.CurrentPage, pager.Page.TotalPage));
        Assert.Null(await pager.NextAsync(CancellationToken.None));
        Assert.Single(h.Stub.Requests);
    }
}
