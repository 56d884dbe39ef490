using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdss.Rollout
{
    /// <summary>
    /// Reads what earlier runs wrote into each cluster's story. A pure function of the lines, oldest first:
    /// <list type="number">
    /// <item>"requesting" opens a request (it may have reached the service from that moment on).</item>
    /// <item>"requested" records the answer; "started" records that the service was seen to begin it. Nothing
    /// else is evidence: a "progress" line saying "3/3 brokers up, status green" says nothing happened.</item>
    /// <item>"succeeded" closes it as done; "failed" (red) and "unresolved" (never seen to begin) leave it to an
    /// operator; "notAccepted" and "requestFailed" close it as never started.</item>
    /// <item>"outcomeUnknown" (an ambiguous request), "timedOut" and "waitInterrupted" keep it open: it may run.</item>
    /// <item>An operator's "resolved" line on an open, unresolved or failed request makes it done or fresh (retry).</item>
    /// </list>
    /// Lines of other operations or targets, and lines a run writes about what it found ("reattached",
    /// "stillUnresolved", ...), change nothing.
    /// </summary>
    internal static class JournalHistory
    {
        public const string DecisionDone = "done";
        public const string DecisionRetry = "retry";
        public const string ResolvedEvent = "resolved";

        public static ClusterHistory Of(IEnumerable<JournalEntry> entries, string operation, string? target, long cluster)
        {
            var history = new ClusterHistory();
            foreach (var entry in entries)
            {
                if (entry.Cluster != cluster || entry.Operation != operation || entry.Target != target) continue;
                if (entry.ClusterName != null) history.ClusterName = entry.ClusterName;
                Apply(history, entry);
            }
            return history;
        }

        /// <summary>Every (operation, target) a cluster has lines for, in the order they first appear.</summary>
        public static IEnumerable<(string Operation, string? Target)> OperationsOf(IEnumerable<JournalEntry> entries, long cluster) =>
            entries.Where(e => e.Cluster == cluster).Select(e => (e.Operation, e.Target)).Distinct();

        /// <summary>When the journal was first written: the time of its oldest line.</summary>
        public static DateTimeOffset? FirstRun(IEnumerable<JournalEntry> entries) =>
            entries.Select(e => (DateTimeOffset?)e.Time).FirstOrDefault();

        private static void Apply(ClusterHistory history, JournalEntry entry)
        {
            var open = history.State == HistoryState.Open;
            switch (entry.Event)
            {
                case "requesting":
                    history.State = HistoryState.Open;
                    history.Request = entry;
                    history.Began = false;
                    history.AwaitingTraffic = false;
                    history.RequestId = null;
                    history.Code = null;
                    history.Decided = null;
                    history.Resolution = null;
                    break;
                case "requested" when open:
                    history.RequestId = entry.RequestId;
                    history.Code = entry.Code;
                    break;
                case "started" when open:
                    history.Began = true;
                    break;
                case "awaitingTraffic" when open:
                    history.AwaitingTraffic = true;
                    break;
                case "succeeded" when open:
                    Decide(history, HistoryState.Done, entry);
                    break;
                case "failed" when open:
                    Decide(history, HistoryState.Failed, entry);
                    break;
                case "unresolved" when open:
                    Decide(history, HistoryState.Unresolved, entry);
                    break;
                case "notAccepted" when open:
                case "requestFailed" when open:
                    history.State = HistoryState.Fresh;
                    history.Request = null;
                    history.Began = false;
                    break;
                case ResolvedEvent when history.IsUnresolved:
                    history.Resolution = entry;
                    if (entry.Decision == DecisionDone) Decide(history, HistoryState.Done, entry);
                    else if (entry.Decision == DecisionRetry) history.State = HistoryState.Fresh;
                    break;
            }
        }

        private static void Decide(ClusterHistory history, HistoryState state, JournalEntry entry)
        {
            history.State = state;
            history.Decided = entry;
        }
    }
}
