using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdss.Rollout
{
    /// <summary>The journal's event names, and what an earlier run's lines mean for this one.</summary>
    internal static class JournalEvents
    {
        public const string PreCheck = "preCheck";
        public const string Skipped = "skipped";
        public const string Requesting = "requesting";
        public const string Requested = "requested";
        public const string NotAccepted = "notAccepted";
        public const string RequestFailed = "requestFailed";
        public const string Started = "started";
        public const string Progress = "progress";
        public const string Succeeded = "succeeded";
        public const string Failed = "failed";
        public const string TimedOut = "timedOut";
        public const string OutcomeUnknown = "outcomeUnknown";
        public const string WaitInterrupted = "waitInterrupted";
        public const string Deferred = "deferred";
        public const string NotStarted = "notStarted";

        /// <summary>
        /// Events after which the operation may be running server-side without a known end: a resumed run waits on
        /// the cluster again and never requests it again.
        /// </summary>
        private static readonly HashSet<string> MayBeRunning = new HashSet<string>(StringComparer.Ordinal)
        {
            Requesting, Requested, Started, Progress, OutcomeUnknown, TimedOut, WaitInterrupted,
        };

        /// <summary>Events that close a request: the next run treats the cluster as not requested (or done).</summary>
        private static readonly HashSet<string> Closing = new HashSet<string>(StringComparer.Ordinal)
        {
            Succeeded, Failed, NotAccepted, RequestFailed,
        };

        /// <summary>What the journal says of one cluster for this operation and target.</summary>
        public static ResumeState StateOf(IEnumerable<JournalEntry> entries, string operation, string? target, long cluster)
        {
            var state = ResumeState.Fresh;
            foreach (var entry in entries.Where(e => e.Cluster == cluster && e.Operation == operation && e.Target == target))
            {
                if (entry.Event == Succeeded) state = ResumeState.Done(entry);
                else if (Closing.Contains(entry.Event)) state = ResumeState.Fresh;
                else if (entry.Event == Requesting) state = ResumeState.Running(entry, began: false, requestId: null);
                else if (MayBeRunning.Contains(entry.Event) && state.Kind == ResumeKind.Running)
                {
                    state = ResumeState.Running(state.Since!, state.Began || entry.Event == Started || entry.Event == Progress,
                        entry.Event == Requested ? entry.RequestId : state.RequestId);
                }
            }
            return state;
        }
    }
}
