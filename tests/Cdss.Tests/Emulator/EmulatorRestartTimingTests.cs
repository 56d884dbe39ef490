using System.Globalization;

namespace Cdss.Tests;

/// <summary>When a restart shows, what it captures at acceptance, and the restarts log, on the emulator clock.</summary>
public class EmulatorRestartTimingTests(SeedEmulator seed) : EmulatorTests(seed)
{
    [Fact]
    public async Task DuringRestartDelayMs_NothingShows_WhilePreCheckAndRestartAlreadySayInProgress()
    {
        await Emu.SetConfigAsync(new { restartDelayMs = 5000, brokerRestartMs = 100 });
        Assert.True((await Emu.ClusterAsync("rollingRestart", 3432149)).Result.GetBoolean());
        Emu.Advance(4999);

        var status = (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432149)).Result;
        var list = (await Emu.PostAsync("/cluster/getClusterInfoList", new { inputText = "kafka-prod-01" })).Result.Items("allowedClusters")[0];

        Assert.Equal("green", status.Str("brokerStatus"));
        Assert.Equal(3, status.Int("brokerNumber"));
        Assert.Equal(["running", "running", "running"], status.Strs("brokerStatusPerNode", "status"));
        Assert.Equal("running", list.Str("serverStatus"));
        foreach (var operation in new[] { "rollingRestartPreCheck", "rollingRestart" })
        {
            var r = await Emu.ClusterAsync(operation, 3432149);
            Assert.Equal(0, r.Code);
            Assert.Equal("A rolling restart is already in progress", r.Message);
        }
        Emu.Advance(1);
        Assert.Equal("orange", (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432149)).Result.Str("brokerStatus"));
        Emu.Advance(299);
        Assert.Equal("A rolling restart is already in progress", (await Emu.ClusterAsync("rollingRestartPreCheck", 3432149)).Message);
        Emu.Advance(1);
        Assert.True((await Emu.ClusterAsync("rollingRestartPreCheck", 3432149)).Result.GetBoolean());
        Assert.Equal("succeeded", Assert.Single(await Emu.RestartsAsync()).Str("outcome"));
    }

    [Fact]
    public async Task TheDelayAndTheBrokerTime_AreCapturedAtAcceptance()
    {
        await Emu.SetConfigAsync(new { restartDelayMs = 200, brokerRestartMs = 100 });
        await Emu.ClusterAsync("rollingRestart", 3432149);
        await Emu.SetConfigAsync(new { restartDelayMs = 60000, brokerRestartMs = 60000 });
        Emu.Advance(500);

        var run = Assert.Single(await Emu.RestartsAsync());

        Assert.Equal("succeeded", run.Str("outcome"));
        Assert.Equal(200, Between(run, "acceptedAt", "startedAt"));
        Assert.Equal(300, Between(run, "startedAt", "finishedAt"));
    }

    [Fact]
    public async Task RestartDelayMs_IsTakenAtStart_AndTheConfigReportsBothDelays()
    {
        await using var delayed = await EmulatorHost.StartAsync("--restart-delay-ms", "60000", "--config-apply-delay-ms", "50");

        var config = (await delayed.ControlAsync(HttpMethod.Get, "config")).Json;
        Assert.Equal(60000, config.Int("restartDelayMs"));
        Assert.Equal(50, config.Int("configApplyDelayMs"));
        await delayed.ClusterAsync("rollingRestart", 3432149);
        delayed.Advance(59_999);

        Assert.Equal("green", (await delayed.ClusterAsync("rollingRestartProgressCheck", 3432149)).Result.Str("brokerStatus"));
        Assert.Equal("running", Assert.Single(await delayed.RestartsAsync()).Str("outcome"));
        delayed.Advance(1);
        Assert.Equal("orange", (await delayed.ClusterAsync("rollingRestartProgressCheck", 3432149)).Result.Str("brokerStatus"));
    }

    [Fact]
    public async Task TheRestartsLog_IsEmptyAfterAReset()
    {
        await Emu.ClusterAsync("rollingRestart", 3432149);
        await Emu.ResetAsync();

        Assert.Empty(await Emu.RestartsAsync());
    }

    [Fact]
    public async Task TheRestartsLog_ListsEveryAcceptedRunInOrder_OnTheEmulatorClock_AndOnlyAcceptedOnes()
    {
        await Emu.SetConfigAsync(new { brokerRestartMs = 200 });
        var before = Emu.Clock.GetUtcNow();
        await Emu.ClusterAsync("rollingRestart", 3432149);
        await Emu.ClusterAsync("rollingRestart", 3432151);   // not running: not accepted
        Emu.Advance(50);
        await Emu.GetAsync("/cluster/restartAllServices/3432153");

        var runs = await Emu.RestartsAsync();
        Assert.Equal([3432149L, 3432153L], runs.Select(r => r.Long("serviceGroupInstanceNo")));
        Assert.Equal(["kafka-prod-01", "kafka-analytics"], runs.Select(r => r.Str("clusterName")));
        Assert.Equal(["rollingRestart", "restartAllServices"], runs.Select(r => r.Str("kind")));
        Assert.Equal(["running", "running"], runs.Select(r => r.Str("outcome")));
        Assert.Equal(["serviceGroupInstanceNo", "clusterName", "kind", "acceptedAt", "startedAt", "finishedAt", "outcome"], runs[0].Names());
        Assert.True(runs[0].IsNull("finishedAt"));
        Assert.Matches("\"acceptedAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\",\"startedAt\":\"[^\"]+Z\",\"finishedAt\":null",
            (await Emu.ControlAsync(HttpMethod.Get, "restarts")).Text);
        Assert.Equal(before, Time(runs[0], "acceptedAt"));
        Assert.Equal(before.AddMilliseconds(50), Time(runs[1], "acceptedAt"));

        Emu.Advance(600);
        var done = await Emu.RestartsAsync();
        Assert.Equal(["succeeded", "succeeded"], done.Select(r => r.Str("outcome")));
        // Three brokers one at a time, and four brokers in one wave.
        Assert.Equal(600, Between(done[0], "startedAt", "finishedAt"));
        Assert.Equal(200, Between(done[1], "startedAt", "finishedAt"));
        // Both ran at the same time: their intervals overlap.
        Assert.True(Time(done[1], "startedAt") < Time(done[0], "finishedAt"));
    }

    internal static DateTimeOffset Time(System.Text.Json.JsonElement run, string name) =>
        DateTimeOffset.Parse(run.Str(name), CultureInfo.InvariantCulture);

    /// <summary>Milliseconds from one logged time of a run to another.</summary>
    internal static double Between(System.Text.Json.JsonElement run, string from, string to) =>
        (Time(run, to) - Time(run, from)).TotalMilliseconds;
}
