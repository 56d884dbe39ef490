using System.Text.Json;
using Cdss.Api;
using Cdss.Transport;

namespace Cdss.Tests;

public class ClientTests
{
    private const string Progress =
        "{\"clusterName\":\"kafka-a\",\"brokerNodeTotalNumber\":3,\"brokerNumber\":\"3\",\"brokerStatus\":\"green\"," +
        "\"brokerStatusPerNode\":[{\"hostname\":\"b-1\",\"status\":\"green\"},{\"hostname\":\"b-2\",\"status\":\"green\"}]," +
        "\"zookeeperTotalNumber\":3,\"zookeeperNumber\":3,\"zookeeperStatus\":\"green\",\"cmakStatus\":\"running\"}";

    [Theory]
    [InlineData("https://h.example/api/v1", "/cluster/x", "https://h.example/api/v1/cluster/x")]
    [InlineData("https://h.example/api/v1/", "/cluster/x", "https://h.example/api/v1/cluster/x")]
    [InlineData("http://127.0.0.1:5123/api/sgn-v1/", "cluster/x", "http://127.0.0.1:5123/api/sgn-v1/cluster/x")]
    public void BuildUri_JoinsBaseAndPathWithOneSlash(string baseUrl, string path, string expected)
    {
        var uri = CdssClient.Request(HttpMethod.Post, path).BuildUri(new Uri(baseUrl));
        Assert.Equal(expected, uri.AbsoluteUri);
        Assert.DoesNotContain("//cluster", uri.AbsoluteUri);
    }

    [Fact]
    public void BuildUri_EscapesQueryKeysAndValues()
    {
        var request = CdssClient.Request(HttpMethod.Get, "/cluster/getClusterInfoList", query: new[]
        {
            new KeyValuePair<string, string>("inputText", "kafka prod&x=1"),
            new KeyValuePair<string, string>("vpc name", "a/b?c#d"),
            new KeyValuePair<string, string>("empty", ""),
        });
        var uri = request.BuildUri(new Uri("https://h.example/api/v1"));
        Assert.Equal("/api/v1/cluster/getClusterInfoList?inputText=kafka%20prod%26x%3D1&vpc%20name=a%2Fb%3Fc%23d&empty=", uri.PathAndQuery);
    }

    [Fact]
    public async Task PreCheck_SendsTheDocumentedRequest()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", "true");

        await h.Client.PreCheckAsync(3432149, CancellationToken.None);

        var sent = Assert.Single(h.Stub.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("https://clouddatastreamingservice.apigw.ntruss.com/api/v1/cluster/rollingRestartPreCheck", sent.Uri.AbsoluteUri);
        Assert.Equal("/api/v1/cluster/rollingRestartPreCheck", sent.PathAndQuery);
        Assert.Equal("{\"serviceGroupInstanceNo\":3432149}", sent.Body);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal(Harness.AccessKey, sent.Header("x-ncp-iam-access-key"));
        Assert.Equal(Harness.Millis(Harness.FixedNow).ToString(), sent.Header("x-ncp-apigw-timestamp"));
        Assert.NotEmpty(sent.Header("x-ncp-apigw-signature-v2"));
    }

