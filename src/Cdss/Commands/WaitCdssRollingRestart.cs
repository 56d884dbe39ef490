using System;
using System.Collections.Generic;
using System.Management.Automation;
using Cdss.Rollout;

namespace Cdss.Commands
{
    /// <summary>
    /// Attaches to rolling restarts already running (started by another run, the console, or a killed runbook)
    /// and waits for them with the rollout's rules. It never requests a restart. A cluster with nothing running
    /// is written at once as NotStarted.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "CdssRollingRestart")]
    [OutputType(OperationKind.RollingRestartResult)]
    public sealed class WaitCdssRollingRestart : CdssSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ClusterNumberTransformation]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long[] ServiceGroupInstanceNo { get; set; } = Array.Empty<long>();

        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = RolloutParameters.DefaultPollIntervalSec;

        [Parameter]
        [ValidateRange(1, 1440)]
        public int TimeoutMinutes { get; set; } = RolloutParameters.DefaultTimeoutMinutes;

        private readonly List<long> _clusters = new List<long>();

        protected override void ProcessRecord() => _clusters.AddRange(ServiceGroupInstanceNo);

        protected override void EndProcessing()
        {
            if (_clusters.Count == 0) return;
            var client = ResolveSession().CreateClient(Log);
            // Waiting starts nothing, so every cluster is watched at once.
            var options = RolloutParameters.Options(PollIntervalSec, TimeoutMinutes, maxFailures: int.MaxValue - 1, deadline: null, settleSec: 0,
                throttleLimit: Math.Max(1, _clusters.Count));
            options.AttachOnly = true;
            new RolloutRunner(this, "Waiting for rolling restarts").Run(new RollingRestartOperation(client), options, client, _clusters, journalPath: null);
        }
    }
}
