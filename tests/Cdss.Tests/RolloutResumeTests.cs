using Cdss.Api;
using Cdss.Rollout;

namespace Cdss.Tests;

/// <summary>
/// Runs after runs with one journal: a restart that was never seen to happen is never called done, stays unresolved
/// until an operator decides, and an operator's decision is followed exactly.
/// </summary>
public sealed class RolloutResumeTests : IDisposable
{
    private readonly FakeClock _clock = new();
    private readonly FakeFleet _fleet;
    private readonly RecordingLog _log = new();
    private readonly TempDirectory _temp = new();
    private readonly string _journal;

    public RolloutResumeTests()
    {
        _fleet = new FakeFleet(_clock);
        _journal = Path.Combine(_temp.Path, "rollout.jsonl");
    }

    public void Dispose() => _temp.Dispose();

    private List<RolloutItem> Run(params long[] clusters)
    {
        var options = new RolloutOptions { PollInterval = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromMinutes(30), Now = () => _clock.Now, Delay = _clock.Delay };
        using var journal = RolloutJournal.Open(_journal);
        var record = new RolloutRecord(_fleet.Kind, null, options.Now, new ClusterDirectory(), _log, journal, _ => { });
        var engine = new RolloutEngine(_fleet, options, record, journal, _ => { });
        SingleThreadedLoop.Run(() => engine.RunAsync(clusters, CancellationToken.None));
        return engine.Items.ToList();
    }

    private void Resolve(long cluster, string decision)
    {
        using var journal = RolloutJournal.Open(_journal, mustExist: true);
        new RolloutResolver(journal).Resolve(cluster, decision, "alice", "checked the console", _clock.Now);
    }

    private int Starts(long no) => _fleet.Starts.GetValueOrDefault(no);

    /// <summary>The start request gets a 503 and the service starts nothing: the first run of the three-run story.</summary>
    private void FirstRunWithALostRequest()
    {
        _fleet.Clusters[5000003] = new FakeCluster { Name = "kafka-dev" };
        _fleet.Clusters[5000003].StartThrows = new CdssException(CdssErrorIds.OutcomeUnknown, CdssErrorCategory.InvalidResult, "HTTP 503 after sending");
        var first = Run(5000003);
        Assert.Equal(RolloutOutcome.OutcomeUnknown, first[0].Result.Outcome);
        _fleet.Clusters[5000003].StartThrows = null;   // the service is well again; nothing was started
        _clock.Advance(TimeSpan.FromHours(1));
    }

    [Fact]
    public void ARequestNeverSeenToHappen_IsOutcomeUnknownInEveryLaterRun_AndIsNeverSentAgain()
    {
        FirstRunWithALostRequest();

        var second = Run(5000003);
        Assert.Equal(RolloutOutcome.OutcomeUnknown, second[0].Result.Outcome);
        Assert.Equal(CdssErrorIds.OutcomeUnknown, second[0].Error!.ErrorId);
        Assert.Contains("never seen to begin", second[0].Result.Message);
        // Decided at the first look, not after the 30-minute timeout: the late-start grace had long passed.
        Assert.True(second[0].Result.FinishedAt - _clock.Now < TimeSpan.FromMinutes(1));
        Assert.Contains($"Resolve-CdssRollout -JournalPath '{_journal}' -ServiceGroupInstanceNo 5000003", second[0].Error!.RecommendedAction);

        var polls = _fleet.Polls;
        _clock.Advance(TimeSpan.FromHours(1));
        var third = Run(5000003);
        Assert.Equal(RolloutOutcome.OutcomeUnknown, third[0].Result.Outcome);
        Assert.Equal(polls, _fleet.Polls);   // decided from the journal alone
        Assert.Contains("Resolve-CdssRollout", third[0].Error!.RecommendedAction);
        Assert.Equal(1, Starts(5000003));
        Assert.DoesNotContain(_log.Lines, l => l.Text.Contains("Succeeded"));
    }

    [Fact]
    public void ARequestThatStartsLate_WithinTheGrace_IsWatchedToTheEnd()
    {
        FirstRunWithALostRequest();
        _clock.Advance(TimeSpan.FromMinutes(-59));   // the next run comes a minute after the request
        _fleet.Clusters[5000003].StartedAt = _clock.Now + TimeSpan.FromMinutes(2);   // and the restart shows up two minutes later

        var second = Run(5000003);

        Assert.Equal(RolloutOutcome.Succeeded, second[0].Result.Outcome);
        Assert.Equal(1, Starts(5000003));
    }

