using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Maintenance;
using Cdss.Transport;

namespace Cdss.Api
{
    /// <summary>Config groups: listing them, reading and writing their settings, applying one to a cluster.</summary>
    partial class CdssClient
    {
        public const string ConfigGroupListPath = "/configGroup/getKafkaVersionConfigGroupList";
        public const string ConfigGroupSettingsPath = "/configGroup/getKafkaConfigGroupDetailList";
        public const string SetConfigGroupSettingsPath = "/configGroup/setKafkaConfigGroupDetail";
        public const string ApplyConfigGroupPath = "/configGroup/setClusterKafkaConfigGroup";

        private const string SettingsOutcomeUnknownAction =
            "The settings may or may not have changed: look with Get-CdssConfigGroupSetting before trying again.";
        private const string ApplyOutcomeUnknownAction =
            "The group may or may not be applying: Get-CdssCluster shows the cluster 'changing' while it does. Look before trying again.";

        internal Task<ResultPage<ConfigGroup>> GetConfigGroupPageAsync(int kafkaVersionCode, int pageNo, int pageSize, CancellationToken cancellationToken) =>
            About(() => "Kafka version " + Number(kafkaVersionCode), null, async () =>
            {
                var body = $"{{\"kafkaVersionCode\":{Number(kafkaVersionCode)},\"pageNo\":{Number(pageNo)},\"pageSize\":{Number(pageSize)}}}";
                var envelope = await CallAsync(Request(HttpMethod.Post, ConfigGroupListPath, body), cancellationToken).ConfigureAwait(false);
                var result = RequireObject(envelope, ConfigGroupListPath, "Check the version code with Get-CdssKafkaVersion.");
                return MaintenanceMapping.ToConfigGroupPage(result, pageNo, kafkaVersionCode);
            });

        /// <summary>Every config group made for one Kafka version, all pages.</summary>
        public Task<IReadOnlyList<ConfigGroup>> GetConfigGroupsAsync(int kafkaVersionCode, CancellationToken cancellationToken) =>
            Paging.ReadAllAsync("the config groups of Kafka version " + Number(kafkaVersionCode),
                (pageNo, token) => GetConfigGroupPageAsync(kafkaVersionCode, pageNo, DefaultPageSize, token),
                group => group.ConfigGroupNo, _log, cancellationToken);

        /// <summary>
        /// Finds a config group by number. Groups are listed per Kafka version, so it looks among the groups of
        /// <paramref name="likelyVersionCode"/> first, then of every other version. Null when there is no such group.
        /// </summary>
        public async Task<ConfigGroup?> FindConfigGroupAsync(int configGroupNo, int? likelyVersionCode, CancellationToken cancellationToken)
        {
            if (likelyVersionCode.HasValue)
            {
                var found = (await GetConfigGroupsAsync(likelyVersionCode.Value, cancellationToken).ConfigureAwait(false))
                    .FirstOrDefault(g => g.ConfigGroupNo == configGroupNo);
                if (found != null) return found;
            }
            foreach (var version in await GetKafkaVersionsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (version.KafkaVersionCode == likelyVersionCode) continue;
                var found = (await GetConfigGroupsAsync(version.KafkaVersionCode, cancellationToken).ConfigureAwait(false))
                    .FirstOrDefault(g => g.ConfigGroupNo == configGroupNo);
                if (found != null) return found;
            }
            return null;
        }

        /// <summary>Every setting of a config group, with its effective value.</summary>
        public Task<IReadOnlyList<ConfigGroupSetting>> GetConfigGroupSettingsAsync(int configGroupNo, int kafkaVersionCode, CancellationToken cancellationToken) =>
            About(() => ConfigGroupLabel(configGroupNo), null, async () =>
            {
                var request = Request(HttpMethod.Post, $"{ConfigGroupSettingsPath}/{Number(configGroupNo)}", $"{{\"kafkaVersionCode\":{Number(kafkaVersionCode)}}}");
                var envelope = await CallAsync(request, cancellationToken).ConfigureAwait(false);
                var result = RequireObject(envelope, ConfigGroupSettingsPath, "Check the group and its version with Get-CdssConfigGroup.");
                return MaintenanceMapping.ToConfigGroupSettings(result, configGroupNo, kafkaVersionCode);
            });

        /// <summary>
        /// Reads a group's settings and plans a change of some of them (<see cref="SettingChangePlanner"/>): every
        /// check that can be made here is made before anything is written, so the read is the only request sent.
        /// </summary>
        internal async Task<SettingChangePlan> PlanSettingChangeAsync(int configGroupNo, int kafkaVersionCode,
            IEnumerable<KeyValuePair<string, object?>> requested, CancellationToken cancellationToken)
        {
            var current = await GetConfigGroupSettingsAsync(configGroupNo, kafkaVersionCode, cancellationToken).ConfigureAwait(false);
            return SettingChangePlanner.Plan(configGroupNo, kafkaVersionCode, current, requested);
        }

        /// <summary>
        /// Writes a group's whole custom configuration as planned. Not a read, so never sent again once it may have
        /// reached the service. Returns the request id of the write; a non-zero code (a value the service refused)
        /// is CdssApiError. A plan with refusals, or with nothing to change, is never sent.
        /// </summary>
        internal Task<string?> SetConfigGroupSettingsAsync(SettingChangePlan plan, CancellationToken cancellationToken) =>
            About(() => ConfigGroupLabel(plan.ConfigGroupNo), SettingsOutcomeUnknownAction, async () =>
            {
                if (!plan.IsSendable) throw new InvalidOperationException("A settings plan with refusals, or with nothing to change, is never sent.");
                var request = Request(HttpMethod.Post, $"{SetConfigGroupSettingsPath}/{Number(plan.ConfigGroupNo)}", plan.ToRequestBody());
                var envelope = await CallAsync(request, cancellationToken).ConfigureAwait(false);
                if (!envelope.IsSuccess)
                {
                    throw CdssException.ForServiceCode(CdssErrorIds.ApiError, CdssErrorCategory.InvalidOperation,
                        $"{SetConfigGroupSettingsPath} answered", envelope.Code, envelope.Message, envelope.RequestId,
                        "Correct the value the message names; the group was not changed.");
                }
                return envelope.RequestId;
            });

        /// <summary>
        /// Applies a config group to a cluster; the service then restarts the cluster. Not a read, so never sent again
        /// once it may have reached the service. A declined request is an answer (Accepted false), not an error.
        /// </summary>
        public Task<OperationRequest> ApplyConfigGroupAsync(int configGroupNo, int kafkaVersionCode, long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            About(() => Clusters.Label(serviceGroupInstanceNo), ApplyOutcomeUnknownAction, async () =>
            {
                var body = $"{{\"kafkaVersionCode\":{Number(kafkaVersionCode)},\"serviceGroupInstanceNo\":{Number(serviceGroupInstanceNo)}}}";
                var request = Request(HttpMethod.Post, $"{ApplyConfigGroupPath}/{Number(configGroupNo)}", body);
                var envelope = await CallAsync(request, cancellationToken).ConfigureAwait(false);
                return new OperationRequest(OperationKind.ConfigGroupApply)
                {
                    ServiceGroupInstanceNo = serviceGroupInstanceNo,
                    ClusterName = Clusters.NameOf(serviceGroupInstanceNo),
                    ConfigGroupNo = configGroupNo,
                    Accepted = IsYes(envelope),
                    Code = envelope.Code,
                    Message = envelope.Message,
                    RequestId = envelope.RequestId,
                };
            });
    }
}
