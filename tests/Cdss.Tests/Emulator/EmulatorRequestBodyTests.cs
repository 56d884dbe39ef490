namespace Cdss.Tests;

/// <summary>How the gateway and the operations read (or refuse) a request body.</summary>
public class EmulatorRequestBodyTests(SeedEmulator seed) : EmulatorTests(seed)
{
    [Fact]
    public async Task TheNumber_AsAJsonStringOfDigits_IsAccepted()
    {
        var r = await Emu.PostRawAsync("/cluster/rollingRestartPreCheck", "{\"serviceGroupInstanceNo\":\"3432149\"}");

        Assert.Equal(0, r.Code);
        Assert.True(r.Result.GetBoolean());
        Assert.Equal(3432149, (await Emu.RequestsAsync())[0].Long("serviceGroupInstanceNo"));
    }

    [Theory]
    [InlineData("{\"serviceGroupInstanceNo\":true}", "must be an integer")]
    [InlineData("{\"serviceGroupInstanceNo\":\"abc\"}", "must be an integer")]
    [InlineData("{\"serviceGroupInstanceNo\":3432149.5}", "must be an integer")]
    [InlineData("{\"serviceGroupInstanceNo\":[3432149]}", "must be an integer")]
    [InlineData("{}", "is required")]
    public async Task AWrongType_IsCode3InTheEnvelope_WithTheReason(string body, string reason)
    {
        var r = await Emu.PostRawAsync("/cluster/rollingRestart", body);

        Assert.Equal(200, r.Status);
        Assert.Equal(3, r.Code);
        Assert.True(r.ResultIsNull, r.Text);
        Assert.Equal($"Invalid Service Group Instance No: serviceGroupInstanceNo {reason}", r.Message);
    }

    [Fact]
    public async Task AListRequestWithoutABody_IsHttp500_JsonParseError()
    {
        var r = await Emu.PostRawAsync("/cluster/getClusterInfoList");

        Assert.Equal(500, r.Status);
        Assert.Equal(900, r.Code);
        Assert.StartsWith("JSON Parse error: ", r.Message);
        Assert.True(r.ResultIsNull, r.Text);
        Assert.False(string.IsNullOrEmpty(r.Json.Str("requestId")));
    }

    [Theory]
    [InlineData("serviceGroupInstanceNo=3432149")]
    [InlineData("{\"serviceGroupInstanceNo\":")]
    [InlineData("[3432149]")]
    public async Task ABodyThatIsNotAJsonObject_IsAnsweredTheSameWay(string body)
    {
        var r = await Emu.PostRawAsync("/cluster/rollingRestartPreCheck", body);

        Assert.Equal(500, r.Status);
        Assert.StartsWith("JSON Parse error: ", r.Message);
    }

    [Fact]
    public async Task TheBodyOfAnOperationThatTakesNone_IsIgnored()
    {
        var r = await Emu.PostRawAsync("/cluster/getClusterInfoList/3432149", "not json");

        Assert.Equal(200, r.Status);
        Assert.Equal("kafka-prod-01", r.Result.Str("clusterName"));
    }

    [Fact]
    public async Task AMistypedListParameter_IsAnsweredInTheEnvelope()
    {
        var r = await Emu.PostAsync("/cluster/getClusterInfoList", new { pageNo = "first" });

        Assert.Equal(200, r.Status);
        Assert.NotEqual(0, r.Code);
        Assert.Contains("pageNo", r.Message);
    }

    [Fact]
    public async Task TheNumberInThePathOfARollingRestartCall_Is404_300()
    {
        var r = await Emu.PostRawAsync("/cluster/rollingRestartPreCheck/3432149", "{}");

        Assert.Equal(404, r.Status);
        Assert.Equal("300", r.ErrorCode);
    }
}
