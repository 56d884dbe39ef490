using System.Globalization;

namespace Cdss
{
    /// <summary>
    /// The service's answer to a request that starts an operation on a cluster, written by the start cmdlets without
    /// -Wait. One class serves every operation; each answer carries its operation's type name first in PSTypeNames
    /// (Cdss.RollingRestart, Cdss.RollingUpgrade, Cdss.ConfigGroupApply, Cdss.KafkaNodeRestart), and only the
    /// properties that operation has are filled in. A declined request is an answer (Accepted false), not an error.
    /// </summary>
    public sealed class OperationRequest
    {
        internal OperationRequest(OperationKind kind) => Kind = kind;

        public long ServiceGroupInstanceNo { get; set; }

        /// <summary>The cluster's name when the session has seen it (e.g. piped from Get-CdssCluster).</summary>
        public string? ClusterName { get; set; }

        /// <summary>The target Kafka version (rolling upgrade).</summary>
        public int? KafkaVersionCode { get; set; }

        /// <summary>The config group (rolling upgrade, config group apply).</summary>
        public int? ConfigGroupNo { get; set; }

        /// <summary>The brokers restarted (Kafka node restart).</summary>
        public long[]? ComputeInstanceNo { get; set; }

        /// <summary>True only when the service answered code 0 with result true.</summary>
        public bool Accepted { get; set; }

        public int Code { get; set; }
        public string Message { get; set; } = "";
        public string? RequestId { get; set; }

        /// <summary>Which operation this answers; its AnswerTypeName is the name scripts and views know this answer by.</summary>
        internal OperationKind Kind { get; }

        public override string ToString() =>
            $"{ClusterName ?? ServiceGroupInstanceNo.ToString(CultureInfo.InvariantCulture)}: Accepted={Accepted} ({Message})";
    }
}
