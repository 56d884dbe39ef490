using System;

namespace Cdss.Reports
{
    /// <summary>How a report shows one cluster: as a passed, failed or skipped test case.</summary>
    internal enum ReportVerdict { Passed, Failed, Skipped }

    /// <summary>One cluster's line in a report, whatever object it came from (a pre-check or a rollout result).</summary>
    internal sealed class ReportRow
    {
        /// <summary>The suite it belongs to, e.g. "Rolling restart pre-check" or "Rolling restart".</summary>
        public string Suite { get; set; } = "";
        public long ServiceGroupInstanceNo { get; set; }
        public string? ClusterName { get; set; }
        public ReportVerdict Verdict { get; set; }

        /// <summary>The outcome in the module's words: "Succeeded", "CanRestart", "Skipped", ...</summary>
        public string Outcome { get; set; } = "";
        public string Message { get; set; } = "";
        public string? RequestId { get; set; }
        public TimeSpan? Duration { get; set; }
        public DateTimeOffset? At { get; set; }
        public string? Brokers { get; set; }

        /// <summary>"kafka-prod-01 (3432149)", or the number alone.</summary>
        public string TestName => string.IsNullOrEmpty(ClusterName)
            ? ServiceGroupInstanceNo.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"{ClusterName} ({ServiceGroupInstanceNo})";
    }
}
