namespace Cdss.Tests;

/// <summary>Per-node status values, and a failing broker.</summary>
public class EmulatorNodeStatusTests(SeedEmulator seed, GeneratedEmulator generated) : EmulatorTests(seed), IClassFixture<GeneratedEmulator>
{
    private static readonly string[] Colours = ["green", "yellow", "orange", "red", "gray"];

    private EmulatorHost Generated { get; } = generated.Host;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Generated.ResetAsync();
    }

    [Fact]
    public async Task NoColourIsSentPerNode_WhileTheTopLevelStatusStaysAColour()
    {
        var seen = new List<string?>();
        foreach (var no in new[] { 3432149, 3432151, 3432152 })
        {
            var status = (await Emu.GetAsync($"/cluster/getClusterStatus/{no}")).Result;
            Assert.Contains(status.Str("brokerStatus"), Colours);
            Assert.Contains(status.Str("zookeeperStatus"), Colours);
            Assert.Contains(status.Str("cmakStatus"), Colours);
            seen.AddRange(status.Strs("brokerStatusPerNode", "status"));
            seen.AddRange(status.Strs("zookeeperStatusPerNode", "status"));
        }

        Assert.NotEmpty(seen);
        Assert.DoesNotContain(seen, s => Colours.Contains(s));
    }

    [Fact]
    public async Task NodesAreRunning_Restarting_Error_OrCreating()
    {
        Assert.Equal(["running", "running", "running"], (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432149)).Result.Strs("brokerStatusPerNode", "status"));
        Assert.Equal(["running", "running", "error"], (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432152)).Result.Strs("brokerStatusPerNode", "status"));
        var creating = (await Generated.ClusterAsync("rollingRestartProgressCheck", 5000015)).Result;
        Assert.Equal("gray", creating.Str("brokerStatus"));
        Assert.Equal(["creating"], creating.Strs("brokerStatusPerNode", "status").Distinct());
        Assert.Equal(["creating"], creating.Strs("zookeeperStatusPerNode", "status").Distinct());

        await Emu.ClusterAsync("rollingRestart", 3432149);
        var during = (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432149)).Result;

        Assert.Equal("orange", during.Str("brokerStatus"));
        Assert.Equal(2, during.Int("brokerNumber"));
        Assert.Equal(["restarting", "running", "running"], during.Strs("brokerStatusPerNode", "status"));
    }

    [Fact]
    public async Task TheBrokerKafkaFlakyFailsAt_IsError_AndTheClusterError_UntilReset()
    {
        await Emu.ClusterAsync("rollingRestart", 3432154);
        Emu.Advance(150);
        Assert.Equal("orange", (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432154)).Result.Str("brokerStatus"));
        Emu.Advance(100);

        var failed = (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432154)).Result;

        Assert.Equal("red", failed.Str("brokerStatus"));
        Assert.Equal(["kafka-flaky-broker-002"],
            failed.Items("brokerStatusPerNode").Where(n => n.Str("status") == "error").Select(n => n.Str("hostname")));
        Assert.Equal(2, failed.Int("brokerNumber"));
        Assert.Equal("error", (await Emu.PostRawAsync("/cluster/getClusterInfoList/3432154")).Result.Str("status"));
        Assert.Equal("Cluster is not in running state (error)", (await Emu.ClusterAsync("rollingRestartPreCheck", 3432154)).Message);
        await Emu.ResetAsync();
        Assert.Equal("green", (await Emu.ClusterAsync("rollingRestartProgressCheck", 3432154)).Result.Str("brokerStatus"));
    }
}
