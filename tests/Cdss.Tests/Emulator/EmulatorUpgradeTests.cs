namespace Cdss.Tests;

/// <summary>rollingUpgradePreCheck, rollingUpgrade and rollingUpgradeProgressCheck.</summary>
public class EmulatorUpgradeTests(SeedEmulator seed) : EmulatorTests(seed)
{
    private Task<EmulatorAnswer> UpgradeAsync(string operation, long cluster, long version, int group) =>
        Emu.PostAsync($"/cluster/{operation}", new { serviceGroupInstanceNo = cluster, upgradeKafkaVersionCode = version, upgradeConfigGroupNo = group });

    [Fact]
    public async Task ThePreCheck_StartsNothing()
    {
        var r = await UpgradeAsync("rollingUpgradePreCheck", 3432149, 3903006, 202);

        Assert.Equal(0, r.Code);
        Assert.True(r.Result.GetBoolean());
        Assert.Empty(await Emu.RestartsAsync());
    }

    [Fact]
    public async Task RestartsTheBrokersOneAtATime_ThenMovesTheVersionAndTheConfigGroup()
    {
        await Emu.SetConfigAsync(new { brokerRestartMs = 600 });
        Assert.True((await UpgradeAsync("rollingUpgrade", 3432149, 3903006, 202)).Result.GetBoolean());

        var during = (await Emu.ClusterAsync("rollingUpgradeProgressCheck", 3432149)).Result;
        Assert.Equal("orange", during.Str("brokerStatus"));
        Assert.Equal(["restarting", "running", "running"], during.Strs("brokerStatusPerNode", "status"));
        var busy = await Emu.ClusterAsync("rollingRestartPreCheck", 3432149);
        Assert.Equal(0, busy.Code);
        Assert.Equal("A rolling upgrade is already in progress", busy.Message);
        Assert.Equal("A rolling upgrade is already in progress", (await UpgradeAsync("rollingUpgradePreCheck", 3432149, 3903006, 202)).Message);
        Assert.Equal("3713006", (await Emu.PostRawAsync("/cluster/getClusterInfoList/3432149")).Result.Str("kafkaVersionCode"));

        Emu.Advance(1799);
        Assert.Equal("orange", (await Emu.ClusterAsync("rollingUpgradeProgressCheck", 3432149)).Result.Str("brokerStatus"));
        Emu.Advance(1);
        Assert.Equal("green", (await Emu.ClusterAsync("rollingUpgradeProgressCheck", 3432149)).Result.Str("brokerStatus"));
        var info = (await Emu.PostRawAsync("/cluster/getClusterInfoList/3432149")).Result;
        Assert.Equal("3903006", info.Str("kafkaVersionCode"));
        Assert.Equal(202, info.Int("configGroupNo"));
        Assert.Equal("3.9.0", (await Emu.PostAsync("/cluster/getClusterInfoList", new { inputText = "kafka-prod-01" })).Result.Items("allowedClusters")[0].Str("kafkaVersion"));
        var run = Assert.Single(await Emu.RestartsAsync());
        Assert.Equal("rollingUpgrade", run.Str("kind"));
        Assert.Equal("succeeded", run.Str("outcome"));
        Assert.Contains("not newer", (await UpgradeAsync("rollingUpgradePreCheck", 3432149, 3903006, 202)).Message);
    }

    [Fact]
    public async Task AFailedUpgrade_KeepsTheOldVersion_KafkaFlaky()
    {
        await UpgradeAsync("rollingUpgrade", 3432154, 3903006, 201);
        Emu.Advance(200);

        Assert.Equal("failed", Assert.Single(await Emu.RestartsAsync()).Str("outcome"));
        var info = (await Emu.PostRawAsync("/cluster/getClusterInfoList/3432154")).Result;
        Assert.Equal("error", info.Str("status"));
        Assert.Equal("3713006", info.Str("kafkaVersionCode"));
        Assert.Equal(101, info.Int("configGroupNo"));
    }

    [Theory]
    [InlineData(3432149, 3713006, 101, "The target Kafka version 3.7.1 is not newer than the cluster's (3.7.1)")]
    [InlineData(3432153, 2823006, 301, "The target Kafka version 2.8.2 is not newer than the cluster's (3.7.1)")]
    [InlineData(3432151, 3903006, 201, "Cluster is not in running state (changing)")]
    [InlineData(3432152, 3713006, 101, "Cluster is not in running state (error)")]
    public async Task TheSameOrAnOlderVersion_AChangingCluster_AndKafkaDev_AreTheDocumentedNo(long cluster, long version, int group, string message)
    {
        foreach (var operation in new[] { "rollingUpgradePreCheck", "rollingUpgrade" })
        {
            var r = await UpgradeAsync(operation, cluster, version, group);
            Assert.Equal(0, r.Code);
            Assert.True(r.ResultIsNull, r.Text);
            Assert.Equal(message, r.Message);
        }
        Assert.Empty(await Emu.RestartsAsync());
    }

    [Theory]
    [InlineData("a config group not made for the target version", "{\"serviceGroupInstanceNo\":3432149,\"upgradeKafkaVersionCode\":3903006,\"upgradeConfigGroupNo\":101}", 1003)]
    [InlineData("an unknown config group", "{\"serviceGroupInstanceNo\":3432149,\"upgradeKafkaVersionCode\":3903006,\"upgradeConfigGroupNo\":999}", 1004)]
    [InlineData("an unknown version", "{\"serviceGroupInstanceNo\":3432149,\"upgradeKafkaVersionCode\":4000000,\"upgradeConfigGroupNo\":202}", 1005)]
    [InlineData("no upgradeConfigGroupNo", "{\"serviceGroupInstanceNo\":3432149,\"upgradeKafkaVersionCode\":3903006}", 1000)]
    [InlineData("no serviceGroupInstanceNo", "{\"upgradeKafkaVersionCode\":3903006,\"upgradeConfigGroupNo\":202}", 3)]
    [InlineData("an unknown cluster", "{\"serviceGroupInstanceNo\":999999,\"upgradeKafkaVersionCode\":3903006,\"upgradeConfigGroupNo\":202}", 3)]
    public async Task AParameterError_HasItsCode(string @case, string body, int code)
    {
        var r = await Emu.PostRawAsync("/cluster/rollingUpgrade", body);

        Assert.True(code == r.Code, $"{@case}: {r.Text}");
        Assert.True(r.ResultIsNull, r.Text);
        Assert.Empty(await Emu.RestartsAsync());
    }

    [Fact]
    public async Task KafkaPayments_Is401_210()
    {
        Assert.Equal(401, (await UpgradeAsync("rollingUpgradePreCheck", 3432160, 3903006, 202)).Status);
        Assert.Equal(401, (await Emu.ClusterAsync("rollingUpgradeProgressCheck", 3432160)).Status);
    }
}
