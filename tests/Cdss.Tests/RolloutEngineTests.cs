using Cdss.Api;
using Cdss.Rollout;

namespace Cdss.Tests;

/// <summary>The rollout engine against a scripted fleet on a fake clock: halting, the "done" rule, polling, resume.</summary>
public sealed class RolloutEngineTests : IDisposable
{
    private readonly FakeClock _clock = new();
    private readonly FakeFleet _fleet;
    private readonly RecordingLog _log = new();
    private readonly TempDirectory _temp = new();

    public RolloutEngineTests() => _fleet = new FakeFleet(_clock);

    public void Dispose() => _temp.Dispose();

    private RolloutOptions Options(Action<RolloutOptions>? change = null)
    {
        var options = new RolloutOptions
        {
            PollInterval = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromMinutes(30),
            Now = () => _clock.Now,
            Delay = _clock.Delay,
        };
        change?.Invoke(options);
        return options;
    }

    private void Add(long no, FakeCluster cluster) => _fleet.Clusters[no] = cluster;

    /// <summary>
    /// Runs the engine on one thread: the clusters it runs at once take turns in a fixed order, so what the fake
    /// clock shows them (and so what the fleet counts as overlapping) is the same on every run.
    /// </summary>
    private Task<List<RolloutItem>> Run(RolloutOptions options, string? journalPath = null, params long[] clusters)
    {
        var finished = new List<RolloutItem>();
        using var journal = journalPath == null ? null : RolloutJournal.Open(journalPath);
        var record = new RolloutRecord(_fleet.Kind, _fleet.JournalTarget, options.Now, new ClusterDirectory(), _log, journal, _ => { });
        var engine = new RolloutEngine(_fleet, options, record, journal, item => { lock (finished) finished.Add(item); });
        SingleThreadedLoop.Run(() => engine.RunAsync(clusters, CancellationToken.None));
        Assert.Equal(clusters.Length, finished.Count);
        return Task.FromResult(engine.Items.ToList());
    }

    private static RolloutOutcome[] Outcomes(IEnumerable<RolloutItem> items) => items.Select(i => i.Result.Outcome).ToArray();

    [Fact]
    public async Task ARedCluster_HaltsTheRollout_AndTheRestAreNotStarted()
    {
        Add(1, new FakeCluster { Name = "a" });
        Add(2, new FakeCluster { Name = "b", FailAtBroker = 1 });
        Add(3, new FakeCluster { Name = "c" });

        var items = await Run(Options(), null, 1, 2, 3);

        Assert.Equal(new[] { RolloutOutcome.Succeeded, RolloutOutcome.Failed, RolloutOutcome.NotStarted }, Outcomes(items));
        Assert.False(_fleet.Starts.ContainsKey(3));
        Assert.Equal(CdssErrorIds.RestartFailed, items[1].Error!.ErrorId);
        Assert.Contains("red", items[1].Error!.Message);
    }

    [Fact]
    public async Task MaxFailures_LetsTheRolloutGoOnPastThatManyFailures()
    {
        Add(1, new FakeCluster { FailAtBroker = 0 });
        Add(2, new FakeCluster());
        Add(3, new FakeCluster { FailAtBroker = 1 });
        Add(4, new FakeCluster());

        var items = await Run(Options(o => o.MaxFailures = 1), null, 1, 2, 3, 4);

        Assert.Equal(new[] { RolloutOutcome.Failed, RolloutOutcome.Succeeded, RolloutOutcome.Failed, RolloutOutcome.NotStarted }, Outcomes(items));
    }

    [Fact]
    public async Task APreCheckThatSaysNo_IsSkipped_AndTheRolloutGoesOn()
    {
        Add(1, new FakeCluster { Ready = false });
        Add(2, new FakeCluster());

        var items = await Run(Options(), null, 1, 2);

        Assert.Equal(new[] { RolloutOutcome.Skipped, RolloutOutcome.Succeeded }, Outcomes(items));
        Assert.Equal(CdssErrorIds.PreCheckFailed, items[0].Error!.ErrorId);
        Assert.Equal(0, items[0].Result.Code);
        Assert.False(_fleet.Starts.ContainsKey(1));
    }

    [Fact]
    public async Task ALateStart_IsNotDoneUntilTheBrokersRestarted()
    {
        // The progress check shows nothing for 60 s after acceptance; only the pre-check says "in progress".
        Add(1, new FakeCluster { QuietAfterAccept = TimeSpan.FromSeconds(60), PerBroker = TimeSpan.FromSeconds(30) });
        Add(2, new FakeCluster());

        var items = await Run(Options(), null, 1, 2);

        Assert.Equal(RolloutOutcome.Succeeded, items[0].Result.Outcome);
        var done = items[0].Result.FinishedAt!.Value - items[0].Result.RequestedAt!.Value;
        Assert.True(done >= TimeSpan.FromSeconds(60 + 3 * 30), $"done after {done}");
        Assert.True(items[1].Result.RequestedAt >= items[0].Result.FinishedAt);
    }

