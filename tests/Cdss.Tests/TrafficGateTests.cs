using Cdss.Api;
using Cdss.Rollout;

namespace Cdss.Tests;

/// <summary>The traffic gate on the fake clock: a cluster is Succeeded only once its traffic is back.</summary>
public sealed class TrafficGateTests : IDisposable
{
    private const string Metric = TrafficGate.DefaultMetric;
    private readonly FakeClock _clock = new();
    private readonly FakeFleet _fleet;
    private readonly RecordingLog _log = new();
    private readonly TempDirectory _temp = new();

    /// <summary>Per cluster: the message rate at an instant; a cluster without an entry has no such metric.</summary>
    private readonly Dictionary<long, Func<DateTimeOffset, double>> _rates = new();
    private int _reads;
    private int _failingReads;

    public TrafficGateTests() => _fleet = new FakeFleet(_clock);

    public void Dispose() => _temp.Dispose();

    /// <summary>1,000/s, 300/s while the restart runs, then back to 1,000/s over <paramref name="recovery"/> (never, when null).</summary>
    private Func<DateTimeOffset, double> Dip(long no, TimeSpan? recovery)
    {
        var cluster = _fleet.Clusters[no];
        return at =>
        {
            if (cluster.StartedAt is not { } started || at <= started) return 1000;
            var end = started + TimeSpan.FromTicks(cluster.PerBroker.Ticks * cluster.Brokers);
            if (at < end || recovery is null) return 300;
            var ramp = recovery.Value <= TimeSpan.Zero ? 1 : Math.Min(1, (at - end) / recovery.Value);
            return 300 + 700 * ramp;
        };
    }

    /// <summary>Points a minute apart, as the emulator serves them: each the reading at its step's end, or now for the step in progress.</summary>
    private Task<IReadOnlyList<MetricPoint>> Read(long no, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken token)
    {
        _reads++;
        if (_failingReads > 0)
        {
            _failingReads--;
            return Task.FromException<IReadOnlyList<MetricPoint>>(new CdssException(CdssErrorIds.ServiceError, CdssErrorCategory.ResourceUnavailable, "HTTP 503"));
        }
        var points = new List<MetricPoint>();
        if (_rates.TryGetValue(no, out var rate) && metric == Metric)
        {
            var step = TimeSpan.FromMinutes(1);
            for (var at = new DateTimeOffset(from.UtcTicks - from.UtcTicks % step.Ticks, TimeSpan.Zero); at <= to; at += step)
            {
                var reading = at + step < to ? at + step : to;
                points.Add(new MetricPoint { ServiceGroupInstanceNo = no, Metric = metric, Timestamp = at, Value = rate(reading), Interval = "Min1" });
            }
        }
        return Task.FromResult<IReadOnlyList<MetricPoint>>(points);
    }

    private List<RolloutItem> Run(double recovery, string? journalPath = null, params long[] clusters)
    {
        var options = new RolloutOptions
        {
            PollInterval = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromMinutes(20),
            Now = () => _clock.Now,
            Delay = _clock.Delay,
            Traffic = new TrafficGate(recovery, Metric, TimeSpan.FromMinutes(30), Read),
        };
        using var journal = journalPath == null ? null : RolloutJournal.Open(journalPath);
        var record = new RolloutRecord(_fleet.Kind, null, options.Now, new ClusterDirectory(), _log, journal, _ => { });
        var engine = new RolloutEngine(_fleet, options, record, journal, _ => { });
        SingleThreadedLoop.Run(() => engine.RunAsync(clusters, CancellationToken.None));
        return engine.Items.ToList();
    }

    [Fact]
    public void AHealthyCluster_IsSucceededOnlyOnceItsTrafficIsBack_AndTheNextStartsAfterThat()
    {
        _fleet.Clusters[1] = new FakeCluster { Name = "a", PerBroker = TimeSpan.FromSeconds(30) };
        _fleet.Clusters[2] = new FakeCluster { Name = "b" };
        _rates[1] = Dip(1, TimeSpan.FromMinutes(4));
        _rates[2] = Dip(2, TimeSpan.Zero);

        var items = Run(0.9, null, 1, 2);

        Assert.Equal(new[] { RolloutOutcome.Succeeded, RolloutOutcome.Succeeded }, items.Select(i => i.Result.Outcome));
        var first = items[0].Result;
        Assert.Equal(1000, first.TrafficBaseline);
        Assert.True(first.TrafficAfter >= 900, $"after {first.TrafficAfter}");
        // The restart ends 90 s after the request; 90 % of the traffic is back 3.4 minutes later.
        var restartEnd = first.RequestedAt!.Value + TimeSpan.FromSeconds(90);
        Assert.True(first.FinishedAt >= restartEnd + TimeSpan.FromMinutes(3.4), $"finished {first.FinishedAt - first.RequestedAt} after the request");
        Assert.True(items[1].Result.RequestedAt >= first.FinishedAt);
        Assert.Contains("traffic back", first.Message);
        Assert.True(first.Message.Contains("lowest after the request 300"), first.Message);
        var lines = _log.Lines.Where(l => l.Level == "Information").Select(l => l.Text).ToList();
        Assert.Contains(lines, l => l.Contains("waiting for cluster_messagesInSecMean to come back to 90%"));
        Assert.Contains(lines, l => l.Contains("traffic: cluster_messagesInSecMean 300") && l.Contains("30% of the baseline 1,000"));
    }

