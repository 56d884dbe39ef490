namespace Cdss
{
    /// <summary>A cluster listed in disallowedClusters: visible by name, but this key has no permission on it.</summary>
    internal sealed class DisallowedCluster
    {
        public long ServiceGroupInstanceNo { get; set; }
        public string ClusterName { get; set; } = "";
        public override string ToString() => $"{ClusterName} ({ServiceGroupInstanceNo})";
    }
}
