using System;

namespace Cdss.Rollout
{
    /// <summary>What the done rule makes of one look at a cluster.</summary>
    internal enum Verdict
    {
        /// <summary>No sign of the operation yet, and it may still begin.</summary>
        NotBegun,

        /// <summary>It began (now or at an earlier look) and has not finished.</summary>
        Running,

        /// <summary>It began at an earlier look, and now all brokers are up, the status is green and the service no longer says it runs.</summary>
        Done,

        /// <summary>The cluster turned red.</summary>
        Failed,

        /// <summary>
        /// It was never seen to begin, the time by which it should have has passed, and the service shows nothing
        /// running: whether it happened cannot be told from here.
        /// </summary>
        Unknown,
    }

    /// <summary>Everything the done rule looks at: what was seen before, and what one look at the service shows now.</summary>
    internal readonly struct Observation
    {
        public Observation(bool beganBefore, ClusterProgress? progress, bool? saysRunning, DateTimeOffset now, DateTimeOffset? beginBy)
        {
            BeganBefore = beganBefore;
            Progress = progress;
            SaysRunning = saysRunning;
            Now = now;
            BeginBy = beginBy;
        }

        /// <summary>
        /// The service showed the operation begin at an earlier look after the request: in this run, or recorded in the
        /// journal as a "started" line by an earlier one. Nothing else counts (a "progress" line is not evidence).
        /// </summary>
        public bool BeganBefore { get; }

        /// <summary>
        /// The progress check's answer now; null when it could not be read. When <see cref="SaysRunning"/> is false,
        /// it must have been read after that answer: two reads at two moments are only consistent in that order.
        /// </summary>
        public ClusterProgress? Progress { get; }

        /// <summary>Whether the service says the operation is running (the pre-check answers "in progress"); null when not asked or not answered.</summary>
        public bool? SaysRunning { get; }

        public DateTimeOffset Now { get; }

        /// <summary>
        /// When a request never seen to begin stops being "not begun yet": the request time plus the late-start grace
        /// for a re-attached request, the first look for Wait-CdssRollingRestart; null for a request made in this run,
        /// which may take until the timeout.
        /// </summary>
        public DateTimeOffset? BeginBy { get; }
    }

    /// <summary>
    /// The rollout's "done" rule, a pure function of what was observed, in the spirit of kubectl's rollout status:
    /// <list type="number">
    /// <item>Red is a failure, whatever came before.</item>
    /// <item>A sign of the operation now (a broker down, a status other than green, or the service saying it is in
    /// progress) means it is running; so does a sign seen at an earlier look, until it is done.</item>
    /// <item>Done needs a sign seen at an earlier look, then all brokers up, green, and the service no longer
    /// saying it runs, all read successfully at this look.</item>
    /// <item>With no sign ever: past BeginBy, with the progress read green and the service saying nothing runs, it is
    /// unknown; otherwise it has not begun yet.</item>
    /// </list>
    /// </summary>
    internal static class DoneRule
    {
        public static Verdict Judge(in Observation seen)
        {
            var progress = seen.Progress;
            if (progress != null && progress.IsFailed) return Verdict.Failed;
            var signNow = (progress != null && !progress.IsComplete) || seen.SaysRunning == true;
            if (signNow) return Verdict.Running;
            if (seen.BeganBefore)
            {
                return progress != null && seen.SaysRunning == false ? Verdict.Done : Verdict.Running;
            }
            var nothingRuns = progress != null && seen.SaysRunning == false;
            return seen.BeginBy is { } by && seen.Now >= by && nothingRuns ? Verdict.Unknown : Verdict.NotBegun;
        }

        /// <summary>The sign a look shows, in words, for the record: "2/3 brokers up, status orange" or "the service says it is in progress".</summary>
        public static string SignOf(in Observation seen) =>
            seen.Progress != null && !seen.Progress.IsComplete ? Describe(seen.Progress) : "the service says it is in progress";

        public static string Describe(ClusterProgress? progress) =>
            progress == null ? "no progress could be read" : $"{progress.BrokersUp}/{progress.BrokersTotal} brokers up, status {progress.BrokerStatus}";
    }
}
