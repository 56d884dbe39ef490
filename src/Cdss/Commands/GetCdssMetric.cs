using System;
using System.Linq;
using System.Management.Automation;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>
    /// Reads CDSS monitoring data (getCdssMonitoringData) of clusters: cluster metrics through each cluster's manager
    /// node, found by itself, or with -Broker the metrics of every broker. One Cdss.MetricPoint per point.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CdssMetric")]
    [OutputType(typeof(MetricPoint))]
    public sealed class GetCdssMetric : PerClusterCmdlet
    {
        /// <summary>Broker metrics (BROKER_ALL_METRICS), one request per broker, instead of the cluster's.</summary>
        [Parameter]
        public SwitchParameter Broker { get; set; }

        /// <summary>Start of the range; a local time unless its Kind is Utc (a DateTimeOffset is its instant). Default: an hour before -End.</summary>
        [Parameter]
        [InstantTransformation]
        public DateTime Start { get; set; }

        /// <summary>End of the range; a local time unless its Kind is Utc (a DateTimeOffset is its instant). Default: now.</summary>
        [Parameter]
        [InstantTransformation]
        public DateTime End { get; set; }

        /// <summary>The time between points; it bounds the range (Min1 up to a day ... Day1 up to a year).</summary>
        [Parameter]
        [ValidateSet("Min1", "Min5", "Min30", "Hour2", "Day1", IgnoreCase = true)]
        public string Interval { get; set; } = "Min1";

        /// <summary>Metric names to keep; wildcards allowed. Default: every metric the service sends.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Metric { get; set; } = Array.Empty<string>();

        private MetricQuery? _query;

        protected override void BeginProcessing()
        {
            // One range for every cluster, checked before the session or anything is sent.
            try
            {
                var bound = MyInvocation.BoundParameters;
                _query = MetricQuery.FromUserTimes(
                    bound.ContainsKey(nameof(Start)) ? Start : (DateTime?)null,
                    bound.ContainsKey(nameof(End)) ? End : (DateTime?)null,
                    Interval, Broker, Metric, DateTimeOffset.UtcNow, TimeZoneInfo.Local);
            }
            catch (CdssException ex)
            {
                ThrowCdssError(ex, null);
            }
            base.BeginProcessing();
        }

        private protected override void ProcessCluster(CdssClient client, long serviceGroupInstanceNo)
        {
            var points = Await(client.GetMetricsAsync(serviceGroupInstanceNo, _query!, StopToken));
            WriteObject(points, enumerateCollection: true);
            // Which metrics the service sends is undocumented: a name asked for without wildcards that has no point is
            // worth a word, not an error (a wildcard that matches nothing stays silent, as elsewhere in PowerShell).
            foreach (var name in _query!.Metrics.Literals.Where(n => !points.Any(p => string.Equals(p.Metric, n, StringComparison.OrdinalIgnoreCase))))
            {
                WriteWarning(FormattableString.Invariant($"{client.Clusters.Label(serviceGroupInstanceNo)}: no data points for metric '{name}' from ") +
                    FormattableString.Invariant($"{_query.Start.UtcDateTime:yyyy-MM-dd HH:mm}Z to {_query.End.UtcDateTime:yyyy-MM-dd HH:mm}Z: the service did not send it, ") +
                    "or it has no points in that range. Run Get-CdssMetric without -Metric to see the names it sends.");
            }
        }
    }
}
