namespace Cdss.Emulator.Traffic;

/// <summary>
/// An interval getCdssMonitoringData takes, with the longest range the service allows for it. The reference gives
/// a day, a week, a month, three months and a year; the emulator reads "a month" as 31 days, "three months" as 92
/// and "a year" as 366 (its choice, in docs/EMULATOR.md). Points are one step apart, aligned to the epoch.
/// </summary>
public sealed record MonitoringInterval(string Name, TimeSpan Step, TimeSpan LongestRange, string LongestRangeText)
{
    public static readonly IReadOnlyList<MonitoringInterval> All =
    [
        new("Min1", TimeSpan.FromMinutes(1), TimeSpan.FromDays(1), "1 day"),
        new("Min5", TimeSpan.FromMinutes(5), TimeSpan.FromDays(7), "7 days"),
        new("Min30", TimeSpan.FromMinutes(30), TimeSpan.FromDays(31), "31 days"),
        new("Hour2", TimeSpan.FromHours(2), TimeSpan.FromDays(92), "92 days"),
        new("Day1", TimeSpan.FromDays(1), TimeSpan.FromDays(366), "366 days"),
    ];

    /// <summary>Exact names only, like the service's enumeration.</summary>
    public static MonitoringInterval? Find(string? name) => All.FirstOrDefault(i => i.Name == name);
}
