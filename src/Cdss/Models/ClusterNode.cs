namespace Cdss
{
    /// <summary>One server of a cluster: a broker or a manager node (Get-CdssClusterNode).</summary>
    public sealed class ClusterNode
    {
        public long ServiceGroupInstanceNo { get; set; }
        public long ComputeInstanceNo { get; set; }

        /// <summary>nodeRoleCode as the service sends it; the values are not documented.</summary>
        public string? Role { get; set; }

        public string? HostName { get; set; }

        /// <summary>computeInstanceStatus as the service sends it; the values are not documented.</summary>
        public string? Status { get; set; }

        public string? PrivateIp { get; set; }

        public override string ToString() => $"{HostName} ({ComputeInstanceNo})";
    }
}
