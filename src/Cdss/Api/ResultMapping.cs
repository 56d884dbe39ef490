using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Cdss.Api
{
    /// <summary>Turns CDSS result JSON into the module's objects, tolerating numbers sent as strings and vice versa.</summary>
    internal static class ResultMapping
    {
        private static readonly HashSet<string> ClusterFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "serviceGroupInstanceNo", "clusterName", "serverStatus", "kafkaVersion", "vpcName", "createDate",
            "brokerNodeCount", "applicationVersion", "vpcNo", "brokerNodeProductName", "managerNodeCount",
        };

        // NAVER Cloud writes offsets without a colon ("2024-03-06T10:15:30+0900").
        private static readonly string[] DateFormats =
        {
            "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.fffK",
        };

        /// <summary>A page of the cluster list; <paramref name="requestedPage"/> is the pageNo it was asked for.</summary>
        public static ClusterPage ToClusterPage(JsonElement result, int requestedPage)
        {
            var clusters = new List<Cluster>();
            if (result.TryGetProperty("allowedClusters", out var allowed) && allowed.ValueKind == JsonValueKind.Array)
            {
                clusters.AddRange(allowed.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Select(ToCluster));
            }
            var disallowed = new List<DisallowedCluster>();
            if (result.TryGetProperty("disallowedClusters", out var denied) && denied.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in denied.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    disallowed.Add(new DisallowedCluster
                    {
                        ServiceGroupInstanceNo = Long(item, "serviceGroupInstanceNo") ?? 0,
                        ClusterName = Str(item, "clusterName") ?? "",
                    });
                }
            }
            return new ClusterPage(clusters, disallowed, requestedPage,
                Int(result, "currentPage") ?? 0, Int(result, "totalPage") ?? 0, Bool(result, "isLast") ?? false)
            {
                PageSize = Int(result, "pageSize") ?? 0,
                TotalCount = Int(result, "totalCount") ?? 0,
            };
        }

        public static Cluster ToCluster(JsonElement item)
        {
            var cluster = new Cluster
            {
                ServiceGroupInstanceNo = Long(item, "serviceGroupInstanceNo") ?? 0,
                ClusterName = Str(item, "clusterName") ?? "",
                Status = Str(item, "serverStatus"),
                KafkaVersion = Str(item, "kafkaVersion"),
                VpcName = Str(item, "vpcName"),
                CreateDate = ParseDate(Str(item, "createDate")),
                BrokerNodeCount = Int(item, "brokerNodeCount"),
                ApplicationVersion = Str(item, "applicationVersion"),
                VpcNo = Long(item, "vpcNo"),
                BrokerNodeProductName = Str(item, "brokerNodeProductName"),
                ManagerNodeCount = Int(item, "managerNodeCount"),
            };
            foreach (var property in item.EnumerateObject())
            {
                if (!ClusterFields.Contains(property.Name)) cluster.AdditionalFields[property.Name] = Plain(property.Value);
            }
            return cluster;
        }

        public static ClusterProgress ToProgress(JsonElement result, long serviceGroupInstanceNo) =>
            new ClusterProgress
            {
                ServiceGroupInstanceNo = serviceGroupInstanceNo,
                ClusterName = Str(result, "clusterName"),
                BrokersUp = Int(result, "brokerNumber") ?? 0,
                BrokersTotal = Int(result, "brokerNodeTotalNumber") ?? 0,
                BrokerStatus = Str(result, "brokerStatus"),
                Nodes = Nodes(result, "brokerStatusPerNode"),
                ZookeepersUp = Int(result, "zookeeperNumber") ?? 0,
                ZookeepersTotal = Int(result, "zookeeperTotalNumber") ?? 0,
                ZookeeperStatus = Str(result, "zookeeperStatus"),
                CmakStatus = Str(result, "cmakStatus"),
                CheckedAt = DateTimeOffset.UtcNow,
            };

        public static object? ParseDate(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)) return exact;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose)) return loose;
            return text;
        }

        private static IReadOnlyList<NodeStatus> Nodes(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var nodes) || nodes.ValueKind != JsonValueKind.Array) return Array.Empty<NodeStatus>();
            return nodes.EnumerateArray()
                .Where(n => n.ValueKind == JsonValueKind.Object)
                .Select(n => new NodeStatus { Hostname = Str(n, "hostname") ?? "", Status = Str(n, "status") ?? "" })
                .ToList();
        }

        internal static string? Str(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            };
        }

        internal static long? Long(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)) return number;
            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) return parsed;
            return null;
        }

        internal static int? Int(JsonElement element, string name)
        {
            var value = Long(element, name);
            return value.HasValue && value.Value >= int.MinValue && value.Value <= int.MaxValue ? (int)value.Value : (int?)null;
        }

        internal static bool? Bool(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.True) return true;
            if (value.ValueKind == JsonValueKind.False) return false;
            if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var parsed)) return parsed;
            return null;
        }

        /// <summary>A JSON value as a plain .NET value: string, long, double, bool, null, or raw JSON text for objects and arrays.</summary>
        private static object? Plain(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.TryGetInt64(out var l) ? l : (object)value.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }
}
