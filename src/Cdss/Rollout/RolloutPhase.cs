namespace Cdss.Rollout
{
    /// <summary>
    /// Where one cluster of a rollout stands. Every change goes through <see cref="Transitions.Next"/>; the final
    /// phases are the outcomes a result reports (<see cref="RolloutOutcome"/>).
    /// </summary>
    internal enum RolloutPhase
    {
        /// <summary>Not looked at yet in this run.</summary>
        Pending,

        /// <summary>The pre-check said it may start; the request comes next (unless the rollout halted or the deadline passed).</summary>
        Cleared,

        /// <summary>The "requesting" journal line is on disk and the start request is on its way: it may reach the service.</summary>
        Requesting,

        /// <summary>The service accepted the request; it has not yet been seen to begin.</summary>
        Requested,

        /// <summary>Requested by an earlier run (or attached to by Wait-CdssRollingRestart) and not yet seen to begin in this one.</summary>
        Reattached,

        /// <summary>The service showed it begin; waiting for it to finish.</summary>
        Running,

        /// <summary>It finished by the done rule; the traffic gate waits for the cluster's traffic to come back.</summary>
        Recovering,

        Succeeded,
        Failed,
        TimedOut,
        OutcomeUnknown,
        WaitInterrupted,
        Skipped,
        NotStarted,
        Deferred,
        AlreadyDone,
    }

    internal static class RolloutPhases
    {
        public static bool IsFinal(this RolloutPhase phase) => phase >= RolloutPhase.Succeeded;

        /// <summary>Phases in which the operation may be running on the service because of this rollout: what a Ctrl+C leaves behind.</summary>
        public static bool MayBeRunning(this RolloutPhase phase) =>
            phase == RolloutPhase.Requesting || phase == RolloutPhase.Requested || phase == RolloutPhase.Reattached || phase == RolloutPhase.Running;

        /// <summary>The outcome a final phase reports.</summary>
        public static RolloutOutcome ToOutcome(this RolloutPhase phase) => phase switch
        {
            RolloutPhase.Succeeded => RolloutOutcome.Succeeded,
            RolloutPhase.Failed => RolloutOutcome.Failed,
            RolloutPhase.TimedOut => RolloutOutcome.TimedOut,
            RolloutPhase.OutcomeUnknown => RolloutOutcome.OutcomeUnknown,
            RolloutPhase.WaitInterrupted => RolloutOutcome.WaitInterrupted,
            RolloutPhase.Skipped => RolloutOutcome.Skipped,
            RolloutPhase.NotStarted => RolloutOutcome.NotStarted,
            RolloutPhase.Deferred => RolloutOutcome.Deferred,
            RolloutPhase.AlreadyDone => RolloutOutcome.AlreadyDone,
            _ => throw new System.ArgumentOutOfRangeException(nameof(phase), phase, "Not a final phase."),
        };
    }
}
