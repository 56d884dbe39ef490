using System;

namespace Cdss.Rollout
{
    /// <summary>
    /// One cluster of a rollout while it runs: its phase, and the result object filled in as it goes. The phase
    /// changes only in <see cref="Apply"/>, the one transition function, which also writes the journal line and the
    /// Information line of the change.
    /// </summary>
    internal sealed class RolloutItem
    {
        private volatile RolloutPhase _phase = RolloutPhase.Pending;

        public RolloutItem(int index, RolloutResult result)
        {
            Index = index;
            Result = result;
        }

        /// <summary>Position in the input: results are written in this order.</summary>
        public int Index { get; }

        public RolloutResult Result { get; }
        public long ServiceGroupInstanceNo => Result.ServiceGroupInstanceNo;

        public RolloutPhase Phase => _phase;

        /// <summary>What the journal of earlier runs says of this cluster.</summary>
        public ClusterHistory History { get; set; } = ClusterHistory.None;

        /// <summary>The service was seen to begin the operation after the request (in this run, or an earlier one's "started" line).</summary>
        public bool BeganSeen { get; private set; }

        /// <summary>For a request not yet seen to begin: past this time, with nothing running, it is unknown (see <see cref="DoneRule"/>).</summary>
        public DateTimeOffset? BeginBy { get; set; }

        /// <summary>The error record this cluster writes besides its result (failures and skips).</summary>
        public CdssException? Error { get; set; }

        /// <summary>What the progress bar shows for it.</summary>
        public string Status { get; private set; } = "waiting";

        /// <summary>
        /// Takes one transition of <see cref="Transitions.Table"/> (throwing for a move it does not allow), then records
        /// it: the journal line, and the Information line. For a final phase the line is the outcome and the result's
        /// Message, and the result is completed (outcome, finish time, name, the error's subject).
        /// </summary>
        public void Apply(RolloutEvent on, RolloutRecord record, string? line = null, string? detail = null)
        {
            var from = _phase;
            var next = Transitions.Next(from, on);
            _phase = next;
            if (on == RolloutEvent.Began || on == RolloutEvent.ResumeStarted) BeganSeen = true;
            if (next.IsFinal())
            {
                Result.Outcome = next.ToOutcome();
                Result.FinishedAt ??= record.Now();
                Result.ClusterName ??= record.NameOf(ServiceGroupInstanceNo) ?? History.ClusterName;
                if (Error != null && Error.Subject == null) Error.Subject = record.Subject(ServiceGroupInstanceNo);
                var duration = Result.Duration.HasValue && !Result.FromEarlierRun ? $" after {Result.Duration.Value:hh\\:mm\\:ss}" : "";
                line = $"{Result.Outcome}{duration}: {Result.Message}";
                detail ??= Result.Message;
                Status = Result.Outcome.ToString();
            }
            else if (line != null)
            {
                Status = line;
            }
            record.Journal(this, Transitions.Of(on).JournalEvent, detail ?? line);
            if (line != null) record.Line(this, line);
            record.Changed(this, from, on);
        }
    }
}
