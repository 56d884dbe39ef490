using System.Collections.Generic;

namespace Cdss.Api
{
    /// <summary>One page of getClusterInfoList: the clusters this key may use, and those it may not.</summary>
    internal sealed class ClusterPage : ResultPage<Cluster>
    {
        public ClusterPage(IReadOnlyList<Cluster> clusters, IReadOnlyList<DisallowedCluster> disallowed,
            int requestedPage, int currentPage, int totalPage, bool isLast)
            : base(clusters, requestedPage, currentPage, totalPage, isLast)
        {
            Disallowed = disallowed;
        }

        /// <summary>Clusters that exist but this access key may not act on (disallowedClusters).</summary>
        public IReadOnlyList<DisallowedCluster> Disallowed { get; }

        public int PageSize { get; set; }
        public int TotalCount { get; set; }
        public string? RequestId { get; set; }
    }
}