    [Fact]
    public void ResolvedAsDone_TheNextRunIsAlreadyDone_SayingWhoWhenAndWhy_AndRequestsNothing()
    {
        FirstRunWithALostRequest();
        Run(5000003);
        Resolve(5000003, JournalHistory.DecisionDone);

        var next = Run(5000003);

        Assert.Equal(RolloutOutcome.AlreadyDone, next[0].Result.Outcome);
        Assert.Contains("Resolved as done by alice", next[0].Result.Message);
        Assert.Contains("checked the console", next[0].Result.Message);
        Assert.Equal(1, Starts(5000003));
        Assert.Contains(_log.Lines, l => l.Text.Contains("already done according to the journal"));
    }

    [Fact]
    public void ResolvedAsRetry_TheNextRunRequestsItExactlyOnceMore()
    {
        FirstRunWithALostRequest();
        Run(5000003);
        Resolve(5000003, JournalHistory.DecisionRetry);

        var retried = Run(5000003);
        Assert.Equal(RolloutOutcome.Succeeded, retried[0].Result.Outcome);
        Assert.Equal(2, Starts(5000003));
        Assert.Contains(_log.Lines, l => l.Text.Contains("to be requested again, as alice decided"));

        var after = Run(5000003);
        Assert.Equal(RolloutOutcome.AlreadyDone, after[0].Result.Outcome);
        Assert.Equal(2, Starts(5000003));
    }

    [Fact]
    public void AJournalThatHoldsEveryClusterAsDone_SaysSoInOneLine_WithItsFirstRunTime_AndKeepsTheCodes()
    {
        _fleet.Clusters[1] = new FakeCluster();
        _fleet.Clusters[2] = new FakeCluster();
        var firstRun = _clock.Now;
        Run(1, 2);
        _clock.Advance(TimeSpan.FromDays(1));

        var first = File.ReadAllLines(_journal).Select(JournalEntry.TryParse).First(e => e!.Event == "succeeded")!;
        var again = Run(1, 2);

        Assert.All(again, i => Assert.Equal(RolloutOutcome.AlreadyDone, i.Result.Outcome));
        // Its times are the earlier run's: it did not take a day, and it did not finish now.
        Assert.Equal(first.Time, again[0].Result.FinishedAt);
        Assert.True(again[0].Result.Duration < TimeSpan.FromMinutes(5), $"{again[0].Result.Duration}");
        Assert.Contains(_log.Lines, l => l.Text.Contains("): AlreadyDone: Done by an earlier run"));
        // The start's answer (code 0) is what the journal recorded; it is not blank.
        Assert.All(again, i => Assert.Equal(0, i.Result.Code));
        var line = Assert.Single(_log.Lines, l => l.Text.Contains("already done according to the journal"));
        Assert.Contains($"Every one of the 2 cluster(s)", line.Text);
        Assert.Contains($"(first run {firstRun:yyyy-MM-dd'T'HH:mm:ss'Z'})", line.Text);
        Assert.Contains("A new rollout needs a new journal", line.Text);
        Assert.Equal(1, Starts(1));
    }

    [Fact]
    public void ARetryWhosePreCheckSaysNo_IsSkipped_AndStillOwedOnce()
    {
        FirstRunWithALostRequest();
        Run(5000003);
        Resolve(5000003, JournalHistory.DecisionRetry);
        _fleet.Clusters[5000003].Ready = false;

        Assert.Equal(RolloutOutcome.Skipped, Run(5000003)[0].Result.Outcome);
        _fleet.Clusters[5000003].Ready = true;
        Assert.Equal(RolloutOutcome.Succeeded, Run(5000003)[0].Result.Outcome);
        Assert.Equal(2, Starts(5000003));
    }

    [Fact]
    public void ARedCluster_StaysFailed_UntilAnOperatorDecides()
    {
        _fleet.Clusters[1] = new FakeCluster { FailAtBroker = 1 };
        _fleet.Clusters[2] = new FakeCluster();
        Assert.Equal(new[] { RolloutOutcome.Failed, RolloutOutcome.NotStarted }, Run(1, 2).Select(i => i.Result.Outcome));

        var again = Run(1, 2);
        Assert.Equal(new[] { RolloutOutcome.Failed, RolloutOutcome.NotStarted }, again.Select(i => i.Result.Outcome));
        Assert.Equal(CdssErrorIds.RestartFailed, again[0].Error!.ErrorId);
        Assert.Contains("failed in an earlier run", again[0].Result.Message);
        Assert.Equal(1, Starts(1));

        Resolve(1, JournalHistory.DecisionDone);
        Assert.Equal(new[] { RolloutOutcome.AlreadyDone, RolloutOutcome.Succeeded }, Run(1, 2).Select(i => i.Result.Outcome));
        Assert.Equal(1, Starts(1));
    }

