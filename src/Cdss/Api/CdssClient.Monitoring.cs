using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Transport;

namespace Cdss.Api
{
    /// <summary>Monitoring data (getCdssMonitoringData): cluster metrics about the manager node, broker metrics per broker.</summary>
    partial class CdssClient
    {
        public const string MonitoringPath = "/monitoring/getCdssMonitoringData";

        private const string NodeListAction = "Look at the cluster's nodes with Get-CdssClusterNode.";

        /// <summary>
        /// The manager node of each cluster asked about. It does not change while a client lives, and a traffic gate
        /// asks for the same cluster's metrics again and again: one node list per cluster is enough.
        /// </summary>
        private readonly ConcurrentDictionary<long, ClusterNode> _managerNodes = new ConcurrentDictionary<long, ClusterNode>();

        /// <summary>
        /// The node whose number cluster metrics take: the first manager node of getClusterNodeList (nodeRoleCode
        /// containing MANAGER; the values are undocumented). Cached per cluster. None is CdssNodeNotFound.
        /// </summary>
        public Task<ClusterNode> GetManagerNodeAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            About(() => Clusters.Label(serviceGroupInstanceNo), null, async () =>
            {
                if (_managerNodes.TryGetValue(serviceGroupInstanceNo, out var cached)) return cached;
                var nodes = await GetClusterNodesAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
                var manager = nodes.FirstOrDefault(n => HasRole(n, "MANAGER") && n.ComputeInstanceNo > 0)
                    ?? throw NoNode("manager node", "cluster metrics are read through the cluster's manager node", nodes);
                _managerNodes[serviceGroupInstanceNo] = manager;
                return manager;
            });

        /// <summary>
        /// One cluster's points for <paramref name="query"/>: one call about the manager node, or with
        /// <see cref="MetricQuery.Broker"/> one call per broker, in broker order. Only the metrics the query names
        /// are kept; a metric the service did not send simply has no points. The query is checked before anything is sent.
        /// </summary>
        public Task<IReadOnlyList<MetricPoint>> GetMetricsAsync(long serviceGroupInstanceNo, MetricQuery query, CancellationToken cancellationToken) =>
            About(() => Clusters.Label(serviceGroupInstanceNo), null, async () =>
            {
                if (query == null) throw new ArgumentNullException(nameof(query));
                query.Validate();
                IReadOnlyList<ClusterNode> nodes;
                if (query.Broker)
                {
                    var all = await GetClusterNodesAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
                    nodes = all.Where(n => HasRole(n, "BROKER") && n.ComputeInstanceNo > 0).ToList();
                    if (nodes.Count == 0) throw NoNode("broker", "broker metrics are read broker by broker", all);
                }
                else
                {
                    nodes = new[] { await GetManagerNodeAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false) };
                }
                var clusterName = await ClusterNameAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);

                var points = new List<MetricPoint>();
                foreach (var node in nodes)
                {
                    var request = Request(HttpMethod.Post, $"{MonitoringPath}/{Number(serviceGroupInstanceNo)}", MonitoringBody(query, node.ComputeInstanceNo));
                    var envelope = await CallAsync(request, cancellationToken).ConfigureAwait(false);
                    var result = RequireObject(envelope, MonitoringPath, "Check -Start, -End and -Interval; the answer's message says what the service refused.");
                    var answered = MetricMapping.ToPoints(result, serviceGroupInstanceNo, clusterName, node.ComputeInstanceNo, query.Interval.Name);
                    var kept = answered.Where(p => query.Metrics.Matches(p.Metric)).ToList();
                    _log.Verbose($"{query.MetricSet} of node {Number(node.ComputeInstanceNo)}: {answered.Count} point(s) of " +
                        $"{answered.Select(p => p.Metric).Distinct(StringComparer.Ordinal).Count()} metric(s), {kept.Count} kept.");
                    points.AddRange(kept);
                }
                return (IReadOnlyList<MetricPoint>)points;
            });

        /// <summary>
        /// Times go as JSON integers of epoch milliseconds (the service refuses ISO text; the Go SDK's int32 cannot hold
        /// them); computeInstanceNo as a string, as the reference types it.
        /// </summary>
        internal static string MonitoringBody(MetricQuery query, long computeInstanceNo) =>
            "{\"timeStart\":" + Number(query.Start.ToUnixTimeMilliseconds()) +
            ",\"timeEnd\":" + Number(query.End.ToUnixTimeMilliseconds()) +
            ",\"metric\":\"" + query.MetricSet + "\"" +
            ",\"computeInstanceNo\":\"" + Number(computeInstanceNo) + "\"" +
            ",\"interval\":\"" + query.Interval.Name + "\"}";

        /// <summary>The cluster's name for the points: known from earlier answers, or read once (getClusterInfoList/{no}).</summary>
        private async Task<string?> ClusterNameAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            Clusters.NameOf(serviceGroupInstanceNo)
            ?? (await GetClusterDetailAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false)).ClusterName;

        private static bool HasRole(ClusterNode node, string role) =>
            node.Role != null && node.Role.IndexOf(role, StringComparison.OrdinalIgnoreCase) >= 0;

        private static CdssException NoNode(string what, string why, IReadOnlyList<ClusterNode> nodes)
        {
            var roles = nodes.Select(n => n.Role ?? "(none)").Distinct(StringComparer.Ordinal).ToList();
            var seen = nodes.Count == 0 ? "the node list is empty" : $"the node list has {nodes.Count} node(s) with role(s) {string.Join(", ", roles)}";
            return new CdssException(CdssErrorIds.NodeNotFound, CdssErrorCategory.ObjectNotFound,
                $"No {what} found ({why}): {seen}", NodeListAction);
        }
    }
}
