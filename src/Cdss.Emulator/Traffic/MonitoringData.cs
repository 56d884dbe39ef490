using System.Globalization;

namespace Cdss.Emulator.Traffic;

/// <summary>
/// The "data" of a getCdssMonitoringData answer, as a pure function of the query, the cluster, its runs, its
/// traffic settings and "now". One point per interval step: steps start at multiples of the step since the epoch,
/// from the first at or after timeStart, before timeEnd, and none after now. A point is stamped with its step's
/// start and carries the reading at the step's end, or at now for the step in progress, so the newest point
/// always shows the present.
/// </summary>
public static class MonitoringData
{
    public const string ProductName = "Cloud Data Streaming Service";

    /// <summary>Each point is a reading, not an average over its step (the emulator's choice).</summary>
    public const string Aggregation = "LAST";

    public static List<object> Build(MonitoringQuery query, MonitoredCluster cluster, IReadOnlyList<RunWindow> runs, TrafficSettings settings,
        TimeSpan recovery, DateTimeOffset now)
    {
        var definitions = (query.IsBroker ? MetricCatalog.Broker : MetricCatalog.Cluster).Where(m => !settings.AbsentMetrics.Contains(m.Name));
        var broker = query.IsBroker ? cluster.Broker ?? 0 : 0;
        var readings = StepStarts(query.TimeStart, query.TimeEnd, (long)query.Interval.Step.TotalMilliseconds, now.ToUnixTimeMilliseconds())
            .Select(t =>
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(t + (long)query.Interval.Step.TotalMilliseconds, now.ToUnixTimeMilliseconds()));
                return (Timestamp: t, At: at, Rate: TrafficModel.RateAt(at, cluster.Profile, runs, recovery, settings.Recovers));
            })
            .ToList();
        var instanceNo = query.ComputeInstanceNo.ToString(CultureInfo.InvariantCulture);
        return definitions.Select(m => (object)new
        {
            metric = m.Name,
            // [epoch milliseconds, value], both JSON numbers: the emulator's choice, since no example answer is public.
            dps = readings.Select(r => new object[] { r.Timestamp, m.Value(cluster.Profile, r.Rate, r.At, broker) }).ToList(),
            dimensions = new { instanceNo },
            aggregation = Aggregation,
            interval = query.Interval.Name,
            graphName = m.GraphName,
            productName = ProductName,
        }).ToList();
    }

    /// <summary>Step starts (epoch ms) in [timeStart, timeEnd), none after <paramref name="now"/>.</summary>
    public static IEnumerable<long> StepStarts(long timeStart, long timeEnd, long step, long now)
    {
        var first = (timeStart + step - 1) / step * step;
        for (var t = first; t < timeEnd && t <= now; t += step) yield return t;
    }
}
