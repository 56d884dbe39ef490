using System.Net.Http.Headers;
using System.Text;
using Cdss.Api;
using Cdss.Signing;
using Cdss.Transport;

namespace Cdss.Tests;

public class TransportRetryTests
{
    [Fact]
    public async Task TransientThenSuccess_AnswersAfterThreeAttempts_EachFreshlySigned()
    {
        var tick = Harness.FixedNow;
        using var h = new Harness(maxRetries: 3, clock: () => tick = tick.AddMilliseconds(1));
        h.Stub.RespondGateway(503, "500", "Endpoint Error").RespondGateway(503, "500", "Endpoint Error").RespondEnvelope(0, "SUCCESS", "true");

        var result = await h.Client.PreCheckAsync(3432149, CancellationToken.None);

        Assert.True(result.CanRestart);
        var sent = h.Stub.Requests;
        Assert.Equal(3, sent.Count);
        Assert.Equal(2, h.Delays.Count);
        Assert.Equal(3, sent.Select(r => r.Header(SignatureV2.TimestampHeader)).Distinct().Count());
        foreach (var r in sent)
        {
            Assert.Equal("{\"serviceGroupInstanceNo\":3432149}", r.Body);
            var expected = SignatureV2.Sign(Encoding.UTF8.GetBytes(Harness.SecretKey),
                SignatureV2.StringToSign(r.Method, r.PathAndQuery, r.Header(SignatureV2.TimestampHeader), Harness.AccessKey));
            Assert.Equal(expected, r.Header(SignatureV2.SignatureHeader));
            Assert.Equal(Harness.AccessKey, r.Header(SignatureV2.AccessKeyHeader));
        }
    }

    [Fact]
    public async Task RetryAfterDelta_IsHonoured()
    {
        using var h = new Harness(maxRetries: 3);
        h.Stub.Respond(429, Json.GatewayError("410", "Throttle Limited"), r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)))
              .RespondEnvelope(0, "SUCCESS", "true");

        Assert.True((await h.Client.PreCheckAsync(1, CancellationToken.None)).CanRestart);
        Assert.Equal(new[] { TimeSpan.FromSeconds(3) }, h.Delays);
    }

    [Fact]
    public async Task RetryAfterHttpDate_IsMeasuredAgainstTheServerDate()
    {
        using var h = new Harness(maxRetries: 3);
        var serverNow = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        h.Stub.Respond(503, Json.GatewayError("500", "Endpoint Error"), r =>
              {
                  r.Headers.Date = serverNow;
                  r.Headers.RetryAfter = new RetryConditionHeaderValue(serverNow.AddSeconds(7));
              })
              .RespondEnvelope(0, "SUCCESS", "true");

        Assert.True((await h.Client.PreCheckAsync(1, CancellationToken.None)).CanRestart);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, h.Delays);
    }

    [Fact]
    public async Task HugeRetryAfter_IsCapped()
    {
        using var h = new Harness(maxRetries: 1);
        h.Stub.Respond(503, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(6)))
              .RespondEnvelope(0, "SUCCESS", "true");

        await h.Client.PreCheckAsync(1, CancellationToken.None);
        Assert.Equal(new[] { RetryPolicy.MaxRetryAfter }, h.Delays);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(30)]
    public void NextDelay_IsFullJitterWithinTheCappedCeiling(int failedAttempt)
    {
        var policy = new RetryPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), seed: 1234);
        var ceiling = Math.Min(5000, 100 * Math.Pow(2, failedAttempt - 1));
        var samples = Enumerable.Range(0, 500).Select(_ => policy.NextDelay(failedAttempt, null).TotalMilliseconds).ToList();

        Assert.All(samples, d => Assert.InRange(d, 0, ceiling));
        Assert.True(samples.Max() > ceiling * 0.9, $"jitter never came near the ceiling {ceiling} ms");
        Assert.True(samples.Min() < ceiling * 0.1, "jitter never came near zero");
    }


    [Fact]
    public void NextDelay_RetryAfterWins_NegativeIsZero()
    {
        var policy = new RetryPolicy(seed: 1);
        Assert.Equal(TimeSpan.FromSeconds(2), policy.NextDelay(1, TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.Zero, policy.NextDelay(1, TimeSpan.FromSeconds(-5)));
    }

    [Fact]
    public async Task ConnectionRefused_IsRetried_ThenNetworkError()
    {
        using var h = new Harness(maxRetries: 2);
        h.Stub.Throw(StubHandler.ConnectionRefused()).Throw(StubHandler.ConnectionRefused()).Throw(StubHandler.ConnectionRefused());

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.PreCheckAsync(1, CancellationToken.None));

        Assert.Equal(CdssErrorIds.NetworkError, ex.ErrorId);
        Assert.Equal(3, h.Stub.Requests.Count);
        Assert.Equal(3, ex.Attempts);
        Assert.Contains("3 attempts", ex.Message);
        Assert.Contains("refused", ex.Message);
    }

    [Fact]
    public async Task ConnectionReset_IsRetriedForIdempotentCalls()
    {
        using var h = new Harness(maxRetries: 2);
        h.Stub.Throw(StubHandler.ConnectionReset()).RespondEnvelope(0, "SUCCESS", "true");
        Assert.True((await h.Client.PreCheckAsync(1, CancellationToken.None)).CanRestart);
        Assert.Equal(2, h.Stub.Requests.Count);
    }

    [Fact]
    public async Task MaxRetriesZero_MeansOneAttempt()
    {
        using var h = new Harness(maxRetries: 0);
        h.Stub.Always(503, Json.GatewayError("500", "Endpoint Error"));
        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.PreCheckAsync(1, CancellationToken.None));
        Assert.Equal(CdssErrorIds.ServiceError, ex.ErrorId);
        Assert.Single(h.Stub.Requests);
        Assert.Empty(h.Delays);
    }

    [Fact]
    public async Task QueryIsSentAndSignedExactly_MatchingTheReferenceVector()
    {
        // Vector 8 of signature-vectors.json, sent through the whole transport.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1764201600999);
        var stub = new StubHandler().RespondEnvelope(0, "SUCCESS", "{}");
        using var signer = new RequestSigner("AKIDEXAMPLE1234567890", Secure.From("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), () => at);
        using var transport = new CdssTransport(new Uri("https://clouddatastreamingservice.apigw.ntruss.com/api/v1/"), signer,
            new TransportSettings(), stub);
        var request = CdssClient.Request(HttpMethod.Get, "/cluster/getClusterInfoList", query: new Dictionary<string, string>
        {
            ["inputText"] = "kafka prod",
            ["vpcName"] = "vpc-a",
        });

        var response = await transport.SendAsync(request, NullLog.Instance, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        var sent = Assert.Single(stub.Requests);
        Assert.Equal("/api/v1/cluster/getClusterInfoList?inputText=kafka%20prod&vpcName=vpc-a", sent.PathAndQuery);
        Assert.Null(sent.Body);
        Assert.Equal("1764201600999", sent.Header(SignatureV2.TimestampHeader));
        Assert.Equal("htcPv7tdRv6ELkDhyZfA/ricFCChNRtF6Q9fpcpTxmM=", sent.Header(SignatureV2.SignatureHeader));
    }
}
