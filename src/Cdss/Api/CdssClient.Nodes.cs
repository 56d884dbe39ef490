using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Transport;

namespace Cdss.Api
{
    /// <summary>A cluster's detail and nodes, and restarting the Kafka service on chosen brokers.</summary>
    partial class CdssClient
    {
        public const string ClusterNodeListPath = "/cluster/getClusterNodeList";
        public const string RestartNodesPath = "/cluster/restartKafkaServicePerNode";

        private const string NodeRestartOutcomeUnknownAction =
            "The brokers may or may not be restarting: look with Get-CdssRollingRestartProgress before trying again.";

        /// <summary>One cluster's detail: its name, Kafka version code, config group and status.</summary>
        internal Task<ClusterDetail> GetClusterDetailAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            About(() => Clusters.Label(serviceGroupInstanceNo), null, async () =>
            {
                // getClusterInfoList/{no} needs no parameters, but an empty JSON object keeps every JSON-reading gateway happy.
                var request = Request(HttpMethod.Post, $"{ClusterListPath}/{Number(serviceGroupInstanceNo)}", "{}");
                var envelope = await CallAsync(request, cancellationToken).ConfigureAwait(false);
                var result = RequireObject(envelope, ClusterListPath, "Check the cluster number with Get-CdssCluster.");
                var detail = MaintenanceMapping.ToClusterDetail(result, serviceGroupInstanceNo);
                Clusters.Remember(serviceGroupInstanceNo, detail.ClusterName);
                return detail;
            });

        public Task<IReadOnlyList<ClusterNode>> GetClusterNodesAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            About(() => Clusters.Label(serviceGroupInstanceNo), null, async () =>
            {
                var request = Request(HttpMethod.Get, $"{ClusterNodeListPath}/{Number(serviceGroupInstanceNo)}");
                var envelope = await CallAsync(request, cancellationToken).ConfigureAwait(false);
                var result = RequireObject(envelope, ClusterNodeListPath, "Check the cluster number with Get-CdssCluster.");
                return MaintenanceMapping.ToClusterNodes(result, serviceGroupInstanceNo);
            });

        /// <summary>
        /// Restarts the Kafka service on the given brokers of one cluster, in one request. Not a read, so never sent
        /// again once it may have reached the service. A declined request is an answer (Accepted false), not an error.
        /// </summary>
        public Task<OperationRequest> RestartKafkaNodesAsync(long serviceGroupInstanceNo, IReadOnlyList<long> computeInstanceNos, CancellationToken cancellationToken) =>
            About(() => Clusters.Label(serviceGroupInstanceNo), NodeRestartOutcomeUnknownAction, async () =>
            {
                var numbers = computeInstanceNos.ToArray();
                // The reference types the list's items as numbers; a third-party client saw a single computeInstanceNo field refused with code 3.
                var body = "{\"computeInstanceNoList\":[" + string.Join(",", numbers.Select(Number)) + "]}";
                var request = Request(HttpMethod.Post, $"{RestartNodesPath}/{Number(serviceGroupInstanceNo)}", body);
                var envelope = await CallAsync(request, cancellationToken).ConfigureAwait(false);
                return new OperationRequest(OperationKind.KafkaNodeRestart)
                {
                    ServiceGroupInstanceNo = serviceGroupInstanceNo,
                    ComputeInstanceNo = numbers,
                    Accepted = IsYes(envelope),
                    Code = envelope.Code,
                    Message = envelope.Message,
                    RequestId = envelope.RequestId,
                };
            });
    }
}
