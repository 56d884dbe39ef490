using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Rollout
{
    /// <summary>
    /// A rollout's traffic gate (-TrafficRecovery): after the operation is done by the done rule, the cluster counts
    /// as Succeeded only once its traffic is back to a share of what it was before the request.
    /// </summary>
    internal sealed class TrafficGate
    {
        public const string DefaultMetric = "cluster_messagesInSecMean";
        public const int DefaultBaselineMinutes = 30;

        public TrafficGate(double recovery, string metric, TimeSpan baselineWindow, ReadTraffic read, ListMetrics? listMetrics = null)
        {
            ListMetricNames = listMetrics;
            if (!(recovery > 0 && recovery <= 1)) throw new ArgumentOutOfRangeException(nameof(recovery), recovery, "The recovery ratio is above 0 and at most 1.");
            Recovery = recovery;
            Metric = string.IsNullOrWhiteSpace(metric) ? DefaultMetric : metric;
            BaselineWindow = baselineWindow;
            Read = read ?? throw new ArgumentNullException(nameof(read));
        }

        /// <summary>The share of the baseline the latest value must reach, above 0 and at most 1.</summary>
        public double Recovery { get; }

        /// <summary>The cluster metric the gate reads, e.g. cluster_messagesInSecMean.</summary>
        public string Metric { get; }

        /// <summary>The baseline is the metric's mean over this window, ending at the cluster's request time.</summary>
        public TimeSpan BaselineWindow { get; }

        /// <summary>Reads the cluster's points of the metric between two instants (a documented read of the monitoring data).</summary>
        public ReadTraffic Read { get; }

        /// <summary>Lists the metric names a cluster's monitoring answer holds; given when the user named the metric.</summary>
        public ListMetrics? ListMetricNames { get; }

        /// <summary>
        /// A metric the user named that the service does not send is a mistake to catch before anything restarts, not one
        /// warning per cluster after each restart: CdssInvalidArgument, naming what the service does send and the closest
        /// names, when the first cluster's answer holds other metrics but not this one. An empty answer proves nothing.
        /// </summary>
        public async Task CheckMetricAsync(long serviceGroupInstanceNo, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (ListMetricNames == null) return;
            var names = await ListMetricNames(serviceGroupInstanceNo, now - BaselineWindow, now, cancellationToken).ConfigureAwait(false);
            if (names.Count == 0 || names.Contains(Metric, StringComparer.OrdinalIgnoreCase)) return;
            var closest = ClosestNames.Of(names, n => new[] { n }, Metric);
            throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                $"-TrafficMetric '{Metric}' is not a metric the service sends for cluster {serviceGroupInstanceNo.ToString(System.Globalization.CultureInfo.InvariantCulture)}, " +
                $"so the traffic gate could not work and nothing was started. It sends: {string.Join(", ", names)}" +
                (closest.Count == 0 ? "" : $". Closest: {string.Join(", ", closest)}"),
                "Give one of the names the service sends (Get-CdssMetric shows them), or leave -TrafficMetric out for cluster_messagesInSecMean.");
        }
    }

    /// <summary>The metric names of a cluster's monitoring answer between two instants.</summary>
    internal delegate Task<IReadOnlyList<string>> ListMetrics(long serviceGroupInstanceNo, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>One read of a cluster's monitoring points of one metric, from <c>from</c> to <c>to</c>.</summary>
    internal delegate Task<IReadOnlyList<MetricPoint>> ReadTraffic(long serviceGroupInstanceNo, string metric, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken);
}
