using System;

namespace Cdss.Reports
{
    /// <summary>Turns the objects the cmdlets write into report rows.</summary>
    internal static class ReportRows
    {
        public static ReportRow From(RollingRestartPreCheck check) => new ReportRow
        {
            Suite = "Rolling restart pre-check",
            ServiceGroupInstanceNo = check.ServiceGroupInstanceNo,
            ClusterName = check.ClusterName,
            // A pre-check that says no is a failure: the gate did not open.
            Verdict = check.CanRestart ? ReportVerdict.Passed : ReportVerdict.Failed,
            Outcome = check.CanRestart ? "CanRestart" : "CannotRestart",
            Message = $"code {check.Code}: {check.Message}",
            RequestId = check.RequestId,
            At = check.CheckedAt,
        };

        public static ReportRow From(RolloutResult result) => new ReportRow
        {
            Suite = result.Kind.Title,
            ServiceGroupInstanceNo = result.ServiceGroupInstanceNo,
            ClusterName = result.ClusterName,
            Verdict = result.IsFailure ? ReportVerdict.Failed
                : result.Outcome == RolloutOutcome.Skipped || result.Outcome == RolloutOutcome.NotStarted || result.Outcome == RolloutOutcome.Deferred
                    ? ReportVerdict.Skipped
                    : ReportVerdict.Passed,
            Outcome = result.Outcome.ToString(),
            Message = result.Message,
            RequestId = result.RequestId,
            Duration = result.Duration,
            At = result.FinishedAt,
            Brokers = result.Progress == null ? null : $"{result.BrokersUp}/{result.BrokersTotal} {result.BrokerStatus}",
        };
    }
}
