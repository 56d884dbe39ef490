using Cdss.Emulator.Timing;

namespace Cdss.Emulator.Clusters;

/// <summary>
/// One accepted restart-like run: a rolling restart, upgrade, config apply, per-node restart or a
/// restarting GET. After an optional delay the brokers restart in waves (one broker per wave for a
/// rolling run, all of them in one wave for a restart-everything GET), each wave taking
/// <see cref="BrokerRestartMs"/>. Its phase is a pure function of the time since acceptance on the emulator clock,
/// so no timer runs, a test never races a thread, and moving the clock moves the run. Settings are captured at
/// acceptance: changing them later does not rewrite a run.
/// </summary>
public sealed class MaintenanceRun
{
    public required string Kind { get; init; }
    public required long ClusterNo { get; init; }
    public required string ClusterName { get; init; }
    /// <summary>Emulator clock timestamp: clock skew settings and wall-clock jumps cannot disturb the run.</summary>
    public required long AcceptedTimestamp { get; init; }
    /// <summary>Emulator clock UTC time of acceptance, for the restarts log.</summary>
    public required DateTimeOffset AcceptedAt { get; init; }
    /// <summary>Time between acceptance and the first broker going down.</summary>
    public required int DelayMs { get; init; }
    /// <summary>True when the delay is a visible settling phase (serverStatus changing), false when nothing shows yet.</summary>
    public bool DelayVisible { get; init; }
    public required int BrokerRestartMs { get; init; }
    /// <summary>1-based broker numbers, one list per wave, in restart order.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> Waves { get; init; }
    /// <summary>The cluster's failAtBroker setting at acceptance.</summary>
    public int? FailAtBroker { get; init; }
    /// <summary>What the run changes on the cluster when it succeeds (a new version, a new config group).</summary>
    public Action<Cluster>? OnSuccess { get; init; }

    /// <summary>The wave during which the run fails, or null when it succeeds.</summary>
    public int? FailingWave
    {
        get
        {
            if (FailAtBroker is not { } broker) return null;
            for (var i = 0; i < Waves.Count; i++)
                if (Waves[i].Contains(broker)) return i;
            return null;
        }
    }

    public bool Fails => FailingWave is not null;

    private int WavesRun => FailingWave is { } w ? w + 1 : Waves.Count;

    public double DurationMs => DelayMs + (double)WavesRun * BrokerRestartMs;

    /// <summary>
    /// -1 during the delay, the wave index while brokers restart, null once the run is over;
    /// <paramref name="elapsed"/> is the time since acceptance.
    /// </summary>
    public int? WaveAt(TimeSpan elapsed)
    {
        var ms = elapsed.TotalMilliseconds;
        if (ms < DelayMs) return -1;
        var wave = (ms - DelayMs) / BrokerRestartMs;
        return wave < WavesRun ? (int)wave : null;
    }

    public bool IsOverAt(TimeSpan elapsed) => WaveAt(elapsed) is null;

    public string OutcomeAt(TimeSpan elapsed) => !IsOverAt(elapsed) ? "running" : Fails ? "failed" : "succeeded";

    /// <summary>One entry of GET /_emulator/restarts.</summary>
    public object Describe(TimeSpan elapsed) => new
    {
        serviceGroupInstanceNo = ClusterNo,
        clusterName = ClusterName,
        kind = Kind,
        acceptedAt = EmulatorClock.Iso(AcceptedAt),
        startedAt = EmulatorClock.Iso(AcceptedAt.AddMilliseconds(DelayMs)),
        finishedAt = IsOverAt(elapsed) ? EmulatorClock.Iso(AcceptedAt.AddMilliseconds(DurationMs)) : null,
        outcome = OutcomeAt(elapsed),
    };
}
