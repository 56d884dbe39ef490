using System;
using System.Collections.Generic;
using System.Management.Automation;
using Cdss.Api;
using Cdss.Rollout;

namespace Cdss.Commands
{
    /// <summary>
    /// Base of the cmdlets that start a fleet operation (rolling restart, rolling upgrade, config group apply):
    /// the clusters, -Force, and the rollout parameters exist once, here. Without -Wait each cluster's request is
    /// sent as it arrives and the service's answer written; with -Wait every cluster is confirmed as it arrives and
    /// the rollout engine runs them all at the end.
    /// </summary>
    public abstract class RolloutCmdlet : CdssSessionCmdlet
    {
        internal const string RequestSet = "Request";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ClusterNumberTransformation]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long[] ServiceGroupInstanceNo { get; set; } = Array.Empty<long>();

        /// <summary>Do not ask for confirmation (-WhatIf and an explicit -Confirm still win).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Run a rollout: start each cluster and wait until the service shows the operation begin and finish.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RolloutParameters.Set)]
        public SwitchParameter Wait { get; set; }

        [Parameter(ParameterSetName = RolloutParameters.Set)]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = RolloutParameters.DefaultPollIntervalSec;

        [Parameter(ParameterSetName = RolloutParameters.Set)]
        [ValidateRange(1, 1440)]
        public int TimeoutMinutes { get; set; } = RolloutParameters.DefaultTimeoutMinutes;

        /// <summary>An append-only JSON-lines journal; the same command with the same journal resumes.</summary>
        [Parameter(ParameterSetName = RolloutParameters.Set)]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>How many failed clusters the rollout goes on past (default 0: the first failure halts it).</summary>
        [Parameter(ParameterSetName = RolloutParameters.Set)]
        [ValidateRange(0, int.MaxValue)]
        public int MaxFailures { get; set; }

        /// <summary>No cluster is started after this time; the rest are Deferred.</summary>
        [Parameter(ParameterSetName = RolloutParameters.Set)]
        public DateTime? Deadline { get; set; }

        /// <summary>Seconds to pause after each cluster turns green, before the next one starts.</summary>
        [Parameter(ParameterSetName = RolloutParameters.Set)]
        [ValidateRange(0, 86400)]
        public int SettleSec { get; set; }

        /// <summary>How many clusters run at once (each still restarts its brokers one by one).</summary>
        [Parameter(ParameterSetName = RolloutParameters.Set)]
        [ValidateRange(1, RolloutParameters.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = 1;

        /// <summary>
        /// The traffic gate: after each cluster is done, wait until -TrafficMetric is back to this share (above 0, at
        /// most 1) of its mean over the -TrafficBaselineMinutes before the request. No gate without it.
        /// </summary>
        [Parameter(ParameterSetName = RolloutParameters.Set)]
        public double? TrafficRecovery { get; set; }

        /// <summary>The cluster metric the traffic gate reads (default cluster_messagesInSecMean).</summary>
        [Parameter(ParameterSetName = RolloutParameters.Set)]
        [ValidateNotNullOrEmpty]
        public string TrafficMetric { get; set; } = RolloutParameters.DefaultTrafficMetric;

        /// <summary>Minutes before the request whose mean is the traffic baseline (default 30).</summary>
        [Parameter(ParameterSetName = RolloutParameters.Set)]
        [ValidateRange(1, 1440)]
        public int TrafficBaselineMinutes { get; set; } = RolloutParameters.DefaultTrafficBaselineMinutes;

        private CdssClient? _client;
        private readonly List<long> _rollout = new List<long>();

        internal CdssClient Client => _client!;

        /// <summary>What the confirmation prompt says is about to happen to each cluster.</summary>
        internal abstract string ConfirmAction { get; }

        /// <summary>The progress bar's title, e.g. "Rolling restart".</summary>
        internal abstract string Activity { get; }

        /// <summary>Without -Wait: send one cluster's request (after its own checks) and write the answer.</summary>
        internal abstract void Request(long serviceGroupInstanceNo);

        /// <summary>With -Wait: the operation the engine runs.</summary>
        internal abstract IRolloutOperation CreateOperation();

        /// <summary>Lets an operation learn what it needs once before the rollout (e.g. version names).</summary>
        internal virtual void BeforeRollout(IRolloutOperation operation) { }

        /// <summary>Extra options (e.g. -SkipPreCheck).</summary>
        internal virtual void Configure(RolloutOptions options) { }

        protected override void BeginProcessing() => _client = ResolveSession().CreateClient(Log);

        protected override void ProcessRecord()
        {
            foreach (var number in ServiceGroupInstanceNo)
            {
                if (Wait)
                {
                    // Asked now, so every prompt comes before anything starts; the rollout runs at the end.
                    if (ShouldProceed(Client.Clusters.Label(number), ConfirmAction, Force)) _rollout.Add(number);
                    continue;
                }
                ForTarget(number, () =>
                {
                    if (ShouldProceed(Client.Clusters.Label(number), ConfirmAction, Force)) Request(number);
                });
            }
        }

        protected override void EndProcessing()
        {
            if (!Wait || _rollout.Count == 0) return;
            var options = RolloutParameters.Options(PollIntervalSec, TimeoutMinutes, MaxFailures, Deadline, SettleSec, ThrottleLimit);
            Configure(options);
            var journal = JournalPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath);
            var operation = CreateOperation();
            try
            {
                options.Traffic = RolloutParameters.Traffic(Client, TrafficRecovery, TrafficMetric, TrafficBaselineMinutes, MyInvocation.BoundParameters.ContainsKey(nameof(TrafficMetric)));
                new RolloutRunner(this, Activity).Run(operation, options, Client, _rollout, journal, () => BeforeRollout(operation));
            }
            catch (CdssException ex)
            {
                ThrowCdssError(ex, journal);
            }
        }
    }
}
