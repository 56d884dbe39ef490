using System;
using System.Collections.Generic;
using System.Globalization;

namespace Cdss.Reports
{
    /// <summary>How a report shows one row: as a passed or a failed test case (a cluster left untouched is not done).</summary>
    internal enum ReportVerdict { Passed, Failed }

    /// <summary>
    /// One line of a report, whatever it came from: a pre-check, a rollout result, or an error that kept a run from
    /// reaching its clusters (then <see cref="ServiceGroupInstanceNo"/> is null and <see cref="Name"/> names the error).
    /// </summary>
    internal sealed class ReportRow
    {
        /// <summary>The suite it belongs to, e.g. "Rolling restart pre-check" or "Rolling restart".</summary>
        public string Suite { get; set; } = "";

        /// <summary>The JUnit class name: the operation's type name, e.g. "Cdss.RollingRestart".</summary>
        public string ClassName { get; set; } = "Cdss";

        public long? ServiceGroupInstanceNo { get; set; }
        public string? ClusterName { get; set; }
        public ReportVerdict Verdict { get; set; }

        /// <summary>The outcome in the module's words: "Succeeded", "CanRestart", "Skipped", or an error id.</summary>
        public string Outcome { get; set; } = "";
        public string Message { get; set; } = "";
        public string? RequestId { get; set; }

        /// <summary>When the operation was requested; null for pre-checks and clusters never requested.</summary>
        public DateTimeOffset? RequestedAt { get; set; }

        /// <summary>When the row's outcome was decided (a pre-check: when it was answered).</summary>
        public DateTimeOffset? At { get; set; }

        public TimeSpan? Duration => RequestedAt.HasValue && At.HasValue && At >= RequestedAt ? At - RequestedAt : null;

        public string? Brokers { get; set; }

        /// <summary>With a traffic gate: "5,250/s before, 4,990/s after (95%)"; null when not gated.</summary>
        public string? Traffic { get; set; }

        /// <summary>Progress readings (brokers up over time), oldest first; empty when none were taken.</summary>
        public IReadOnlyList<ProgressSample> Samples { get; set; } = Array.Empty<ProgressSample>();

        /// <summary>Set for rows that are not about one cluster (an error before the run began).</summary>
        public string? Name { get; set; }

        /// <summary>"kafka-prod-01 (3432149)", the number alone, or the row's own name.</summary>
        public string TestName => Name ?? (string.IsNullOrEmpty(ClusterName)
            ? ServiceGroupInstanceNo?.ToString(CultureInfo.InvariantCulture) ?? ""
            : $"{ClusterName} ({ServiceGroupInstanceNo?.ToString(CultureInfo.InvariantCulture)})");
    }
}
