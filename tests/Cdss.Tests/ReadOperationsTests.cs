using System.Net.Http;
using Cdss.Api;
using Cdss.Transport;

namespace Cdss.Tests;

/// <summary>Only documented reads are ever sent twice, whatever their HTTP method.</summary>
public class ReadOperationsTests
{
    [Theory]
    [InlineData("GET", "/cluster/restartKafkaService/3432149")]
    [InlineData("GET", "/cluster/restartAllServices/3432149")]
    [InlineData("GET", "/cluster/restartCMAKService/3432149")]
    [InlineData("GET", "/cluster/enablePublicDomain/3432149")]
    [InlineData("GET", "/cluster/disablePublicDomain/3432149")]
    [InlineData("GET", "/cluster/disableBrokerNodePublicEndpoint/3432149")]
    [InlineData("POST", "/cluster/rollingRestart")]
    [InlineData("POST", "/cluster/restartKafkaServicePerNode/3432149")]
    [InlineData("POST", "/configGroup/setKafkaConfigGroupDetail/101")]
    [InlineData("DELETE", "/cluster/deleteCDSSCluster/3432149")]
    [InlineData("GET", "/cluster/getClusterInfoList")]
    [InlineData("POST", "/cluster/getClusterStatus/3432149")]
    [InlineData("POST", "/cluster/somethingNew")]
    public void ChangesAndUnknownOperations_AreNotReads(string method, string path)
    {
        Assert.False(ReadOperations.IsRead(new HttpMethod(method), path));
        Assert.False(CdssClient.Request(new HttpMethod(method), path).Idempotent);
    }

    [Theory]
    [InlineData("POST", "/cluster/getClusterInfoList")]
    [InlineData("POST", "/cluster/getClusterInfoList/3432149")]
    [InlineData("POST", "/cluster/rollingRestartPreCheck")]
    [InlineData("POST", "/cluster/rollingRestartProgressCheck")]
    [InlineData("POST", "/cluster/rollingUpgradePreCheck")]
    [InlineData("POST", "/configGroup/getKafkaConfigGroupDetailList/101")]
    [InlineData("POST", "/monitoring/getCdssMonitoringData/3432149")]
    [InlineData("GET", "/cluster/getClusterStatus/3432149")]
    [InlineData("GET", "/cluster/getClusterNodeList/3432149")]
    [InlineData("GET", "/cluster/getCDSSVersionList")]
    public void DocumentedReads_AreReads(string method, string path)
    {
        Assert.True(ReadOperations.IsRead(new HttpMethod(method), path));
        Assert.True(CdssClient.Request(new HttpMethod(method), path).Idempotent);
    }

    [Fact]
    public async Task ASideEffectingGet_IsSentOnceAfterA503_AndEndsOutcomeUnknown()
    {
        using var h = new Harness(maxRetries: 3);
        h.Stub.Always(503, Json.GatewayError("500", "Endpoint Error"));

        var ex = await Assert.ThrowsAsync<CdssException>(() =>
            h.Client.CallAsync(CdssClient.Request(HttpMethod.Get, "/cluster/restartKafkaService/3432149"), CancellationToken.None));

        Assert.Equal(CdssErrorIds.OutcomeUnknown, ex.ErrorId);
        Assert.Single(h.Stub.Requests);
        Assert.Empty(h.Delays);
    }

    [Fact]
    public async Task AReadGet_IsRetriedAfterA503()
    {
        using var h = new Harness(maxRetries: 3);
        h.Stub.RespondGateway(503, "500", "Endpoint Error").RespondEnvelope(0, "SUCCESS", "{\"clusterName\":\"c\"}");

        var envelope = await h.Client.CallAsync(CdssClient.Request(HttpMethod.Get, "/cluster/getClusterStatus/3432149"), CancellationToken.None);

        Assert.True(envelope.IsSuccess);
        Assert.Equal(2, h.Stub.Requests.Count);
        Assert.Equal("GET", h.Stub.Requests[1].Method);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public async Task TheTransport_ResendsOnlyWhatItsCallerSaysMayBeResent(bool idempotent, int sent)
    {
        // The same documented read, marked either way: the transport follows the mark, it does not look the path up.
        using var h = new Harness(maxRetries: 3);
        h.Stub.RespondGateway(503, "500", "Endpoint Error").RespondEnvelope(0, "SUCCESS", "{\"clusterName\":\"c\"}");

        var request = new ApiRequest(HttpMethod.Get, "/cluster/getClusterStatus/3432149", idempotent);
        var call = h.Client.CallAsync(request, CancellationToken.None);

        if (idempotent) Assert.True((await call).IsSuccess);
        else Assert.Equal(CdssErrorIds.OutcomeUnknown, (await Assert.ThrowsAsync<CdssException>(() => call)).ErrorId);
        Assert.Equal(sent, h.Stub.Requests.Count);
    }
}
