namespace Cdss
{
    /// <summary>The facts of one cluster that maintenance checks need (getClusterInfoList/{no}).</summary>
    internal sealed class ClusterDetail
    {
        public long ServiceGroupInstanceNo { get; set; }
        public string? ClusterName { get; set; }

        /// <summary>Null when the service did not say.</summary>
        public int? KafkaVersionCode { get; set; }

        public int? ConfigGroupNo { get; set; }
        public string? Status { get; set; }
    }
}
