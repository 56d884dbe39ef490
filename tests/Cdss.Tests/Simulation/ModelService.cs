using Cdss.Rollout;

namespace Cdss.Tests.Simulation;

/// <summary>How one accepted restart unfolds on the model service.</summary>
internal sealed class ModelRestart
{
    public DateTimeOffset AcceptedAt { get; init; }

    /// <summary>Between acceptance and the first broker going down nothing shows in the progress check.</summary>
    public TimeSpan Quiet { get; init; }

    /// <summary>Whether the pre-check answers "in progress" during the quiet time.</summary>
    public bool SaysInProgressWhileQuiet { get; init; }

    public TimeSpan PerBroker { get; init; }
    public int Brokers { get; init; }

    /// <summary>The broker at which the cluster turns red (and stays red), if it does.</summary>
    public int? FailAtBroker { get; init; }

    /// <summary>Accepted, but nothing ever happens.</summary>
    public bool NeverStarts { get; init; }

    public DateTimeOffset BeginsAt => AcceptedAt + Quiet;
    public DateTimeOffset EndsAt => BeginsAt + PerBroker * Brokers;
    public DateTimeOffset? RedAt => FailAtBroker is { } b ? BeginsAt + PerBroker * b : null;

    public bool IsRed(DateTimeOffset now) => !NeverStarts && RedAt is { } red && now >= red;
    public bool IsRestarting(DateTimeOffset now) => !NeverStarts && !IsRed(now) && now >= BeginsAt && now < EndsAt;
    public bool IsQueued(DateTimeOffset now) => !NeverStarts && now < BeginsAt;

    /// <summary>It restarted every broker and the cluster is green again.</summary>
    public bool RanToEnd(DateTimeOffset now) => !NeverStarts && FailAtBroker == null && now >= EndsAt;

    /// <summary>What the service says about it: running (visible as such) or not.</summary>
    public bool SaysRunning(DateTimeOffset now) => IsRestarting(now) || (IsQueued(now) && SaysInProgressWhileQuiet);
}

/// <summary>One cluster of the model service and its true history.</summary>
internal sealed class ModelCluster
{
    public long No { get; init; }
    public string Name { get; init; } = "";
    public int Brokers { get; init; }
    public bool Ready { get; set; } = true;
    public List<ModelRestart> Restarts { get; } = new();

    /// <summary>Start requests that reached the service (accepted or not).</summary>
    public int StartsReceived { get; set; }

    public int Accepted => Restarts.Count;

    public bool IsRed(DateTimeOffset now) => Restarts.Any(r => r.IsRed(now));
    public bool SaysRunning(DateTimeOffset now) => Restarts.Any(r => r.SaysRunning(now));
    public bool IsRestarting(DateTimeOffset now) => Restarts.Any(r => r.IsRestarting(now));
    public bool AnyRanToEnd(DateTimeOffset now) => Restarts.Any(r => r.RanToEnd(now));
}

/// <summary>
/// A model of the CDSS restart service for the simulation: restarts that start late, never start, finish, or turn
/// red; transient failures (500, 503, 429, timeouts, network) on any call, as the client would report them after its
/// own retries; progress outages; and a start request whose failure may come before or after the service acted on it.
/// Every decision is drawn from one seeded random source, in the order the engine calls, so one seed replays a run.
/// </summary>
internal sealed class ModelService : IRolloutOperation
{
    private readonly FakeClock _clock;
    private readonly Random _random;
    private readonly SimulationSchedule _schedule;
    private readonly Action<string> _trace;

    public ModelService(FakeClock clock, Random random, SimulationSchedule schedule, Action<string> trace)
    {
        _clock = clock;
        _random = random;
        _schedule = schedule;
        _trace = trace;
        foreach (var c in schedule.Clusters) Clusters[c.No] = new ModelCluster { No = c.No, Name = c.Name, Brokers = c.Brokers, Ready = c.Ready };
    }

    public Dictionary<long, ModelCluster> Clusters { get; } = new();

    /// <summary>The crash plan of the run in progress: every call passes it before and after the service acts.</summary>
    public CrashPlan Crash { get; set; } = new(null);

    public OperationKind Kind => OperationKind.RollingRestart;
    public string? JournalTarget => null;
    public bool HasPreCheck => true;

    private DateTimeOffset Now => _clock.Now;

    public Task<ServiceAnswer> PreCheckAsync(long no, CancellationToken token) => Read("preCheck", no, () =>
    {
        var c = Clusters[no];
        if (c.IsRed(Now)) return new ServiceAnswer(false, 0, "Cluster is not in running state (error)", "pre");
        if (c.SaysRunning(Now)) return new ServiceAnswer(false, 0, "A rolling restart is already in progress", "pre");
        return c.Ready ? new ServiceAnswer(true, 0, "SUCCESS", "pre") : new ServiceAnswer(false, 0, "Cluster is not in running state (changing)", "pre");
    });

