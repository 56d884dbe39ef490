namespace Cdss.Tests;

/// <summary>restartKafkaService/{no} and restartAllServices/{no}: GETs that restart every broker at once.</summary>
public class EmulatorRestartingGetTests(SeedEmulator seed) : EmulatorTests(seed)
{
    [Theory]
    [InlineData("restartKafkaService")]
    [InlineData("restartAllServices")]
    public async Task RestartsEveryBrokerAtOnce_AndThenCountsAsARestartInProgress(string operation)
    {
        var r = await Emu.GetAsync($"/cluster/{operation}/3432150");

        Assert.Equal(0, r.Code);
        Assert.True(r.Result.GetBoolean());
        var status = (await Emu.GetAsync("/cluster/getClusterStatus/3432150")).Result;
        Assert.Equal(0, status.Int("brokerNumber"));
        Assert.Equal(["restarting"], status.Strs("brokerStatusPerNode", "status").Distinct());
        var again = await Emu.GetAsync($"/cluster/{operation}/3432150");
        Assert.Equal(0, again.Code);
        Assert.True(again.ResultIsNull, again.Text);
        Assert.Equal("A rolling restart is already in progress", again.Message);
        Assert.Equal("A rolling restart is already in progress", (await Emu.ClusterAsync("rollingRestartPreCheck", 3432150)).Message);
    }

    [Theory]
    [InlineData("/cluster/restartKafkaService/3432151", 0, "Cluster is not in running state (changing)")]
    [InlineData("/cluster/restartAllServices/3432152", 0, "Cluster is not in running state (error)")]
    [InlineData("/cluster/restartKafkaService/999999", 3, "Invalid Service Group Instance No")]
    public async Task IsAnsweredInTheDocumentedNoForm_OrWithCode3(string path, int code, string message)
    {
        var r = await Emu.GetAsync(path);

        Assert.Equal(code, r.Code);
        Assert.True(r.ResultIsNull, r.Text);
        Assert.Equal(message, r.Message);
    }

    [Fact]
    public async Task IsAGetOnly_PostIs404()
    {
        Assert.Equal(404, (await Emu.PostRawAsync("/cluster/restartKafkaService/3432149", "{}")).Status);
    }
}
