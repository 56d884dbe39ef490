using System;

namespace Cdss
{
    /// <summary>The answer to "can this cluster be upgraded to that version now?" (Test-CdssRollingUpgrade).</summary>
    public sealed class RollingUpgradePreCheck
    {
        public long ServiceGroupInstanceNo { get; set; }

        /// <summary>The cluster's name when the session has seen it (e.g. piped from Get-CdssCluster).</summary>
        public string? ClusterName { get; set; }

        /// <summary>The target Kafka version code.</summary>
        public int KafkaVersionCode { get; set; }

        /// <summary>The target config group, one made for the target version.</summary>
        public int ConfigGroupNo { get; set; }

        /// <summary>True only when the service answered code 0 with result true.</summary>
        public bool CanUpgrade { get; set; }

        public int Code { get; set; }
        public string Message { get; set; } = "";
        public string? RequestId { get; set; }

        /// <summary>The base URL that answered.</summary>
        public string Endpoint { get; set; } = "";

        public DateTimeOffset CheckedAt { get; set; }

        public override string ToString() => $"{ServiceGroupInstanceNo}: CanUpgrade={CanUpgrade} ({Message})";
    }
}