    [Fact]
    public async Task PreCheck_CodeZeroAndTrue_CanRestart()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", "true", "rid-0");
        var result = await h.Client.PreCheckAsync(3432149, CancellationToken.None);
        Assert.True(result.CanRestart);
        Assert.Equal(0, result.Code);
        Assert.Equal("rid-0", result.RequestId);
        Assert.Equal(3432149, result.ServiceGroupInstanceNo);
        Assert.Equal(Harness.BaseUrl.ToString(), result.Endpoint);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("false")]
    [InlineData("\"true\"")]
    public async Task PreCheck_CodeZeroWithoutAnExplicitTrue_CannotRestart(string result)
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", result);
        Assert.False((await h.Client.PreCheckAsync(1, CancellationToken.None)).CanRestart);
    }

    [Fact]
    public async Task PreCheck_NonZeroCode_IsAnAnswerNotAnError()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(3, "Invalid Service Group Instance No", "null", "9b2e-41d0");

        var result = await h.Client.PreCheckAsync(42, CancellationToken.None);

        Assert.False(result.CanRestart);
        Assert.Equal(3, result.Code);
        Assert.Equal("Invalid Service Group Instance No", result.Message);
        Assert.Equal("9b2e-41d0", result.RequestId);
        Assert.Single(h.Stub.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("definitely not json")]
    [InlineData("<!DOCTYPE html><html><body>Login</body></html>")]
    [InlineData("{\"status\":\"ok\"}")]
    public async Task PreCheck_UnreadableAnswer_IsInvalidResponse(string body)
    {
        using var h = new Harness();
        h.Stub.Respond(200, body);
        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.PreCheckAsync(1, CancellationToken.None));
        Assert.Equal(CdssErrorIds.InvalidResponse, ex.ErrorId);
        Assert.Single(h.Stub.Requests);
    }

    [Fact]
    public async Task StartRollingRestart_PostsTheNumber_AndMapsAccepted()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", "true", "r-9");
        var restart = await h.Client.StartRollingRestartAsync(1009, CancellationToken.None);
        Assert.True(restart.Accepted);
        Assert.Equal("r-9", restart.RequestId);
        var sent = Assert.Single(h.Stub.Requests);
        Assert.Equal("/api/v1/cluster/rollingRestart", sent.PathAndQuery);
        Assert.Equal("{\"serviceGroupInstanceNo\":1009}", sent.Body);
    }

    [Fact]
    public async Task Progress_MapsTheStatusObject()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Progress, "r-p");
        var progress = await h.Client.GetRollingRestartProgressAsync(5, CancellationToken.None);

        Assert.Equal("/api/v1/cluster/rollingRestartProgressCheck", h.Stub.Requests[0].PathAndQuery);
        Assert.Equal("kafka-a", progress.ClusterName);
        Assert.Equal(3, progress.BrokersUp);
        Assert.Equal(3, progress.BrokersTotal);
        Assert.True(progress.IsComplete);
        Assert.False(progress.IsFailed);
        Assert.Equal("b-1=green, b-2=green", progress.NodeSummary());
        Assert.Equal("r-p", progress.RequestId);
    }

    [Fact]
    public async Task Progress_NonZeroCode_IsApiErrorWithRequestId()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(3, "Invalid Service Group Instance No", "null", "r-e");
        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.GetRollingRestartProgressAsync(5, CancellationToken.None));
        Assert.Equal(CdssErrorIds.ApiError, ex.ErrorId);
        Assert.Equal("3", ex.ServiceCode);
        Assert.Equal("r-e", ex.RequestId);
        Assert.Contains("Invalid Service Group Instance No", ex.Message);
    }

    [Fact]
    public async Task ClusterPage_SendsPagingBody_AndMapsClusters()
    {
        using var h = new Harness();
        var result = "{\"currentPage\":1,\"pageSize\":100,\"totalCount\":1,\"totalPage\":1,\"isLast\":true,\"allowedClusters\":[" +
                     "{\"serviceGroupInstanceNo\":\"3432149\",\"clusterName\":\"kafka-a\",\"serverStatus\":\"running\"," +
                     "\"createDate\":\"2024-03-06T10:15:30+0900\",\"brokerNodeCount\":3,\"zone\":\"KR-1\"}],\"disallowedClusters\":[]}";
        h.Stub.RespondEnvelope(0, "SUCCESS", result, "r-l");

        var page = await h.Client.GetClusterPageAsync(1, 100, "kafka prod", CancellationToken.None);

        using (var body = JsonDocument.Parse(h.Stub.Requests[0].Body!))
        {
            Assert.Equal(1, body.RootElement.GetProperty("pageNo").GetInt32());
            Assert.Equal(100, body.RootElement.GetProperty("pageSize").GetInt32());
            Assert.Equal("kafka prod", body.RootElement.GetProperty("inputText").GetString());
        }
        var cluster = Assert.Single(page.Items);
        Assert.Equal(3432149, cluster.ServiceGroupInstanceNo);
        Assert.Equal("running", cluster.Status);
        Assert.Equal(3, cluster.BrokerNodeCount);
        Assert.Equal(new DateTimeOffset(2024, 3, 6, 10, 15, 30, TimeSpan.FromHours(9)), Assert.IsType<DateTimeOffset>(cluster.CreateDate));
        Assert.Equal("KR-1", cluster.AdditionalFields["zone"]);
        Assert.Equal(PageEnd.Last, Paging.End(page, page.Items.Count));
        Assert.Equal(1, page.RequestedPage);
        Assert.Equal("r-l", page.RequestId);
    }
}
