namespace Cdss.Tests;

/// <summary>failAtBroker: a run that reaches that broker fails there; POST /_emulator/clusters/{no} sets it.</summary>
public class EmulatorFailAtBrokerTests(SeedEmulator seed, GeneratedEmulator generated) : EmulatorTests(seed), IClassFixture<GeneratedEmulator>
{
    private EmulatorHost Generated { get; } = generated.Host;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Generated.ResetAsync();
    }

    [Fact]
    public async Task MakesAnyClusterFailAtTheGivenBroker_GeneratedOnesIncluded()
    {
        var set = await Generated.SetClusterAsync(5000002, new { failAtBroker = 1 });
        Assert.Equal(200, set.Status);
        Assert.Equal(1, set.Json.Int("failAtBroker"));
        Assert.Equal("kafka-gen-0002", set.Json.Str("clusterName"));
        await Generated.ClusterAsync("rollingRestart", 5000002);
        Generated.Advance(100);

        var status = (await Generated.ClusterAsync("rollingRestartProgressCheck", 5000002)).Result;

        Assert.Equal("red", status.Str("brokerStatus"));
        Assert.Equal("error", status.Items("brokerStatusPerNode")[0].Str("status"));
        Assert.Single(status.Items("brokerStatusPerNode"), n => n.Str("status") != "running");
        Assert.Equal("error", (await Generated.PostRawAsync("/cluster/getClusterInfoList/5000002")).Result.Str("status"));
        var run = Assert.Single(await Generated.RestartsAsync());
        Assert.Equal("failed", run.Str("outcome"));
        // Broker 1 restarts for one wave, then the run stops.
        Assert.Equal(100, EmulatorRestartTimingTests.Between(run, "startedAt", "finishedAt"));
    }

    [Fact]
    public async Task NullClearsKafkaFlakysFailure_AndResetRestoresIt()
    {
        Assert.Equal(200, (await Emu.SetClusterAsync(3432154, new { failAtBroker = (int?)null })).Status);
        await Emu.ClusterAsync("rollingRestart", 3432154);
        Emu.Advance(300);
        Assert.Equal("succeeded", Assert.Single(await Emu.RestartsAsync()).Str("outcome"));

        await Emu.ResetAsync();
        await Emu.ClusterAsync("rollingRestart", 3432154);
        Emu.Advance(300);

        Assert.Equal("failed", Assert.Single(await Emu.RestartsAsync()).Str("outcome"));
    }

    [Theory]
    [InlineData(3432149, "{\"failAtBroker\":4}", 400, "failAtBroker must be null or a broker number in [1, 3]")]
    [InlineData(3432149, "{\"failAtBroker\":0}", 400, "failAtBroker must be null or a broker number in [1, 3]")]
    [InlineData(3432149, "{\"failAtbroker\":1}", 400, "unknown cluster setting 'failAtbroker' (known: failAtBroker)")]
    [InlineData(42, "{\"failAtBroker\":1}", 404, "no cluster 42")]
    public async Task Refuses_ABrokerTheClusterDoesNotHave_Broker0_AnUnknownSetting_AnUnknownCluster(long no, string settings, int status, string error)
    {
        var r = await Emu.SetClusterAsync(no, settings);

        Assert.Equal(status, r.Status);
        Assert.Equal(error, r.Json.Str("error"));
    }
}
