using Cdss.Signing;

namespace Cdss.Tests;

public class ClockSkewTests
{
    private static long Timestamp(RecordedRequest r) => long.Parse(r.Header(SignatureV2.TimestampHeader));

    [Fact]
    public async Task Unauthorized_WithServerDateTenMinutesAhead_ShiftsTheClock_WarnsOnce_AndSucceeds()
    {
        using var h = new Harness(maxRetries: 0);
        h.Stub.Respond(401, Json.GatewayError("200", "Authentication Failed"), r => r.Headers.Date = Harness.FixedNow.AddMinutes(10))
              .RespondEnvelope(0, "SUCCESS", "true")
              .RespondEnvelope(0, "SUCCESS", "true")
              .Respond(401, Json.GatewayError("200", "Authentication Failed"), r => r.Headers.Date = Harness.FixedNow.AddMinutes(20))
              .RespondEnvelope(0, "SUCCESS", "true");

        var result = await h.Client.PreCheckAsync(1, CancellationToken.None);

        Assert.True(result.CanRestart);
        var sent = h.Stub.Requests;
        Assert.Equal(2, sent.Count);
        Assert.Equal(600_000, Timestamp(sent[1]) - Timestamp(sent[0]));
        Assert.Equal(TimeSpan.FromMinutes(10), h.Transport.ClockOffset);
        var warning = Assert.Single(h.Log.Warnings);
        Assert.Contains("10 minutes", warning);

        // The correction sticks for later calls; a later, different skew is corrected again but not warned about again.
        await h.Client.PreCheckAsync(1, CancellationToken.None);
        Assert.Equal(Timestamp(sent[1]), Timestamp(h.Stub.Requests[2]));
        Assert.True((await h.Client.PreCheckAsync(1, CancellationToken.None)).CanRestart);
        Assert.Equal(5, h.Stub.Requests.Count);
        Assert.Equal(1_200_000, Timestamp(h.Stub.Requests[4]) - Timestamp(sent[0]));
        Assert.Single(h.Log.Warnings);
    }

    [Fact]
    public async Task Unauthorized_WithServerDateBehind_ShiftsBackwards()
    {
        using var h = new Harness(maxRetries: 0);
        h.Stub.Respond(401, Json.GatewayError("200", "Authentication Failed"), r => r.Headers.Date = Harness.FixedNow.AddMinutes(-7))
              .RespondEnvelope(0, "SUCCESS", "true");

        Assert.True((await h.Client.PreCheckAsync(1, CancellationToken.None)).CanRestart);
        Assert.Equal(-420_000, Timestamp(h.Stub.Requests[1]) - Timestamp(h.Stub.Requests[0]));
    }

    [Fact]
    public async Task SkewCorrection_AppliesToTheRollingRestartToo()
    {
        using var h = new Harness(maxRetries: 3);
        h.Stub.Respond(401, Json.GatewayError("200", "Authentication Failed"), r => r.Headers.Date = Harness.FixedNow.AddMinutes(10))
              .RespondEnvelope(0, "SUCCESS", "true");
        Assert.True((await h.Client.StartRollingRestartAsync(5, CancellationToken.None)).Accepted);
        Assert.Equal(2, h.Stub.Requests.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(60)]
    [InlineData(-240)]
    public async Task Unauthorized_WithoutSkew_IsNotRetried(int? serverAheadSeconds)
    {
        using var h = new Harness(maxRetries: 3);
        h.Stub.Respond(401, Json.GatewayError("200", "Authentication Failed"), r =>
              {
                  if (serverAheadSeconds.HasValue) r.Headers.Date = Harness.FixedNow.AddSeconds(serverAheadSeconds.Value);
              })
              .Always(200, Json.Envelope(0, "SUCCESS", "true"));

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.PreCheckAsync(1, CancellationToken.None));

        Assert.Equal(CdssErrorIds.AuthenticationFailed, ex.ErrorId);
        Assert.Single(h.Stub.Requests);
        Assert.Empty(h.Log.Warnings);
        Assert.Equal(TimeSpan.Zero, h.Transport.ClockOffset);
    }

    [Fact]
    public async Task SecondSkewedUnauthorized_IsNotRetriedAgain()
    {
        using var h = new Harness(maxRetries: 3);
        h.Stub.Respond(401, Json.GatewayError("200", "Authentication Failed"), r => r.Headers.Date = Harness.FixedNow.AddMinutes(10))
              .Respond(401, Json.GatewayError("200", "Authentication Failed"), r => r.Headers.Date = Harness.FixedNow.AddMinutes(30))
              .Always(200, Json.Envelope(0, "SUCCESS", "true"));

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.PreCheckAsync(1, CancellationToken.None));

        Assert.Equal(CdssErrorIds.AuthenticationFailed, ex.ErrorId);
        Assert.Equal(2, h.Stub.Requests.Count);
    }

    [Fact]
    public async Task Logs_NeverContainTheSecretOrASignature()
    {
        using var h = new Harness(maxRetries: 3);
        h.Stub.RespondGateway(503, "500", "Endpoint Error")
              .Throw(StubHandler.ConnectionRefused())
              .Respond(401, Json.GatewayError("200", "Authentication Failed"), r => r.Headers.Date = Harness.FixedNow.AddMinutes(10))
              .RespondEnvelope(0, "SUCCESS", "true");

        await h.Client.PreCheckAsync(1, CancellationToken.None);

        var lines = h.Log.Lines;
        Assert.True(lines.Count(l => l.Level == "Verbose") >= 3, "expected verbose lines for the attempts");
        var signatures = h.Stub.Requests.Select(r => r.Header(SignatureV2.SignatureHeader)).ToList();
        Assert.Equal(4, signatures.Count);
        foreach (var (level, text) in lines)
        {
            Assert.DoesNotContain(Harness.SecretKey, text);
            Assert.DoesNotContain(Harness.SecretKey.Substring(0, 12), text);
            Assert.All(signatures, s => Assert.DoesNotContain(s, text));
            Assert.DoesNotContain(Harness.AccessKey, text);
        }
    }
}
