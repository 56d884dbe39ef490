using System;

namespace Cdss
{
    /// <summary>The answer to "can this cluster be rolling-restarted now?" (Test-CdssRollingRestart).</summary>
    public sealed class RollingRestartPreCheck
    {
        public long ServiceGroupInstanceNo { get; set; }

        /// <summary>The cluster's name when the session has seen it (e.g. piped from Get-CdssCluster).</summary>
        public string? ClusterName { get; set; }

        /// <summary>True only when the service answered code 0 with result true.</summary>
        public bool CanRestart { get; set; }

        /// <summary>CDSS's code, unchanged. It can be 0 when CanRestart is false: the documented "no" is code 0 with the reason in Message.</summary>
        public int Code { get; set; }
        public string Message { get; set; } = "";
        public string? RequestId { get; set; }

        /// <summary>The base URL that answered.</summary>
        public string Endpoint { get; set; } = "";

        public DateTimeOffset CheckedAt { get; set; }

        public override string ToString() => $"{ServiceGroupInstanceNo}: CanRestart={CanRestart} ({Message})";
    }
}
