using System.Text.Json;
using Cdss.Maintenance;

namespace Cdss.Tests;

public class MaintenanceClientTests
{
    private const string Rid = "7d0c1b7e-0000-4000-8000-000000000001";

    private const string Progress =
        "{\"clusterName\":\"kafka-a\",\"brokerNodeTotalNumber\":3,\"brokerNumber\":2,\"brokerStatus\":\"orange\"," +
        "\"brokerStatusPerNode\":[{\"hostname\":\"b-1\",\"status\":\"green\"},{\"hostname\":\"b-2\",\"status\":\"orange\"}]}";

    private const string Settings =
        "{\"kafkaConfigGroupDetailList\":[" +
        "{\"configName\":\"num.partitions\",\"configNameKey\":\"numPartitions\",\"customValue\":\"6\",\"defaultValue\":\"1\",\"modifyYn\":true,\"range\":\"1 ~ 1000\",\"type\":\"Integer\"}," +
        "{\"configName\":\"offsets.topic.replication.factor\",\"configNameKey\":\"offsetsTopicReplicationFactor\",\"customValue\":null,\"defaultValue\":\"3\",\"modifyYn\":false,\"range\":\"1 ~ 3\",\"type\":\"Integer\"}," +
        "{\"configName\":\"log.retention.hours\",\"configNameKey\":\"logRetentionHours\",\"customValue\":\"72\",\"defaultValue\":\"168\",\"modifyYn\":true,\"range\":\"1 ~ 8760\",\"type\":\"Integer\"}]," +
        "\"additionalKafkaConfigGroupDetailList\":[]}";

    private static string GroupPage(int current, int totalPage, bool isLast, params (int No, string Name)[] groups) =>
        $"{{\"currentPage\":{current},\"pageSize\":100,\"totalCount\":{groups.Length},\"totalPage\":{totalPage},\"isFirst\":{(current == 1 ? "true" : "false")},\"isLast\":{(isLast ? "true" : "false")},\"kafkaConfigGroupList\":[" +
        string.Join(",", groups.Select(g => $"{{\"configGroupNo\":{g.No},\"configGroupName\":\"{g.Name}\",\"description\":\"d\",\"kafkaVersion\":\"3.7.1\",\"kafkaVersionCode\":\"3713006\"}}")) + "]}";

    private const string Versions =
        "{\"kafkaVersionList\":[{\"kafkaVersionCode\":\"3903006\",\"kafkaVersionName\":\"Kafka 3.9.0\",\"applicationVersionName\":\"CMAK 3.0.0.6\",\"cmakVersionName\":\"CMAK 3.0.0.6\"}," +
        "{\"kafkaVersionCode\":\"3713006\",\"kafkaVersionName\":\"Kafka 3.7.1\",\"applicationVersionName\":\"CMAK 3.0.0.6\",\"cmakVersionName\":\"CMAK 3.0.0.6\"}]}";

