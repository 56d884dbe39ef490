using System;
using System.Collections.Generic;

namespace Cdss
{
    /// <summary>
    /// What to ask getCdssMonitoringData for: a time range (UTC), an interval, cluster or broker metrics, and which
    /// metric names to keep. <see cref="Validate"/> refuses what the service would refuse, before anything is sent.
    /// </summary>
    internal sealed class MetricQuery
    {
        public const string ClusterMetrics = "CLUSTER_ALL_METRICS";
        public const string BrokerMetrics = "BROKER_ALL_METRICS";

        /// <summary>The range when none is given: the last hour.</summary>
        public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);

        public MetricQuery(DateTimeOffset start, DateTimeOffset end, MetricInterval interval, bool broker = false, IEnumerable<string>? metrics = null)
        {
            Start = start.ToUniversalTime();
            End = end.ToUniversalTime();
            Interval = interval ?? throw new ArgumentNullException(nameof(interval));
            Broker = broker;
            Metrics = new MetricNameFilter(metrics);
        }

        public DateTimeOffset Start { get; }
        public DateTimeOffset End { get; }
        public MetricInterval Interval { get; }

        /// <summary>Broker metrics (one call per broker) instead of the cluster's (one call, about the manager node).</summary>
        public bool Broker { get; }

        public MetricNameFilter Metrics { get; }

        /// <summary>The "metric" field of the request.</summary>
        public string MetricSet => Broker ? BrokerMetrics : ClusterMetrics;

        /// <summary>
        /// A query from what a user typed: a DateTime of kind Utc is UTC, one of kind Local or Unspecified is a time
        /// in <paramref name="local"/> (as Get-Date and [datetime]'22:00' mean it). Without a start the range is the
        /// hour before the end; without an end it ends <paramref name="now"/>. Refused like <see cref="Validate"/>.
        /// </summary>
        public static MetricQuery FromUserTimes(DateTime? start, DateTime? end, string interval, bool broker, IEnumerable<string>? metrics,
            DateTimeOffset now, TimeZoneInfo local)
        {
            var parsedInterval = MetricInterval.Parse(interval);
            var endUtc = end.HasValue ? ToUtc(end.Value, local) : now.ToUniversalTime();
            var startUtc = start.HasValue ? ToUtc(start.Value, local) : endUtc - DefaultRange;
            var query = new MetricQuery(startUtc, endUtc, parsedInterval, broker, metrics);
            query.Validate();
            return query;
        }

        /// <summary>A user's DateTime as UTC: Utc stays, Local and Unspecified are times in <paramref name="local"/>.</summary>
        public static DateTimeOffset ToUtc(DateTime value, TimeZoneInfo local)
        {
            if (value.Kind == DateTimeKind.Utc) return new DateTimeOffset(value, TimeSpan.Zero);
            var zone = local ?? TimeZoneInfo.Local;
            var unspecified = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
            if (zone.IsInvalidTime(unspecified))
            {
                // The hour skipped when the clocks go forward: no instant has that local time.
                throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                    $"{unspecified.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} does not exist in the time zone {zone.Id} (the clocks skip it)",
                    "Give a time outside the skipped hour, or a UTC time ([datetime]::SpecifyKind($t, 'Utc')).");
            }
            return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
        }

        /// <summary>Start before End, and a range no longer than the interval allows; otherwise a CdssException.</summary>
        public void Validate()
        {
            if (Start >= End)
            {
                throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                    $"The start ({Text(Start)}) must be before the end ({Text(End)})",
                    "Give -Start earlier than -End; without -End the range ends now.");
            }
            if (End - Start > Interval.LongestRange)
            {
                throw new CdssException(CdssErrorIds.MetricRangeTooLong, CdssErrorCategory.InvalidArgument,
                    $"The range {Text(Start)} to {Text(End)} ({Describe(End - Start)}) is longer than interval {Interval.Name} allows: at most {Interval.LongestRangeText}",
                    $"Shorten the range to {Interval.LongestRangeText} or less, or use a longer interval: " + LongerIntervals(End - Start) + ".");
            }
        }

        private static string LongerIntervals(TimeSpan range)
        {
            var fitting = new List<string>();
            foreach (var interval in MetricInterval.All)
            {
                if (interval.LongestRange >= range) fitting.Add($"{interval.Name} (up to {interval.LongestRangeText})");
            }
            return fitting.Count == 0 ? "none allows more than " + MetricInterval.Day1.LongestRangeText : string.Join(", ", fitting);
        }

        private static string Text(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        private static string Describe(TimeSpan range) =>
            range.TotalDays >= 1
                ? range.TotalDays.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " days"
                : range.TotalHours.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " hours";
    }
}
