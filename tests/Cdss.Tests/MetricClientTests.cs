using System.Text.Json;
using Cdss.Api;

namespace Cdss.Tests;

/// <summary>getCdssMonitoringData through the client: the request on the wire, the manager node, and what comes back.</summary>
public class MetricClientTests
{
    private const long Cluster = 3432149;
    private const long Manager = 343214951;
    private static readonly DateTimeOffset From = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static string Nodes(params (long No, string Role)[] nodes) =>
        "{\"computeList\":[" + string.Join(",", nodes.Select(n =>
            $"{{\"computeInstanceNo\":{n.No},\"nodeRoleCode\":\"{n.Role}\",\"hostName\":\"h-{n.No}\",\"computeInstanceStatus\":\"RUN\",\"privateIp\":\"10.0.0.1\"}}")) + "]}";

    private static readonly string ThreeBrokersTwoManagers =
        Nodes((343214901, "BROKER"), (343214902, "BROKER"), (343214903, "BROKER"), (Manager, "MANAGER"), (343214952, "MANAGER"));

    /// <summary>A monitoring result with one series per (metric, points) pair, about <paramref name="instanceNo"/>.</summary>
    private static string Data(string instanceNo, params (string Metric, string Dps)[] series) =>
        "{\"data\":[" + string.Join(",", series.Select(s =>
            $"{{\"metric\":\"{s.Metric}\",\"dps\":{s.Dps},\"dimensions\":{{\"instanceNo\":\"{instanceNo}\"}},\"aggregation\":\"AVG\",\"interval\":\"Min1\",\"graphName\":\"g\",\"productName\":\"p\"}}")) + "]}";

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static Harness KnownCluster()
    {
        var h = new Harness();
        h.Client.Clusters.Remember(Cluster, "kafka-prod-01");
        return h;
    }

    [Fact]
    public async Task ClusterMetrics_FindTheManagerNode_AndSendEveryFieldAsTheServiceTakesIt()
    {
        using var h = KnownCluster();
        h.Stub.RespondEnvelope(0, "SUCCESS", ThreeBrokersTwoManagers)
            .RespondEnvelope(0, "SUCCESS", Data("343214951", ("cluster_messagesInSecMean", $"[[{Ms(From)},120.5],[{Ms(From.AddMinutes(1))},121]]")));

        var points = await h.Client.GetMetricsAsync(Cluster, new MetricQuery(From, To, MetricInterval.Min1), CancellationToken.None);

        Assert.Equal(2, h.Stub.Requests.Count);
        Assert.Equal("GET", h.Stub.Requests[0].Method);
        Assert.Equal("/api/v1/cluster/getClusterNodeList/3432149", h.Stub.Requests[0].PathAndQuery);
        var sent = h.Stub.Requests[1];
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/api/v1/monitoring/getCdssMonitoringData/3432149", sent.PathAndQuery);
        using var body = JsonDocument.Parse(sent.Body!);
        var root = body.RootElement;
        // Epoch milliseconds as JSON integers: the service refuses ISO text, and the Go SDK's int32 cannot hold them.
        Assert.Equal(JsonValueKind.Number, root.GetProperty("timeStart").ValueKind);
        Assert.Equal(Ms(From), root.GetProperty("timeStart").GetInt64());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("timeEnd").ValueKind);
        Assert.Equal(Ms(To), root.GetProperty("timeEnd").GetInt64());
        Assert.DoesNotContain(".", root.GetProperty("timeStart").GetRawText());
        Assert.Equal("CLUSTER_ALL_METRICS", root.GetProperty("metric").GetString());
        // The first manager node, as the string the reference types it as.
        Assert.Equal(JsonValueKind.String, root.GetProperty("computeInstanceNo").ValueKind);
        Assert.Equal("343214951", root.GetProperty("computeInstanceNo").GetString());
        Assert.Equal("Min1", root.GetProperty("interval").GetString());

