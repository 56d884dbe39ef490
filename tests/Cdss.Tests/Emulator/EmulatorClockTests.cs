using System.Net;
using Cdss.Emulator.Timing;
using Microsoft.Extensions.Time.Testing;

namespace Cdss.Tests;

/// <summary>The emulator's one clock, and POST/GET /_emulator/clock.</summary>
public class EmulatorClockTests(SeedEmulator seed) : EmulatorTests(seed)
{
    [Fact]
    public void ByDefault_TheClockFollowsRealTime_UntilMoved_ThenStaysAhead()
    {
        var clock = new EmulatorClock();
        Assert.InRange((clock.GetUtcNow() - DateTimeOffset.UtcNow).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(5));

        clock.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(TimeSpan.FromSeconds(90), clock.Advanced);
        Assert.InRange(clock.GetUtcNow() - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(85), TimeSpan.FromSeconds(95));
    }

    [Fact]
    public void Advancing_MovesWallTimeAndTimestampsTogether()
    {
        var baseline = new FakeTimeProvider(EmulatorHost.StartTime);
        var clock = new EmulatorClock(baseline);
        var before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMilliseconds(1500));
        baseline.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(EmulatorHost.StartTime.AddSeconds(3.5), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(3.5), clock.GetElapsedTime(before));
    }

    [Fact]
    public void TheClockNeverGoesBack()
    {
        var clock = new EmulatorClock(new FakeTimeProvider(EmulatorHost.StartTime));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromDays(3651)));
        Assert.Equal(EmulatorHost.StartTime, clock.GetUtcNow());
    }

    [Fact]
    public async Task Post_MovesTheClock_AndAnswersTheNewTime()
    {
        var start = Emu.Clock.GetUtcNow();
        var total = Emu.Clock.Advanced.TotalSeconds;

        var first = await Emu.ControlAsync(HttpMethod.Post, "clock", new { advanceSeconds = 90 });
        var second = await Emu.ControlAsync(HttpMethod.Post, "clock", "{\"advanceSeconds\":0.25}");

        Assert.Equal(200, first.Status);
        Assert.Equal(EmulatorClock.Iso(start.AddSeconds(90)), first.Json.Str("now"));
        Assert.Equal(90, first.Json.Get("advancedSeconds").GetDouble());
        Assert.Equal(EmulatorClock.Iso(start.AddSeconds(90.25)), second.Json.Str("now"));
        Assert.Equal(0.25, second.Json.Get("advancedSeconds").GetDouble());
        Assert.Equal(total + 90.25, second.Json.Get("totalAdvancedSeconds").GetDouble());
        Assert.Equal(start.AddSeconds(90.25), Emu.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Get_ReportsTheClock_AndWhatTheGatewayBelievesWithTheSkew()
    {
        await Emu.SetConfigAsync(new { clockOffsetSec = -400 });
        Emu.Advance(2000);
        var now = Emu.Clock.GetUtcNow();

        var clock = await Emu.ControlAsync(HttpMethod.Get, "clock");

        Assert.Equal(EmulatorClock.Iso(now), clock.Json.Str("now"));
        Assert.Equal(Emu.Clock.Advanced.TotalSeconds, clock.Json.Get("totalAdvancedSeconds").GetDouble());
        Assert.Equal(EmulatorClock.Iso(now.AddSeconds(-400)), clock.Json.Str("gatewayNow"));
    }

    [Theory]
    [InlineData("{\"advanceSeconds\":-1}", "must not be negative")]
    [InlineData("{\"advanceSeconds\":-0.001}", "must not be negative")]
    [InlineData("{}", "advanceSeconds is required")]
    [InlineData("{\"advanceSeconds\":\"90\"}", "must be a number")]
    [InlineData("{\"advanceSeconds\":null}", "must be a number")]
    [InlineData("{\"advanceSeconds\":true}", "must be a number")]
    [InlineData("{\"advanceSeconds\":1e400}", "must be a finite number")]
    [InlineData("{\"advanceSeconds\":1e12}", "at most")]
    [InlineData("{\"advanceSeconds\":1,\"by\":2}", "unknown clock field 'by'")]
    [InlineData("[90]", "must be a JSON object")]
    [InlineData("90 seconds", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public async Task Post_RefusesWhatIsNotAFiniteNonNegativeNumberOfSeconds_With400AndAReason(string body, string reason)
    {
        var before = Emu.Clock.GetUtcNow();

        var answer = await Emu.ControlAsync(HttpMethod.Post, "clock", body.Length == 0 ? null : body);

        Assert.Equal(400, answer.Status);
        Assert.Contains(reason, answer.Json.Str("error"));
        Assert.Equal(before, Emu.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Reset_LeavesTheClockWhereItIs()
    {
        Emu.Advance(60_000);
        var now = Emu.Clock.GetUtcNow();

        await Emu.ResetAsync();

        Assert.Equal(EmulatorClock.Iso(now), (await Emu.ControlAsync(HttpMethod.Get, "clock")).Json.Str("now"));
    }

    [Fact]
    public async Task TheDateHeader_TheLogsAndTheSignatureWindow_FollowTheClock()
    {
        Emu.Advance(3_600_000);
        var now = Emu.Clock.GetUtcNow();

        // Signed on the emulator clock, an hour ahead of the fake real time: only a window on the same clock lets it in.
        var answer = await Emu.ClusterAsync("rollingRestartPreCheck", 3432149);

        Assert.Equal(200, answer.Status);
        // The Date header has whole seconds.
        Assert.Equal(now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)), answer.Headers.Date);
        Assert.Equal(EmulatorClock.Iso(now), (await Emu.RequestsAsync()).Single().Str("receivedAt"));
    }

    [Fact]
    public async Task ClockOffsetSec_SkewsTheDateHeaderAndTheWindow_OnTopOfTheClock()
    {
        await using var emu = await EmulatorHost.StartAsync("--clock-offset-sec", "-400");
        emu.Advance(10_000);

        var answer = await emu.ClusterAsync("rollingRestartPreCheck", 3432149);

        // The signer reads the clock without the skew: 400 s off is outside the 5-minute window.
        Assert.Equal(401, answer.Status);
        Assert.Equal("200", answer.ErrorCode);
        Assert.Contains("timestamp out of range", answer.Json.Get("error").Str("details"));
        Assert.Equal(EmulatorHost.StartTime.AddSeconds(10 - 400), answer.Headers.Date);
        await emu.ControlAsync(HttpMethod.Post, "config", new { clockOffsetSec = -200 });
        Assert.Equal(200, (await emu.ClusterAsync("rollingRestartPreCheck", 3432149)).Status);
    }
}
