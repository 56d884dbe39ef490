namespace Cdss.Tests;

/// <summary>The documented "no" (code 0, result null, the reason in message) and its exceptions.</summary>
public class EmulatorDocumentedNoTests(SeedEmulator seed, GeneratedEmulator generated) : EmulatorTests(seed), IClassFixture<GeneratedEmulator>
{
    private EmulatorHost Generated { get; } = generated.Host;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Generated.ResetAsync();
    }

    [Theory]
    [InlineData("rollingRestartPreCheck")]
    [InlineData("rollingRestart")]
    public async Task AChangingCluster_IsCode0_ResultNull_TheReasonInMessage(string operation)
    {
        var r = await Emu.ClusterAsync(operation, 3432151);

        Assert.Equal(200, r.Status);
        Assert.Equal(0, r.Code);
        Assert.True(r.ResultIsNull, r.Text);
        Assert.Equal("Cluster is not in running state (changing)", r.Message);
        Assert.Matches("^[0-9a-f]{8}-", r.Json.Str("requestId"));
    }

    [Theory]
    [InlineData("rollingRestartPreCheck")]
    [InlineData("rollingRestart")]
    public async Task KafkaDev_InError_KeepsANonZeroCode(string operation)
    {
        var r = await Emu.ClusterAsync(operation, 3432152);

        Assert.Equal(1001, r.Code);
        Assert.True(r.ResultIsNull, r.Text);
        Assert.Equal("Cluster is not in running state (error)", r.Message);
    }

    [Fact]
    public async Task EveryGeneratedNotReadyCluster_IsAnsweredInTheDocumentedForm()
    {
        // Generated clusters 5, 10 and 15 are changing, error and creating.
        foreach (var (no, status) in new[] { (5000005L, "changing"), (5000010L, "error"), (5000015L, "creating") })
        {
            var r = await Generated.ClusterAsync("rollingRestartPreCheck", no);
            Assert.Equal(0, r.Code);
            Assert.True(r.ResultIsNull, r.Text);
            Assert.Equal($"Cluster is not in running state ({status})", r.Message);
        }
        Assert.True((await Generated.ClusterAsync("rollingRestartPreCheck", 5000001)).Result.GetBoolean());
    }

    [Fact]
    public async Task DuringARestart_PreCheckAndRestart_SayARollingRestartIsAlreadyInProgress()
    {
        Assert.True((await Emu.ClusterAsync("rollingRestart", 3432149)).Result.GetBoolean());

        foreach (var operation in new[] { "rollingRestartPreCheck", "rollingRestart" })
        {
            var r = await Emu.ClusterAsync(operation, 3432149);
            Assert.Equal(0, r.Code);
            Assert.True(r.ResultIsNull, r.Text);
            Assert.Equal("A rolling restart is already in progress", r.Message);
        }
    }

    [Fact]
    public async Task AnUnknownNumber_IsCode3()
    {
        var r = await Emu.ClusterAsync("rollingRestartPreCheck", 999999);

        Assert.Equal(3, r.Code);
        Assert.Equal("Invalid Service Group Instance No", r.Message);
    }
}
