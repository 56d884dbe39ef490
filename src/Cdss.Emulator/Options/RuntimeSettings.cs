using Cdss.Emulator.Timing;

namespace Cdss.Emulator.Options;

/// <summary>
/// Settings a test may change while the emulator runs (POST /_emulator/config).
/// Reset restores the command-line values. Reads are lock-free snapshots because
/// every request reads them; writes are rare.
/// </summary>
public sealed class RuntimeSettings
{
    private readonly EmulatorOptions _initial;
    private readonly EmulatorClock _clock;
    private volatile Snapshot _current;

    public RuntimeSettings(EmulatorOptions initial, EmulatorClock clock)
    {
        _initial = initial;
        _clock = clock;
        _current = FromOptions(initial);
    }

    /// <param name="RestartDelayMs">Time after a restart is accepted before its first broker goes down.</param>
    /// <param name="ConfigApplyDelayMs">The visible settling phase (serverStatus changing) of a config group apply.</param>
    /// <param name="TrafficRecoveryMs">How long a cluster's message rate takes to ramp back up after a run.</param>
    public sealed record Snapshot(int LatencyMs, long ClockOffsetSec, int BrokerRestartMs, double FaultRate, int RestartDelayMs, int ConfigApplyDelayMs,
        int TrafficRecoveryMs);

    public Snapshot Current => _current;

    public void Update(Func<Snapshot, Snapshot> change)
    {
        lock (this) _current = change(_current);
    }

    public void Reset()
    {
        lock (this) _current = FromOptions(_initial);
    }

    /// <summary>
    /// What the gateway believes the wall time is: the emulator clock plus the configured skew. Used for the
    /// signature timestamp window and the Date header, so a client's clock-skew handling can be exercised.
    /// Everything else (restart progress, fault windows, the logs) reads the emulator clock without the skew.
    /// </summary>
    public DateTimeOffset Now => _clock.GetUtcNow().AddSeconds(_current.ClockOffsetSec);

    private static Snapshot FromOptions(EmulatorOptions o) =>
        new(o.LatencyMs, o.ClockOffsetSec, o.BrokerRestartMs, o.FaultRate, o.RestartDelayMs, o.ConfigApplyDelayMs, o.TrafficRecoveryMs);
}
