using Cdss.Transport;

namespace Cdss.Tests;

public class GatewayErrorTests
{
    [Theory]
    [InlineData(401, "200", CdssErrorIds.AuthenticationFailed)]
    [InlineData(401, "210", CdssErrorIds.PermissionDenied)]
    [InlineData(403, "230", CdssErrorIds.PermissionDenied)]
    [InlineData(404, "300", CdssErrorIds.NotFound)]
    [InlineData(429, "400", CdssErrorIds.Throttled)]
    [InlineData(400, "100", CdssErrorIds.BadRequest)]
    public async Task NonRetriedGatewayErrors_MapToErrorIds_AfterOneRequest(int status, string code, string expectedId)
    {
        using var h = new Harness(maxRetries: 3);
        h.Stub.RespondGateway(status, code, "Gateway says no", "see docs").Always(200, Json.Envelope(0, "SUCCESS", "true"));

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.PreCheckAsync(7, CancellationToken.None));

        Assert.Equal(expectedId, ex.ErrorId);
        Assert.Equal(status, ex.HttpStatus);
        Assert.Equal(code, ex.ServiceCode);
        Assert.Single(h.Stub.Requests);
        Assert.Empty(h.Delays);
    }

    [Theory]
    [InlineData(429, "410", CdssErrorIds.Throttled)]
    [InlineData(429, "420", CdssErrorIds.Throttled)]
    [InlineData(500, "900", CdssErrorIds.ServiceError)]
    [InlineData(502, "500", CdssErrorIds.ServiceError)]
    [InlineData(503, "500", CdssErrorIds.ServiceError)]
    [InlineData(504, "510", CdssErrorIds.ServiceError)]
    public async Task TransientGatewayErrors_AreRetried_ThenMapped(int status, string code, string expectedId)
    {
        using var h = new Harness(maxRetries: 2);
        h.Stub.Always(status, Json.GatewayError(code, "Busy"));

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.PreCheckAsync(7, CancellationToken.None));

        Assert.Equal(expectedId, ex.ErrorId);
        Assert.Equal(3, h.Stub.Requests.Count);
        Assert.Equal(2, h.Delays.Count);
        Assert.Equal(3, ex.Attempts);
        Assert.Contains("3 attempts", ex.Message);
        Assert.Contains($"HTTP {status}", ex.Message);
    }

    [Fact]
    public async Task ServerErrorWithoutGatewayBody_IsRetriedAndShowsASnippet()
    {
        using var h = new Harness(maxRetries: 1);
        h.Stub.Always(502, "<html>\n<body>Bad   Gateway</body></html>");

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.PreCheckAsync(7, CancellationToken.None));

        Assert.Equal(CdssErrorIds.ServiceError, ex.ErrorId);
        Assert.Equal(2, h.Stub.Requests.Count);
        Assert.Contains("<html> <body>Bad Gateway</body></html>", ex.Message);
        Assert.Contains("2 attempts", ex.Message);
    }

    [Theory]
    [InlineData("details")]
    [InlineData("detail")]
    public void Message_NamesStatusCodeMessageAndDetails(string detailsName)
    {
        var body = Json.GatewayError("200", "Authentication Failed", "Signature mismatch", detailsName);
        var parsed = GatewayError.TryParse(body);
        Assert.Equal("Signature mismatch", parsed!.Details);

        var ex = GatewayError.ToException(401, body, "POST /api/v1/cluster/rollingRestartPreCheck");

        Assert.Equal(CdssErrorIds.AuthenticationFailed, ex.ErrorId);
        Assert.Contains("POST /api/v1/cluster/rollingRestartPreCheck", ex.Message);
        Assert.Contains("HTTP 401", ex.Message);
        Assert.Contains("200", ex.Message);
        Assert.Contains("Authentication Failed", ex.Message);
        Assert.Contains("Signature mismatch", ex.Message);
        Assert.False(string.IsNullOrEmpty(ex.RecommendedAction));
    }

    [Fact]
    public void Details_IsPreferredOverDetail_WhenBothArePresent()
    {
        var parsed = GatewayError.TryParse("{\"error\":{\"errorCode\":\"100\",\"message\":\"m\",\"details\":\"A\",\"detail\":\"B\"}}");
        Assert.Equal("A", parsed!.Details);
        Assert.Equal("100", parsed.ErrorCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"error\":\"text\"}")]
    public void TryParse_ReturnsNullForOtherBodies(string body)
    {
        Assert.Null(GatewayError.TryParse(body));
    }


}
