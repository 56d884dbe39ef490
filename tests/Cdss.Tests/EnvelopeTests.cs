using System.Text.Json;
using Cdss.Api;

namespace Cdss.Tests;

public class EnvelopeTests
{
    [Fact]
    public void Parse_ReadsCodeMessageResultAndRequestId()
    {
        var envelope = Envelope.Parse(Json.Envelope(0, "SUCCESS", "{\"a\":1}", "6f1c-req"), "POST /x");
        Assert.True(envelope.IsSuccess);
        Assert.Equal(0, envelope.Code);
        Assert.Equal("SUCCESS", envelope.Message);
        Assert.Equal("6f1c-req", envelope.RequestId);
        Assert.Equal(1, envelope.Result.GetProperty("a").GetInt32());
    }

    [Fact]
    public void Parse_MissingResultIsUndefined_AndMissingRequestIdIsNull()
    {
        var envelope = Envelope.Parse("{\"code\":3,\"message\":\"Invalid Service Group Instance No\"}", "POST /x");
        Assert.False(envelope.IsSuccess);
        Assert.Equal(JsonValueKind.Undefined, envelope.Result.ValueKind);
        Assert.Null(envelope.RequestId);
        Assert.Equal("Invalid Service Group Instance No", envelope.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{\"message\":\"SUCCESS\",\"result\":true}")]
    [InlineData("{\"code\":\"0\",\"message\":\"SUCCESS\"}")]
    [InlineData("null")]
    public void Parse_AnythingButTheEnvelope_IsInvalidResponse(string body)
    {
        var ex = Assert.Throws<CdssException>(() => Envelope.Parse(body, "POST /api/v1/cluster/x"));
        Assert.Equal(CdssErrorIds.InvalidResponse, ex.ErrorId);
        Assert.Contains("POST /api/v1/cluster/x", ex.Message);
    }

}
