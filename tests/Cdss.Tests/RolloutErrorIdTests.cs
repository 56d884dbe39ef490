using Cdss.Api;
using Cdss.Rollout;

namespace Cdss.Tests;

/// <summary>
/// Every rollout operation ends a red cluster and a restart that never showed with its own error id (the table in
/// <see cref="OperationKind"/>), which scripts and the help's error table rely on.
/// </summary>
public sealed class RolloutErrorIdTests
{
    private readonly FakeClock _clock = new();
    private readonly RecordingLog _log = new();

    private RolloutItem RunOne(string journalName, FakeCluster cluster)
    {
        var fleet = new FakeFleet(_clock) { Kind = OperationKind.All.Single(k => k.JournalName == journalName) };
        fleet.Clusters[1] = cluster;
        var options = new RolloutOptions
        {
            PollInterval = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromMinutes(5),
            Now = () => _clock.Now,
            Delay = _clock.Delay,
        };
        var record = new RolloutRecord(fleet.Kind, fleet.JournalTarget, options.Now, new ClusterDirectory(), _log, null, _ => { });
        var engine = new RolloutEngine(fleet, options, record, null, _ => { });
        SingleThreadedLoop.Run(() => engine.RunAsync(new long[] { 1 }, CancellationToken.None));
        return engine.Items.Single();
    }

    [Theory]
    [InlineData("rollingRestart", CdssErrorIds.RestartFailed)]
    [InlineData("rollingUpgrade", CdssErrorIds.UpgradeFailed)]
    [InlineData("configGroupApply", CdssErrorIds.ConfigGroupApplyFailed)]
    [InlineData("kafkaNodeRestart", CdssErrorIds.NodeRestartFailed)]
    public void AClusterThatTurnsRed_IsFailed_WithItsOperationsErrorId(string journalName, string errorId)
    {
        var item = RunOne(journalName, new FakeCluster { Name = "kafka-flaky", FailAtBroker = 1 });

        Assert.Equal(RolloutOutcome.Failed, item.Result.Outcome);
        Assert.Equal(errorId, item.Error!.ErrorId);
        Assert.Contains("turned red", item.Error.Message);
    }

    [Theory]
    [InlineData("rollingRestart", CdssErrorIds.RestartTimeout)]
    [InlineData("rollingUpgrade", CdssErrorIds.UpgradeTimeout)]
    [InlineData("configGroupApply", CdssErrorIds.ConfigGroupApplyTimeout)]
    [InlineData("kafkaNodeRestart", CdssErrorIds.NodeRestartTimeout)]
    public void ARunThatNeverShows_TimesOut_WithItsOperationsErrorId(string journalName, string errorId)
    {
        var item = RunOne(journalName, new FakeCluster { Name = "quiet", Invisible = true });

        Assert.Equal(RolloutOutcome.TimedOut, item.Result.Outcome);
        Assert.Equal(errorId, item.Error!.ErrorId);
    }
}
