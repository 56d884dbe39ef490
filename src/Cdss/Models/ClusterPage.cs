using System.Collections.Generic;

namespace Cdss
{
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
}
