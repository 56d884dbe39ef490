using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Transport;

namespace Cdss.Api
{
    /// <summary>Kafka versions and the rolling upgrade (pre-check, upgrade, progress).</summary>
    partial class CdssClient
    {
        public const string KafkaVersionListPath = "/cluster/getCDSSVersionList";
        public const string UpgradePreCheckPath = "/cluster/rollingUpgradePreCheck";
        public const string RollingUpgradePath = "/cluster/rollingUpgrade";
        public const string UpgradeProgressPath = "/cluster/rollingUpgradeProgressCheck";

        private const string UpgradeOutcomeUnknownAction =
            "Look at the cluster before trying again: Get-CdssCluster shows it 'changing' once an upgrade runs, and Get-CdssRollingRestartProgress shows its brokers.";

        public async Task<IReadOnlyList<KafkaVersion>> GetKafkaVersionsAsync(CancellationToken cancellationToken)
        {
            var envelope = await CallAsync(ReadRequest(HttpMethod.Get, KafkaVersionListPath), cancellationToken).ConfigureAwait(false);
            var result = RequireObject(envelope, "Kafka versions", KafkaVersionListPath, "Quote the request id to NAVER Cloud support if this persists.");
            return MaintenanceMapping.ToKafkaVersions(result);
        }

        /// <summary>Asks whether the cluster can be rolling-upgraded to the version with that config group now.</summary>
        public async Task<RollingUpgradePreCheck> RollingUpgradePreCheckAsync(long serviceGroupInstanceNo, int kafkaVersionCode, int configGroupNo, CancellationToken cancellationToken)
        {
            var request = ReadRequest(HttpMethod.Post, UpgradePreCheckPath, UpgradeBody(serviceGroupInstanceNo, kafkaVersionCode, configGroupNo));
            var envelope = await CallForClusterAsync(request, serviceGroupInstanceNo, null, null, cancellationToken).ConfigureAwait(false);
            return new RollingUpgradePreCheck
            {
                ServiceGroupInstanceNo = serviceGroupInstanceNo,
                KafkaVersionCode = kafkaVersionCode,
                ConfigGroupNo = configGroupNo,
                CanUpgrade = IsYes(envelope),
                Code = envelope.Code,
                Message = envelope.Message,
                RequestId = envelope.RequestId,
                Endpoint = Endpoint,
                CheckedAt = DateTimeOffset.UtcNow,
            };
        }

        /// <summary>Asks for a rolling upgrade. Never sent again once it may have reached the service.</summary>
        public async Task<RollingUpgrade> StartRollingUpgradeAsync(long serviceGroupInstanceNo, int kafkaVersionCode, int configGroupNo, CancellationToken cancellationToken)
        {
            var request = ChangeRequest(RollingUpgradePath, UpgradeBody(serviceGroupInstanceNo, kafkaVersionCode, configGroupNo));
            var envelope = await CallForClusterAsync(request, serviceGroupInstanceNo, null, UpgradeOutcomeUnknownAction, cancellationToken).ConfigureAwait(false);
            return new RollingUpgrade
            {
                ServiceGroupInstanceNo = serviceGroupInstanceNo,
                KafkaVersionCode = kafkaVersionCode,
                ConfigGroupNo = configGroupNo,
                Accepted = IsYes(envelope),
                Code = envelope.Code,
                Message = envelope.Message,
                RequestId = envelope.RequestId,
            };
        }

        /// <summary>Where a rolling upgrade stands; the service answers in the same shape as the restart progress.</summary>
        public async Task<RollingRestartProgress> GetRollingUpgradeProgressAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var request = ReadRequest(HttpMethod.Post, UpgradeProgressPath, "{\"serviceGroupInstanceNo\":" + Number(serviceGroupInstanceNo) + "}");
            var envelope = await CallForClusterAsync(request, serviceGroupInstanceNo, null, null, cancellationToken).ConfigureAwait(false);
            var result = RequireObject(envelope, $"Cluster {Number(serviceGroupInstanceNo)}", UpgradeProgressPath, "Check the cluster number with Get-CdssCluster.");
            var progress = ResultMapping.ToProgress(result, serviceGroupInstanceNo);
            progress.RequestId = envelope.RequestId;
            return progress;
        }

        /// <summary>All three go as JSON numbers, as the reference types them.</summary>
        private static string UpgradeBody(long serviceGroupInstanceNo, int kafkaVersionCode, int configGroupNo) =>
            "{\"serviceGroupInstanceNo\":" + Number(serviceGroupInstanceNo) +
            ",\"upgradeKafkaVersionCode\":" + Number(kafkaVersionCode) +
            ",\"upgradeConfigGroupNo\":" + Number(configGroupNo) + "}";
    }
}
