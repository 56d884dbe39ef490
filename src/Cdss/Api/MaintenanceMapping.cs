using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using static Cdss.Api.ResultMapping;

namespace Cdss.Api
{
    /// <summary>Turns the results of the maintenance operations into the module's objects; numbers may come as strings.</summary>
    internal static class MaintenanceMapping
    {
        public static IReadOnlyList<KafkaVersion> ToKafkaVersions(JsonElement result) =>
            Items(result, "kafkaVersionList")
                .Select(item => new KafkaVersion
                {
                    KafkaVersionCode = Int(item, "kafkaVersionCode") ?? 0,
                    KafkaVersionName = Str(item, "kafkaVersionName") ?? "",
                    ApplicationVersionName = Str(item, "applicationVersionName"),
                    CmakVersionName = Str(item, "cmakVersionName"),
                })
                .ToList();

        public static ResultPage<ConfigGroup> ToConfigGroupPage(JsonElement result, int requestedPage, int requestedVersionCode) =>
            new ResultPage<ConfigGroup>(
                Items(result, "kafkaConfigGroupList").Select(item => ToConfigGroup(item, requestedVersionCode)).ToList(),
                requestedPage,
                Int(result, "currentPage") ?? 0,
                Int(result, "totalPage") ?? 0,
                Bool(result, "isLast") ?? false);

        public static ConfigGroup ToConfigGroup(JsonElement item, int versionCodeIfMissing) =>
            new ConfigGroup
            {
                ConfigGroupNo = Int(item, "configGroupNo") ?? 0,
                ConfigGroupName = Str(item, "configGroupName") ?? "",
                Description = Str(item, "description"),
                KafkaVersionCode = Int(item, "kafkaVersionCode") ?? versionCodeIfMissing,
                KafkaVersion = Str(item, "kafkaVersion"),
            };

        public static IReadOnlyList<ConfigGroupSetting> ToConfigGroupSettings(JsonElement result, int configGroupNo, int kafkaVersionCode) =>
            Items(result, "kafkaConfigGroupDetailList")
                .Select(item =>
                {
                    // How a setting at its default is written is undocumented (missing, null or ""): none of them is a
                    // custom value, or a read-modify-write would send "" back and blank the group's settings.
                    var custom = Str(item, "customValue");
                    if (string.IsNullOrWhiteSpace(custom)) custom = null;
                    var fallback = Str(item, "defaultValue");
                    return new ConfigGroupSetting
                    {
                        ConfigGroupNo = configGroupNo,
                        KafkaVersionCode = kafkaVersionCode,
                        Name = Str(item, "configName") ?? "",
                        Key = Str(item, "configNameKey") ?? "",
                        Value = custom ?? fallback,
                        DefaultValue = fallback,
                        IsCustom = custom != null,
                        // Only an explicit yes makes a setting modifiable; the refusal is ours, the service would drop it silently.
                        Modifiable = Bool(item, "modifyYn") ?? string.Equals(Str(item, "modifyYn"), "Y", System.StringComparison.OrdinalIgnoreCase),
                        Range = Str(item, "range"),
                        Type = Str(item, "type"),
                    };
                })
                .ToList();

        public static IReadOnlyList<ClusterNode> ToClusterNodes(JsonElement result, long serviceGroupInstanceNo) =>
            Items(result, "computeList")
                .Select(item => new ClusterNode
                {
                    ServiceGroupInstanceNo = serviceGroupInstanceNo,
                    ComputeInstanceNo = Long(item, "computeInstanceNo") ?? 0,
                    Role = Str(item, "nodeRoleCode"),
                    HostName = Str(item, "hostName"),
                    Status = Str(item, "computeInstanceStatus"),
                    PrivateIp = Str(item, "privateIp"),
                })
                .ToList();

        public static ClusterDetail ToClusterDetail(JsonElement result, long serviceGroupInstanceNo) =>
            new ClusterDetail
            {
                ServiceGroupInstanceNo = serviceGroupInstanceNo,
                ClusterName = Str(result, "clusterName"),
                KafkaVersionCode = Int(result, "kafkaVersionCode"),
                ConfigGroupNo = Int(result, "configGroupNo"),
                // The detail calls it status; the list calls it serverStatus.
                Status = Str(result, "status") ?? Str(result, "serverStatus"),
            };

        private static IEnumerable<JsonElement> Items(JsonElement result, string name) =>
            result.ValueKind == JsonValueKind.Object && result.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object)
                : Enumerable.Empty<JsonElement>();
    }
}
