using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Rollout
{
    /// <summary>How a rollout runs (the rollout parameters of the cmdlets), plus the clock and wait it uses.</summary>
    internal sealed class RolloutOptions
    {
        /// <summary>How many clusters run at once; each still restarts its brokers one by one, server-side.</summary>
        public int ThrottleLimit { get; set; } = 1;

        /// <summary>How many failed clusters the rollout tolerates before it halts (0: the first failure halts).</summary>
        public int MaxFailures { get; set; }

        /// <summary>No cluster is started after this; clusters already running are still waited on.</summary>
        public DateTimeOffset? Deadline { get; set; }

        /// <summary>A pause after each cluster turns green, before its slot starts the next one.</summary>
        public TimeSpan Settle { get; set; } = TimeSpan.Zero;

        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(60);

        /// <summary>Send the start request without asking the pre-check first.</summary>
        public bool SkipPreCheck { get; set; }

        /// <summary>Only wait on clusters (Wait-CdssRollingRestart): nothing is ever requested.</summary>
        public bool AttachOnly { get; set; }

        /// <summary>
        /// How long after its request a re-attached operation may take to show any sign of starting. Past it, with
        /// nothing running, the rollout cannot tell whether it happened: OutcomeUnknown, left to an operator.
        /// </summary>
        public TimeSpan LateStartGrace { get; set; } = DefaultLateStartGrace;

        public static readonly TimeSpan DefaultLateStartGrace = TimeSpan.FromMinutes(5);

        /// <summary>The traffic gate (-TrafficRecovery), or null for none.</summary>
        public TrafficGate? Traffic { get; set; }

        public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (wait, token) => Task.Delay(wait, token);
    }
}
