using System;
using System.Linq;
using Cdss.Api;
using Cdss.Rollout;

namespace Cdss.Commands
{
    /// <summary>The rollout parameters' shared rules and defaults, so every rollout cmdlet reads them the same way.</summary>
    internal static class RolloutParameters
    {
        public const string Set = "Rollout";
        public const int DefaultPollIntervalSec = 10;
        public const int DefaultTimeoutMinutes = 60;
        public const int MaxThrottleLimit = 16;
        public const string DefaultTrafficMetric = TrafficGate.DefaultMetric;
        public const int DefaultTrafficBaselineMinutes = TrafficGate.DefaultBaselineMinutes;

        /// <summary>
        /// The traffic gate of -TrafficRecovery, reading the session's monitoring data; null without -TrafficRecovery.
        /// A ratio outside (0, 1] is CdssInvalidArgument, before anything is sent. A metric the user named is checked
        /// against the first cluster's answer before the rollout starts (<see cref="TrafficGate.CheckMetricAsync"/>).
        /// </summary>
        public static TrafficGate? Traffic(CdssClient client, double? recovery, string metric, int baselineMinutes, bool metricNamed)
        {
            if (recovery == null) return null;
            if (!(recovery > 0 && recovery <= 1))
            {
                throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                    $"-TrafficRecovery {recovery.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a share of the baseline, so nothing was started",
                    "Give a ratio above 0 and at most 1, e.g. -TrafficRecovery 0.9 to wait until traffic is back to 90 % of what it was.");
            }
            ListMetrics? list = null;
            if (metricNamed)
            {
                list = async (no, from, to, token) =>
                    (await client.GetMetricsAsync(no, new MetricQuery(from, to, MetricInterval.FinestFor(to - from)), token).ConfigureAwait(false))
                        .Select(p => p.Metric).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            }
            return new TrafficGate(recovery.Value, metric, TimeSpan.FromMinutes(baselineMinutes),
                (no, name, from, to, token) => client.GetMetricsAsync(no, new MetricQuery(from, to, MetricInterval.FinestFor(to - from), false, new[] { name }), token),
                list);
        }

        public static RolloutOptions Options(int pollIntervalSec, int timeoutMinutes, int maxFailures, DateTime? deadline, int settleSec, int throttleLimit) =>
            new RolloutOptions
            {
                PollInterval = TimeSpan.FromSeconds(pollIntervalSec),
                Timeout = TimeSpan.FromMinutes(timeoutMinutes),
                MaxFailures = maxFailures,
                // A DateTime without a zone is the user's local time, as Get-Date gives it.
                Deadline = deadline.HasValue
                    ? new DateTimeOffset(deadline.Value.Kind == DateTimeKind.Utc ? deadline.Value : deadline.Value.ToUniversalTime(), TimeSpan.Zero)
                    : (DateTimeOffset?)null,
                Settle = TimeSpan.FromSeconds(settleSec),
                ThrottleLimit = throttleLimit,
            };
    }
}
