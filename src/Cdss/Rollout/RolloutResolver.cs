using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdss.Rollout
{
    /// <summary>An operator's decision about one cluster's unresolved request, as written to the journal.</summary>
    internal sealed class RolloutResolution
    {
        public long ServiceGroupInstanceNo { get; set; }
        public string? ClusterName { get; set; }

        /// <summary>The operation the decision is about, e.g. "Rolling restart".</summary>
        public string Operation { get; set; } = "";
        public string? Target { get; set; }

        /// <summary>What the journal said before: Open (may be running), Unresolved or Failed.</summary>
        public HistoryState Was { get; set; }
        public DateTimeOffset? RequestedAt { get; set; }
        public string? RequestId { get; set; }
        public string Decision { get; set; } = "";
        public string User { get; set; } = "";
        public string Reason { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }

    /// <summary>
    /// Records operators' decisions (Resolve-CdssRollout) in a journal: "done" makes later runs report the cluster as
    /// AlreadyDone, saying who decided, when and why; "retry" makes the next run pre-check it and, if allowed, request
    /// it exactly once more. Only a request the journal holds unresolved (open, unresolved or failed) can be decided,
    /// for whichever operation on the engine made it.
    /// </summary>
    internal sealed class RolloutResolver
    {
        private readonly IRolloutJournal _journal;
        private readonly List<JournalEntry> _written = new List<JournalEntry>();

        public RolloutResolver(IRolloutJournal journal) => _journal = journal;

        /// <summary>The journal's lines, including the decisions recorded through this resolver.</summary>
        private IEnumerable<JournalEntry> Lines => _journal.Earlier.Concat(_written);

        /// <summary>The unresolved requests of a cluster, one per operation and target; empty when there is none.</summary>
        public IReadOnlyList<(string Operation, string? Target, ClusterHistory History)> Unresolved(long cluster) =>
            JournalHistory.OperationsOf(Lines, cluster)
                .Select(key => (key.Operation, key.Target, History: JournalHistory.Of(Lines, key.Operation, key.Target, cluster)))
                .Where(x => x.History.IsUnresolved)
                .ToList();

        /// <summary>
        /// Appends the decision for every unresolved request of the cluster; CdssNothingToResolve when the journal holds none.
        /// </summary>
        public IReadOnlyList<RolloutResolution> Resolve(long cluster, string decision, string user, string reason, DateTimeOffset now)
        {
            if (decision != JournalHistory.DecisionDone && decision != JournalHistory.DecisionRetry)
            {
                throw new ArgumentOutOfRangeException(nameof(decision), decision, "The decision is done or retry.");
            }
            var open = Unresolved(cluster);
            if (open.Count == 0) throw NothingToResolve(cluster);
            var resolutions = new List<RolloutResolution>();
            foreach (var (operation, target, history) in open)
            {
                var entry = new JournalEntry
                {
                    Time = now.ToUniversalTime(),
                    Operation = operation,
                    Target = target,
                    Cluster = cluster,
                    ClusterName = history.ClusterName,
                    Event = JournalHistory.ResolvedEvent,
                    RequestId = history.RequestId,
                    Decision = decision,
                    User = user,
                    Reason = reason,
                };
                _journal.Append(entry);
                _written.Add(entry);
                resolutions.Add(new RolloutResolution
                {
                    ServiceGroupInstanceNo = cluster,
                    ClusterName = history.ClusterName,
                    Operation = OperationKind.All.FirstOrDefault(k => k.JournalName == operation)?.Title ?? operation,
                    Target = target,
                    Was = history.State,
                    RequestedAt = history.RequestedAt,
                    RequestId = history.RequestId,
                    Decision = decision,
                    User = user,
                    Reason = reason,
                    At = entry.Time,
                });
            }
            return resolutions;
        }

        private CdssException NothingToResolve(long cluster)
        {
            var lines = Lines.Where(e => e.Cluster == cluster).ToList();
            var what = lines.Count == 0
                ? "has no line about this cluster"
                : "holds nothing unresolved for this cluster (its last request succeeded, was resolved already, or never started)";
            return new CdssException(CdssErrorIds.NothingToResolve, CdssErrorCategory.InvalidArgument,
                $"The journal '{_journal.Path}' {what}, so nothing was recorded",
                "Resolve only the clusters a rollout reported as OutcomeUnknown, TimedOut, WaitInterrupted or Failed, with the journal that run used.");
        }
    }
}
