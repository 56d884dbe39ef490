using System;

namespace Cdss.Reports
{
    /// <summary>Turns the objects the cmdlets write into report rows.</summary>
    internal static class ReportRows
    {
        /// <summary>The suite and class name of rows made from errors that are not about one cluster's outcome.</summary>
        public const string ErrorSuite = "Errors";
        public const string ErrorClassName = "Cdss.Error";

        public static ReportRow From(RollingRestartPreCheck check) =>
            PreCheck("Rolling restart pre-check", "Cdss.RollingRestartPreCheck", check.ServiceGroupInstanceNo, check.ClusterName,
                check.CanRestart, "CanRestart", "CannotRestart", check.Code, check.Message, check.RequestId, check.CheckedAt);

        public static ReportRow From(RollingUpgradePreCheck check) =>
            PreCheck("Rolling upgrade pre-check", "Cdss.RollingUpgradePreCheck", check.ServiceGroupInstanceNo, check.ClusterName,
                check.CanUpgrade, "CanUpgrade", "CannotUpgrade", check.Code, check.Message, check.RequestId, check.CheckedAt);

        /// <summary>A pre-check's row: one that says no is a failure, since the gate did not open.</summary>
        private static ReportRow PreCheck(string suite, string className, long no, string? name, bool yes, string yesWord, string noWord,
            int code, string message, string? requestId, DateTimeOffset at) => new ReportRow
        {
            Suite = suite,
            ClassName = className,
            ServiceGroupInstanceNo = no,
            ClusterName = name,
            Verdict = yes ? ReportVerdict.Passed : ReportVerdict.Failed,
            Outcome = yes ? yesWord : noWord,
            Message = $"code {code}: {message}",
            RequestId = requestId,
            At = at,
        };

        public static ReportRow From(RolloutResult result) => new ReportRow
        {
            Suite = result.Kind.Title,
            ClassName = result.Kind.AnswerTypeName,
            ServiceGroupInstanceNo = result.ServiceGroupInstanceNo,
            ClusterName = result.ClusterName,
            Verdict = VerdictOf(result.Outcome),
            Outcome = result.Outcome.ToString(),
            Message = result.Message,
            RequestId = result.RequestId,
            // A cluster an earlier run decided took no time in this one: no bar, no duration, outside the wall time.
            RequestedAt = result.FromEarlierRun ? null : result.RequestedAt,
            At = result.FinishedAt,
            Brokers = result.Progress == null ? null : $"{result.BrokersUp}/{result.BrokersTotal} {result.BrokerStatus}",
            Traffic = TrafficText(result),
            Samples = result.Samples.ToArray(),
        };

        /// <summary>
        /// An error that kept a run from its clusters (no session, a wrong key, a journal in use, no cluster selected):
        /// a failed row named after where it happened and its error id, so a report never says "0 tests" when nothing ran.
        /// </summary>
        /// <param name="where">The command or cluster it is about, e.g. "Connect-Cdss" or "Cluster 3432149"; may be null.</param>
        public static ReportRow FromError(string errorId, string message, string? requestId, string? where, DateTimeOffset at) => new ReportRow
        {
            Suite = ErrorSuite,
            ClassName = ErrorClassName,
            Name = string.IsNullOrEmpty(where) ? errorId : $"{where}: {errorId}",
            Verdict = ReportVerdict.Failed,
            Outcome = errorId,
            Message = message,
            RequestId = requestId,
            At = at,
        };

        /// <summary>
        /// Done (Succeeded, AlreadyDone) passes; everything else fails, the clusters left untouched (Skipped, NotStarted,
        /// Deferred) too: a rollout's report answers "was every cluster done?", and a skipped test case would let a CI
        /// gate pass a night on which nothing was restarted.
        /// </summary>
        public static ReportVerdict VerdictOf(RolloutOutcome outcome) =>
            outcome == RolloutOutcome.Succeeded || outcome == RolloutOutcome.AlreadyDone ? ReportVerdict.Passed : ReportVerdict.Failed;

        /// <summary>The row of a report nothing reached: a failure, so that an empty report never passes a CI gate.</summary>
        public static ReportRow NothingReported(DateTimeOffset at) => FromError("NothingReported",
            "Nothing reached the report: no cluster was checked or restarted. Look at the errors before it in the log (a wrong key, an unreachable endpoint, no cluster selected).",
            null, null, at);

        /// <summary>The traffic gate's reading in words, for the tables.</summary>
        private static string? TrafficText(RolloutResult result)
        {
            if (result.TrafficBaseline is not { } baseline) return null;
            var before = baseline.ToString("#,0.#", System.Globalization.CultureInfo.InvariantCulture);
            if (result.TrafficAfter is not { } after) return $"{before} before, no reading after";
            var share = (after / baseline * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
            return $"{before} before, {after.ToString("#,0.#", System.Globalization.CultureInfo.InvariantCulture)} after ({share}%)";
        }
    }
}
