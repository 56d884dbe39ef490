using System.Text.Json;
using Cdss.Emulator.Traffic;
using EmulatorSeed = Cdss.Emulator.Clusters.ClusterSeed;

namespace Cdss.Tests;

/// <summary>
/// getCdssMonitoringData over HTTP, on the emulator clock: the answer's shape, its refusals, the dip while brokers
/// restart and the ramp back, and the traffic faults of /_emulator/clusters/{no}/traffic. The rates expected are
/// the seeded steady rate at the emulator's instant (TrafficModelTests proves the model's arithmetic); what is
/// proved here is which instant, which runs and which settings the operation hands it.
/// </summary>
public class EmulatorMonitoringTests(SeedEmulator seed) : EmulatorTests(seed)
{
    private const long Prod01 = 3432149;
    private const string Prod01Manager = "343214951";
    private const string ClusterMetrics = "CLUSTER_ALL_METRICS";
    private const string Rate = MetricCatalog.MessagesInSecMean;
    private const string TotalMessages = "cluster_total_message";
    private const long Minute = 60_000;

    private DateTimeOffset Now => Emu.Clock.GetUtcNow();

    private long NowMs => Now.ToUnixTimeMilliseconds();

    [Fact]
    public async Task ClusterMetrics_AreAboutTheManagerNode_OnePointAMinuteUpToTheEmulatorsNow_InEpochMillisecondsAndNumbers()
    {
        var r = await MonitoringAsync(Prod01, Body());

        Assert.Equal(0, r.Code);
        var data = r.Result.Items("data");
        Assert.Equal(["cluster_messagesInSecMean", "cluster_total_partition", "cluster_total_topic", "cluster_total_message"], data.Select(s => s.Str("metric")));
        Assert.Equal(Prod01Manager, data[0].Get("dimensions").Str("instanceNo"));
        Assert.Equal("Min1", data[0].Str("interval"));
        Assert.Equal(["metric", "dps", "dimensions", "aggregation", "interval", "graphName", "productName"], data[0].Names());
        var points = Points(data[0]);
        // Ten whole minutes before the step in progress, and that step: stamped at its start, read at the emulator's now.
        var current = NowMs / Minute * Minute;
        Assert.Equal(Enumerable.Range(0, 11).Select(i => current - (10 - i) * Minute), points.Select(p => p.At));
        Assert.True(points[^1].At <= NowMs);
        AssertRate(Steady(Prod01, Now), points[^1].Value);
        Assert.Matches("\"dps\":\\[\\[\\d{13},\\d+(\\.\\d+)?\\],", r.Text);
        Assert.Equal(24, Points(Series(r, "cluster_total_topic"))[0].Value);

        // Any manager node serves; the log files the call under the cluster in the path.
        Assert.Equal(0, (await MonitoringAsync(Prod01, Body(node: "343214952"))).Code);
        var logged = (await Emu.RequestsAsync()).Where(e => e.StrOrNull("operation") == "getCdssMonitoringData").ToList();
        Assert.Equal([Prod01, Prod01], logged.Select(e => e.Long("serviceGroupInstanceNo")));
    }

    [Fact]
    public async Task BrokerMetrics_AreAboutTheAskedBroker()
    {
        var r = await MonitoringAsync(3432150, Body("BROKER_ALL_METRICS", "343215004"));

        Assert.Equal(0, r.Code);
        var data = r.Result.Items("data");
        Assert.Equal(["broker_messagesInSec", "broker_bytesInSec", "broker_bytesOutSec", "broker_partitionCount"], data.Select(s => s.Str("metric")));
        Assert.Equal("343215004", data[0].Get("dimensions").Str("instanceNo"));
    }

