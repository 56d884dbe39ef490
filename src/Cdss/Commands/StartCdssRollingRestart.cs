using System;
using System.Collections.Generic;
using System.Management.Automation;
using Cdss.Api;
using Cdss.Rollout;

namespace Cdss.Commands
{
    /// <summary>
    /// Rolling-restarts clusters, gated on the pre-check. Without -Wait each restart is requested and its answer
    /// written. With -Wait it is a rollout over every cluster received: see RolloutEngine for the rules.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "CdssRollingRestart", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = RequestSet)]
    [OutputType(typeof(RollingRestart), ParameterSetName = new[] { RequestSet })]
    [OutputType(typeof(RollingRestartResult), ParameterSetName = new[] { RolloutParameters.Set })]
    public sealed class StartCdssRollingRestart : CdssSessionCmdlet
    {
        private const string RequestSet = "Request";
        private const string Action = "Rolling restart (brokers restart one at a time; clients may see brief interruptions)";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ClusterNumberTransformation]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long[] ServiceGroupInstanceNo { get; set; } = Array.Empty<long>();

        /// <summary>Send the restart without asking the pre-check first.</summary>
        [Parameter]
        public SwitchParameter SkipPreCheck { get; set; }

        /// <summary>Do not ask for confirmation (-WhatIf and an explicit -Confirm still win).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Run a rollout: restart each cluster and wait until the service shows it begin and finish green.</summary>
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

        /// <summary>How many clusters restart at once (each still restarts its brokers one by one).</summary>
        [Parameter(ParameterSetName = RolloutParameters.Set)]
        [ValidateRange(1, RolloutParameters.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = 1;

        private CdssClient? _client;
        private readonly List<long> _rollout = new List<long>();

        protected override void BeginProcessing() => _client = ResolveSession().CreateClient(Log);

        protected override void ProcessRecord()
        {
            foreach (var number in ServiceGroupInstanceNo)
            {
                if (Wait)
                {
                    // Asked now, so the prompts come before anything is restarted; the rollout runs at the end.
                    if (ShouldProceed(_client!.Clusters.Label(number), Action, Force)) _rollout.Add(number);
                    continue;
                }
                ForTarget(number, () => Request(number));
            }
        }

        protected override void EndProcessing()
        {
            if (!Wait || _rollout.Count == 0) return;
            var options = RolloutParameters.Options(PollIntervalSec, TimeoutMinutes, MaxFailures, Deadline, SettleSec, ThrottleLimit);
            options.SkipPreCheck = SkipPreCheck;
            var journal = JournalPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath);
            try
            {
                new RolloutRunner(this, "Rolling restart").Run(new RollingRestartOperation(_client!), options, _client!.Clusters, _rollout, journal);
            }
            catch (CdssException ex)
            {
                ThrowCdssError(ex, journal);
            }
        }

        private void Request(long number)
        {
            if (!ShouldProceed(_client!.Clusters.Label(number), Action, Force)) return;
            if (!SkipPreCheck)
            {
                var check = Await(_client!.PreCheckAsync(number, StopToken));
                if (!check.CanRestart)
                {
                    throw CdssException.ForServiceCode(CdssErrorIds.PreCheckFailed, CdssErrorCategory.InvalidOperation,
                        "The rolling restart pre-check said no", check.Code, check.Message, check.RequestId,
                        ServiceCodeHints.For(check.Code, "Wait until the cluster is running and healthy (Test-CdssRollingRestart), then try again."),
                        detail: "No restart was requested.");
                }
            }
            WriteObject(Await(_client!.StartRollingRestartAsync(number, StopToken)));
        }
    }
}
