using System;

namespace Cdss
{
    /// <summary>
    /// What a rollout did to one cluster. Start-CdssRollingRestart -Wait and Wait-CdssRollingRestart write
    /// <see cref="RollingRestartResult"/>; the upgrade and config group apply write their own kinds with extra facts.
    /// </summary>
    public abstract class RolloutResult
    {
        public long ServiceGroupInstanceNo { get; set; }
        public string? ClusterName { get; set; }
        public RolloutOutcome Outcome { get; set; }

        /// <summary>CDSS's code from the answer that decided the outcome (the pre-check's for Skipped), when there was one.</summary>
        public int? Code { get; set; }

        /// <summary>What happened, in words: the service's reason, or the module's account of the wait.</summary>
        public string Message { get; set; } = "";

        /// <summary>The request id of the call that started the operation (or of the pre-check that said no).</summary>
        public string? RequestId { get; set; }

        /// <summary>When the operation was requested (UTC); null when it never was.</summary>
        public DateTimeOffset? RequestedAt { get; set; }

        /// <summary>When this cluster's outcome was decided (UTC).</summary>
        public DateTimeOffset? FinishedAt { get; set; }

        public TimeSpan? Duration => RequestedAt.HasValue && FinishedAt.HasValue ? FinishedAt - RequestedAt : null;

        /// <summary>From the last progress seen.</summary>
        public string? BrokerStatus => Progress?.BrokerStatus;
        public int? BrokersUp => Progress?.BrokersUp;
        public int? BrokersTotal => Progress?.BrokersTotal;

        /// <summary>The last progress check seen.</summary>
        public RollingRestartProgress? Progress { get; set; }

        /// <summary>True for the outcomes that stop a rollout: Failed, TimedOut, OutcomeUnknown, WaitInterrupted.</summary>
        public bool IsFailure => Outcome == RolloutOutcome.Failed || Outcome == RolloutOutcome.TimedOut ||
                                 Outcome == RolloutOutcome.OutcomeUnknown || Outcome == RolloutOutcome.WaitInterrupted;

        public override string ToString() => $"{ClusterName ?? ServiceGroupInstanceNo.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Outcome}";
    }

    /// <summary>One cluster's rolling restart, as a rollout saw it (Start-CdssRollingRestart -Wait, Wait-CdssRollingRestart).</summary>
    public sealed class RollingRestartResult : RolloutResult
    {
    }
}
