using System;
using System.Collections.Generic;
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

        public TrafficGate(double recovery, string metric, TimeSpan baselineWindow, ReadTraffic read)
        {
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
    }

    /// <summary>One read of a cluster's monitoring points of one metric, from <c>from</c> to <c>to</c>.</summary>
    internal delegate Task<IReadOnlyList<MetricPoint>> ReadTraffic(long serviceGroupInstanceNo, string metric, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken);
}