    [Fact]
    public async Task ARestartThatNeverShowsAChange_TimesOut_AndSaysSo()
    {
        Add(2, new FakeCluster { Name = "quiet", Invisible = true });

        var items = await Run(Options(o => o.Timeout = TimeSpan.FromMinutes(5)), null, 2);

        Assert.Equal(RolloutOutcome.TimedOut, items[0].Result.Outcome);
        Assert.Contains("never showed a change", items[0].Error!.Message);
        Assert.Equal(CdssErrorIds.RestartTimeout, items[0].Error!.ErrorId);
    }

    [Fact]
    public async Task AStartAnsweredCode0SuccessWithoutResultTrue_IsNotAccepted_AndSaysWhy()
    {
        var fleet = new DecliningFleet(_clock);
        var options = Options();
        var record = new RolloutRecord(fleet.Kind, null, options.Now, new ClusterDirectory(), _log, null, _ => { });
        var engine = new RolloutEngine(fleet, options, record, null, _ => { });
        fleet.Clusters[1] = new FakeCluster();

        await engine.RunAsync(new long[] { 1 }, CancellationToken.None);

        Assert.Equal(RolloutOutcome.Skipped, engine.Items[0].Result.Outcome);
        Assert.Equal(CdssErrorIds.RestartNotAccepted, engine.Items[0].Error!.ErrorId);
        Assert.Contains("code 0: SUCCESS. The answer had no result true, which is the only yes. Nothing was started.", engine.Items[0].Error!.Message);
    }

    /// <summary>A service that answers every start request with code 0, "SUCCESS" and no result true.</summary>
    private sealed class DecliningFleet : FakeFleet, IRolloutOperation
    {
        public DecliningFleet(FakeClock clock) : base(clock) { }

        Task<ServiceAnswer> IRolloutOperation.StartAsync(long no, CancellationToken token) => Task.FromResult(new ServiceAnswer(false, 0, "SUCCESS", "req"));
    }

    [Fact]
    public async Task ALongWait_SaysWhatItIsWaitingFor_AtLeastEveryTwoMinutes()
    {
        Add(2, new FakeCluster { Name = "quiet", Invisible = true });

        await Run(Options(o => o.Timeout = TimeSpan.FromMinutes(10)), null, 2);

        var times = _log.Lines.Where(l => l.Level == "Information")
            .Select(l => DateTimeOffset.Parse(l.Text.Substring(0, 20), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var longest = times.Zip(times.Skip(1), (a, b) => b - a).Max();
        Assert.True(longest <= RolloutRecord.HeartbeatInterval + TimeSpan.FromSeconds(10), $"{longest} without a line");
        Assert.Contains(_log.Lines, l => l.Text.Contains("still waiting for the rolling restart to begin: 3/3 brokers up, status green, not in progress; the timeout is at"));
    }

    [Fact]
    public async Task FailedPolls_AreWarnings_AndTheWaitGoesOn()
    {
        Add(1, new FakeCluster { PerBroker = TimeSpan.FromSeconds(60) });
        _fleet.Clusters[1].FailPollsUntil = _clock.Now + TimeSpan.FromSeconds(45);

        var items = await Run(Options(), null, 1);

        Assert.Equal(RolloutOutcome.Succeeded, items[0].Result.Outcome);
        Assert.True(_log.Warnings.Count >= 3, string.Join("\n", _log.Warnings));
        Assert.Contains("could not read progress", _log.Warnings[0]);
    }

    [Fact]
    public async Task PollsFailingUntilTheTimeout_EndAsWaitInterrupted()
    {
        Add(1, new FakeCluster());
        _fleet.Clusters[1].FailPollsUntil = _clock.Now + TimeSpan.FromHours(2);
        Add(2, new FakeCluster());

        var items = await Run(Options(o => o.Timeout = TimeSpan.FromMinutes(5)), null, 1, 2);

        Assert.Equal(new[] { RolloutOutcome.WaitInterrupted, RolloutOutcome.NotStarted }, Outcomes(items));
        Assert.Equal(CdssErrorIds.WaitInterrupted, items[0].Error!.ErrorId);
        Assert.Contains("may still be running", items[0].Error!.Message);
        Assert.Contains("Wait-CdssRollingRestart", items[0].Error!.RecommendedAction);
    }

    [Fact]
    public async Task AnAuthenticationErrorWhilePolling_InterruptsAtOnce()
    {
        Add(1, new FakeCluster());
        _fleet.Clusters[1].FailPollsUntil = _clock.Now + TimeSpan.FromHours(2);
        _fleet.Clusters[1].PollErrorId = CdssErrorIds.AuthenticationFailed;

        var items = await Run(Options(), null, 1);

        Assert.Equal(RolloutOutcome.WaitInterrupted, items[0].Result.Outcome);
        Assert.Equal(1, _fleet.Polls);
    }

    [Fact]
    public async Task AfterTheDeadline_NothingStarts_AndARunningClusterIsStillWaitedOn()
    {
        Add(1, new FakeCluster { PerBroker = TimeSpan.FromMinutes(2) });
        Add(2, new FakeCluster());
        Add(3, new FakeCluster());

        var items = await Run(Options(o => o.Deadline = _clock.Now + TimeSpan.FromMinutes(1)), null, 1, 2, 3);

        Assert.Equal(new[] { RolloutOutcome.Succeeded, RolloutOutcome.Deferred, RolloutOutcome.Deferred }, Outcomes(items));
        Assert.Single(_fleet.Starts);
    }

    [Fact]
    public async Task ThrottleLimit_BoundsHowManyRestartAtOnce()
    {
        for (var i = 1; i <= 8; i++) Add(i, new FakeCluster { PerBroker = TimeSpan.FromSeconds(5 + i) });

        var items = await Run(Options(o => o.ThrottleLimit = 3), null, 1, 2, 3, 4, 5, 6, 7, 8);

        Assert.All(items, i => Assert.Equal(RolloutOutcome.Succeeded, i.Result.Outcome));
        Assert.InRange(_fleet.MaxConcurrent, 2, 3);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), items.Select(i => i.ServiceGroupInstanceNo));
    }

