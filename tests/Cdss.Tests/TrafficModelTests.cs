using System.Text.Json;
using Cdss.Emulator.Clusters;
using Cdss.Emulator.Http;
using Cdss.Emulator.Traffic;
using EmulatorSeed = Cdss.Emulator.Clusters.ClusterSeed;

namespace Cdss.Tests;

/// <summary>The emulator's traffic model and monitoring answer: pure functions of the instant they are given.</summary>
public class TrafficModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly TrafficProfile Prod01 = TrafficProfile.For(3432149, 3, new DateTimeOffset(2024, 3, 6, 1, 15, 30, TimeSpan.Zero));
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(10);

    /// <summary>One run whose brokers restart from T0 + 10 s to T0 + 20 s.</summary>
    private static readonly RunWindow[] OneRun = [new(T0.AddSeconds(10), T0.AddSeconds(20))];

    private static double Steady(DateTimeOffset at) => TrafficModel.SteadyAt(at, Prod01);

    [Fact]
    public void TheProfile_IsSeededByTheClusterNumber()
    {
        Assert.Equal(Prod01, TrafficProfile.For(3432149, 3, Prod01.CreateDate));
        Assert.Equal(500 + 3432149 % 97 * 50, Prod01.SteadyRate);
        Assert.NotEqual(Prod01.SteadyRate, TrafficProfile.For(3432150, 5, Prod01.CreateDate).SteadyRate);
        Assert.Equal(Prod01.Topics * 2 * 3, Prod01.Partitions);
    }

    [Fact]
    public void WithoutRuns_TheRateIsSteady_WithinTheDailySwing()
    {
        for (var hour = 0; hour < 24; hour++)
        {
            var at = T0.AddHours(hour);
            var rate = TrafficModel.RateAt(at, Prod01, [], Recovery, recovers: true);
            Assert.Equal(Steady(at), rate);
            Assert.InRange(rate, Prod01.SteadyRate * 0.95, Prod01.SteadyRate * 1.05);
        }
    }

    [Fact]
    public void ARun_DipsTheRate_ThenItRampsBackOverTheRecoveryTime()
    {
        double At(double seconds) => TrafficModel.RateAt(T0.AddSeconds(seconds), Prod01, OneRun, Recovery, recovers: true);

        Assert.Equal(Steady(T0.AddSeconds(9.999)), At(9.999));
        Assert.Equal(Steady(T0.AddSeconds(10)) * TrafficModel.DipFactor, At(10), 9);
        Assert.Equal(Steady(T0.AddSeconds(19.9)) * TrafficModel.DipFactor, At(19.9), 9);
        Assert.Equal(Steady(T0.AddSeconds(20)) * TrafficModel.DipFactor, At(20), 9);
        Assert.Equal(Steady(T0.AddSeconds(25)) * (TrafficModel.DipFactor + (1 - TrafficModel.DipFactor) / 2), At(25), 9);
        Assert.Equal(Steady(T0.AddSeconds(30)), At(30), 9);
        Assert.Equal(Steady(T0.AddHours(5)), At(5 * 3600), 9);
    }

    [Fact]
    public void WithoutRecoveryTime_TheRateIsBackAtOnce()
    {
        Assert.Equal(Steady(T0.AddSeconds(20)), TrafficModel.RateAt(T0.AddSeconds(20), Prod01, OneRun, TimeSpan.Zero, recovers: true), 9);
    }

    [Fact]
    public void TrafficThatDoesNotRecover_StaysAtTheDipAfterARun_AndIsSteadyBefore()
    {
        Assert.Equal(Steady(T0), TrafficModel.RateAt(T0, Prod01, OneRun, Recovery, recovers: false));
        foreach (var later in new[] { 21.0, 60, 86400 })
        {
            var at = T0.AddSeconds(later);
            Assert.Equal(Steady(at) * TrafficModel.DipFactor, TrafficModel.RateAt(at, Prod01, OneRun, Recovery, recovers: false), 9);
        }
    }

    [Fact]
    public void TheLatestRunThatHasBegun_Decides()
    {
        RunWindow[] runs = [new(T0.AddSeconds(100), T0.AddSeconds(110)), new(T0.AddSeconds(10), T0.AddSeconds(20))];
        // 105 s: inside the later run, although the earlier one has long recovered.
        Assert.Equal(Steady(T0.AddSeconds(105)) * TrafficModel.DipFactor, TrafficModel.RateAt(T0.AddSeconds(105), Prod01, runs, Recovery, true), 9);
        Assert.Equal(Steady(T0.AddSeconds(50)), TrafficModel.RateAt(T0.AddSeconds(50), Prod01, runs, Recovery, true), 9);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void BrokerShares_SumToTheClusterRate(int brokers) =>
        Assert.Equal(1.0, Enumerable.Range(1, brokers).Sum(b => TrafficModel.BrokerShare(b, brokers)), 12);

    [Fact]
    public void StepStarts_AreAlignedToTheEpoch_InTheHalfOpenRange_AndNeverAfterNow()
    {
        const long minute = 60_000;
        var start = T0.ToUnixTimeMilliseconds();
        Assert.Equal(new[] { start + minute, start + 2 * minute }, MonitoringData.StepStarts(start + 1, start + 3 * minute, minute, long.MaxValue));
        Assert.Equal(new[] { start, start + minute }, MonitoringData.StepStarts(start, start + 2 * minute, minute, long.MaxValue));
        Assert.Equal(new[] { start, start + minute }, MonitoringData.StepStarts(start, start + 10 * minute, minute, start + minute + 59_999));
        Assert.Empty(MonitoringData.StepStarts(start, start + 10 * minute, minute, start - 1));
    }

    private static MonitoringQuery Query(string metric, long node, DateTimeOffset from, DateTimeOffset to, string interval = "Min1") =>
        new(from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), metric, node, MonitoringInterval.Find(interval)!);

    private static MonitoredCluster Seeded(long no, long node) => MonitoredCluster.Of(EmulatorSeed.Default().Single(c => c.No == no), node);

    private static JsonElement AsJson(object value) => JsonSerializer.SerializeToElement(value, Responses.Json);

    [Fact]
    public void TheAnswer_HasOnePointPerStepUpToNow_AndTheNewestShowsThePresent()
    {
        // Now is 10:05:30, in the middle of a run that began at 10:05:10: the step in progress carries the dip.
        var now = T0.AddMinutes(5).AddSeconds(30);
        RunWindow[] running = [new(T0.AddMinutes(5).AddSeconds(10), T0.AddMinutes(6))];
        var cluster = Seeded(3432149, 343214951);

        var data = AsJson(MonitoringData.Build(Query(MonitoringQuery.ClusterMetrics, 343214951, T0, T0.AddHours(1)), cluster, running,
            TrafficSettings.Default, Recovery, now));

        Assert.Equal(new[] { "cluster_messagesInSecMean", "cluster_total_partition", "cluster_total_topic", "cluster_total_message" },
            data.EnumerateArray().Select(s => s.GetProperty("metric").GetString()));
        var rate = data[0];
        Assert.Equal("343214951", rate.GetProperty("dimensions").GetProperty("instanceNo").GetString());
        Assert.Equal("Min1", rate.GetProperty("interval").GetString());
        var dps = rate.GetProperty("dps").EnumerateArray().ToList();
        Assert.Equal(6, dps.Count);
        Assert.Equal(Enumerable.Range(0, 6).Select(m => T0.AddMinutes(m).ToUnixTimeMilliseconds()), dps.Select(p => p[0].GetInt64()));
        Assert.All(dps, p => Assert.Equal(JsonValueKind.Number, p[0].ValueKind));
        // A completed step carries the reading at its end; the step in progress the reading at now.
        Assert.Equal(Math.Round(TrafficModel.SteadyAt(T0.AddMinutes(1), cluster.Profile), 2), dps[0][1].GetDouble());
        Assert.Equal(Math.Round(TrafficModel.SteadyAt(now, cluster.Profile) * TrafficModel.DipFactor, 2), dps[5][1].GetDouble());
        Assert.Equal(cluster.Profile.Topics, data[2].GetProperty("dps")[0][1].GetInt32());
    }

    [Fact]
    public void BrokerMetrics_AreAboutTheAskedBroker_AndAbsentMetricsAreLeftOut()
    {
        var now = T0.AddMinutes(3);
        var cluster = Seeded(3432150, 343215002);
        var settings = new TrafficSettings(true, new HashSet<string> { "broker_bytesOutSec" });

        var data = AsJson(MonitoringData.Build(Query(MonitoringQuery.BrokerMetrics, 343215002, T0, T0.AddMinutes(2)), cluster, [], settings, Recovery, now));

        Assert.Equal(new[] { "broker_messagesInSec", "broker_bytesInSec", "broker_partitionCount" }, data.EnumerateArray().Select(s => s.GetProperty("metric").GetString()));
        var clusterRate = TrafficModel.SteadyAt(T0.AddMinutes(1), cluster.Profile);
        Assert.Equal(Math.Round(clusterRate * TrafficModel.BrokerShare(2, 5), 2), data[0].GetProperty("dps")[0][1].GetDouble());
        Assert.Equal(2, data[0].GetProperty("dps").GetArrayLength());
    }

    [Theory]
    [InlineData(MonitoringQuery.ClusterMetrics, 343214951, null)]
    [InlineData(MonitoringQuery.ClusterMetrics, 343214952, null)]
    [InlineData(MonitoringQuery.ClusterMetrics, 343214901, "is not a manager node of cluster 3432149")]
    [InlineData(MonitoringQuery.ClusterMetrics, 343214953, "is not a manager node of cluster 3432149")]
    [InlineData(MonitoringQuery.BrokerMetrics, 343214903, null)]
    [InlineData(MonitoringQuery.BrokerMetrics, 343214904, "is not a broker of cluster 3432149")]
    [InlineData(MonitoringQuery.BrokerMetrics, 343214951, "is not a broker of cluster 3432149")]
    public void TheNode_MustBeAManagerForClusterMetrics_AndABrokerForBrokerMetrics(string metric, long node, string? refusal)
    {
        var outcome = Seeded(3432149, node).Refuse(Query(metric, node, T0, T0.AddHours(1)));
        if (refusal is null)
        {
            Assert.Null(outcome);
            return;
        }
        Assert.Equal(EnvelopeCodes.InvalidParameter, outcome!.Code);
        Assert.Contains(refusal, outcome.Message);
    }

    private static Outcome? Parse(string body, out MonitoringQuery? query) =>
        MonitoringQuery.Parse(JsonDocument.Parse(body).RootElement, out query);

    [Fact]
    public void TheBody_TakesEpochMillisecondsAsIntegers_AndTheNodeAsAStringOrANumber()
    {
        Assert.Null(Parse("{\"timeStart\":1764237600000,\"timeEnd\":1764241200000,\"metric\":\"CLUSTER_ALL_METRICS\",\"computeInstanceNo\":\"343214951\",\"interval\":\"Min1\"}", out var q));
        Assert.Equal(new MonitoringQuery(1764237600000, 1764241200000, "CLUSTER_ALL_METRICS", 343214951, MonitoringInterval.Find("Min1")!), q);
        Assert.Null(Parse("{\"timeStart\":\"1764237600000\",\"timeEnd\":1764241200000,\"metric\":\"BROKER_ALL_METRICS\",\"computeInstanceNo\":343214901,\"interval\":\"Day1\"}", out q));
        Assert.True(q!.IsBroker);
    }

    [Theory]
    [InlineData("\"timeStart\":\"2026-11-27T09:00:00Z\"", "timeStart must be epoch milliseconds as an integer, not \"2026-11-27T09:00:00Z\"")]
    [InlineData("\"timeStart\":1764237600000.5", "timeStart must be epoch milliseconds as an integer")]
    [InlineData("\"timeEnd\":true", "timeEnd must be epoch milliseconds as an integer")]
    [InlineData("\"timeStart\":null", "timeStart is required")]
    [InlineData("\"timeStart\":-1", "timeStart must not be negative")]
    [InlineData("\"metric\":\"cpu\"", "metric must be CLUSTER_ALL_METRICS or BROKER_ALL_METRICS, not 'cpu'")]
    [InlineData("\"metric\":null", "metric is required")]
    [InlineData("\"computeInstanceNo\":null", "computeInstanceNo is required")]
    [InlineData("\"computeInstanceNo\":\"node-1\"", "computeInstanceNo must be an integer")]
    [InlineData("\"interval\":\"min1\"", "interval must be one of Min1, Min5, Min30, Hour2, Day1, not 'min1'")]
    [InlineData("\"timeEnd\":1764237600000", "timeStart must be before timeEnd")]
    [InlineData("\"timeEnd\":1764324000001", "longer than interval Min1 allows (1 day)")]
    public void TheBody_IsRefusedWithCode1000_NamingTheField(string change, string reason)
    {
        // Later fields in a JSON object win, so the change overrides the valid value before it.
        var body = "{\"timeStart\":1764237600000,\"timeEnd\":1764241200000,\"metric\":\"CLUSTER_ALL_METRICS\",\"computeInstanceNo\":\"343214951\",\"interval\":\"Min1\"," + change + "}";
        var outcome = Parse(body, out var query);
        Assert.Null(query);
        Assert.Equal(EnvelopeCodes.InvalidParameter, outcome!.Code);
        Assert.Contains(reason, outcome.Message);
        Assert.StartsWith("Invalid parameter: ", outcome.Message);
    }

    [Fact]
    public void ADayAtMin1_IsAllowed()
    {
        Assert.Null(Parse("{\"timeStart\":1764237600000,\"timeEnd\":1764324000000,\"metric\":\"CLUSTER_ALL_METRICS\",\"computeInstanceNo\":1,\"interval\":\"Min1\"}", out _));
    }

    [Fact]
    public void TheMonitoringOperation_IsAPostReadWithTheClusterInThePath()
    {
        var route = CdssRouter.Match("POST", "/api/sgn-v1/monitoring/getCdssMonitoringData/3432149", out _);
        Assert.NotNull(route);
        Assert.Equal("getCdssMonitoringData", route!.Operation);
        Assert.Equal("3432149", route.PathNo);
        Assert.True(route.Spec.IsRead, "--fault-rate faults it, like every documented read");
        Assert.True(route.Spec.ReadsBody);
        Assert.Null(CdssRouter.Match("GET", "/api/v1/monitoring/getCdssMonitoringData/3432149", out _));
        Assert.Null(CdssRouter.Match("POST", "/api/v1/monitoring/getCdssMonitoringData", out _));
    }

    private static TrafficSettings Apply(TrafficSettings current, string json) => TrafficEndpoints.Apply(current, JsonDocument.Parse(json).RootElement);

    [Fact]
    public void TrafficSettings_ChangeOnlyWhatIsSent_AndNullRestoresTheDefault()
    {
        var noRecovery = Apply(TrafficSettings.Default, "{\"recovers\":false}");
        Assert.False(noRecovery.Recovers);
        Assert.Empty(noRecovery.AbsentMetrics);

        var both = Apply(noRecovery, "{\"absentMetrics\":[\"cluster_messagesInSecMean\",\"broker_messagesInSec\"]}");
        Assert.False(both.Recovers);
        Assert.Equal(new[] { "broker_messagesInSec", "cluster_messagesInSecMean" }, both.AbsentMetrics.Order());

        var cleared = Apply(both, "{\"recovers\":null,\"absentMetrics\":null}");
        Assert.True(cleared.Recovers);
        Assert.Empty(cleared.AbsentMetrics);
    }

    [Theory]
    [InlineData("{\"recover\":false}", "unknown traffic setting 'recover'")]
    [InlineData("{\"recovers\":\"no\"}", "recovers must be true, false or null")]
    [InlineData("{\"absentMetrics\":\"cluster_total_topic\"}", "absentMetrics must be an array")]
    [InlineData("{\"absentMetrics\":[\"cpu\"]}", "'cpu' is not a metric the emulator serves")]
    public void TrafficSettings_RefuseWhatTheyDoNotKnow(string json, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => Apply(TrafficSettings.Default, json)).Message);
}
