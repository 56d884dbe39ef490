using Cdss.Api;

namespace Cdss.Tests;

public sealed class RollingRestartWatcherTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>A cluster of three brokers; statuses per node, e.g. "gog" = green, orange, green.</summary>
    private static RollingRestartProgress State(string nodes, string? cluster = null)
    {
        static string Word(char c) => c switch { 'g' => "green", 'o' => "orange", 'r' => "red", _ => "gray" };
        var list = nodes.Select((c, i) => new NodeStatus { Hostname = $"broker-{i + 1}", Status = Word(c) }).ToList();
        var brokerStatus = cluster ?? (nodes.Contains('r') ? "red" : nodes.All(c => c == 'g') ? "green" : "orange");
        return new RollingRestartProgress
        {
            ServiceGroupInstanceNo = 7, ClusterName = "kafka-x", Nodes = list, BrokersTotal = list.Count,
            BrokersUp = nodes.Count(c => c == 'g'), BrokerStatus = brokerStatus,
        };
    }

    private sealed class Script
    {
        private readonly Queue<RollingRestartProgress> _states;
        private RollingRestartProgress _last;

        public Script(params RollingRestartProgress[] states)
        {
            _states = new Queue<RollingRestartProgress>(states);
            _last = states[^1];
        }

        public int Polls { get; private set; }
        public List<TimeSpan> Waits { get; } = new();
        public TimeSpan Clock { get; set; }

        public RollingRestartWatcher Watcher(TimeSpan? timeout = null) =>
            new((_, _) =>
            {
                Polls++;
                return Task.FromResult(_states.Count > 0 ? _last = _states.Dequeue() : _last);
            }, Poll, timeout ?? Timeout)
            {
                Delay = (wait, token) => { token.ThrowIfCancellationRequested(); Waits.Add(wait); Clock += wait; return Task.CompletedTask; },
                Elapsed = () => Clock,
            };
    }

    private sealed class Recorder : IProgress<RestartProgressUpdate>
    {
        public List<RestartProgressUpdate> Updates { get; } = new();
        public void Report(RestartProgressUpdate value) => Updates.Add(value);
    }

    [Fact]
    public async Task Finishes_WhenGreenAgainAfterAChange_WaitingThePollIntervalBetweenPolls()
    {
        var script = new Script(State("goo"), State("ggg"));
        var final = await script.Watcher().WaitAsync(7, null, CancellationToken.None);
        Assert.True(final.IsComplete);
        Assert.Equal(2, script.Polls);
        Assert.Equal(new[] { Poll }, script.Waits);
    }

    [Fact]
    public async Task CountsBrokersRestarted_FromNodesSeenRestartingThatAreGreenAgain()
    {
        var script = new Script(State("ogg"), State("gog"), State("ggo"), State("ggg"));
        var recorder = new Recorder();
        await script.Watcher().WaitAsync(7, recorder, CancellationToken.None);
        Assert.Equal(new[] { 0, 1, 2, 3 }, recorder.Updates.Select(u => u.BrokersRestarted));
        Assert.Equal(new[] { 2, 2, 2, 3 }, recorder.Updates.Select(u => u.Progress.BrokersUp));
    }

    [Fact]
    public async Task GreenFromTheStart_CountsAsDoneOnlyAfterSeveralPolls()
    {
        var script = new Script(State("ggg"));
        await script.Watcher().WaitAsync(7, null, CancellationToken.None);
        Assert.Equal(RollingRestartWatcher.QuietGreenPolls, script.Polls);
    }

    [Fact]
    public async Task Red_IsRestartFailed_WithTheNodeStatus()
    {
        var script = new Script(State("goo"), State("grg"));
        var error = await Assert.ThrowsAsync<CdssException>(() => script.Watcher().WaitAsync(7, null, CancellationToken.None));
        Assert.Equal(CdssErrorIds.RestartFailed, error.ErrorId);
        Assert.Contains("kafka-x", error.Message);
        Assert.Contains("broker-2=red", error.Message);
        Assert.Contains("2/3 brokers up", error.Message);
    }

    [Fact]
    public async Task NotDoneInTime_IsRestartTimeout_AfterPollingUntilTheLimit()
    {
        var script = new Script(State("goo"));
        var error = await Assert.ThrowsAsync<CdssException>(() => script.Watcher(TimeSpan.FromMinutes(1)).WaitAsync(7, null, CancellationToken.None));
        Assert.Equal(CdssErrorIds.RestartTimeout, error.ErrorId);
        Assert.Contains("within 1 minutes", error.Message);
        Assert.Contains("broker-2=orange", error.Message);
        Assert.Equal(7, script.Polls); // polls at 0, 10, ..., 60 s
        Assert.Equal(TimeSpan.FromMinutes(1), script.Clock);
    }

    [Fact]
    public async Task Cancellation_EndsTheWait()
    {
        var script = new Script(State("goo"));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => script.Watcher().WaitAsync(7, null, cancel.Token));
        Assert.Equal(1, script.Polls);
    }
}
