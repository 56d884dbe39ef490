namespace Cdss.Tests;

/// <summary>setClusterKafkaConfigGroup: settle (changing), restart every broker one at a time, then use the group.</summary>
public class EmulatorConfigApplyTests(SeedEmulator seed) : EmulatorTests(seed)
{
    private Task<EmulatorAnswer> ApplyAsync(int group, long version, long cluster) =>
        Emu.PostAsync($"/configGroup/setClusterKafkaConfigGroup/{group}", new { kafkaVersionCode = version, serviceGroupInstanceNo = cluster });

    [Fact]
    public async Task MakesTheClusterChanging_ThenRestartsItsBrokersOneAtATime_ThenUsesTheGroup()
    {
        await Emu.SetConfigAsync(new { configApplyDelayMs = 5000, brokerRestartMs = 700 });
        var r = await ApplyAsync(102, 3713006, 3432149);
        Assert.Equal(0, r.Code);
        Assert.True(r.Result.GetBoolean());
        Emu.Advance(4999);

        var info = (await Emu.PostRawAsync("/cluster/getClusterInfoList/3432149")).Result;
        var status = (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432149)).Result;
        var check = await Emu.ClusterAsync("rollingRestartPreCheck", 3432149);

        Assert.Equal("changing", info.Str("status"));
        Assert.Equal(101, info.Int("configGroupNo"));
        Assert.Equal("orange", status.Str("brokerStatus"));
        Assert.Equal(3, status.Int("brokerNumber"));
        Assert.Equal(["running"], status.Strs("brokerStatusPerNode", "status").Distinct());
        Assert.Equal(0, check.Code);
        Assert.Equal("Cluster is not in running state (changing)", check.Message);

        Assert.Equal(["kafka-prod-01-broker-001", "kafka-prod-01-broker-002", "kafka-prod-01-broker-003"],
            await Emu.WatchRollingRunAsync(3432149, 1 + 350, 700));
        Assert.Equal(102, (await Emu.PostRawAsync("/cluster/getClusterInfoList/3432149")).Result.Int("configGroupNo"));
        Assert.Equal(["kafka-prod-01", "kafka-analytics"],
            (await Emu.PostAsync("/configGroup/getConfigGroupUsingClusterList/102", new { kafkaVersionCode = 3713006 })).Result.Strs("usingClusterNameList", "clusterName"));
        var run = Assert.Single(await Emu.RestartsAsync());
        Assert.Equal("configApply", run.Str("kind"));
        Assert.Equal("succeeded", run.Str("outcome"));
        Assert.Equal(5000, EmulatorRestartTimingTests.Between(run, "acceptedAt", "startedAt"));
        Assert.Equal(2100, EmulatorRestartTimingTests.Between(run, "startedAt", "finishedAt"));
    }

    [Fact]
    public async Task AGroupOfAnotherVersionThanTheClusters_IsANonZeroCode_AndChangesNothing()
    {
        var r = await ApplyAsync(201, 3903006, 3432149);

        Assert.Equal(1003, r.Code);
        Assert.True(r.ResultIsNull, r.Text);
        Assert.Empty(await Emu.RestartsAsync());
        Assert.Equal(101, (await Emu.PostRawAsync("/cluster/getClusterInfoList/3432149")).Result.Int("configGroupNo"));
    }

    [Theory]
    [InlineData(201, 3903006, 3432151, "Cluster is not in running state (changing)")]
    [InlineData(302, 2823006, 3432152, "Cluster is not in running state (error)")]
    public async Task AChangingCluster_AndKafkaDev_AreTheDocumentedNo(int group, long version, long cluster, string message)
    {
        var r = await ApplyAsync(group, version, cluster);

        Assert.Equal(0, r.Code);
        Assert.True(r.ResultIsNull, r.Text);
        Assert.Equal(message, r.Message);
    }

    [Fact]
    public async Task ABusyCluster_IsTheDocumentedNo()
    {
        await Emu.ClusterAsync("rollingRestart", 3432149);

        var r = await ApplyAsync(102, 3713006, 3432149);

        Assert.Equal(0, r.Code);
        Assert.Equal("A rolling restart is already in progress", r.Message);
    }

    [Fact]
    public async Task AMissingClusterNumber_IsCode3_AndKafkaPayments401_210()
    {
        Assert.Equal(3, (await Emu.PostAsync("/configGroup/setClusterKafkaConfigGroup/101", new { kafkaVersionCode = 3713006 })).Code);
        Assert.Equal(401, (await ApplyAsync(101, 3713006, 3432160)).Status);
    }
}
