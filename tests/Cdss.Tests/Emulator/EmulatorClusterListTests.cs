namespace Cdss.Tests;

/// <summary>getClusterInfoList, getClusterInfoList/{no}, the disallowed cluster and the generated clusters.</summary>
public class EmulatorClusterListTests(SeedEmulator seed, GeneratedEmulator generated) : EmulatorTests(seed), IClassFixture<GeneratedEmulator>
{
    private EmulatorHost Generated { get; } = generated.Host;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Generated.ResetAsync();
    }

    [Fact]
    public async Task ServiceGroupInstanceNo_IsAString_AndVpcNo_ANumber()
    {
        var r = await Emu.PostAsync("/cluster/getClusterInfoList", new { pageSize = 1 });

        Assert.Contains("\"serviceGroupInstanceNo\":\"3432149\"", r.Text);
        Assert.Matches("\"vpcNo\":10501[,}]", r.Text);
        Assert.Equal("3.7.1", r.Result.Items("allowedClusters")[0].Str("kafkaVersion"));
    }

    [Fact]
    public async Task GetClusterInfoListWithANumber_AnswersTheSingleClusterShape()
    {
        var r = await Emu.PostRawAsync("/cluster/getClusterInfoList/3432149");
        var info = r.Result;

        Assert.Equal(
            ["clusterName", "kafkaVersionCode", "kafkaManagerUserName", "softwareProductCode", "vpcNo", "managerNodeProductCode",
             "managerNodeSubnetNo", "brokerNodeProductCode", "brokerNodeSubnetNo", "brokerNodeCount", "brokerNodeStorageSize",
             "configGroupNo", "status"],
            info.Names());
        Assert.Equal("kafka-prod-01", info.Str("clusterName"));
        Assert.Equal("running", info.Str("status"));
        Assert.Contains("\"kafkaVersionCode\":\"3713006\"", r.Text);
        Assert.Matches("\"configGroupNo\":101[,}]", r.Text);
        Assert.Matches("\"vpcNo\":10501[,}]", r.Text);
        Assert.Equal("changing", (await Emu.PostRawAsync("/cluster/getClusterInfoList/3432151")).Result.Str("status"));
    }

    [Theory]
    [InlineData(3432150, "kafka-prod-02", "3713006", 101)]
    [InlineData(3432151, "kafka-stage", "3903006", 201)]
    [InlineData(3432152, "kafka-dev", "2823006", 301)]
    [InlineData(3432153, "kafka-analytics", "3713006", 102)]
    [InlineData(3432154, "kafka-flaky", "3713006", 101)]
    public async Task SeedsVersionsAndConfigGroups(long no, string name, string code, int group)
    {
        var info = (await Emu.PostRawAsync($"/cluster/getClusterInfoList/{no}")).Result;

        Assert.Equal(name, info.Str("clusterName"));
        Assert.Equal(code, info.Str("kafkaVersionCode"));
        Assert.Equal(group, info.Int("configGroupNo"));
    }

    [Fact]
    public async Task KafkaPayments_IsInDisallowedClustersOnEveryPage_UnderTheSameFilter_AndNotCounted()
    {
        var page1 = (await Emu.PostAsync("/cluster/getClusterInfoList", new { pageNo = 1, pageSize = 4 })).Result;
        var page2 = (await Emu.PostAsync("/cluster/getClusterInfoList", new { pageNo = 2, pageSize = 4 })).Result;

        Assert.Equal(6, page1.Int("totalCount"));
        foreach (var page in new[] { page1, page2 })
        {
            var disallowed = Assert.Single(page.Items("disallowedClusters"));
            Assert.Equal("kafka-payments", disallowed.Str("clusterName"));
            Assert.Equal("3432160", disallowed.Str("serviceGroupInstanceNo"));
            Assert.DoesNotContain("kafka-payments", page.Strs("allowedClusters", "clusterName"));
        }
        var prod = (await Emu.PostAsync("/cluster/getClusterInfoList", new { vpcName = "vpc-prod" })).Result;
        Assert.Equal(["kafka-payments"], prod.Strs("disallowedClusters", "clusterName"));
        Assert.Equal(2, prod.Int("totalCount"));
        Assert.Empty((await Emu.PostAsync("/cluster/getClusterInfoList", new { vpcName = "vpc-dev" })).Result.Items("disallowedClusters"));
        Assert.Single((await Emu.PostAsync("/cluster/getClusterInfoList", new { inputText = "PAY" })).Result.Items("disallowedClusters"));
        Assert.Empty((await Emu.PostAsync("/cluster/getClusterInfoList", new { inputText = "prod" })).Result.Items("disallowedClusters"));
    }

    [Theory]
    [InlineData("rollingRestartPreCheck")]
    [InlineData("rollingRestart")]
    [InlineData("rollingRestartProgressCheck")]
    [InlineData("getClusterStatus")]
    [InlineData("getClusterInfo")]
    [InlineData("restartKafkaService")]
    public async Task AnOperationOnKafkaPayments_Is401_210PermissionDenied(string operation)
    {
        var r = operation switch
        {
            "getClusterStatus" => await Emu.GetAsync("/cluster/getClusterStatus/3432160"),
            "getClusterInfo" => await Emu.PostRawAsync("/cluster/getClusterInfoList/3432160"),
            "restartKafkaService" => await Emu.GetAsync("/cluster/restartKafkaService/3432160"),
            _ => await Emu.ClusterAsync(operation, 3432160),
        };

        Assert.Equal(401, r.Status);
        Assert.Equal("210", r.ErrorCode);
        Assert.Equal("Permission Denied", r.ErrorMessage);
        Assert.Empty(await Emu.RestartsAsync());
    }

    [Fact]
    public async Task GeneratedClusters_HaveNoDisallowedCluster_SoCountsAreExact()
    {
        var page = (await Generated.PostAsync("/cluster/getClusterInfoList", new { pageSize = 100 })).Result;

        Assert.Equal(15, page.Int("totalCount"));
        Assert.Empty(page.Items("disallowedClusters"));
    }

    [Fact]
    public async Task GeneratedClusters_GetVersionsAndConfigGroupsRoundRobin()
    {
        var first = (await Generated.PostRawAsync("/cluster/getClusterInfoList/5000001")).Result;
        var third = (await Generated.PostRawAsync("/cluster/getClusterInfoList/5000003")).Result;

        Assert.Equal((101, "3713006"), (first.Int("configGroupNo"), first.Str("kafkaVersionCode")));
        Assert.Equal((201, "3903006"), (third.Int("configGroupNo"), third.Str("kafkaVersionCode")));
    }
}
