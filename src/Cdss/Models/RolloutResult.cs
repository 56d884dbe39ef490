using System;
using System.Collections.Generic;

namespace Cdss
{
    /// <summary>
    /// What a rollout did to one cluster. One class serves every operation; each result carries its operation's
    /// type name (Cdss.RollingRestartResult, Cdss.RollingUpgradeResult, Cdss.ConfigGroupApplyResult) first in
    /// PSTypeNames, and that operation's extra facts (the upgrade's FromKafkaVersion and ToKafkaVersion, the config
    /// group applied) as properties, so scripts, views and reports see one shape per operation.
    /// </summary>
    public sealed class RolloutResult
    {
        internal RolloutResult(OperationKind kind) => Kind = kind;

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

        /// <summary>
        /// With a traffic gate (-TrafficRecovery): the gate metric's mean over the baseline window before the request;
        /// null when the rollout was not gated or the metric was absent.
        /// </summary>
        public double? TrafficBaseline { get; set; }

        /// <summary>With a traffic gate: the metric's last value read after the operation finished; null when not gated.</summary>
        public double? TrafficAfter { get; set; }

        /// <summary>The last progress check seen.</summary>
        public ClusterProgress? Progress { get; set; }

        /// <summary>True for the outcomes that stop a rollout: Failed, TimedOut, OutcomeUnknown, WaitInterrupted.</summary>
        public bool IsFailure => Outcome == RolloutOutcome.Failed || Outcome == RolloutOutcome.TimedOut ||
                                 Outcome == RolloutOutcome.OutcomeUnknown || Outcome == RolloutOutcome.WaitInterrupted;

        /// <summary>Which operation this is a result of; its ResultTypeName is the name scripts and views know this result by.</summary>
        internal OperationKind Kind { get; }

        /// <summary>
        /// The outcome was decided by an earlier run of the same journal (AlreadyDone, or still unresolved or failed):
        /// RequestedAt, FinishedAt and Duration are that run's, and this run did nothing to the cluster.
        /// </summary>
        internal bool FromEarlierRun { get; set; }

        /// <summary>Each progress reading that changed brokers up or the status, oldest first (for the report's timeline).</summary>
        internal List<ProgressSample> Samples { get; } = new List<ProgressSample>();

        /// <summary>The operation's own facts, written as extra properties, in order.</summary>
        internal IList<KeyValuePair<string, object?>> Facts { get; } = new List<KeyValuePair<string, object?>>();

        internal void SetFact(string name, object? value)
        {
            for (var i = 0; i < Facts.Count; i++)
            {
                if (Facts[i].Key == name)
                {
                    Facts[i] = new KeyValuePair<string, object?>(name, value);
                    return;
                }
            }
            Facts.Add(new KeyValuePair<string, object?>(name, value));
        }

        public override string ToString() => $"{ClusterName ?? ServiceGroupInstanceNo.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Outcome}";
    }
}
