using System;
using System.Collections.Generic;
using System.Linq;
using static Cdss.Rollout.RolloutEvent;
using static Cdss.Rollout.RolloutPhase;

namespace Cdss.Rollout
{
    /// <summary>
    /// The rollout's state machine, as one table: for each event, the journal line it writes, the phases it may
    /// happen in, and the phase it leads to. docs/ARCHITECTURE.md shows the same table, and a test compares them.
    /// Anything not in the table is a bug and throws, so no change of phase can happen by accident.
    /// </summary>
    internal static class Transitions
    {
        internal sealed class Row
        {
            public Row(RolloutEvent on, string journalEvent, RolloutPhase[] from, RolloutPhase? to)
            {
                On = on;
                JournalEvent = journalEvent;
                From = from;
                To = to;
            }

            public RolloutEvent On { get; }

            /// <summary>The "event" of the journal line this transition writes.</summary>
            public string JournalEvent { get; }

            public IReadOnlyList<RolloutPhase> From { get; }

            /// <summary>The next phase; null when the phase stays (a progress reading).</summary>
            public RolloutPhase? To { get; }
        }

        private static readonly RolloutPhase[] Watching = { Requested, Reattached, Running };

        public static readonly IReadOnlyList<Row> Table = new[]
        {
            new Row(ResumeDone, "alreadyDone", new[] { Pending }, AlreadyDone),
            new Row(ResumeUnresolved, "stillUnresolved", new[] { Pending }, OutcomeUnknown),
            new Row(ResumeFailed, "stillFailed", new[] { Pending }, Failed),
            new Row(ResumeRequested, "reattached", new[] { Pending }, Reattached),
            new Row(ResumeStarted, "reattached", new[] { Pending }, Running),
            new Row(Attached, "attached", new[] { Pending }, Reattached),
            new Row(PreCheckPassed, "preCheck", new[] { Pending }, Cleared),
            new Row(PreCheckSaidNo, "skipped", new[] { Pending }, Skipped),
            new Row(PreCheckFailed, "skipped", new[] { Pending }, Skipped),
            new Row(Halted, "notStarted", new[] { Pending, Cleared }, NotStarted),
            new Row(PastDeadline, "deferred", new[] { Pending, Cleared }, Deferred),
            new Row(RolloutEvent.Requesting, "requesting", new[] { Pending, Cleared }, RolloutPhase.Requesting),
            new Row(Accepted, "requested", new[] { RolloutPhase.Requesting }, Requested),
            new Row(NotAccepted, "notAccepted", new[] { RolloutPhase.Requesting }, Skipped),
            new Row(RequestFailed, "requestFailed", new[] { RolloutPhase.Requesting }, Failed),
            new Row(RequestAmbiguous, "outcomeUnknown", new[] { RolloutPhase.Requesting }, OutcomeUnknown),
            new Row(Began, "started", new[] { Requested, Reattached }, Running),
            new Row(Progressed, "progress", Watching, null),
            new Row(Finished, "succeeded", new[] { Running }, Succeeded),
            new Row(TurnedRed, "failed", Watching, Failed),
            new Row(RolloutEvent.TimedOut, "timedOut", Watching, RolloutPhase.TimedOut),
            new Row(PollsFailed, "waitInterrupted", Watching, WaitInterrupted),
            new Row(NeverSeenStarting, "unresolved", new[] { Reattached }, RolloutPhase.OutcomeUnknown),
            new Row(NothingRunning, "nothingRunning", new[] { Reattached }, NotStarted),
            new Row(AwaitingTraffic, "awaitingTraffic", new[] { Running }, Recovering),
            new Row(TrafficRead, "traffic", new[] { Recovering }, null),
            new Row(TrafficRecovered, "succeeded", new[] { Recovering }, Succeeded),
            new Row(TrafficNotGated, "succeeded", new[] { Recovering }, Succeeded),
            new Row(TrafficNotRecovered, "failed", new[] { Recovering }, Failed),
        };

        private static readonly Dictionary<RolloutEvent, Row> ByEvent = Table.ToDictionary(r => r.On);

        public static Row Of(RolloutEvent on) => ByEvent[on];

        /// <summary>The phase <paramref name="on"/> leads to from <paramref name="from"/>; throws for a move the table does not allow.</summary>
        public static RolloutPhase Next(RolloutPhase from, RolloutEvent on)
        {
            var row = ByEvent[on];
            if (!row.From.Contains(from))
            {
                throw new InvalidOperationException($"A rollout item in phase {from} cannot take the event {on}; this is a bug in the rollout.");
            }
            return row.To ?? from;
        }
    }
}