    [Fact]
    public void Resolving_WhatIsNotUnresolved_IsRefused_AndWritesNothing()
    {
        _fleet.Clusters[1] = new FakeCluster();
        Run(1);
        var before = File.ReadAllText(_journal);

        var done = Assert.Throws<CdssException>(() => Resolve(1, JournalHistory.DecisionRetry));
        var unknown = Assert.Throws<CdssException>(() => Resolve(99, JournalHistory.DecisionDone));

        Assert.Equal(CdssErrorIds.NothingToResolve, done.ErrorId);
        Assert.Contains("holds nothing unresolved", done.Message);
        Assert.Equal(CdssErrorIds.NothingToResolve, unknown.ErrorId);
        Assert.Contains("no line about this cluster", unknown.Message);
        Assert.Equal(before, File.ReadAllText(_journal));
    }

    [Fact]
    public void ADecision_AppliesToEveryUnresolvedOperationOfTheCluster_InOneJournal()
    {
        _fleet.Clusters[1] = new FakeCluster { FailAtBroker = 0 };
        Run(1);
        _fleet.Kind = OperationKind.RollingUpgrade;
        Run(1);   // the upgrade's pre-check says no: the cluster is red; nothing to resolve for it
        using (var journal = RolloutJournal.Open(_journal, mustExist: true))
        {
            var resolved = new RolloutResolver(journal).Resolve(1, JournalHistory.DecisionRetry, "bob", "fixed the broker", _clock.Now);
            var only = Assert.Single(resolved);
            Assert.Equal("Rolling restart", only.Operation);
            Assert.Equal(HistoryState.Failed, only.Was);
        }
    }

    [Fact]
    public void AJournalThatIsNotThere_CannotBeResolved()
    {
        var ex = Assert.Throws<CdssException>(() => RolloutJournal.Open(Path.Combine(_temp.Path, "missing.jsonl"), mustExist: true));
        Assert.Equal(CdssErrorIds.InvalidJournal, ex.ErrorId);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "missing.jsonl")));
    }

    [Fact]
    public void AJournalInAFolderThatCannotBeWritten_IsCdssJournalNotWritable()
    {
        var file = Path.Combine(_temp.Path, "a-file");
        File.WriteAllText(file, "");
        // A path under a regular file can never be created, on any system and as any user.
        var ex = Assert.Throws<CdssException>(() => RolloutJournal.Open(Path.Combine(file, "rollout.jsonl")));
        Assert.Equal(CdssErrorIds.JournalNotWritable, ex.ErrorId);
        Assert.Contains("cannot be opened for writing", ex.Message);
    }

    [Theory]
    [InlineData("RollingUpgrade", "CdssUpgradeFailed")]
    [InlineData("ConfigGroupApply", "CdssConfigGroupApplyFailed")]
    [InlineData("KafkaNodeRestart", "CdssNodeRestartFailed")]
    [InlineData("RollingRestart", "CdssRestartFailed")]
    public void ARedCluster_CarriesItsOperationsFailedId(string operation, string errorId)
    {
        _fleet.Kind = (OperationKind)typeof(OperationKind).GetField(operation)!.GetValue(null)!;
        _fleet.Clusters[1] = new FakeCluster { FailAtBroker = 1 };

        var item = Run(1)[0];

        Assert.Equal(RolloutOutcome.Failed, item.Result.Outcome);
        Assert.Equal(errorId, item.Error!.ErrorId);
        Assert.Contains($"The {_fleet.Kind.DisplayName} turned red", item.Error.Message);
    }

    [Theory]
    [InlineData("RollingUpgrade", "CdssUpgradeTimeout", "Start-CdssRollingUpgrade")]
    [InlineData("ConfigGroupApply", "CdssConfigGroupApplyTimeout", "Set-CdssClusterConfigGroup")]
    [InlineData("KafkaNodeRestart", "CdssNodeRestartTimeout", "Restart-CdssKafkaNode")]
    [InlineData("RollingRestart", "CdssRestartTimeout", "Start-CdssRollingRestart")]
    public void ATimeout_CarriesItsOperationsIdAndAdvice(string operation, string errorId, string cmdlet)
    {
        _fleet.Kind = (OperationKind)typeof(OperationKind).GetField(operation)!.GetValue(null)!;
        _fleet.Clusters[1] = new FakeCluster { Invisible = true };

        var item = Run(1)[0];

        Assert.Equal(RolloutOutcome.TimedOut, item.Result.Outcome);
        Assert.Equal(errorId, item.Error!.ErrorId);
        Assert.Contains($"Run the same {cmdlet} command again with -JournalPath '{_journal}'", item.Error.RecommendedAction);
        if (operation != "RollingRestart") Assert.DoesNotContain("Wait-CdssRollingRestart", item.Error.RecommendedAction);
    }
}
