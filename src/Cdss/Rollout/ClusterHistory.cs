using System;

namespace Cdss.Rollout
{
    /// <summary>What the journal of earlier runs says of one cluster, for one operation and target.</summary>
    internal enum HistoryState
    {
        /// <summary>Never requested, or every request certainly started nothing, or an operator asked for a retry.</summary>
        Fresh,

        /// <summary>Requested, with no end recorded: it may be running on the service. Re-attached, never requested again.</summary>
        Open,

        /// <summary>Seen to begin and finish, or resolved as done by an operator.</summary>
        Done,

        /// <summary>Requested, never seen to begin, and nothing ran by the late-start grace: only an operator can decide.</summary>
        Unresolved,

        /// <summary>Turned red: not requested again until an operator decides.</summary>
        Failed,
    }

    /// <summary>One cluster's story in the journal, as <see cref="JournalHistory"/> reads it.</summary>
    internal sealed class ClusterHistory
    {
        public static readonly ClusterHistory None = new ClusterHistory();

        public HistoryState State { get; set; } = HistoryState.Fresh;

        /// <summary>The "requesting" line of the last request (Open, Unresolved, Failed, and Done by a request).</summary>
        public JournalEntry? Request { get; set; }

        /// <summary>A "started" line follows the last request: the service was seen to begin it.</summary>
        public bool Began { get; set; }

        /// <summary>The last request finished and a traffic gate was waiting for its traffic when the run ended.</summary>
        public bool AwaitingTraffic { get; set; }

        /// <summary>The request id and code of the last request's answer, when it was read.</summary>
        public string? RequestId { get; set; }
        public int? Code { get; set; }

        /// <summary>The line that decided the state: "succeeded", "failed", "unresolved", or the operator's "resolved".</summary>
        public JournalEntry? Decided { get; set; }

        /// <summary>The operator's decision that made it Done or Fresh again, if that is how it got there.</summary>
        public JournalEntry? Resolution { get; set; }

        /// <summary>The cluster's name, as the journal last wrote it.</summary>
        public string? ClusterName { get; set; }

        /// <summary>Whether an operator may decide about it with Resolve-CdssRollout.</summary>
        public bool IsUnresolved => State == HistoryState.Open || State == HistoryState.Unresolved || State == HistoryState.Failed;

        public DateTimeOffset? RequestedAt => Request?.Time;
    }
}
