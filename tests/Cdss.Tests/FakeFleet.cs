using System.Collections.Concurrent;
using Cdss.Rollout;

namespace Cdss.Tests;

/// <summary>A clock that only moves when the code under test waits.</summary>
internal sealed class FakeClock
{
    private long _ticks;

    public FakeClock() : this(new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero)) { }

    public FakeClock(DateTimeOffset start) => _ticks = start.UtcTicks;

    public DateTimeOffset Now => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    /// <summary>
    /// Moves the clock by the whole wait, then lets other work (another cluster of the rollout) run in between: on a
    /// <see cref="SingleThreadedLoop"/> the rest of the caller is queued behind what is already waiting there, in a
    /// fixed order; elsewhere (one cluster, nothing else waiting) the caller goes straight on.
    /// </summary>
    public Task Delay(TimeSpan wait, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        Advance(wait);
        if (SingleThreadedLoop.Current is not { } loop) return Task.CompletedTask;
        var done = new TaskCompletionSource<bool>();
        loop.Enqueue(() => done.SetResult(true));
        return done.Task;
    }
}

/// <summary>One simulated cluster: how its restart unfolds over (fake) time.</summary>
internal sealed class FakeCluster
{
    public string Name { get; init; } = "c";
    public int Brokers { get; init; } = 3;
    public bool Ready { get; set; } = true;
    public TimeSpan QuietAfterAccept { get; init; } = TimeSpan.Zero;
    public TimeSpan PerBroker { get; init; } = TimeSpan.FromSeconds(20);
    public int? FailAtBroker { get; init; }

    /// <summary>Accepts restarts but never shows one: always green, never "in progress".</summary>
    public bool Invisible { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset FailPollsUntil { get; set; }
    public string? PollErrorId { get; set; }
    public Exception? StartThrows { get; set; }
}

/// <summary>A scripted CDSS for the rollout engine: counts starts, tracks how many restarts overlap.</summary>
internal class FakeFleet : IRolloutOperation
{
    private readonly FakeClock _clock;
    private int _running;

    public FakeFleet(FakeClock clock) => _clock = clock;

    public ConcurrentDictionary<long, FakeCluster> Clusters { get; } = new();
    public ConcurrentDictionary<long, int> Starts { get; } = new();
    public int MaxConcurrent;
    public int Polls;

    public OperationKind Kind { get; set; } = OperationKind.RollingRestart;
    public string? JournalTarget => null;
    public bool HasPreCheck => true;

    public Task<ServiceAnswer> PreCheckAsync(long no, CancellationToken token)
    {
        var c = Clusters[no];
        if (IsRunning(c)) return Task.FromResult(new ServiceAnswer(false, 0, "A rolling restart is already in progress", "pre-" + no));
        return Task.FromResult(c.Ready && !Red(c) ? new ServiceAnswer(true, 0, "SUCCESS", "pre-" + no)
                                                  : new ServiceAnswer(false, 0, "Cluster is not in running state (changing)", "pre-" + no));
    }

    public Task<ServiceAnswer> StartAsync(long no, CancellationToken token)
    {
        var c = Clusters[no];
        Starts.AddOrUpdate(no, 1, (_, n) => n + 1);
        if (c.StartThrows != null) return Task.FromException<ServiceAnswer>(c.StartThrows);
        c.StartedAt = _clock.Now;
        var now = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = MaxConcurrent) < now && Interlocked.CompareExchange(ref MaxConcurrent, now, seen) != seen) { }
        return Task.FromResult(new ServiceAnswer(true, 0, "SUCCESS", "req-" + no));
    }

    public Task<ClusterProgress> ProgressAsync(long no, CancellationToken token)
    {
        Interlocked.Increment(ref Polls);
        var c = Clusters[no];
        if (_clock.Now < c.FailPollsUntil)
        {
            var id = c.PollErrorId ?? CdssErrorIds.ServiceError;
            return Task.FromException<ClusterProgress>(new CdssException(id, CdssErrorCategory.ResourceUnavailable, "HTTP 503"));
        }
        var p = new ClusterProgress { ServiceGroupInstanceNo = no, ClusterName = c.Name, BrokersTotal = c.Brokers, BrokersUp = c.Brokers, BrokerStatus = "green" };
        if (c.StartedAt is { } at && !c.Invisible)
        {
            var elapsed = _clock.Now - at - c.QuietAfterAccept;
            if (elapsed >= TimeSpan.Zero)
            {
                var index = (int)(elapsed.Ticks / c.PerBroker.Ticks);
                if (c.FailAtBroker is { } fail && index >= fail) { p.BrokersUp = c.Brokers - 1; p.BrokerStatus = "red"; }
                else if (index < c.Brokers) { p.BrokersUp = c.Brokers - 1; p.BrokerStatus = "orange"; }
                else if (c.StartedAt != null) Finish(c);
            }
        }
        return Task.FromResult(p);
    }

    public Task<bool> IsRunningAsync(long no, CancellationToken token) => Task.FromResult(IsRunning(Clusters[no]));

    public RolloutResult NewResult(long no) => new RolloutResult(Kind) { ServiceGroupInstanceNo = no };

    private bool IsRunning(FakeCluster c) =>
        !c.Invisible && c.StartedAt is { } at && _clock.Now >= at && !Red(c) && _clock.Now < at + c.QuietAfterAccept + TimeSpan.FromTicks(c.PerBroker.Ticks * c.Brokers);

    private bool Red(FakeCluster c) =>
        c.StartedAt is { } at && c.FailAtBroker is { } fail && _clock.Now - at - c.QuietAfterAccept >= TimeSpan.FromTicks(c.PerBroker.Ticks * fail);

    private readonly ConcurrentDictionary<FakeCluster, bool> _finished = new();

    private void Finish(FakeCluster c)
    {
        if (_finished.TryAdd(c, true)) Interlocked.Decrement(ref _running);
    }
}
