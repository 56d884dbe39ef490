namespace Cdss
{
    /// <summary>The service's answer to a rolling-upgrade request (Start-CdssRollingUpgrade).</summary>
    public sealed class RollingUpgrade
    {
        public long ServiceGroupInstanceNo { get; set; }

        /// <summary>The cluster's name when the session has seen it (e.g. piped from Get-CdssCluster).</summary>
        public string? ClusterName { get; set; }
        public int KafkaVersionCode { get; set; }
        public int ConfigGroupNo { get; set; }
        public bool Accepted { get; set; }
        public int Code { get; set; }
        public string Message { get; set; } = "";
        public string? RequestId { get; set; }

        public override string ToString() => $"{ServiceGroupInstanceNo}: Accepted={Accepted} ({Message})";
    }
}