    [Theory]
    [InlineData("ISO text times", "{\"timeStart\":\"2026-11-27T09:00:00Z\"}", "timeStart must be epoch milliseconds as an integer")]
    [InlineData("a fraction", "{\"timeEnd\":1764237600000.5}", "timeEnd must be epoch milliseconds as an integer")]
    [InlineData("metric cpu", "{\"metric\":\"cpu\"}", "metric must be CLUSTER_ALL_METRICS or BROKER_ALL_METRICS, not 'cpu'")]
    [InlineData("a broker for cluster metrics", "{\"computeInstanceNo\":\"343214901\"}", "computeInstanceNo 343214901 is not a manager node of cluster 3432149")]
    [InlineData("the manager for broker metrics", "{\"metric\":\"BROKER_ALL_METRICS\"}", "computeInstanceNo 343214951 is not a broker of cluster 3432149")]
    [InlineData("two days at Min1", "{\"timeStart\":1764237600000,\"timeEnd\":1764410400000}", "longer than interval Min1 allows (1 day)")]
    [InlineData("an unknown interval", "{\"interval\":\"Min2\"}", "interval must be one of Min1, Min5, Min30, Hour2, Day1, not 'Min2'")]
    public async Task Refuses_WithCode1000(string @case, string change, string reason)
    {
        var body = Body();
        foreach (var field in JsonDocument.Parse(change).RootElement.EnumerateObject()) body[field.Name] = field.Value.Clone();

        var r = await MonitoringAsync(Prod01, body);

        Assert.True(r.Status == 200, $"{@case}: HTTP {r.Status}");
        Assert.Equal(1000, r.Code);
        Assert.True(r.ResultIsNull, r.Text);
        Assert.StartsWith("Invalid parameter: ", r.Message);
        Assert.Contains(reason, r.Message);
    }

    [Fact]
    public async Task AnUnknownCluster_IsCode3_AndKafkaPayments_Is401_210()
    {
        Assert.Equal(3, (await MonitoringAsync(999999, Body())).Code);

        var payments = await MonitoringAsync(3432160, Body(node: "343216051"));

        Assert.Equal(401, payments.Status);
        Assert.Equal("210", payments.ErrorCode);
    }

