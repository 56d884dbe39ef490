using System;
using System.Globalization;

namespace Cdss
{
    /// <summary>One data point of a CDSS monitoring metric (Get-CdssMetric, getCdssMonitoringData).</summary>
    public sealed class MetricPoint
    {
        public long ServiceGroupInstanceNo { get; set; }

        /// <summary>The cluster's name, when the session knows it.</summary>
        public string? ClusterName { get; set; }

        /// <summary>The metric's name as the service sends it, e.g. cluster_messagesInSecMean.</summary>
        public string Metric { get; set; } = "";

        /// <summary>
        /// The node the point is about: the service's dimensions.instanceNo, or else the node that was asked about
        /// (the manager node for cluster metrics, a broker for broker metrics).
        /// </summary>
        public long InstanceNo { get; set; }

        /// <summary>When the point was taken, in UTC.</summary>
        public DateTimeOffset Timestamp { get; set; }

        public double Value { get; set; }

        /// <summary>The interval asked for: Min1, Min5, Min30, Hour2 or Day1.</summary>
        public string Interval { get; set; } = "";

        public override string ToString() =>
            $"{Metric} {Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {Value.ToString(CultureInfo.InvariantCulture)}";
    }
}