    [Fact]
    public async Task AnAmbiguousStart_IsOutcomeUnknown_HaltsTheRollout_AndIsReattachedOnResume()
    {
        var journal = Path.Combine(_temp.Path, "j.jsonl");
        Add(1, new FakeCluster());
        _fleet.Clusters[1].StartThrows = new CdssException(CdssErrorIds.OutcomeUnknown, CdssErrorCategory.InvalidResult, "may or may not");
        Add(2, new FakeCluster());

        var first = await Run(Options(), journal, 1, 2);
        Assert.Equal(new[] { RolloutOutcome.OutcomeUnknown, RolloutOutcome.NotStarted }, Outcomes(first));

        // Pretend it did start, before the answer was lost.
        _fleet.Clusters[1].StartThrows = null;
        _fleet.Clusters[1].StartedAt = _clock.Now;
        var second = await Run(Options(), journal, 1, 2);

        Assert.Equal(new[] { RolloutOutcome.Succeeded, RolloutOutcome.Succeeded }, Outcomes(second));
        Assert.Equal(1, _fleet.Starts[1]);
        Assert.Equal(1, _fleet.Starts[2]);
    }

    [Fact]
    public async Task TheJournal_ResumesWithoutRequestingAnythingTwice()
    {
        var journal = Path.Combine(_temp.Path, "j.jsonl");
        Add(1, new FakeCluster { Name = "done" });
        Add(2, new FakeCluster { Name = "running" });
        Add(3, new FakeCluster { Name = "fresh" });
        await Run(Options(), journal, 1);
        // A run killed right after the "requesting" line of cluster 2, which the service did accept.
        using (var j = RolloutJournal.Open(journal))
        {
            j.Append(new JournalEntry { Time = _clock.Now, Operation = "rollingRestart", Cluster = 2, ClusterName = "running", Event = "requesting" });
        }
        _fleet.Clusters[2].StartedAt = _clock.Now;
        await File.AppendAllTextAsync(journal, "{\"time\":\"2026-11-27T03:00:0");  // cut short by the kill

        var items = await Run(Options(), journal, 1, 2, 3);

        Assert.Equal(new[] { RolloutOutcome.AlreadyDone, RolloutOutcome.Succeeded, RolloutOutcome.Succeeded }, Outcomes(items));
        Assert.Equal(new long[] { 1, 3 }, _fleet.Starts.Keys.OrderBy(k => k));
        Assert.All(_fleet.Starts.Values, n => Assert.Equal(1, n));
        Assert.Contains(_log.Lines, l => l.Text.Contains("re-attaching"));
    }

    [Fact]
    public void AJournalInUseByAnotherWriter_IsRefused()
    {
        var journal = Path.Combine(_temp.Path, "j.jsonl");
        using var first = RolloutJournal.Open(journal);
        var ex = Assert.Throws<CdssException>(() => RolloutJournal.Open(journal));
        Assert.Equal(CdssErrorIds.JournalInUse, ex.ErrorId);
    }

    [Fact]
    public async Task TheRecord_IsTimestampedAndNamesTheCluster()
    {
        Add(1, new FakeCluster { Name = "kafka-prod-01" });
        var finished = new List<RolloutItem>();
        var options = Options();
        var clusters = new ClusterDirectory();
        clusters.Remember(1, "kafka-prod-01");
        var record = new RolloutRecord(_fleet.Kind, null, options.Now, clusters, _log, null, _ => { });
        await new RolloutEngine(_fleet, options, record, null, finished.Add).RunAsync(new long[] { 1 }, CancellationToken.None);

        var lines = _log.Lines.Where(l => l.Level == "Information").Select(l => l.Text).ToList();
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ cluster 1 \(kafka-prod-01\): ", l));
        Assert.Contains(lines, l => l.Contains("pre-check: can start"));
        Assert.Contains(lines, l => l.Contains("requested (requestId req-1)"));
        Assert.Contains(lines, l => l.Contains("observed starting"));
        Assert.Contains(lines, l => l.Contains("2/3 brokers up, status orange"));
        Assert.Contains(lines, l => l.Contains("Succeeded"));
    }
}
