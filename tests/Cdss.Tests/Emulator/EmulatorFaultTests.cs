namespace Cdss.Tests;

/// <summary>--fault-rate, fault rules and their time windows (on the emulator clock).</summary>
public class EmulatorFaultTests(SeedEmulator seed, FaultyEmulator faulty) : EmulatorTests(seed), IClassFixture<FaultyEmulator>
{
    private EmulatorHost Faulty { get; } = faulty.Host;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Faulty.ResetAsync();
    }

    [Fact]
    public async Task FaultRate_FaultsEveryRead_AndNeverAnOperationThatChangesSomething()
    {
        var reads = new[]
        {
            await Faulty.ClusterAsync("rollingRestartPreCheck", 3432149),
            await Faulty.ClusterAsync("rollingRestartProgressCheck", 3432149),
            await Faulty.PostRawAsync("/cluster/getClusterInfoList", "{}"),
            await Faulty.PostRawAsync("/cluster/getClusterInfoList/3432149"),
            await Faulty.GetAsync("/cluster/getClusterStatus/3432149"),
        };

        Assert.Equal([503, 429, 504, 503, 429], reads.Select(r => r.Status));
        Assert.True((await Faulty.ClusterAsync("rollingRestart", 3432149)).Result.GetBoolean());
        Assert.True((await Faulty.GetAsync("/cluster/restartKafkaService/3432150")).Result.GetBoolean());
        Assert.True((await Faulty.GetAsync("/cluster/restartAllServices/3432153")).Result.GetBoolean());
        Assert.Equal(["rollingRestartPreCheck", "rollingRestartProgressCheck", "getClusterInfoList", "getClusterInfo", "getClusterStatus"],
            (await Faulty.RequestsAsync()).Where(e => !e.IsNull("fault")).Select(e => e.Str("operation")));
    }

    [Fact]
    public async Task FaultRate_FaultsTheReadsOfTheMaintenanceOperations_AndNoneOfTheirChanges()
    {
        var upgrade = new { serviceGroupInstanceNo = 3432149, upgradeKafkaVersionCode = 3903006, upgradeConfigGroupNo = 202 };
        var v371 = new { kafkaVersionCode = 3713006 };
        await Faulty.GetAsync("/cluster/getCDSSVersionList");
        await Faulty.GetAsync("/cluster/getClusterNodeList/3432149");
        await Faulty.PostAsync("/cluster/rollingUpgradePreCheck", upgrade);
        await Faulty.ClusterAsync("rollingUpgradeProgressCheck", 3432149);
        await Faulty.PostAsync("/configGroup/getKafkaVersionConfigGroupList", v371);
        await Faulty.PostAsync("/configGroup/getKafkaConfigGroup/101", v371);
        await Faulty.PostAsync("/configGroup/getKafkaConfigGroupDetailList/101", v371);
        await Faulty.PostAsync("/configGroup/getConfigGroupUsingClusterList/101", v371);

        var changes = new[]
        {
            await Faulty.PostAsync("/cluster/rollingUpgrade", upgrade),
            await Faulty.PostRawAsync("/cluster/restartKafkaServicePerNode/3432150", "{\"computeInstanceNoList\":[343215001]}"),
            await Faulty.PostAsync("/configGroup/setKafkaConfigGroupDetail/102", new { kafkaVersionCode = 3713006, numIoThreads = 16 }),
            await Faulty.PostAsync("/configGroup/setClusterKafkaConfigGroup/102", new { kafkaVersionCode = 3713006, serviceGroupInstanceNo = 3432153 }),
        };

        Assert.Equal([200, 200, 200, 200], changes.Select(r => r.Status));
        Assert.All(changes, r => Assert.True(r.Result.GetBoolean()));
        Assert.Equal(
            ["getCDSSVersionList", "getClusterNodeList", "rollingUpgradePreCheck", "rollingUpgradeProgressCheck",
             "getKafkaVersionConfigGroupList", "getKafkaConfigGroup", "getKafkaConfigGroupDetailList", "getConfigGroupUsingClusterList"],
            (await Faulty.RequestsAsync()).Where(e => !e.IsNull("fault")).Select(e => e.Str("operation")));
        Assert.Equal(["rollingUpgrade", "nodeRestart", "configApply"], (await Faulty.RestartsAsync()).Select(r => r.Str("kind")));
    }

    [Fact]
    public async Task ARuleNamingSetKafkaConfigGroupDetail_FailsItBeforeAnythingChanges()
    {
        await Emu.AddFaultAsync(new { operation = "setKafkaConfigGroupDetail", kind = "status", status = 503, times = 1 });

        var r = await Emu.PostAsync("/configGroup/setKafkaConfigGroupDetail/101", new { kafkaVersionCode = 3713006 });

        Assert.Equal(503, r.Status);
        var detail = (await Emu.PostAsync("/configGroup/getKafkaConfigGroupDetailList/101", new { kafkaVersionCode = 3713006 })).Result;
        Assert.Equal("72", detail.Items("kafkaConfigGroupDetailList").Single(d => d.Str("configNameKey") == "logRetentionHours").Str("customValue"));
    }

    [Fact]
    public async Task AStatusRule_MatchesOnlyBetweenStartAfterMs_AndStartAfterMsPlusDurationMs()
    {
        await Emu.AddFaultAsync(new { operation = "rollingRestartProgressCheck", kind = "status", status = 503, startAfterMs = 3000, durationMs = 3000 });

        Emu.Advance(2999);
        Assert.Equal(200, (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432149)).Status);
        Emu.Advance(1);
        Assert.Equal(503, (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432149)).Status);
        Assert.Equal(200, (await Emu.ClusterAsync("rollingRestartPreCheck", 3432149)).Status);
        Emu.Advance(2999);
        Assert.Equal(503, (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432149)).Status);
        Emu.Advance(1);
        Assert.Equal(200, (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432149)).Status);

        var rule = Assert.Single((await Emu.ControlAsync(HttpMethod.Get, "faults")).Json.Items());
        Assert.Equal(2, rule.Int("applied"));
        Assert.Equal(3000, rule.Int("startAfterMs"));
        Assert.Equal(3000, rule.Int("durationMs"));
    }

    [Fact]
    public async Task AWindow_WorksWithOtherKinds_AndDoesNotUseUpTimesOutsideIt()
    {
        await Emu.AddFaultAsync(new { operation = "getClusterStatus", kind = "code", code = 4242, times = 1, startAfterMs = 3000 });

        Assert.Equal(0, (await Emu.GetAsync("/cluster/getClusterStatus/3432149")).Code);
        Emu.Advance(3000);
        Assert.Equal(4242, (await Emu.GetAsync("/cluster/getClusterStatus/3432149")).Code);
        Assert.Equal(0, (await Emu.GetAsync("/cluster/getClusterStatus/3432149")).Code);
    }

    [Fact]
    public async Task ANegativeStartAfterMs_IsRefused()
    {
        var r = await Emu.ControlAsync(HttpMethod.Post, "faults", new { kind = "hang", startAfterMs = -1 });

        Assert.Equal(400, r.Status);
        Assert.Contains("startAfterMs", r.Json.Str("error"));
        Assert.Empty((await Emu.ControlAsync(HttpMethod.Get, "faults")).Json.Items());
    }

    [Fact]
    public async Task AResetRearmsTheStartUpRules_WithTheirWindowsCountingFromTheReset()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("faults.json", "[{\"operation\":\"getClusterStatus\",\"kind\":\"status\",\"status\":503,\"startAfterMs\":1000,\"durationMs\":1000}]");
        await using var emu = await EmulatorHost.StartAsync("--faults", file);

        emu.Advance(1500);
        Assert.Equal(503, (await emu.GetAsync("/cluster/getClusterStatus/3432149")).Status);
        await emu.ResetAsync();
        Assert.Equal(200, (await emu.GetAsync("/cluster/getClusterStatus/3432149")).Status);
        emu.Advance(1000);
        Assert.Equal(503, (await emu.GetAsync("/cluster/getClusterStatus/3432149")).Status);
    }
}
