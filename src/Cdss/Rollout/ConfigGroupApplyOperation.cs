using System;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Api;
using Cdss.Maintenance;

namespace Cdss.Rollout
{
    /// <summary>
    /// Applying a config group to clusters (setClusterKafkaConfigGroup): the service makes each cluster "changing"
    /// and restarts its brokers. There is no documented pre-check, so ours checks what can be known before sending:
    /// the group exists, is for the cluster's Kafka version, and the cluster is running.
    /// </summary>
    internal sealed class ConfigGroupApplyOperation : IRolloutOperation
    {
        private readonly CdssClient _client;
        private readonly int _configGroupNo;
        private ConfigGroup? _group;

        public ConfigGroupApplyOperation(CdssClient client, int configGroupNo)
        {
            _client = client;
            _configGroupNo = configGroupNo;
        }

        public OperationKind Kind => OperationKind.ConfigGroupApply;
        public bool HasPreCheck => true;
        public string JournalTarget => _configGroupNo.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Throws CdssConfigGroupNotFound or CdssConfigGroupVersionMismatch: the cluster is then skipped, untouched.</summary>
        public async Task<ServiceAnswer> PreCheckAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var cluster = await _client.GetClusterDetailAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
            await CheckGroupAsync(cluster, cancellationToken).ConfigureAwait(false);
            var running = string.Equals(cluster.Status, "running", StringComparison.OrdinalIgnoreCase);
            return new ServiceAnswer(running, 0, running ? "SUCCESS" : $"Cluster is not in running state ({cluster.Status})", null);
        }

        public async Task<ServiceAnswer> StartAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var group = await GroupAsync(null, cancellationToken).ConfigureAwait(false);
            var answer = await _client.ApplyConfigGroupAsync(_configGroupNo, group.KafkaVersionCode, serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
            return new ServiceAnswer(answer.Accepted, answer.Code, answer.Message, answer.RequestId);
        }

        public Task<ClusterProgress> ProgressAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            _client.GetRollingRestartProgressAsync(serviceGroupInstanceNo, cancellationToken);

        /// <summary>While the group is applied the cluster is "changing"; its brokers restarting also counts.</summary>
        public async Task<bool> IsRunningAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var cluster = await _client.GetClusterDetailAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
            if (string.Equals(cluster.Status, "changing", StringComparison.OrdinalIgnoreCase)) return true;
            return await _client.IsRestartRunningAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
        }

        public RolloutResult NewResult(long serviceGroupInstanceNo)
        {
            var result = new RolloutResult(Kind) { ServiceGroupInstanceNo = serviceGroupInstanceNo };
            result.SetFact("ConfigGroupNo", _configGroupNo);
            return result;
        }

        /// <summary>
        /// The group, if it exists and is made for the cluster's Kafka version: otherwise CdssConfigGroupNotFound or
        /// CdssConfigGroupVersionMismatch, before anything is sent. Without -Wait the cmdlet checks with this too.
        /// </summary>
        public async Task<ConfigGroup> CheckGroupAsync(ClusterDetail cluster, CancellationToken cancellationToken)
        {
            var group = await GroupAsync(cluster.KafkaVersionCode, cancellationToken).ConfigureAwait(false);
            var mismatch = ConfigGroupVersionCheck.Check(cluster, group);
            if (mismatch != null) throw mismatch;
            return group;
        }

        private async Task<ConfigGroup> GroupAsync(int? likelyVersionCode, CancellationToken cancellationToken)
        {
            _group ??= await _client.FindConfigGroupAsync(_configGroupNo, likelyVersionCode, cancellationToken).ConfigureAwait(false);
            return _group ?? throw new CdssException(CdssErrorIds.ConfigGroupNotFound, CdssErrorCategory.ObjectNotFound,
                $"There is no config group {_configGroupNo} for any Kafka version. Nothing was sent",
                "List the groups with Get-CdssConfigGroup.");
        }
    }
}
