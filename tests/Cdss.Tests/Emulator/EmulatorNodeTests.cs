namespace Cdss.Tests;

/// <summary>Kafka versions, the node list and the per-node restart.</summary>
public class EmulatorNodeTests(SeedEmulator seed) : EmulatorTests(seed)
{
    [Fact]
    public async Task ListsTheKafkaVersions_WithCodesAsStrings()
    {
        var r = await Emu.GetAsync("/cluster/getCDSSVersionList");
        var versions = r.Result;

        Assert.Equal(["3903006", "3713006", "2823006", "2403005"], versions.Strs("kafkaVersionList", "kafkaVersionCode"));
        Assert.Equal(["Kafka 3.9.0", "Kafka 3.7.1", "Kafka 2.8.2", "Kafka 2.4.0"], versions.Strs("kafkaVersionList", "kafkaVersionName"));
        Assert.Equal(["CMAK 3.0.0.6", "CMAK 3.0.0.6", "CMAK 3.0.0.5", "CMAK 3.0.0.5"], versions.Strs("kafkaVersionList", "applicationVersionName"));
        Assert.Equal(["CMAK 3.0.0.6", "CMAK 3.0.0.6", "CMAK 3.0.0.5", "CMAK 3.0.0.5"], versions.Strs("kafkaVersionList", "cmakVersionName"));
        Assert.Contains("\"kafkaVersionCode\":\"3903006\"", r.Text);
    }

    [Fact]
    public async Task ListsBrokersAndManagers_NumberedFromTheClusterNumber_WithTheProgressChecksHostNames()
    {
        var r = await Emu.GetAsync("/cluster/getClusterNodeList/3432149");
        var nodes = r.Result.Items("computeList");

        Assert.Equal([343214901L, 343214902L, 343214903L, 343214951L, 343214952L], nodes.Select(n => n.Long("computeInstanceNo")));
        Assert.Matches("\"computeInstanceNo\":343214901[,}]", r.Text);
        Assert.Equal(["BROKER", "BROKER", "BROKER", "MANAGER", "MANAGER"], nodes.Select(n => n.Str("nodeRoleCode")));
        Assert.Equal(["RUN"], nodes.Select(n => n.Str("computeInstanceStatus")).Distinct());
        Assert.All(nodes, n => Assert.Matches(@"^10\.\d+\.\d+\.\d+$", n.Str("privateIp")));
        Assert.Equal(["computeInstanceNo", "nodeRoleCode", "hostName", "computeInstanceStatus", "privateIp"], nodes[0].Names());
        var hosts = (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432149)).Result.Strs("brokerStatusPerNode", "hostname");
        Assert.Equal(hosts, nodes.Where(n => n.Str("nodeRoleCode") == "BROKER").Select(n => n.Str("hostName")));
    }

    [Fact]
    public async Task TheNodeList_OfAnUnknownClusterIsCode3_AndOfKafkaPayments401_210()
    {
        Assert.Equal(3, (await Emu.GetAsync("/cluster/getClusterNodeList/999999")).Code);
        Assert.Equal(401, (await Emu.GetAsync("/cluster/getClusterNodeList/3432160")).Status);
    }

    [Fact]
    public async Task RestartsOnlyTheNamedBrokers_OneAtATime_InBrokerOrder()
    {
        await Emu.SetConfigAsync(new { brokerRestartMs = 700 });

        var r = await Emu.PostRawAsync("/cluster/restartKafkaServicePerNode/3432150", "{\"computeInstanceNoList\":[343215004,343215002,343215004]}");

        Assert.Equal(0, r.Code);
        Assert.True(r.Result.GetBoolean());
        Assert.Equal(["kafka-prod-02-broker-002", "kafka-prod-02-broker-004"], await Emu.WatchRollingRunAsync(3432150, 350, 700));
        var run = Assert.Single(await Emu.RestartsAsync());
        Assert.Equal("nodeRestart", run.Str("kind"));
        Assert.Equal("succeeded", run.Str("outcome"));
        Assert.Equal(1400, EmulatorRestartTimingTests.Between(run, "startedAt", "finishedAt"));
    }

    [Theory]
    [InlineData("{}", "Invalid Compute Instance No list")]
    [InlineData("{\"computeInstanceNo\":343214901}", "Invalid Compute Instance No list")]
    [InlineData("{\"computeInstanceNoList\":[]}", "Invalid Compute Instance No list")]
    [InlineData("{\"computeInstanceNoList\":[\"343214901\"]}", "Invalid Compute Instance No list")]
    [InlineData("{\"computeInstanceNoList\":[343214951]}", "Invalid Compute Instance No list: 343214951 is not a broker of cluster 3432149")]
    [InlineData("{\"computeInstanceNoList\":[343214901,343215001]}", "Invalid Compute Instance No list: 343215001 is not a broker of cluster 3432149")]
    public async Task APerNodeRestart_WithNoList_ASingleNumber_AnEmptyList_QuotedNumbers_AManager_OrABrokerOfAnotherCluster_IsCode3(string body, string message)
    {
        var r = await Emu.PostRawAsync("/cluster/restartKafkaServicePerNode/3432149", body);

        Assert.Equal(200, r.Status);
        Assert.Equal(3, r.Code);
        Assert.True(r.ResultIsNull, r.Text);
        Assert.Equal(message, r.Message);
        Assert.Empty(await Emu.RestartsAsync());
    }

    [Fact]
    public async Task APerNodeRestart_OfAnUnknownClusterIsCode3_OfKafkaPayments401_210_AndOfAChangingClusterTheDocumentedNo()
    {
        Assert.Equal("Invalid Service Group Instance No",
            (await Emu.PostRawAsync("/cluster/restartKafkaServicePerNode/999999", "{\"computeInstanceNoList\":[99999901]}")).Message);
        Assert.Equal(401, (await Emu.PostRawAsync("/cluster/restartKafkaServicePerNode/3432160", "{\"computeInstanceNoList\":[343216001]}")).Status);

        var r = await Emu.PostRawAsync("/cluster/restartKafkaServicePerNode/3432151", "{\"computeInstanceNoList\":[343215101]}");

        Assert.Equal(0, r.Code);
        Assert.True(r.ResultIsNull, r.Text);
        Assert.Equal("Cluster is not in running state (changing)", r.Message);
    }

    [Fact]
    public async Task APerNodeRestart_FailsAtAFailingBroker_OnlyWhenItIsNamed()
    {
        Assert.Equal(200, (await Emu.SetClusterAsync(3432149, new { failAtBroker = 2 })).Status);
        await Emu.PostRawAsync("/cluster/restartKafkaServicePerNode/3432149", "{\"computeInstanceNoList\":[343214901,343214903]}");
        Emu.Advance(200);
        Assert.Equal("succeeded", Assert.Single(await Emu.RestartsAsync()).Str("outcome"));

        await Emu.PostRawAsync("/cluster/restartKafkaServicePerNode/3432149", "{\"computeInstanceNoList\":[343214902]}");
        Emu.Advance(100);

        Assert.Equal("failed", (await Emu.RestartsAsync())[1].Str("outcome"));
    }
}