    public Task<ClusterProgress> ProgressAsync(long no, CancellationToken token) => Read("progress", no, () =>
    {
        if (_schedule.Outages.Any(o => Now >= o.From && Now < o.To)) throw Transient("progress", no, CdssErrorIds.ServiceError);
        var c = Clusters[no];
        var p = new ClusterProgress { ServiceGroupInstanceNo = no, ClusterName = c.Name, BrokersTotal = c.Brokers, BrokersUp = c.Brokers, BrokerStatus = "green" };
        if (c.IsRed(Now)) { p.BrokersUp = c.Brokers - 1; p.BrokerStatus = "red"; }
        else if (c.IsRestarting(Now)) { p.BrokersUp = c.Brokers - 1; p.BrokerStatus = "orange"; }
        return p;
    });

    public Task<bool> IsRunningAsync(long no, CancellationToken token) => Read("isRunning", no, () => Clusters[no].SaysRunning(Now));

    public async Task<ServiceAnswer> StartAsync(long no, CancellationToken token)
    {
        Crash.Step($"before the start request of cluster {no}");
        await Latency();
        var c = Clusters[no];
        var fault = _random.NextDouble() < _schedule.StartFaultRate ? _random.Next(6) : -1;
        ServiceAnswer? answer = null;
        // 0: network failure before sending; 1: 429 from the gateway; 2: 401; 3: an ambiguous failure before the
        // service acted; 4 and 5: after it acted (the answer was lost).
        if (fault is -1 or 4 or 5) answer = Act(c);
        _trace($"{Now:HH:mm:ss} service: start of {no} {(fault == -1 ? "answered" : "failed with fault " + fault)}{(answer == null ? "" : answer.Granted ? ", accepted" : ", not accepted: " + answer.Message)}");
        await Latency();
        Crash.Step($"after the start request of cluster {no}");
        return fault switch
        {
            -1 => answer!,
            0 => throw new CdssException(CdssErrorIds.NetworkError, CdssErrorCategory.ConnectionError, "connection refused; not sent"),
            1 => throw new CdssException(CdssErrorIds.Throttled, CdssErrorCategory.LimitsExceeded, "HTTP 429 Throttle Limited"),
            2 => throw new CdssException(CdssErrorIds.AuthenticationFailed, CdssErrorCategory.AuthenticationError, "HTTP 401"),
            _ => throw new CdssException(CdssErrorIds.OutcomeUnknown, CdssErrorCategory.InvalidResult, "HTTP 503 after the request was sent; not sent again"),
        };
    }

    /// <summary>Each call takes a few (fake) seconds, so the clusters of one rollout interleave inside calls too.</summary>
    private Task Latency() => _clock.Delay(TimeSpan.FromMilliseconds(_random.Next(0, 3000)), CancellationToken.None);

    public RolloutResult NewResult(long no) => new(Kind) { ServiceGroupInstanceNo = no };

    /// <summary>The service receiving a start request.</summary>
    private ServiceAnswer Act(ModelCluster c)
    {
        c.StartsReceived++;
        if (c.IsRed(Now)) return new ServiceAnswer(false, 0, "Cluster is not in running state (error)", "req");
        if (c.SaysRunning(Now)) return new ServiceAnswer(false, 0, "A rolling restart is already in progress", "req");
        if (!c.Ready) return new ServiceAnswer(false, 0, "Cluster is not in running state (changing)", "req");
        var r = _random.NextDouble();
        var restart = new ModelRestart
        {
            AcceptedAt = Now,
            Brokers = c.Brokers,
            Quiet = TimeSpan.FromSeconds(r < 0.5 ? 0 : _random.Next(0, 900)),
            SaysInProgressWhileQuiet = _random.NextDouble() < 0.7,
            PerBroker = TimeSpan.FromSeconds(_random.Next(1, 240)),
            FailAtBroker = _random.NextDouble() < 0.1 ? _random.Next(0, c.Brokers) : null,
            NeverStarts = _random.NextDouble() < 0.08,
        };
        c.Restarts.Add(restart);
        _trace($"{Now:HH:mm:ss} service: restart of {c.No} accepted: quiet {restart.Quiet.TotalSeconds}s (in progress shown: {restart.SaysInProgressWhileQuiet}), " +
               $"{restart.PerBroker.TotalSeconds}s per broker x {restart.Brokers}{(restart.FailAtBroker is { } f ? $", red at broker {f}" : "")}{(restart.NeverStarts ? ", never starts" : "")}");
        return new ServiceAnswer(true, 0, "SUCCESS", "req");
    }

    private async Task<T> Read<T>(string call, long no, Func<T> answer)
    {
        Crash.Step($"before {call} of cluster {no}");
        await Latency();
        try
        {
            if (_random.NextDouble() < _schedule.ReadFaultRate)
            {
                var ids = new[] { CdssErrorIds.ServiceError, CdssErrorIds.Throttled, CdssErrorIds.Timeout, CdssErrorIds.NetworkError, CdssErrorIds.PermissionDenied };
                throw Transient(call, no, ids[_random.Next(_random.NextDouble() < 0.05 ? ids.Length : ids.Length - 1)]);
            }
            return answer();
        }
        finally
        {
            Crash.Step($"after {call} of cluster {no}");
        }
    }

    private CdssException Transient(string call, long no, string id)
    {
        _trace($"{Now:HH:mm:ss} service: {call} of {no} fails with {id}");
        return new CdssException(id, CdssErrorCategory.ResourceUnavailable, $"{call} failed ({id})");
    }
}