    [Fact]
    public async Task KafkaVersions_GetTheList_AndReadCodesSentAsStrings()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Versions);

        var versions = await h.Client.GetKafkaVersionsAsync(CancellationToken.None);

        var sent = Assert.Single(h.Stub.Requests);
        Assert.Equal("GET", sent.Method);
        Assert.Equal("/api/v1/cluster/getCDSSVersionList", sent.PathAndQuery);
        Assert.Null(sent.Body);
        Assert.Equal(new[] { 3903006, 3713006 }, versions.Select(v => v.KafkaVersionCode));
        Assert.Equal("Kafka 3.9.0", versions[0].KafkaVersionName);
        Assert.Equal("CMAK 3.0.0.6", versions[0].ApplicationVersionName);
        Assert.Equal("CMAK 3.0.0.6", versions[0].CmakVersionName);
    }

    [Fact]
    public async Task UpgradePreCheck_SendsAllThreeAsNumbers_AndReadsYes()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", "true", Rid);

        var check = await h.Client.RollingUpgradePreCheckAsync(3432149, 3903006, 202, CancellationToken.None);

        var sent = Assert.Single(h.Stub.Requests);
        Assert.Equal("/api/v1/cluster/rollingUpgradePreCheck", sent.PathAndQuery);
        Assert.Equal("{\"serviceGroupInstanceNo\":3432149,\"upgradeKafkaVersionCode\":3903006,\"upgradeConfigGroupNo\":202}", sent.Body);
        Assert.True(check.CanUpgrade);
        Assert.Equal(3432149, check.ServiceGroupInstanceNo);
        Assert.Equal(3903006, check.KafkaVersionCode);
        Assert.Equal(202, check.ConfigGroupNo);
        Assert.Equal(Rid, check.RequestId);
        Assert.Equal(Harness.BaseUrl.ToString(), check.Endpoint);
    }

    [Theory]
    [InlineData(0, "Cluster is not in running state (changing)")]
    [InlineData(1004, "Config group 101 is not for Kafka version 3903006")]
    public async Task UpgradePreCheck_BothFormsOfNo_AreAnswersWithCodeAndMessageUnchanged(int code, string message)
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(code, message, "null", Rid);

        var check = await h.Client.RollingUpgradePreCheckAsync(3432151, 3903006, 101, CancellationToken.None);

        Assert.False(check.CanUpgrade);
        Assert.Equal(code, check.Code);
        Assert.Equal(message, check.Message);
        Assert.Equal(Rid, check.RequestId);
    }

    [Fact]
    public async Task UpgradePreCheck_IsARead_RetriedAfterA503()
    {
        using var h = new Harness();
        h.Stub.RespondGateway(503, "500").RespondEnvelope(0, "SUCCESS", "true");
        Assert.True((await h.Client.RollingUpgradePreCheckAsync(1, 2, 3, CancellationToken.None)).CanUpgrade);
        Assert.Equal(2, h.Stub.Requests.Count);
    }

    [Fact]
    public async Task StartUpgrade_IsNeverResent_AndTheErrorNamesTheCluster()
    {
        using var h = new Harness();
        h.Stub.Always(503, Json.GatewayError("500", "Endpoint Error"));

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.StartRollingUpgradeAsync(3432149, 3903006, 202, CancellationToken.None));

        Assert.Equal(CdssErrorIds.OutcomeUnknown, ex.ErrorId);
        Assert.Single(h.Stub.Requests);
        Assert.StartsWith("Cluster 3432149: ", ex.Message);
        Assert.Contains("Get-CdssCluster", ex.RecommendedAction);
        Assert.Equal(503, ex.HttpStatus);
    }

    [Fact]
    public async Task StartUpgrade_MapsTheAnswer()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", "true", Rid);
        var upgrade = await h.Client.StartRollingUpgradeAsync(3432149, 3903006, 202, CancellationToken.None);
        Assert.Equal("/api/v1/cluster/rollingUpgrade", h.Stub.Requests[0].PathAndQuery);
        Assert.Equal("{\"serviceGroupInstanceNo\":3432149,\"upgradeKafkaVersionCode\":3903006,\"upgradeConfigGroupNo\":202}", h.Stub.Requests[0].Body);
        Assert.True(upgrade.Accepted);
        Assert.Equal(3903006, upgrade.KafkaVersionCode);
        Assert.Equal(202, upgrade.ConfigGroupNo);
        Assert.Equal(Rid, upgrade.RequestId);
    }

    [Fact]
    public async Task UpgradeProgress_HasTheRestartProgressShape()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Progress, Rid);
        var progress = await h.Client.GetRollingUpgradeProgressAsync(3432149, CancellationToken.None);
        Assert.Equal("/api/v1/cluster/rollingUpgradeProgressCheck", h.Stub.Requests[0].PathAndQuery);
        Assert.Equal("{\"serviceGroupInstanceNo\":3432149}", h.Stub.Requests[0].Body);
        Assert.Equal(2, progress.BrokersUp);
        Assert.Equal(3, progress.BrokersTotal);
        Assert.Equal("b-1=green, b-2=orange", progress.NodeSummary());
        Assert.Equal(Rid, progress.RequestId);
    }

    [Fact]
    public async Task ConfigGroups_ReadEveryPage_WithTheVersionAsANumber()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", GroupPage(1, 2, false, (101, "prod-kafka-371")))
              .RespondEnvelope(0, "SUCCESS", GroupPage(2, 2, true, (102, "analytics-kafka-371")));

        var groups = await h.Client.GetConfigGroupsAsync(3713006, CancellationToken.None);

        Assert.Equal(new[] { 101, 102 }, groups.Select(g => g.ConfigGroupNo));
        Assert.Equal(3713006, groups[0].KafkaVersionCode);
        Assert.Equal("3.7.1", groups[0].KafkaVersion);
        Assert.Equal("prod-kafka-371", groups[0].ConfigGroupName);
        Assert.Equal(2, h.Stub.Requests.Count);
        Assert.All(h.Stub.Requests, r => Assert.Equal("/api/v1/configGroup/getKafkaVersionConfigGroupList", r.PathAndQuery));
        using var second = JsonDocument.Parse(h.Stub.Requests[1].Body!);
        Assert.Equal(JsonValueKind.Number, second.RootElement.GetProperty("kafkaVersionCode").ValueKind);
        Assert.Equal(3713006, second.RootElement.GetProperty("kafkaVersionCode").GetInt32());
        Assert.Equal(2, second.RootElement.GetProperty("pageNo").GetInt32());
    }

    [Fact]
    public async Task FindConfigGroup_LooksInTheLikelyVersionFirst()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", GroupPage(1, 1, true, (101, "prod-kafka-371")));
        var group = await h.Client.FindConfigGroupAsync(101, 3713006, CancellationToken.None);
        Assert.Equal("prod-kafka-371", group!.ConfigGroupName);
        Assert.Single(h.Stub.Requests);
    }

    [Fact]
    public async Task FindConfigGroup_SearchesTheOtherVersions_AndSaysNullWhenNoneHasIt()
    {
        using var h = new Harness();
        var g390 = "{\"currentPage\":1,\"totalPage\":1,\"isLast\":true,\"kafkaConfigGroupList\":[{\"configGroupNo\":202,\"configGroupName\":\"prod-kafka-390\",\"kafkaVersion\":\"3.9.0\",\"kafkaVersionCode\":\"3903006\"}]}";
        h.Stub.RespondEnvelope(0, "SUCCESS", GroupPage(1, 1, true, (101, "prod-kafka-371")))   // likely version 3713006
              .RespondEnvelope(0, "SUCCESS", Versions)
              .RespondEnvelope(0, "SUCCESS", g390);                                            // 3903006; 3713006 is not asked again

        var group = await h.Client.FindConfigGroupAsync(202, 3713006, CancellationToken.None);

        Assert.Equal(3903006, group!.KafkaVersionCode);
        Assert.Equal(3, h.Stub.Requests.Count);

        h.Stub.RespondEnvelope(0, "SUCCESS", Versions)
              .RespondEnvelope(0, "SUCCESS", g390)
              .RespondEnvelope(0, "SUCCESS", GroupPage(1, 1, true, (101, "prod-kafka-371")));
        Assert.Null(await h.Client.FindConfigGroupAsync(999, null, CancellationToken.None));
    }

    [Fact]
    public async Task Settings_MapTheEffectiveValue()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Settings);

        var settings = await h.Client.GetConfigGroupSettingsAsync(101, 3713006, CancellationToken.None);

        var sent = Assert.Single(h.Stub.Requests);
        Assert.Equal("/api/v1/configGroup/getKafkaConfigGroupDetailList/101", sent.PathAndQuery);
        Assert.Equal("{\"kafkaVersionCode\":3713006}", sent.Body);
        var partitions = settings[0];
        Assert.Equal(("numPartitions", "num.partitions", "6", "1", true, true), (partitions.Key, partitions.Name, partitions.Value, partitions.DefaultValue, partitions.IsCustom, partitions.Modifiable));
        Assert.Equal(101, partitions.ConfigGroupNo);
        Assert.Equal(3713006, partitions.KafkaVersionCode);
        var factor = settings[1];
        Assert.Equal(("3", false, false, "1 ~ 3", "Integer"), (factor.Value, factor.IsCustom, factor.Modifiable, factor.Range, factor.Type));
    }

    [Fact]
    public async Task Settings_UnknownGroup_IsApiErrorNamingTheGroup()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(3, "Invalid Config Group No", "null", Rid);
        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.GetConfigGroupSettingsAsync(999, 3713006, CancellationToken.None));
        Assert.Equal(CdssErrorIds.ApiError, ex.ErrorId);
        Assert.StartsWith("Config group 999:", ex.Message);
        Assert.Contains("Invalid Config Group No", ex.Message);
        Assert.Equal(Rid, ex.RequestId);
    }

    [Fact]
    public async Task SetSettings_SendsThePlannedBody_Once()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Settings);
        var current = await h.Client.GetConfigGroupSettingsAsync(101, 3713006, CancellationToken.None);
        var plan = SettingChangePlanner.Plan(101, 3713006, current, new[] { new KeyValuePair<string, object?>("log.retention.hours", 96) });
        h.Stub.RespondEnvelope(0, "SUCCESS", "true", Rid);

        var requestId = await h.Client.SetConfigGroupSettingsAsync(plan, CancellationToken.None);

        Assert.Equal(Rid, requestId);
        var sent = h.Stub.Requests[1];
        Assert.Equal("/api/v1/configGroup/setKafkaConfigGroupDetail/101", sent.PathAndQuery);
        Assert.Equal("{\"kafkaVersionCode\":3713006,\"numPartitions\":6,\"logRetentionHours\":96}", sent.Body);
    }

    /// <summary>logRetentionHours 72 -> 96 in a group that sets only that.</summary>
    private static SettingChangePlan SendablePlan() =>
        SettingChangePlanner.Plan(101, 3713006,
            new[] { new ConfigGroupSetting { Key = "logRetentionHours", Type = "Integer", Range = "1 ~ 8760", Modifiable = true, Value = "72", DefaultValue = "168", IsCustom = true } },
            new[] { new KeyValuePair<string, object?>("logRetentionHours", 96) });

    [Fact]
    public async Task SetSettings_AmbiguousFailure_IsOutcomeUnknownAfterOneRequest()
    {
        using var h = new Harness();
        var plan = SendablePlan();
        h.Stub.Always(504, Json.GatewayError("510", "Endpoint Timeout"));

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.SetConfigGroupSettingsAsync(plan, CancellationToken.None));

        Assert.Equal(CdssErrorIds.OutcomeUnknown, ex.ErrorId);
        Assert.Single(h.Stub.Requests);
        Assert.StartsWith("Config group 101: ", ex.Message);
        Assert.Contains("Get-CdssConfigGroupSetting", ex.RecommendedAction);
    }

    [Fact]
    public async Task SetSettings_ServiceRefusal_IsApiErrorWithItsMessage()
    {
        using var h = new Harness();
        var plan = SendablePlan();
        h.Stub.RespondEnvelope(1005, "logRetentionHours must be within 1 ~ 8760", "null", Rid);
        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.SetConfigGroupSettingsAsync(plan, CancellationToken.None));
        Assert.Equal(CdssErrorIds.ApiError, ex.ErrorId);
        Assert.Equal("1005", ex.ServiceCode);
        Assert.Contains("logRetentionHours must be within 1 ~ 8760", ex.Message);
    }

    [Fact]
    public async Task ClusterDetail_ReadsVersionCodeAndGroup()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", "{\"clusterName\":\"kafka-prod-01\",\"kafkaVersionCode\":\"3713006\",\"configGroupNo\":101,\"status\":\"running\"}");

        var detail = await h.Client.GetClusterDetailAsync(3432149, CancellationToken.None);

        Assert.Equal("POST", h.Stub.Requests[0].Method);
        Assert.Equal("/api/v1/cluster/getClusterInfoList/3432149", h.Stub.Requests[0].PathAndQuery);
        Assert.Equal((3713006, 101, "running", "kafka-prod-01"), (detail.KafkaVersionCode, detail.ConfigGroupNo, detail.Status, detail.ClusterName));
        Assert.Equal("Cluster 3432149 (kafka-prod-01)", h.Client.Clusters.Label(3432149));
    }

    [Fact]
    public async Task ApplyConfigGroup_SendsVersionAndClusterAsNumbers_Once()
    {
        using var h = new Harness();
        h.Client.Clusters.Remember(3432149, "kafka-prod-01");
        h.Stub.RespondEnvelope(0, "SUCCESS", "true", Rid);

        var applied = await h.Client.ApplyConfigGroupAsync(102, 3713006, 3432149, CancellationToken.None);

        var sent = Assert.Single(h.Stub.Requests);
        Assert.Equal("/api/v1/configGroup/setClusterKafkaConfigGroup/102", sent.PathAndQuery);
        Assert.Equal("{\"kafkaVersionCode\":3713006,\"serviceGroupInstanceNo\":3432149}", sent.Body);
        Assert.True(applied.Accepted);
        Assert.Equal(("kafka-prod-01", 102, Rid), (applied.ClusterName, applied.ConfigGroupNo, applied.RequestId));

        h.Stub.Always(502, "<html>bad gateway</html>");
        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.ApplyConfigGroupAsync(102, 3713006, 3432149, CancellationToken.None));
        Assert.Equal(CdssErrorIds.OutcomeUnknown, ex.ErrorId);
        Assert.Equal(2, h.Stub.Requests.Count);
        Assert.StartsWith("Cluster 3432149 (kafka-prod-01): ", ex.Message);
    }

    [Fact]
    public async Task ApplyConfigGroup_TheDocumentedNo_IsNotAccepted()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "Cluster is busy", "null", Rid);
        var applied = await h.Client.ApplyConfigGroupAsync(102, 3713006, 3432151, CancellationToken.None);
        Assert.False(applied.Accepted);
        Assert.Equal((0, "Cluster is busy"), (applied.Code, applied.Message));
    }

    [Fact]
    public async Task ClusterNodes_GetTheList_WithNumbersAsLongs()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS",
            "{\"computeList\":[{\"computeInstanceNo\":343214901,\"nodeRoleCode\":\"BROKER\",\"hostName\":\"kafka-prod-01-broker-001\",\"computeInstanceStatus\":\"RUN\",\"privateIp\":\"10.0.1.11\"}," +
            "{\"computeInstanceNo\":\"9000000000\",\"nodeRoleCode\":\"MANAGER\",\"hostName\":\"m-1\",\"computeInstanceStatus\":\"RUN\",\"privateIp\":\"10.0.1.5\"}]}");

        var nodes = await h.Client.GetClusterNodesAsync(3432149, CancellationToken.None);

        Assert.Equal("GET", h.Stub.Requests[0].Method);
        Assert.Equal("/api/v1/cluster/getClusterNodeList/3432149", h.Stub.Requests[0].PathAndQuery);
        Assert.Equal(new[] { 343214901L, 9000000000L }, nodes.Select(n => n.ComputeInstanceNo));
        Assert.Equal(("BROKER", "kafka-prod-01-broker-001", "RUN", "10.0.1.11", 3432149L), (nodes[0].Role, nodes[0].HostName, nodes[0].Status, nodes[0].PrivateIp, nodes[0].ServiceGroupInstanceNo));
    }

    [Fact]
    public async Task RestartNodes_SendsTheListAsJsonNumbers()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", "true", Rid);

        var restart = await h.Client.RestartKafkaNodesAsync(3432149, new long[] { 343214901, 343214902 }, CancellationToken.None);

        var sent = Assert.Single(h.Stub.Requests);
        Assert.Equal("/api/v1/cluster/restartKafkaServicePerNode/3432149", sent.PathAndQuery);
        Assert.Equal("{\"computeInstanceNoList\":[343214901,343214902]}", sent.Body);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.All(body.RootElement.GetProperty("computeInstanceNoList").EnumerateArray(), n => Assert.Equal(JsonValueKind.Number, n.ValueKind));
        Assert.True(restart.Accepted);
        Assert.Equal(new long[] { 343214901, 343214902 }, restart.ComputeInstanceNo);
    }

    [Fact]
    public async Task RestartNodes_A503_IsOutcomeUnknownAfterExactlyOneRequest()
    {
        using var h = new Harness();
        h.Stub.Always(503, Json.GatewayError("500", "Endpoint Error"));
        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.RestartKafkaNodesAsync(3432149, new long[] { 343214901 }, CancellationToken.None));
        Assert.Equal(CdssErrorIds.OutcomeUnknown, ex.ErrorId);
        Assert.Single(h.Stub.Requests);
        Assert.Contains("3432149", ex.Message);
        Assert.Contains("Get-CdssRollingRestartProgress", ex.RecommendedAction);
    }

    [Fact]
    public async Task RestartNodes_ARefusedConnection_IsRetried()
    {
        using var h = new Harness();
        h.Stub.Throw(StubHandler.ConnectionRefused()).RespondEnvelope(0, "SUCCESS", "true");
        Assert.True((await h.Client.RestartKafkaNodesAsync(3432149, new long[] { 343214901 }, CancellationToken.None)).Accepted);
        Assert.Equal(2, h.Stub.Requests.Count);
    }
    [Theory]
    [InlineData("/api/v1/cluster/getCDSSVersionList")]
    [InlineData("/api/v1/configGroup/getKafkaVersionConfigGroupList")]
    [InlineData("/api/v1/configGroup/getKafkaConfigGroupDetailList/101")]
    [InlineData("/api/v1/cluster/getClusterInfoList/3432149")]
    [InlineData("/api/v1/cluster/getClusterNodeList/3432149")]
    [InlineData("/api/v1/cluster/rollingUpgradeProgressCheck")]
    public async Task Reads_AreSentAgainAfterA503(string path)
    {
        using var h = new Harness();
        h.Stub.RespondGateway(503, "500").RespondEnvelope(0, "SUCCESS", "{\"isLast\":true}");
        var c = h.Client;
        var none = CancellationToken.None;
        Task read = path switch
        {
            "/api/v1/cluster/getCDSSVersionList" => c.GetKafkaVersionsAsync(none),
            "/api/v1/configGroup/getKafkaVersionConfigGroupList" => c.GetConfigGroupsAsync(3713006, none),
            "/api/v1/configGroup/getKafkaConfigGroupDetailList/101" => c.GetConfigGroupSettingsAsync(101, 3713006, none),
            "/api/v1/cluster/getClusterInfoList/3432149" => c.GetClusterDetailAsync(3432149, none),
            "/api/v1/cluster/getClusterNodeList/3432149" => c.GetClusterNodesAsync(3432149, none),
            _ => c.GetRollingUpgradeProgressAsync(3432149, none),
        };
        await read;
        Assert.Equal(2, h.Stub.Requests.Count);
        Assert.All(h.Stub.Requests, r => Assert.Equal(path, r.PathAndQuery));
    }
}
