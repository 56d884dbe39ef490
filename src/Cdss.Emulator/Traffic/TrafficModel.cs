namespace Cdss.Emulator.Traffic;

/// <summary>
/// The message rate of one cluster at one instant, as a pure function of that instant, the cluster's profile and
/// its runs: steady (with a gentle daily cycle), down to <see cref="DipFactor"/> while brokers restart, then back
/// up in a straight line over the recovery time, or never when the cluster's traffic is set not to recover.
/// Nothing here reads a clock: the caller passes the instant.
/// </summary>
public static class TrafficModel
{
    /// <summary>The share of the steady rate left while brokers restart.</summary>
    public const double DipFactor = 0.3;

    /// <summary>Half the swing of the daily cycle: the rate moves between 95 % and 105 % of the steady rate over a day.</summary>
    public const double DailySwing = 0.05;

    /// <param name="at">The instant.</param>
    /// <param name="profile">The cluster's seeded facts.</param>
    /// <param name="runs">The cluster's runs, in any order; they never overlap (one run at a time per cluster).</param>
    /// <param name="recovery">How long the ramp back to the steady rate takes after a run; zero = at once.</param>
    /// <param name="recovers">False: after a run the rate stays at the dip.</param>
    public static double RateAt(DateTimeOffset at, TrafficProfile profile, IReadOnlyList<RunWindow> runs, TimeSpan recovery, bool recovers)
    {
        var steady = SteadyAt(at, profile);
        RunWindow? last = null;
        foreach (var run in runs)
            if (run.Start <= at && (last is null || run.Start > last.Value.Start)) last = run;
        if (last is not { } run1) return steady;
        if (at < run1.End || !recovers) return steady * DipFactor;
        var since = at - run1.End;
        if (since >= recovery) return steady;
        return steady * (DipFactor + (1 - DipFactor) * (since / recovery));
    }

    /// <summary>The steady rate with its daily cycle, peaking at a seeded hour of the (UTC) day.</summary>
    public static double SteadyAt(DateTimeOffset at, TrafficProfile profile)
    {
        var hourOfDay = at.UtcDateTime.TimeOfDay.TotalHours;
        return profile.SteadyRate * (1 + DailySwing * Math.Cos(2 * Math.PI * (hourOfDay - profile.PhaseHours) / 24));
    }

    /// <summary>Broker b's (1-based) share of the cluster's rate: a little more for later brokers; the shares sum to 1.</summary>
    public static double BrokerShare(int broker, int brokerCount) =>
        (1 + 0.04 * (broker - (brokerCount + 1) / 2.0)) / brokerCount;
}
