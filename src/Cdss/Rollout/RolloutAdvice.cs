using System.Globalization;
using System.Linq;

namespace Cdss.Rollout
{
    /// <summary>
    /// What to do next, per operation, with the real journal path and cluster number in it, so that a runbook log at
    /// 3 a.m. says the exact command. Only the rolling restart has a Wait- cmdlet; every operation re-attaches by being
    /// run again with the same journal.
    /// </summary>
    internal static class RolloutAdvice
    {
        /// <summary>How to follow or re-attach to an operation that may still run on these clusters.</summary>
        public static string Reattach(OperationKind kind, string? journalPath, params long[] nos)
        {
            var numbers = string.Join(",", nos.Select(n => n.ToString(CultureInfo.InvariantCulture)));
            var look = $"See where it stands with Get-CdssRollingRestartProgress {numbers}.";
            if (journalPath != null)
            {
                return $"Run the same {kind.Cmdlet} command again with -JournalPath '{journalPath}': it re-attaches " +
                       $"and never requests it again. {look}";
            }
            return kind == OperationKind.RollingRestart
                ? $"Re-attach with Wait-CdssRollingRestart -ServiceGroupInstanceNo {numbers}. {look}"
                : $"{look} Do not start it again until the cluster is green and the {kind.DisplayName} no longer runs.";
        }

        /// <summary>
        /// The command that records an operator's decision, for the end of a message: a runbook log shows the message,
        /// not the recommended action. Empty without a journal, where there is nothing to record it in.
        /// </summary>
        public static string DecideWith(long no, string? journalPath, string when = "Decide") =>
            journalPath == null ? "" :
            $" {when} with Resolve-CdssRollout -JournalPath '{journalPath}' -ServiceGroupInstanceNo {no.ToString(CultureInfo.InvariantCulture)} -As Done|Retry -Reason '<why>'.";

        /// <summary>How an operator records what happened to a request whose outcome the module cannot tell.</summary>
        public static string Resolve(long no, string? journalPath)
        {
            var number = no.ToString(CultureInfo.InvariantCulture);
            if (journalPath == null)
            {
                return $"Find out what happened with Get-CdssRollingRestartProgress {number} and the NAVER Cloud console before starting it again.";
            }
            return $"Find out what happened (Get-CdssRollingRestartProgress {number}, the NAVER Cloud console), then record it: " +
                   $"Resolve-CdssRollout -JournalPath '{journalPath}' -ServiceGroupInstanceNo {number} -As Done -Reason '<why>' " +
                   "if it happened, or -As Retry to request it once more on the next run. Until then every run reports it and requests nothing.";
        }
    }
}
