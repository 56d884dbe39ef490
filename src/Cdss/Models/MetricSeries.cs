using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdss
{
    /// <summary>
    /// Small readings of monitoring points, for decisions such as "has the traffic come back?". Which metrics the
    /// service sends is not documented, so every reading is null when the metric is absent, never zero.
    /// Names compare case-insensitively; points of several nodes (broker metrics) are taken together.
    /// </summary>
    internal static class MetricSeries
    {
        /// <summary>The mean value of <paramref name="metric"/> over [from, to] (both inclusive); null without a point there.</summary>
        public static double? Mean(IEnumerable<MetricPoint> points, string metric, DateTimeOffset from, DateTimeOffset to)
        {
            var values = Of(points, metric).Where(p => p.Timestamp >= from && p.Timestamp <= to).Select(p => p.Value).ToList();
            return values.Count == 0 ? (double?)null : values.Average();
        }

        /// <summary>
        /// The latest value of <paramref name="metric"/>: the value at its latest timestamp (the mean when several
        /// nodes have a point then); null when there is no point.
        /// </summary>
        public static double? Latest(IEnumerable<MetricPoint> points, string metric)
        {
            var latest = LatestPoint(points, metric);
            if (latest == null) return null;
            return Of(points, metric).Where(p => p.Timestamp == latest.Timestamp).Average(p => p.Value);
        }

        /// <summary>The point of <paramref name="metric"/> with the latest timestamp, or null.</summary>
        public static MetricPoint? LatestPoint(IEnumerable<MetricPoint> points, string metric)
        {
            MetricPoint? latest = null;
            foreach (var point in Of(points, metric))
            {
                if (latest == null || point.Timestamp > latest.Timestamp) latest = point;
            }
            return latest;
        }

        private static IEnumerable<MetricPoint> Of(IEnumerable<MetricPoint> points, string metric) =>
            (points ?? Enumerable.Empty<MetricPoint>()).Where(p => p != null && string.Equals(p.Metric, metric, StringComparison.OrdinalIgnoreCase));
    }
}
