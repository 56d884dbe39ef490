using System.Globalization;

namespace Cdss.Emulator.Timing;

/// <summary>
/// The emulator's one clock: a baseline (real time in the process, a frozen fake in tests) plus an offset that
/// only grows (POST /_emulator/clock). Everything the emulator times (restart phases, fault windows, the logs and,
/// with --clock-offset-sec on top, the Date header and the signature window) reads it, so moving it forward finishes
/// a restart or passes a fault window without anyone waiting. Wall time and timestamps move together, so elapsed
/// times stay monotonic even if the machine's wall clock is set back. Real waiting (--latency-ms, a hang) does not
/// use it.
/// </summary>
public sealed class EmulatorClock : TimeProvider
{
    /// <summary>The most one call may move the clock: ten years, like the range of --clock-offset-sec.</summary>
    public const double MaxAdvanceSeconds = 10.0 * 365 * 86400;

    private readonly TimeProvider _baseline;
    private long _advancedTicks;

    /// <summary>Real time.</summary>
    public EmulatorClock() : this(System)
    {
    }

    /// <param name="baseline">The time this clock follows before it is moved, e.g. a fake that stands still.</param>
    public EmulatorClock(TimeProvider baseline) => _baseline = baseline ?? throw new ArgumentNullException(nameof(baseline));

    /// <summary>How far the clock has been moved ahead of its baseline, in all.</summary>
    public TimeSpan Advanced => TimeSpan.FromTicks(Interlocked.Read(ref _advancedTicks));

    public override DateTimeOffset GetUtcNow() => _baseline.GetUtcNow() + Advanced;

    public override long GetTimestamp() =>
        _baseline.GetTimestamp() + (long)((Int128)Advanced.Ticks * _baseline.TimestampFrequency / TimeSpan.TicksPerSecond);

    public override long TimestampFrequency => _baseline.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _baseline.LocalTimeZone;

    /// <summary>Moves the clock forward. It never goes back: a run or a fault window already passed stays passed.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "The emulator clock only moves forward.");
        if (by.TotalSeconds > MaxAdvanceSeconds)
            throw new ArgumentOutOfRangeException(nameof(by), by, $"The emulator clock moves at most {MaxAdvanceSeconds} s at a time.");
        Interlocked.Add(ref _advancedTicks, by.Ticks);
    }

    /// <summary>UTC with milliseconds, as every time the emulator reports is written.</summary>
    public static string Iso(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
