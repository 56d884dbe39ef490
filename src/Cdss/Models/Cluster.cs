using System;
using System.Collections.Generic;

namespace Cdss
{
    /// <summary>One CDSS cluster from getClusterInfoList (Get-CdssCluster).</summary>
    public sealed class Cluster
    {
        public long ServiceGroupInstanceNo { get; set; }
        public string ClusterName { get; set; } = "";

        /// <summary>serverStatus: creating, changing, running, error, deleting or return.</summary>
        public string? Status { get; set; }

        public string? KafkaVersion { get; set; }
        public string? VpcName { get; set; }

        /// <summary>A DateTimeOffset when the service's text parses, otherwise that text unchanged.</summary>
        public object? CreateDate { get; set; }

        public int? BrokerNodeCount { get; set; }
        public string? ApplicationVersion { get; set; }
        public long? VpcNo { get; set; }
        public string? BrokerNodeProductName { get; set; }
        public int? ManagerNodeCount { get; set; }

        /// <summary>
        /// Fields the service sent that have no property above, by their JSON name (values are strings, numbers,
        /// booleans or nested JSON text). Get-CdssCluster adds them as note properties, so they are real columns
        /// in Export-Csv; internal, so no dictionary type name ever lands in a CSV cell.
        /// </summary>
        internal IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);

        public override string ToString() => $"{ClusterName} ({ServiceGroupInstanceNo})";
    }
}
