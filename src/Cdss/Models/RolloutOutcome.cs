namespace Cdss
{
    /// <summary>How one cluster of a rollout (rolling restart, upgrade, config group apply) ended.</summary>
    public enum RolloutOutcome
    {
        /// <summary>The service showed the operation begin and then finish: all brokers up, status green.</summary>
        Succeeded,

        /// <summary>It began and the cluster turned red, or the request itself failed definitively.</summary>
        Failed,

        /// <summary>It did not finish within -TimeoutMinutes (or never showed a change); it may still be running.</summary>
        TimedOut,

        /// <summary>The request may or may not have reached the service; it was not sent again.</summary>
        OutcomeUnknown,

        /// <summary>Progress could not be read (polls kept failing, or access was refused); it may still be running.</summary>
        WaitInterrupted,

        /// <summary>The pre-check said no, or the service did not accept the request: nothing was touched.</summary>
        Skipped,

        /// <summary>Not started because the rollout halted (or, for Wait-CdssRollingRestart, nothing was running).</summary>
        NotStarted,

        /// <summary>Not started because -Deadline had passed.</summary>
        Deferred,

        /// <summary>The journal records it as done by an earlier run: not touched again.</summary>
        AlreadyDone,
    }
}
