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

    /// <summary>One page of getClusterInfoList.</summary>
    internal sealed class ClusterPage
    {
        public int CurrentPage { get; set; }
        public int PageSize { get; set; }
        public int TotalCount { get; set; }
        public int TotalPage { get; set; }
        public bool IsLast { get; set; }
        public IList<Cluster> Clusters { get; } = new List<Cluster>();

        /// <summary>Clusters that exist but this access key may not act on (disallowedClusters).</summary>
        public IList<DisallowedCluster> Disallowed { get; } = new List<DisallowedCluster>();

        public string? RequestId { get; set; }
    }

    /// <summary>A cluster listed in disallowedClusters: visible by name, but this key has no permission on it.</summary>
    internal sealed class DisallowedCluster
    {
        public long ServiceGroupInstanceNo { get; set; }
        public string ClusterName { get; set; } = "";
        public override string ToString() => $"{ClusterName} ({ServiceGroupInstanceNo})";
    }
}