    [Fact]
    public void TheLowestValueNamed_IsTheLowestAnyReadShowed_EvenWhenTheServiceSmoothsClosedSteps()
    {
        _fleet.Clusters[1] = new FakeCluster { PerBroker = TimeSpan.FromSeconds(10) };
        var live = Dip(1, TimeSpan.FromMinutes(10));
        // A service that shows the live value only for the step in progress, and its closed steps at the usual rate.
        _rates[1] = at => at >= _clock.Now - TimeSpan.FromMinutes(1) ? live(at) : 1000;

        var item = Run(0.9, null, 1)[0];

        Assert.Equal(RolloutOutcome.Succeeded, item.Result.Outcome);
        var lowest = double.Parse(System.Text.RegularExpressions.Regex.Match(item.Result.Message, @"lowest after the request ([\d,.]+)").Groups[1].Value.Replace(",", ""),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(lowest < 400, item.Result.Message);
    }

    [Fact]
    public void TrafficThatStaysLow_IsFailed_CdssTrafficNotRecovered_AndHaltsTheRollout()
    {
        _fleet.Clusters[1] = new FakeCluster { Name = "a" };
        _fleet.Clusters[2] = new FakeCluster { Name = "b" };
        _rates[1] = Dip(1, recovery: null);

        var items = Run(0.9, null, 1, 2);

        Assert.Equal(new[] { RolloutOutcome.Failed, RolloutOutcome.NotStarted }, items.Select(i => i.Result.Outcome));
        var error = items[0].Error!;
        Assert.Equal(CdssErrorIds.TrafficNotRecovered, error.ErrorId);
        Assert.True(error.Message.Contains("cluster_messagesInSecMean is 300, 30% of the baseline 1,000"), error.Message);
        Assert.Equal(300, items[0].Result.TrafficAfter);
        Assert.False(_fleet.Starts.ContainsKey(2));
        // Decided at the timeout counted from when the restart was done, not at once.
        Assert.True(items[0].Result.FinishedAt - items[0].Result.RequestedAt >= TimeSpan.FromMinutes(20));
    }

    [Fact]
    public void AnAbsentMetric_IsOneWarning_AndTheClusterIsNotGated()
    {
        _fleet.Clusters[1] = new FakeCluster();
        _fleet.Clusters[2] = new FakeCluster();

        var items = Run(0.9, null, 1, 2);

        Assert.Equal(new[] { RolloutOutcome.Succeeded, RolloutOutcome.Succeeded }, items.Select(i => i.Result.Outcome));
        Assert.Null(items[0].Result.TrafficBaseline);
        Assert.Contains("not gated on traffic", items[0].Result.Message);
        Assert.Equal(2, _log.Warnings.Count(w => w.Contains(CdssErrorIds.MetricUnavailable)));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public void ABaselineOfZero_IsAWarning_AndNotAGate()
    {
        _fleet.Clusters[1] = new FakeCluster();
        _rates[1] = _ => 0;

        var item = Run(0.5, null, 1)[0];

        Assert.Equal(RolloutOutcome.Succeeded, item.Result.Outcome);
        Assert.Contains(_log.Warnings, w => w.Contains(CdssErrorIds.MetricUnavailable) && w.Contains("was 0"));
    }

    [Fact]
    public void FailedReads_AreWarnings_AndTheGateGoesOn()
    {
        _fleet.Clusters[1] = new FakeCluster();
        _rates[1] = Dip(1, TimeSpan.Zero);
        _failingReads = 3;

        var item = Run(0.9, null, 1)[0];

        Assert.Equal(RolloutOutcome.Succeeded, item.Result.Outcome);
        Assert.Equal(3, _log.Warnings.Count(w => w.Contains("could not read cluster_messagesInSecMean")));
    }

    [Fact]
    public void AResumedRun_GatesWithTheBaselineBeforeTheRecordedRequest()
    {
        var journal = Path.Combine(_temp.Path, "gate.jsonl");
        _fleet.Clusters[1] = new FakeCluster { PerBroker = TimeSpan.FromMinutes(2) };
        // Before the request: 1,000/s. The run that requested it was killed; the traffic never comes back.
        var requestedAt = _clock.Now;
        using (var j = RolloutJournal.Open(journal))
        {
            j.Append(new JournalEntry { Time = requestedAt, Operation = "rollingRestart", Cluster = 1, Event = "requesting" });
        }
        _fleet.Clusters[1].StartedAt = requestedAt;
        _rates[1] = Dip(1, recovery: null);
        _clock.Advance(TimeSpan.FromMinutes(3));

        var item = Run(0.9, journal, 1)[0];

        Assert.Equal(RolloutOutcome.Failed, item.Result.Outcome);
        Assert.Equal(1000, item.Result.TrafficBaseline);
        Assert.Equal(CdssErrorIds.TrafficNotRecovered, item.Error!.ErrorId);
        Assert.Equal(0, _fleet.Starts.GetValueOrDefault(1));
    }

    [Fact]
    public void AResumeWithoutTheGate_OfARunThatWasWaitingForTraffic_SaysItDoesNotCheckIt()
    {
        var journal = Path.Combine(_temp.Path, "gate.jsonl");
        _fleet.Clusters[1] = new FakeCluster { PerBroker = TimeSpan.FromSeconds(10) };
        var requestedAt = _clock.Now;
        using (var j = RolloutJournal.Open(journal))
        {
            foreach (var e in new[] { "requesting", "requested", "started", "awaitingTraffic" })
                j.Append(new JournalEntry { Time = requestedAt, Operation = "rollingRestart", Cluster = 1, Event = e });
        }
        _fleet.Clusters[1].StartedAt = requestedAt;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var options = new RolloutOptions { PollInterval = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromMinutes(5), Now = () => _clock.Now, Delay = _clock.Delay };
        using (var j = RolloutJournal.Open(journal))
        {
            var record = new RolloutRecord(_fleet.Kind, null, options.Now, new ClusterDirectory(), _log, j, _ => { });
            var engine = new RolloutEngine(_fleet, options, record, j, _ => { });
            SingleThreadedLoop.Run(() => engine.RunAsync(new long[] { 1 }, CancellationToken.None));
            Assert.Equal(RolloutOutcome.Succeeded, engine.Items[0].Result.Outcome);
        }
        Assert.Contains(_log.Warnings, w => w.Contains("was waiting for its traffic to come back") && w.Contains("does not check the traffic"));
    }

    [Fact]
    public async Task AMetricTheUserNamed_ThatTheServiceDoesNotSend_IsRefusedBeforeAnythingStarts_WithTheClosestName()
    {
        var sent = new[] { "cluster_messagesInSecMean", "cluster_total_partition", "cluster_total_topic" };
        var gate = new TrafficGate(0.9, "cluster_messagesInSecMeam", TimeSpan.FromMinutes(30), Read,
            (no, from, to, token) => Task.FromResult<IReadOnlyList<string>>(sent));

        var ex = await Assert.ThrowsAsync<CdssException>(() => gate.CheckMetricAsync(3432149, _clock.Now, CancellationToken.None));

        Assert.Equal(CdssErrorIds.InvalidArgument, ex.ErrorId);
        Assert.Contains("nothing was started", ex.Message);
        Assert.Contains("Closest: cluster_messagesInSecMean", ex.Message);
        // A name it sends, in any case, and an answer with no metrics at all, pass.
        await new TrafficGate(0.9, "CLUSTER_TOTAL_TOPIC", TimeSpan.FromMinutes(30), Read, (no, f, t, c) => Task.FromResult<IReadOnlyList<string>>(sent))
            .CheckMetricAsync(3432149, _clock.Now, CancellationToken.None);
        await new TrafficGate(0.9, "anything", TimeSpan.FromMinutes(30), Read, (no, f, t, c) => Task.FromResult<IReadOnlyList<string>>(Array.Empty<string>()))
            .CheckMetricAsync(3432149, _clock.Now, CancellationToken.None);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void ARatioOutsideZeroToOne_IsRefused(double recovery)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrafficGate(recovery, Metric, TimeSpan.FromMinutes(30), Read));
    }
}