    [Fact]
    public async Task ARestart_DipsTheRateWhileItRuns_ThenItRampsBackOverTrafficRecoveryMs_AndTheSeriesKeepsTheDip()
    {
        await Emu.SetConfigAsync(new { brokerRestartMs = 60_000, trafficRecoveryMs = 3000 });
        AlignToHalfPastAMinute();
        var accepted = Now;
        AssertRate(Steady(Prod01, Now), await NewestRateAsync());

        Assert.True((await Emu.ClusterAsync("rollingRestart", Prod01)).Result.GetBoolean());
        AssertRate(Steady(Prod01, Now) * TrafficModel.DipFactor, await NewestRateAsync());
        Emu.Advance(90_000);
        AssertRate(Steady(Prod01, Now) * TrafficModel.DipFactor, await NewestRateAsync());

        // Three waves of 60 s end now: the ramp starts at the dip, is half-way after 1.5 s and done after 3 s.
        Emu.Advance(90_000);
        Assert.Equal("succeeded", Assert.Single(await Emu.RestartsAsync()).Str("outcome"));
        AssertRate(Steady(Prod01, Now) * TrafficModel.DipFactor, await NewestRateAsync());
        Emu.Advance(1500);
        AssertRate(Steady(Prod01, Now) * (TrafficModel.DipFactor + (1 - TrafficModel.DipFactor) / 2), await NewestRateAsync());
        Emu.Advance(1499);
        var nearly = await NewestRateAsync();
        AssertRate(Steady(Prod01, Now) * (TrafficModel.DipFactor + (1 - TrafficModel.DipFactor) * 2999 / 3000), nearly);
        Assert.True(nearly < Math.Round(Steady(Prod01, Now), 2), $"{nearly} is back before the ramp ends");
        Emu.Advance(1);
        AssertRate(Steady(Prod01, Now), await NewestRateAsync());

        // Past steps are read at their ends: the three that ended while the brokers restarted show the dip.
        var points = Points(Series(await MonitoringAsync(Prod01, Body()), Rate));
        var dipped = 0;
        foreach (var (at, value) in points)
        {
            var readAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(at + Minute, NowMs));
            var inRun = readAt >= accepted && readAt < accepted.AddMinutes(3);
            if (inRun) dipped++;
            AssertRate(Steady(Prod01, readAt) * (inRun ? TrafficModel.DipFactor : 1), value);
        }
        Assert.Equal(3, dipped);
    }

    [Fact]
    public async Task TrafficThatDoesNotRecover_StaysAtTheDipAfterTheRun_UntilRecoversIsRestored()
    {
        await Emu.SetConfigAsync(new { brokerRestartMs = 50, trafficRecoveryMs = 0 });
        var set = await SetTrafficAsync(Prod01, new { recovers = false });
        Assert.Equal(200, set.Status);
        Assert.False(set.Json.Bool("recovers"));
        await Emu.ClusterAsync("rollingRestart", Prod01);
        Emu.Advance(150);
        Assert.Equal("succeeded", Assert.Single(await Emu.RestartsAsync()).Str("outcome"));

        AssertRate(Steady(Prod01, Now) * TrafficModel.DipFactor, await NewestRateAsync());
        Emu.Advance(3_600_000);
        AssertRate(Steady(Prod01, Now) * TrafficModel.DipFactor, await NewestRateAsync());

        Assert.True((await SetTrafficAsync(Prod01, new { recovers = (bool?)null })).Json.Bool("recovers"));
        // trafficRecoveryMs 0: back at once.
        AssertRate(Steady(Prod01, Now), await NewestRateAsync());
    }

    [Fact]
    public async Task AFailedRun_DipsUntilItStops_ThenRecoversTheSameWay()
    {
        const long flaky = 3432154;
        const string manager = "343215451";
        await Emu.ClusterAsync("rollingRestart", flaky);   // fails at its second broker: two waves of 100 ms

        Emu.Advance(199);
        AssertRate(Steady(flaky, Now) * TrafficModel.DipFactor, await NewestRateAsync(flaky, manager));
        Emu.Advance(1);
        Assert.Equal("failed", Assert.Single(await Emu.RestartsAsync()).Str("outcome"));
        Emu.Advance(1500);
        AssertRate(Steady(flaky, Now) * (TrafficModel.DipFactor + (1 - TrafficModel.DipFactor) / 2), await NewestRateAsync(flaky, manager));
        Emu.Advance(1500);
        AssertRate(Steady(flaky, Now), await NewestRateAsync(flaky, manager));
    }

    [Fact]
    public async Task TrafficRecoveryMs_AppliesWhenTheAnswerIsComputed_ToPastRunsToo()
    {
        await Emu.ClusterAsync("rollingRestart", Prod01);
        Emu.Advance(300 + 3000);
        AssertRate(Steady(Prod01, Now), await NewestRateAsync());

        await Emu.SetConfigAsync(new { trafficRecoveryMs = 6000 });

        AssertRate(Steady(Prod01, Now) * (TrafficModel.DipFactor + (1 - TrafficModel.DipFactor) / 2), await NewestRateAsync());
    }

    [Fact]
    public async Task AbsentMetrics_AreLeftOutUntilReset_AndNamesItDoesNotServeAreRefused()
    {
        var set = await SetTrafficAsync(Prod01, new { absentMetrics = new[] { Rate } });
        Assert.Equal([Rate], set.Json.Items("absentMetrics").Select(m => m.GetString()));
        Assert.Equal(["cluster_total_partition", "cluster_total_topic", "cluster_total_message"], Metrics(await MonitoringAsync(Prod01, Body())));

        var refused = await SetTrafficAsync(Prod01, "{\"absentMetrics\":[\"cpu\"]}");
        Assert.Equal(400, refused.Status);
        Assert.Contains("'cpu' is not a metric the emulator serves", refused.Json.Str("error"));
        Assert.Equal([Rate], (await GetTrafficAsync(Prod01)).Json.Items("absentMetrics").Select(m => m.GetString()));

        await Emu.ResetAsync();
        Assert.Contains(Rate, Metrics(await MonitoringAsync(Prod01, Body())));
    }

    [Fact]
    public async Task TheTrafficEndpoint_ShowsTheDefaults_ChangesOnlyWhatIsSent_AndResetRestoresThem()
    {
        var shown = await GetTrafficAsync(Prod01);
        Assert.Equal(200, shown.Status);
        Assert.Equal(["serviceGroupInstanceNo", "clusterName", "recovers", "absentMetrics"], shown.Json.Names());
        Assert.Equal(Prod01, shown.Json.Long("serviceGroupInstanceNo"));
        Assert.Equal("kafka-prod-01", shown.Json.Str("clusterName"));
        AssertDefaults(shown);

        await SetTrafficAsync(Prod01, new { recovers = false });
        var both = await SetTrafficAsync(Prod01, new { absentMetrics = new[] { "cluster_total_topic", "broker_bytesInSec" } });
        Assert.False(both.Json.Bool("recovers"));
        Assert.Equal(["broker_bytesInSec", "cluster_total_topic"], both.Json.Items("absentMetrics").Select(m => m.GetString()));
        Assert.Equal(both.Text, (await GetTrafficAsync(Prod01)).Text);
        AssertDefaults(await GetTrafficAsync(3432150));
        // Like failAtBroker, the disallowed cluster can be set too; an unknown one cannot.
        Assert.False((await SetTrafficAsync(3432160, new { recovers = false })).Json.Bool("recovers"));
        Assert.Equal(404, (await GetTrafficAsync(42)).Status);

        await Emu.ResetAsync();

        AssertDefaults(await GetTrafficAsync(Prod01));
        AssertDefaults(await GetTrafficAsync(3432160));
    }

    [Theory]
    [InlineData(Prod01, "{\"recover\":false}", 400, "unknown traffic setting 'recover' (known: recovers, absentMetrics)")]
    [InlineData(Prod01, "{\"recovers\":false,\"absentMetrics\":[\"cluster_total_topic\",\"cpu\"]}", 400, "absentMetrics: 'cpu' is not a metric the emulator serves")]
    [InlineData(Prod01, "{\"recovers\":\"no\"}", 400, "recovers must be true, false or null")]
    [InlineData(Prod01, "[]", 400, "traffic settings must be a JSON object")]
    [InlineData(Prod01, "{\"recovers\":false", 400, "body is not valid JSON")]
    [InlineData(42, "{\"recovers\":false}", 404, "no cluster 42")]
    public async Task TheTrafficEndpoint_RefusesWhatItDoesNotKnow_AndChangesNothing(long no, string settings, int status, string error)
    {
        var r = await SetTrafficAsync(no, settings);

        Assert.Equal(status, r.Status);
        Assert.StartsWith(error, r.Json.Str("error"));
        AssertDefaults(await GetTrafficAsync(Prod01));
    }

    [Fact]
    public async Task MovingTheClock_ChangesTheAnswer_AFutureRangeFillsAndTheTotalGrowsAtTheSteadyRate()
    {
        AlignToHalfPastAMinute();
        var next = NowMs / Minute * Minute + Minute;
        var body = Body();
        body["timeStart"] = next;
        body["timeEnd"] = next + 10 * Minute;

        var before = await MonitoringAsync(Prod01, body);
        Assert.Equal(0, before.Code);
        Assert.All(before.Result.Items("data"), s => Assert.Empty(s.Items("dps")));

        Assert.Equal(200, (await Emu.ControlAsync(HttpMethod.Post, "clock", new { advanceSeconds = 150 })).Status);
        var moved = await MonitoringAsync(Prod01, body);
        var rates = Points(Series(moved, Rate));
        Assert.Equal([next, next + Minute, next + 2 * Minute], rates.Select(p => p.At));
        Assert.Equal(next + 2 * Minute, NowMs);
        AssertRate(Steady(Prod01, Now), rates[^1].Value);
        var total = Points(Series(moved, TotalMessages))[^1].Value;

        Assert.Equal(200, (await Emu.ControlAsync(HttpMethod.Post, "clock", new { advanceSeconds = 60 })).Status);
        var later = Points(Series(await MonitoringAsync(Prod01, body), TotalMessages));
        Assert.Equal(4, later.Count);
        Assert.Equal(60 * ProfileOf(Prod01).SteadyRate, later[^1].Value - total);
    }

    [Fact]
    public async Task ClockOffsetSec_MovesOnlyTheGatewaysTime_NotTheTraffic()
    {
        await Emu.SetConfigAsync(new { clockOffsetSec = 120 });
        AlignToHalfPastAMinute();
        var body = Body();
        body["timeEnd"] = NowMs + 10 * Minute;

        var r = await MonitoringAsync(Prod01, body);

        Assert.Equal(0, r.Code);
        Assert.Equal(Now.AddSeconds(120).ToUnixTimeSeconds(), r.Headers.Date!.Value.ToUnixTimeSeconds());
        var points = Points(Series(r, Rate));
        Assert.Equal(11, points.Count);
        Assert.Equal(NowMs / Minute * Minute, points[^1].At);
        AssertRate(Steady(Prod01, Now), points[^1].Value);
    }

    /// <summary>A range of ten whole minutes up to the emulator's now: eleven step starts, the last one the step in progress.</summary>
    private Dictionary<string, object?> Body(string metric = ClusterMetrics, string node = Prod01Manager) => new()
    {
        ["timeStart"] = NowMs / Minute * Minute - 10 * Minute,
        ["timeEnd"] = NowMs + 1000,
        ["metric"] = metric,
        ["computeInstanceNo"] = node,
        ["interval"] = "Min1",
    };

    private Task<EmulatorAnswer> MonitoringAsync(long no, Dictionary<string, object?> body) =>
        Emu.PostAsync($"/monitoring/getCdssMonitoringData/{no}", body);

    /// <summary>The newest reading of a cluster's message rate over the last ten minutes.</summary>
    private async Task<double> NewestRateAsync(long no = Prod01, string manager = Prod01Manager)
    {
        var r = await MonitoringAsync(no, Body(node: manager));
        Assert.Equal(0, r.Code);
        return Points(Series(r, Rate))[^1].Value;
    }

    private Task<EmulatorAnswer> GetTrafficAsync(long no) => Emu.ControlAsync(HttpMethod.Get, $"clusters/{no}/traffic");

    private Task<EmulatorAnswer> SetTrafficAsync(long no, object settings) => Emu.ControlAsync(HttpMethod.Post, $"clusters/{no}/traffic", settings);

    /// <summary>Moves the clock to 30 s past the next minute, so that steps and runs fall at known places.</summary>
    private void AlignToHalfPastAMinute() => Emu.Advance(Minute - NowMs % Minute + 30_000);

    private static void AssertDefaults(EmulatorAnswer traffic)
    {
        Assert.Equal(200, traffic.Status);
        Assert.True(traffic.Json.Bool("recovers"));
        Assert.Empty(traffic.Json.Items("absentMetrics"));
    }

    private static List<string> Metrics(EmulatorAnswer r) => r.Result.Items("data").Select(s => s.Str("metric")).ToList();

    private static JsonElement Series(EmulatorAnswer r, string metric) => r.Result.Items("data").Single(s => s.Str("metric") == metric);

    private static List<(long At, double Value)> Points(JsonElement series) =>
        series.Items("dps").Select(p => (p[0].GetInt64(), p[1].GetDouble())).ToList();

    private static TrafficProfile ProfileOf(long no)
    {
        var c = EmulatorSeed.Default().Single(c => c.No == no);
        return TrafficProfile.For(c.No, c.BrokerCount, c.CreateDate);
    }

    /// <summary>The seeded cluster's steady rate, with its daily swing, at an instant.</summary>
    private static double Steady(long no, DateTimeOffset at) => TrafficModel.SteadyAt(at, ProfileOf(no));

    /// <summary>The emulator rounds rates to 2 decimals.</summary>
    private static void AssertRate(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 0.0051, $"rate {actual}, expected {Math.Round(expected, 2)}");
}
