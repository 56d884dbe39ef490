using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Rollout
{
    /// <summary>
    /// One kind of fleet operation the rollout engine runs: the pre-check / start / progress triple of the
    /// rolling restart, the rolling upgrade, or applying a config group. The engine owns the loop, the "done"
    /// rule, halting, the journal and the record; an operation only knows its calls.
    /// </summary>
    internal interface IRolloutOperation
    {
        /// <summary>Which operation it is: its names in the journal, in sentences and in reports, and its results' type name.</summary>
        OperationKind Kind { get; }

        /// <summary>
        /// Tells apart journal lines of the same operation with different targets (an upgrade's version and group);
        /// null when there is none.
        /// </summary>
        string? JournalTarget { get; }

        /// <summary>False for an operation the service offers no pre-check for (then PreCheckAsync is never called).</summary>
        bool HasPreCheck { get; }

        /// <summary>Whether the cluster may be started now.</summary>
        Task<ServiceAnswer> PreCheckAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken);

        /// <summary>Sends the request that starts it. Must never be retried after an ambiguous failure.</summary>
        Task<ServiceAnswer> StartAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken);

        Task<ClusterProgress> ProgressAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken);

        /// <summary>
        /// Whether the service says the operation is still running (e.g. the pre-check answers "already in progress"):
        /// evidence that it began even while the progress check still shows no change, and that green is not yet "done".
        /// </summary>
        Task<bool> IsRunningAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken);

        /// <summary>A new, empty result object of this operation's kind.</summary>
        RolloutResult NewResult(long serviceGroupInstanceNo);
    }
}
