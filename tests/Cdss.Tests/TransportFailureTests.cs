using System.Diagnostics;

namespace Cdss.Tests;

/// <summary>Timeouts, user cancellation, and the rules for the non-idempotent rolling restart.</summary>
public class TransportFailureTests
{
    [Fact]
    public async Task HangingAttempt_TimesOutPerAttempt_AsCdssTimeout()
    {
        using var h = new Harness(maxRetries: 0, timeoutSec: 1);
        h.Stub.Hang();
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.PreCheckAsync(1, CancellationToken.None));

        Assert.Equal(CdssErrorIds.Timeout, ex.ErrorId);
        Assert.Contains("1 s", ex.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(10));
        Assert.Single(h.Stub.Requests);
    }

    [Fact]
    public async Task TimeoutOfAnIdempotentCall_IsRetried()
    {
        using var h = new Harness(maxRetries: 2);
        // What HttpClient throws when an attempt's own timeout fires (the caller's token is not cancelled).
        h.Stub.Throw(new TaskCanceledException("timed out")).RespondEnvelope(0, "SUCCESS", "true");
        Assert.True((await h.Client.PreCheckAsync(1, CancellationToken.None)).CanRestart);
        Assert.Equal(2, h.Stub.Requests.Count);
    }

    [Fact]
    public async Task UserCancellation_IsOperationCanceled_Quickly_NotTimeout()
    {
        using var h = new Harness(maxRetries: 3, timeoutSec: 30);
        h.Stub.Hang().Always(200, Json.Envelope(0, "SUCCESS", "true"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.PreCheckAsync(1, cts.Token));

        Assert.IsNotType<CdssException>(ex);
        // Far below the 30 s attempt timeout it must not wait for, far above what a loaded machine adds.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {watch.Elapsed}");
        Assert.Single(h.Stub.Requests);
        Assert.Empty(h.Delays);
    }


    [Fact]
    public async Task CancellationDuringTheRetryWait_IsOperationCanceled()
    {
        using var h = new Harness(maxRetries: 3);
        using var cts = new CancellationTokenSource();
        h.Policy.Delay = (_, token) => { cts.Cancel(); return Task.Delay(Timeout.Infinite, token); };
        h.Stub.Always(503, Json.GatewayError("500", "Endpoint Error"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.PreCheckAsync(1, cts.Token));
        Assert.Single(h.Stub.Requests);
    }

    public static TheoryData<string> AmbiguousFailures => new() { "503", "timeout", "reset" };

    [Theory]
    [MemberData(nameof(AmbiguousFailures))]
    public async Task RollingRestart_AmbiguousFailure_IsOutcomeUnknownAfterOneRequest(string failure)
    {
        using var h = new Harness(maxRetries: 3);
        _ = failure switch
        {
            "timeout" => h.Stub.Throw(new TaskCanceledException("timed out")),
            "reset" => h.Stub.Throw(StubHandler.ConnectionReset()),
            _ => h.Stub.RespondGateway(int.Parse(failure), "500", "Endpoint Error"),
        };
        h.Stub.Always(200, Json.Envelope(0, "SUCCESS", "true"));

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.StartRollingRestartAsync(1009, CancellationToken.None));

        Assert.Equal(CdssErrorIds.OutcomeUnknown, ex.ErrorId);
        Assert.Single(h.Stub.Requests);
        Assert.Empty(h.Delays);
        Assert.Equal(1, ex.Attempts);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public async Task RollingRestart_RealTimeout_IsOutcomeUnknown()
    {
        using var h = new Harness(maxRetries: 3, timeoutSec: 1);
        h.Stub.Hang().Always(200, Json.Envelope(0, "SUCCESS", "true"));
        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.StartRollingRestartAsync(1009, CancellationToken.None));
        Assert.Equal(CdssErrorIds.OutcomeUnknown, ex.ErrorId);
        Assert.Equal(CdssErrorIds.Timeout, Assert.IsType<CdssException>(ex.InnerException).ErrorId);
        Assert.Single(h.Stub.Requests);
    }

    [Fact]
    public async Task RollingRestart_ConnectionRefused_IsRetried()
    {
        using var h = new Harness(maxRetries: 3);
        h.Stub.Throw(StubHandler.ConnectionRefused()).Throw(StubHandler.ConnectionRefused()).RespondEnvelope(0, "SUCCESS", "true");

        var restart = await h.Client.StartRollingRestartAsync(1009, CancellationToken.None);

        Assert.True(restart.Accepted);
        Assert.Equal(3, h.Stub.Requests.Count);
        Assert.Equal(2, h.Delays.Count);
    }

    [Theory]
    [InlineData("410")]
    [InlineData("420")]
    public async Task RollingRestart_Throttled_IsRetried(string code)
    {
        using var h = new Harness(maxRetries: 3);
        h.Stub.RespondGateway(429, code, "Throttle Limited").RespondEnvelope(0, "SUCCESS", "true");

        var restart = await h.Client.StartRollingRestartAsync(1009, CancellationToken.None);

        Assert.True(restart.Accepted);
        Assert.Equal(2, h.Stub.Requests.Count);
    }

    [Fact]
    public async Task RollingRestart_RefusedEveryTime_IsNetworkErrorNotOutcomeUnknown()
    {
        using var h = new Harness(maxRetries: 1);
        h.Stub.Throw(StubHandler.ConnectionRefused()).Throw(StubHandler.ConnectionRefused());
        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.StartRollingRestartAsync(1009, CancellationToken.None));
        Assert.Equal(CdssErrorIds.NetworkError, ex.ErrorId);
        Assert.Equal(2, h.Stub.Requests.Count);
    }

    [Fact]
    public async Task RollingRestart_RefusedThen503_StopsAtTheAmbiguousAttempt()
    {
        using var h = new Harness(maxRetries: 3);
        h.Stub.Throw(StubHandler.ConnectionRefused()).RespondGateway(503, "500").Always(200, Json.Envelope(0, "SUCCESS", "true"));
        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.StartRollingRestartAsync(1009, CancellationToken.None));
        Assert.Equal(CdssErrorIds.OutcomeUnknown, ex.ErrorId);
        Assert.Equal(2, h.Stub.Requests.Count);
        Assert.Equal(2, ex.Attempts);
    }
}