        Assert.Equal(2, points.Count);
        var first = points[0];
        Assert.Equal(Cluster, first.ServiceGroupInstanceNo);
        Assert.Equal("kafka-prod-01", first.ClusterName);
        Assert.Equal("cluster_messagesInSecMean", first.Metric);
        Assert.Equal(Manager, first.InstanceNo);
        Assert.Equal(From, first.Timestamp);
        Assert.Equal(TimeSpan.Zero, first.Timestamp.Offset);
        Assert.Equal(120.5, first.Value);
        Assert.Equal("Min1", first.Interval);
        Assert.Equal(121, points[1].Value);
    }

    [Fact]
    public async Task ManagerNode_IsLookedUpOncePerClusterAndClient()
    {
        using var h = KnownCluster();
        h.Client.Clusters.Remember(3432150, "kafka-prod-02");
        var answer = Data("343214951", ("cluster_total_topic", $"[[{Ms(From)},24]]"));
        h.Stub.RespondEnvelope(0, "SUCCESS", ThreeBrokersTwoManagers)
            .RespondEnvelope(0, "SUCCESS", answer)
            .RespondEnvelope(0, "SUCCESS", answer)
            .RespondEnvelope(0, "SUCCESS", Nodes((343215001, "BROKER"), (343215051, "MANAGER")))
            .RespondEnvelope(0, "SUCCESS", answer);
        var query = new MetricQuery(From, To, MetricInterval.Min5);

        await h.Client.GetMetricsAsync(Cluster, query, CancellationToken.None);
        await h.Client.GetMetricsAsync(Cluster, query, CancellationToken.None);
        await h.Client.GetMetricsAsync(3432150, query, CancellationToken.None);

        Assert.Equal(
            new[]
            {
                "cluster/getClusterNodeList/3432149", "monitoring/getCdssMonitoringData/3432149", "monitoring/getCdssMonitoringData/3432149",
                "cluster/getClusterNodeList/3432150", "monitoring/getCdssMonitoringData/3432150",
            },
            h.Stub.Requests.Select(r => r.PathAndQuery.Replace("/api/v1/", "")));
        Assert.Contains("\"computeInstanceNo\":\"343215051\"", h.Stub.Requests[4].Body);
        Assert.Equal(Manager, (await h.Client.GetManagerNodeAsync(Cluster, CancellationToken.None)).ComputeInstanceNo);
        Assert.Equal(5, h.Stub.Requests.Count);
    }

    [Fact]
    public async Task AClusterWithoutAManagerNode_IsNodeNotFound_NamingTheCluster_AndNothingElseIsSent()
    {
        using var h = KnownCluster();
        h.Stub.RespondEnvelope(0, "SUCCESS", Nodes((343214901, "BROKER"), (343214902, "BROKER")));

        var error = await Assert.ThrowsAsync<CdssException>(() =>
            h.Client.GetMetricsAsync(Cluster, new MetricQuery(From, To, MetricInterval.Min1), CancellationToken.None));

        Assert.Equal(CdssErrorIds.NodeNotFound, error.ErrorId);
        Assert.StartsWith("Cluster 3432149 (kafka-prod-01): No manager node found", error.Message);
        Assert.Contains("BROKER", error.Message);
        Assert.Contains("Get-CdssClusterNode", error.RecommendedAction);
        Assert.Single(h.Stub.Requests);
    }

    [Fact]
    public async Task BrokerMetrics_AskEveryBroker_OneCallEach_InBrokerOrder()
    {
        using var h = KnownCluster();
        h.Stub.RespondEnvelope(0, "SUCCESS", Nodes((Manager, "MANAGER"), (343214901, "BROKER"), (343214902, "broker")))
            .RespondEnvelope(0, "SUCCESS", Data("343214901", ("broker_messagesInSec", $"[[{Ms(From)},10]]")))
            // No dimensions: the point is about the node that was asked about.
            .RespondEnvelope(0, "SUCCESS", $"{{\"data\":[{{\"metric\":\"broker_messagesInSec\",\"dps\":[[{Ms(From)},20]]}}]}}");

        var points = await h.Client.GetMetricsAsync(Cluster, new MetricQuery(From, To, MetricInterval.Min1, broker: true), CancellationToken.None);

        var calls = h.Stub.Requests.Skip(1).Select(r => JsonDocument.Parse(r.Body!).RootElement).ToList();
        Assert.Equal(new[] { "343214901", "343214902" }, calls.Select(c => c.GetProperty("computeInstanceNo").GetString()));
        Assert.All(calls, c => Assert.Equal("BROKER_ALL_METRICS", c.GetProperty("metric").GetString()));
        Assert.Equal(new long[] { 343214901, 343214902 }, points.Select(p => p.InstanceNo));
        Assert.Equal(new double[] { 10, 20 }, points.Select(p => p.Value));
    }

    [Fact]
    public async Task BrokerMetrics_OfAClusterWithoutBrokers_AreNodeNotFound()
    {
        using var h = KnownCluster();
        h.Stub.RespondEnvelope(0, "SUCCESS", Nodes((Manager, "MANAGER")));

        var error = await Assert.ThrowsAsync<CdssException>(() =>
            h.Client.GetMetricsAsync(Cluster, new MetricQuery(From, To, MetricInterval.Min1, broker: true), CancellationToken.None));

        Assert.Equal(CdssErrorIds.NodeNotFound, error.ErrorId);
        Assert.Contains("No broker found", error.Message);
        Assert.Single(h.Stub.Requests);
    }

    [Fact]
    public async Task OnlyTheMetricsTheQueryNames_AreKept_WithWildcardsAndAnyCase()
    {
        using var h = KnownCluster();
        var dps = $"[[{Ms(From)},1]]";
        h.Stub.RespondEnvelope(0, "SUCCESS", ThreeBrokersTwoManagers)
            .RespondEnvelope(0, "SUCCESS", Data("343214951", ("cluster_messagesInSecMean", dps), ("cluster_total_partition", dps),
                ("cluster_total_topic", dps), ("cluster_total_message", dps), ("cluster_underReplicated", dps)));

        var points = await h.Client.GetMetricsAsync(Cluster,
            new MetricQuery(From, To, MetricInterval.Min1, metrics: new[] { "cluster_total_t*", "CLUSTER_MESSAGESINSECMEAN", "cluster_total_messag?" }), CancellationToken.None);

        Assert.Equal(new[] { "cluster_messagesInSecMean", "cluster_total_topic", "cluster_total_message" }, points.Select(p => p.Metric));
    }

    [Theory]
    [InlineData("cluster_*", "cluster_total_topic", true)]
    [InlineData("cluster_*", "broker_messagesInSec", false)]
    [InlineData("cluster_total_?opic", "cluster_total_topic", true)]
    [InlineData("broker_bytes[IO]*", "broker_bytesOutSec", true)]
    [InlineData("broker_bytes[IO]*", "broker_bytesXSec", false)]
    [InlineData("a`*b", "a*b", true)]
    [InlineData("a`*b", "axb", false)]
    [InlineData("cluster_total_topic", "cluster_total_topics", false)]
    [InlineData("cluster.total", "clusterXtotal", false)]
    public void MetricNameFilter_MatchesLikePowerShellWildcards(string pattern, string name, bool matches) =>
        Assert.Equal(matches, new MetricNameFilter(new[] { pattern }).Matches(name));

    [Fact]
    public void MetricNameFilter_WithoutPatterns_KeepsEverything_AndKnowsWhichPatternsAreLiteralNames()
    {
        Assert.True(new MetricNameFilter(null).Matches("anything"));
        var filter = new MetricNameFilter(new[] { "cluster_total_*", "cluster_messagesInSecMean", "a`*b", " " });
        Assert.Equal(new[] { "cluster_messagesInSecMean", "a*b" }, filter.Literals);
    }

    [Fact]
    public void UserTimes_LocalAndUnspecifiedAreInTheLocalZone_UtcStays()
    {
        var seoul = TimeZoneInfo.CreateCustomTimeZone("Test+09", TimeSpan.FromHours(9), "Test+09", "Test+09");
        var now = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

        var unspecified = MetricQuery.FromUserTimes(new DateTime(2026, 11, 27, 22, 0, 0, DateTimeKind.Unspecified),
            new DateTime(2026, 11, 28, 6, 0, 0, DateTimeKind.Local), "min5", false, null, now, seoul);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 13, 0, 0, TimeSpan.Zero), unspecified.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 21, 0, 0, TimeSpan.Zero), unspecified.End);
        Assert.Equal(TimeSpan.Zero, unspecified.Start.Offset);
        Assert.Same(MetricInterval.Min5, unspecified.Interval);

        var utc = MetricQuery.FromUserTimes(new DateTime(2026, 11, 27, 22, 0, 0, DateTimeKind.Utc), null, "Min1", false, null, now, seoul);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 22, 0, 0, TimeSpan.Zero), utc.Start);
        Assert.Equal(now, utc.End);
    }

    [Fact]
    public void ALocalTimeTheClocksSkip_IsRefused()
    {
        var summer = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(new DateTime(2000, 1, 1), new DateTime(2099, 12, 31), TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 29),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 25));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test+01/+02", TimeSpan.FromHours(1), "Test", "Test", "Test summer", new[] { summer });

        var error = Assert.Throws<CdssException>(() => MetricQuery.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0), zone));
        Assert.Equal(CdssErrorIds.InvalidArgument, error.ErrorId);
        Assert.Contains("2026-03-29 02:30:00 does not exist", error.Message);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), MetricQuery.ToUtc(new DateTime(2026, 3, 29, 3, 30, 0), zone));
    }

    [Fact]
    public void UserTimes_DefaultToTheLastHour()
    {
        var now = new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

        var none = MetricQuery.FromUserTimes(null, null, "Min1", false, null, now, TimeZoneInfo.Utc);
        Assert.Equal(now.AddHours(-1), none.Start);
        Assert.Equal(now, none.End);

        var endOnly = MetricQuery.FromUserTimes(null, new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc), "Min1", false, null, now, TimeZoneInfo.Utc);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero), endOnly.Start);
    }

    [Theory]
    [InlineData("Min1", 1)]
    [InlineData("Min5", 7)]
    [InlineData("Min30", 31)]
    [InlineData("Hour2", 92)]
    [InlineData("Day1", 366)]
    public void EachInterval_TakesItsLongestRange_AndRefusesAMillisecondMore(string interval, int days)
    {
        var end = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        new MetricQuery(end.AddDays(-days), end, MetricInterval.Parse(interval)).Validate();

        var error = Assert.Throws<CdssException>(() => new MetricQuery(end.AddDays(-days).AddMilliseconds(-1), end, MetricInterval.Parse(interval)).Validate());
        Assert.Equal(CdssErrorIds.MetricRangeTooLong, error.ErrorId);
        Assert.Contains($"interval {interval} allows: at most {days} day", error.Message);
    }

    [Fact]
    public async Task ARangeTooLong_OrBackwards_IsRefusedBeforeAnythingIsSent()
    {
        using var h = KnownCluster();

        var tooLong = await Assert.ThrowsAsync<CdssException>(() =>
            h.Client.GetMetricsAsync(Cluster, new MetricQuery(To.AddDays(-2), To, MetricInterval.Min1), CancellationToken.None));
        Assert.Equal(CdssErrorIds.MetricRangeTooLong, tooLong.ErrorId);
        Assert.Contains("(2 days) is longer than interval Min1 allows: at most 1 day", tooLong.Message);
        Assert.Contains("Min5 (up to 7 days)", tooLong.RecommendedAction);
        Assert.DoesNotContain("Min1 (", tooLong.RecommendedAction);

        var backwards = await Assert.ThrowsAsync<CdssException>(() =>
            h.Client.GetMetricsAsync(Cluster, new MetricQuery(To, To, MetricInterval.Min1), CancellationToken.None));
        Assert.Equal(CdssErrorIds.InvalidArgument, backwards.ErrorId);
        Assert.Contains("must be before the end", backwards.Message);

        Assert.Throws<CdssException>(() => MetricQuery.FromUserTimes(null, null, "Min2", false, null, To, TimeZoneInfo.Utc));
        Assert.Empty(h.Stub.Requests);
    }

    [Fact]
    public void Dps_AreReadLiberally_AndUnusablePairsAreSkipped()
    {
        var at = Ms(From);
        var result = JsonDocument.Parse("{\"data\":[" +
            "{\"metric\":\"m\",\"dimensions\":{\"instanceNo\":343214952},\"dps\":[" +
            $"[{at},1.5],[\"{at / 1000 + 60}\",\"2.5\"],[{at / 1000 + 120}.0,3],[\"2026-11-27T09:03:00Z\",4]," +
            $"[{at + 240000},null],[\"later\",5],[{at + 300000},\"NaN\"],[{at + 360000}],7]}}," +
            $"{{\"metric\":\"n\",\"dps\":{{\"{at / 1000}\":7,\"{at + 60000}\":\"8\",\"x\":9}}}}," +
            "{\"dps\":[[0,1]]}]}").RootElement;

        var points = MetricMapping.ToPoints(result, Cluster, "kafka-prod-01", Manager, "Min1");

        var m = points.Where(p => p.Metric == "m").ToList();
        Assert.Equal(new[] { From, From.AddMinutes(1), From.AddMinutes(2), From.AddMinutes(3) }, m.Select(p => p.Timestamp));
        Assert.Equal(new[] { 1.5, 2.5, 3, 4 }, m.Select(p => p.Value));
        Assert.All(m, p => Assert.Equal(343214952, p.InstanceNo));
        Assert.All(points, p => Assert.Equal(TimeSpan.Zero, p.Timestamp.Offset));
        var n = points.Where(p => p.Metric == "n").ToList();
        Assert.Equal(new[] { 7.0, 8.0 }, n.Select(p => p.Value));
        Assert.All(n, p => Assert.Equal(Manager, p.InstanceNo));
        Assert.Equal(6, points.Count);
    }

    [Fact]
    public void ADataArrayWithoutTheWrapper_IsReadToo_AndNoDataIsNoPoints()
    {
        var bare = JsonDocument.Parse($"[{{\"metric\":\"m\",\"dps\":[[{Ms(From)},1]]}}]").RootElement;
        Assert.Single(MetricMapping.ToPoints(bare, Cluster, null, Manager, "Min1"));
        Assert.Empty(MetricMapping.ToPoints(JsonDocument.Parse("{\"data\":null}").RootElement, Cluster, null, Manager, "Min1"));
        Assert.Empty(MetricMapping.ToPoints(JsonDocument.Parse("{}").RootElement, Cluster, null, Manager, "Min1"));
    }

    [Fact]
    public async Task ANonZeroCode_IsCdssApiError_QuotingTheService_AndNamingTheCluster()
    {
        using var h = KnownCluster();
        h.Stub.RespondEnvelope(0, "SUCCESS", ThreeBrokersTwoManagers)
            .RespondEnvelope(1000, "Invalid parameter: metric must be CLUSTER_ALL_METRICS or BROKER_ALL_METRICS, not 'cpu'", "null", "rid-9");

        var error = await Assert.ThrowsAsync<CdssException>(() =>
            h.Client.GetMetricsAsync(Cluster, new MetricQuery(From, To, MetricInterval.Min1), CancellationToken.None));

        Assert.Equal(CdssErrorIds.ApiError, error.ErrorId);
        Assert.StartsWith("Cluster 3432149 (kafka-prod-01): ", error.Message);
        Assert.Contains("code 1000", error.Message);
        Assert.Contains("not 'cpu'", error.Message);
        Assert.Equal("rid-9", error.RequestId);
    }

    [Fact]
    public async Task AClusterNameNotYetKnown_IsReadOnce()
    {
        using var h = new Harness();
        var answer = Data("343214951", ("cluster_total_topic", $"[[{Ms(From)},24]]"));
        h.Stub.RespondEnvelope(0, "SUCCESS", ThreeBrokersTwoManagers)
            .RespondEnvelope(0, "SUCCESS", "{\"clusterName\":\"kafka-prod-01\",\"status\":\"running\"}")
            .RespondEnvelope(0, "SUCCESS", answer)
            .RespondEnvelope(0, "SUCCESS", answer);
        var query = new MetricQuery(From, To, MetricInterval.Min1);

        var first = await h.Client.GetMetricsAsync(Cluster, query, CancellationToken.None);
        var second = await h.Client.GetMetricsAsync(Cluster, query, CancellationToken.None);

        Assert.Equal("/api/v1/cluster/getClusterInfoList/3432149", h.Stub.Requests[1].PathAndQuery);
        Assert.Equal(4, h.Stub.Requests.Count);
        Assert.Equal("kafka-prod-01", first[0].ClusterName);
        Assert.Equal("kafka-prod-01", second[0].ClusterName);
    }

    [Fact]
    public void MeanAndLatest_ReadOneMetric_AndAreNullWhenItIsAbsent()
    {
        MetricPoint P(string metric, int minute, double value, long node = Manager) =>
            new() { Metric = metric, Timestamp = From.AddMinutes(minute), Value = value, InstanceNo = node };
        var points = new[]
        {
            P("cluster_messagesInSecMean", 0, 100), P("cluster_messagesInSecMean", 1, 200), P("cluster_messagesInSecMean", 2, 600),
            P("cluster_total_topic", 5, 24),
            P("broker_messagesInSec", 3, 10, 1), P("broker_messagesInSec", 3, 30, 2), P("broker_messagesInSec", 2, 99, 1),
        };

        Assert.Equal(150, MetricSeries.Mean(points, "cluster_messagesInSecMean", From, From.AddMinutes(1)));
        Assert.Equal(300, MetricSeries.Mean(points, "CLUSTER_MESSAGESINSECMEAN", From, From.AddMinutes(2)));
        Assert.Null(MetricSeries.Mean(points, "cluster_messagesInSecMean", From.AddMinutes(3), From.AddMinutes(9)));
        Assert.Equal(600, MetricSeries.Latest(points, "cluster_messagesInSecMean"));
        Assert.Equal(From.AddMinutes(2), MetricSeries.LatestPoint(points, "cluster_messagesInSecMean")!.Timestamp);
        // Several brokers at the latest timestamp: their mean.
        Assert.Equal(20, MetricSeries.Latest(points, "broker_messagesInSec"));

        Assert.Null(MetricSeries.Mean(points, "cluster_absent", From, To));
        Assert.Null(MetricSeries.Latest(points, "cluster_absent"));
        Assert.Null(MetricSeries.LatestPoint(Array.Empty<MetricPoint>(), "cluster_messagesInSecMean"));
    }
}
