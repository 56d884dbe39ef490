using System.Globalization;

namespace Cdss.Maintenance
{
    /// <summary>A config group applies only to a cluster of the same Kafka version.</summary>
    internal static class ConfigGroupVersionCheck
    {
        /// <summary>
        /// CdssConfigGroupVersionMismatch when the group is for another Kafka version than the cluster runs; null
        /// when they match, or when the service did not say which version the cluster runs (it checks again itself).
        /// </summary>
        public static CdssException? Check(ClusterDetail cluster, ConfigGroup group)
        {
            if (!cluster.KafkaVersionCode.HasValue || cluster.KafkaVersionCode.Value == group.KafkaVersionCode) return null;
            var number = cluster.ServiceGroupInstanceNo.ToString(CultureInfo.InvariantCulture);
            var clusterVersion = cluster.KafkaVersionCode.Value.ToString(CultureInfo.InvariantCulture);
            var groupVersion = group.KafkaVersionCode.ToString(CultureInfo.InvariantCulture);
            var groupText = string.IsNullOrEmpty(group.KafkaVersion) ? groupVersion : $"{group.KafkaVersion} ({groupVersion})";
            return new CdssException(CdssErrorIds.ConfigGroupVersionMismatch, CdssErrorCategory.InvalidArgument,
                $"the cluster runs Kafka version {clusterVersion}, but config group {group.ConfigGroupNo.ToString(CultureInfo.InvariantCulture)} ({group.ConfigGroupName}) is for Kafka {groupText}. Nothing was sent.",
                $"Apply a group made for version {clusterVersion} (Get-CdssConfigGroup -KafkaVersionCode {clusterVersion}), or upgrade the cluster with that group (Start-CdssRollingUpgrade).")
            {
                Subject = string.IsNullOrEmpty(cluster.ClusterName) ? $"Cluster {number}" : $"Cluster {number} ({cluster.ClusterName})",
            };
        }
    }
}
