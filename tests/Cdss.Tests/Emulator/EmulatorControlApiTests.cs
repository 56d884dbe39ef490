using System.Net;

namespace Cdss.Tests;

/// <summary>The control API under /_emulator: loopback only, the request log, runtime settings, unknown paths.</summary>
public class EmulatorControlApiTests(SeedEmulator seed) : EmulatorTests(seed)
{
    [Fact]
    public async Task Health_IsOk()
    {
        var r = await Emu.ControlAsync(HttpMethod.Get, "health");

        Assert.Equal(200, r.Status);
        Assert.Equal("ok", r.Json.Str("status"));
    }

    [Fact]
    public async Task ACallerThatIsNotOnLoopback_Is403()
    {
        var ctx = await Emu.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/_emulator/health";
            c.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        });

        Assert.Equal(403, ctx.Response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownControlPath_IsAPlain404()
    {
        var r = await Emu.ControlAsync(HttpMethod.Get, "no-such-thing");

        Assert.Equal(404, r.Status);
        Assert.Equal("unknown control endpoint", r.Json.Str("error"));
    }

    [Fact]
    public async Task TheRequestLog_ListsEveryRequestInArrivalOrder_AndAClearRestartsItsNumbering()
    {
        Assert.Empty(await Emu.RequestsAsync());
        await Emu.ClusterAsync("rollingRestartPreCheck", 3432149);
        await Emu.ClusterAsync("rollingRestartProgressCheck", 3432149);
        await Emu.ClusterAsync("rollingRestartProgressCheck", 3432150);

        var log = await Emu.RequestsAsync();

        Assert.Equal([1L, 2L, 3L], log.Select(e => e.Long("seq")));
        Assert.Equal(["rollingRestartPreCheck", "rollingRestartProgressCheck", "rollingRestartProgressCheck"], log.Select(e => e.Str("operation")));
        Assert.Equal("/api/v1/cluster/rollingRestartPreCheck", log[0].Str("target"));
        Assert.Equal(200, log[0].Int("status"));
        Assert.DoesNotContain("signature", (await Emu.ControlAsync(HttpMethod.Get, "requests")).Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(204, (await Emu.ControlAsync(HttpMethod.Delete, "requests")).Status);
        await Emu.ClusterAsync("rollingRestartPreCheck", 3432149);
        Assert.Equal(1, Assert.Single(await Emu.RequestsAsync()).Long("seq"));
    }

    [Fact]
    public async Task TheConfig_IsShownAndChanged_RefusesWhatItDoesNotKnow_AndResetRestoresIt()
    {
        var changed = await Emu.ControlAsync(HttpMethod.Post, "config", new { latencyMs = 5, clockOffsetSec = -400, restartDelayMs = 10 });

        Assert.Equal(200, changed.Status);
        Assert.Equal(-400, changed.Json.Int("clockOffsetSec"));
        Assert.Equal(100, changed.Json.Int("brokerRestartMs"));
        Assert.Equal(400, (await Emu.ControlAsync(HttpMethod.Post, "config", new { brokerRestartMs = 0 })).Status);
        Assert.Contains("unknown config field", (await Emu.ControlAsync(HttpMethod.Post, "config", new { speed = 1 })).Json.Str("error"));
        await Emu.ResetAsync();
        var config = (await Emu.ControlAsync(HttpMethod.Get, "config")).Json;
        Assert.Equal((0, 0, 0), (config.Int("latencyMs"), config.Int("clockOffsetSec"), config.Int("restartDelayMs")));
    }

    [Fact]
    public async Task FaultRules_AreListedWithTheirCounts_AndCleared()
    {
        await Emu.AddFaultAsync(new[] { new { operation = "getClusterStatus", kind = "status", status = 503, times = 2 } });
        await Emu.GetAsync("/cluster/getClusterStatus/3432149");

        var rule = Assert.Single((await Emu.ControlAsync(HttpMethod.Get, "faults")).Json.Items());
        Assert.Equal((1, 1), (rule.Int("remaining"), rule.Int("applied")));
        Assert.Equal(204, (await Emu.ControlAsync(HttpMethod.Delete, "faults")).Status);
        Assert.Empty((await Emu.ControlAsync(HttpMethod.Get, "faults")).Json.Items());
        Assert.Equal(200, (await Emu.GetAsync("/cluster/getClusterStatus/3432149")).Status);
    }
}
