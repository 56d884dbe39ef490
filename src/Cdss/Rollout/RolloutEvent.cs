namespace Cdss.Rollout
{
    /// <summary>What can happen to one cluster of a rollout; <see cref="Transitions"/> says from which phase to which.</summary>
    internal enum RolloutEvent
    {
        // Resuming from the journal of earlier runs (or attaching, for Wait-CdssRollingRestart).
        ResumeDone,
        ResumeUnresolved,
        ResumeFailed,
        ResumeRequested,
        ResumeStarted,
        Attached,

        // Before the request.
        PreCheckPassed,
        PreCheckSaidNo,
        PreCheckFailed,
        Halted,
        PastDeadline,

        // The request.
        Requesting,
        Accepted,
        NotAccepted,
        RequestFailed,
        RequestAmbiguous,

        // Watching.
        Began,
        Progressed,
        Finished,
        TurnedRed,
        TimedOut,
        PollsFailed,
        NeverSeenStarting,
        NothingRunning,

        // The traffic gate.
        AwaitingTraffic,
        TrafficRead,
        TrafficRecovered,
        TrafficNotGated,
        TrafficNotRecovered,
    }
}
