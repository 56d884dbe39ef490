using System;
using System.Collections.Generic;
using System.Linq;
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
            var envelope = await CallAsync(Request(HttpMethod.Get, KafkaVersionListPath), cancellationToken).ConfigureAwait(false);
            var result = RequireObject(envelope, KafkaVersionListPath, "Quote the request id to NAVER Cloud support if this persists.");
            return MaintenanceMapping.ToKafkaVersions(result);
        }

        /// <summary>
        /// The name the service gives a version code ("Kafka 3.7.1"), for lines a person reads; null when the code is
        /// not listed or the list cannot be read now (a label is never worth failing a call that already succeeded).
        /// </summary>
        public async Task<string?> KafkaVersionNameAsync(int kafkaVersionCode, CancellationToken cancellationToken)
        {
            try
            {
                var versions = await GetKafkaVersionsAsync(cancellationToken).ConfigureAwait(false);
                var name = versions.FirstOrDefault(v => v.KafkaVersionCode == kafkaVersionCode)?.KafkaVersionName;
                return string.IsNullOrWhiteSpace(name) ? null : name;
            }
            catch (CdssException ex)
            {
                _log.Verbose($"The name of Kafka version {Number(kafkaVersionCode)} could not be read: {ex.Message}");
                return null;
            }
        }

        /// <summary>Asks whether the cluster can be rolling-upgraded to the version with that config group now.</summary>
        public Task<RollingUpgradePreCheck> RollingUpgradePreCheckAsync(long serviceGroupInstanceNo, int kafkaVersionCode, int configGroupNo, CancellationToken cancellationToken) =>
            About(() => Clusters.Label(serviceGroupInstanceNo), null, async () =>
            {
                var request = Request(HttpMethod.Post, UpgradePreCheckPath, UpgradeBody(serviceGroupInstanceNo, kafkaVersionCode, configGroupNo));
                var envelope = await CallAsync(request, cancellationToken).ConfigureAwait(false);
                return new RollingUpgradePreCheck
                {
                    ServiceGroupInstanceNo = serviceGroupInstanceNo,
                    ClusterName = Clusters.NameOf(serviceGroupInstanceNo),
                    KafkaVersionCode = kafkaVersionCode,
                    ConfigGroupNo = configGroupNo,
                    CanUpgrade = IsYes(envelope),
                    Code = envelope.Code,
                    Message = envelope.Message,
                    RequestId = envelope.RequestId,
                    Endpoint = Endpoint,
                    CheckedAt = DateTimeOffset.UtcNow,
                };
            });

        /// <summary>Asks for a rolling upgrade. Not a read, so never sent again once it may have reached the service.</summary>
        public Task<OperationRequest> StartRollingUpgradeAsync(long serviceGroupInstanceNo, int kafkaVersionCode, int configGroupNo, CancellationToken cancellationToken) =>
            About(() => Clusters.Label(serviceGroupInstanceNo), UpgradeOutcomeUnknownAction, async () =>
            {
                var request = Request(HttpMethod.Post, RollingUpgradePath, UpgradeBody(serviceGroupInstanceNo, kafkaVersionCode, configGroupNo));
                var envelope = await CallAsync(request, cancellationToken).ConfigureAwait(false);
                return new OperationRequest(OperationKind.RollingUpgrade)
                {
                    ServiceGroupInstanceNo = serviceGroupInstanceNo,
                    ClusterName = Clusters.NameOf(serviceGroupInstanceNo),
                    KafkaVersionCode = kafkaVersionCode,
                    ConfigGroupNo = configGroupNo,
                    Accepted = IsYes(envelope),
                    Code = envelope.Code,
                    Message = envelope.Message,
                    RequestId = envelope.RequestId,
                };
            });

        /// <summary>Where a rolling upgrade stands; the service answers in the same shape as the restart progress.</summary>
        public Task<ClusterProgress> GetRollingUpgradeProgressAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            ProgressAsync(UpgradeProgressPath, serviceGroupInstanceNo, cancellationToken);

        /// <summary>All three go as JSON numbers, as the reference types them.</summary>
        private static string UpgradeBody(long serviceGroupInstanceNo, int kafkaVersionCode, int configGroupNo) =>
            "{\"serviceGroupInstanceNo\":" + Number(serviceGroupInstanceNo) +
            ",\"upgradeKafkaVersionCode\":" + Number(kafkaVersionCode) +
            ",\"upgradeConfigGroupNo\":" + Number(configGroupNo) + "}";
    }
}
