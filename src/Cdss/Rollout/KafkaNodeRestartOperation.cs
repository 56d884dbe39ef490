using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Api;

namespace Cdss.Rollout
{
    /// <summary>
    /// Restarting the Kafka service on chosen brokers (restartKafkaServicePerNode), one request per cluster, then
    /// waiting with the rollout's rules until the cluster is green again. There is no pre-check for it.
    /// </summary>
    internal sealed class KafkaNodeRestartOperation : IRolloutOperation
    {
        private readonly CdssClient _client;
        private readonly IReadOnlyDictionary<long, List<long>> _nodes;

        public KafkaNodeRestartOperation(CdssClient client, IReadOnlyDictionary<long, List<long>> nodesPerCluster)
        {
            _client = client;
            _nodes = nodesPerCluster;
        }

        public OperationKind Kind => OperationKind.KafkaNodeRestart;
        public string? JournalTarget => null;
        public bool HasPreCheck => false;

        public Task<ServiceAnswer> PreCheckAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            throw new System.NotSupportedException("restartKafkaServicePerNode has no pre-check.");

        public async Task<ServiceAnswer> StartAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var answer = await _client.RestartKafkaNodesAsync(serviceGroupInstanceNo, _nodes[serviceGroupInstanceNo], cancellationToken).ConfigureAwait(false);
            return new ServiceAnswer(answer.Accepted, answer.Code, answer.Message, answer.RequestId);
        }

        public Task<ClusterProgress> ProgressAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            _client.GetRollingRestartProgressAsync(serviceGroupInstanceNo, cancellationToken);

        public Task<bool> IsRunningAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            _client.IsRestartRunningAsync(serviceGroupInstanceNo, cancellationToken);

        public RolloutResult NewResult(long serviceGroupInstanceNo)
        {
            var result = new RolloutResult(Kind) { ServiceGroupInstanceNo = serviceGroupInstanceNo };
            result.SetFact("ComputeInstanceNo", _nodes.TryGetValue(serviceGroupInstanceNo, out var nodes) ? nodes.ToArray() : new long[0]);
            return result;
        }
    }
}
