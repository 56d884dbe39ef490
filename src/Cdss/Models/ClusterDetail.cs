using Cdss.Maintenance;

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

        /// <summary>"3432149 (kafka-prod-01)", or the number alone when the name is unknown.</summary>
        public string Label => ClusterLabel.Of(ServiceGroupInstanceNo, ClusterName);
    }
}
