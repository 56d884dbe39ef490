using System;
using System.Management.Automation;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>
    /// Rolling-restarts clusters, one at a time, gated on the pre-check; optionally waits for each to be
    /// green again while showing broker progress.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "CdssRollingRestart", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RollingRestart), typeof(RollingRestartProgress))]
    public sealed class StartCdssRollingRestart : CdssSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ClusterNumberTransformation]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long[] ServiceGroupInstanceNo { get; set; } = Array.Empty<long>();

        /// <summary>Send the restart without asking the pre-check first.</summary>
        [Parameter]
        public SwitchParameter SkipPreCheck { get; set; }

        /// <summary>Wait until all brokers are up and the cluster is green again.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = 10;

        [Parameter]
        [ValidateRange(1, 1440)]
        public int TimeoutMinutes { get; set; } = 60;

        /// <summary>Do not ask for confirmation (-WhatIf still wins).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private CdssClient? _client;

        protected override void BeginProcessing() => _client = ResolveSession().CreateClient(Log);

        protected override void ProcessRecord()
        {
            foreach (var number in ServiceGroupInstanceNo)
            {
                ForTarget(number, () => Restart(number));
            }
        }

        private void Restart(long number)
        {
            var target = $"CDSS cluster {number}";
            if (!ShouldProceed(target, "Rolling restart (brokers restart one at a time; clients may see brief interruptions)", Force))
            {
                return;
            }
            if (!SkipPreCheck)
            {
                var check = Await(_client!.PreCheckAsync(number, StopToken));
                if (!check.CanRestart)
                {
                    throw CdssException.ForServiceCode(CdssErrorIds.PreCheckFailed, CdssErrorCategory.InvalidOperation,
                        $"Cluster {number} cannot be rolling-restarted now", check.Code, check.Message, check.RequestId,
                        "Wait until the cluster is running and healthy (Test-CdssRollingRestart), then try again.",
                        detail: "No restart was requested.");
                }
            }

            var restart = Await(_client!.StartRollingRestartAsync(number, StopToken));
            if (!Wait)
            {
                WriteObject(restart);
                return;
            }
            if (!restart.Accepted)
            {
                throw CdssException.ForServiceCode(CdssErrorIds.RestartNotAccepted, CdssErrorCategory.InvalidOperation,
                    $"The rolling restart of cluster {number} was not accepted", restart.Code, restart.Message, restart.RequestId,
                    "Check the cluster's state with Get-CdssRollingRestartProgress and Test-CdssRollingRestart.");
            }
            WriteObject(WaitForCompletion(number));
        }

        private RollingRestartProgress WaitForCompletion(long number)
        {
            var activity = $"Rolling restart of cluster {number}";
            var watcher = new RollingRestartWatcher(_client!.GetRollingRestartProgressAsync,
                TimeSpan.FromSeconds(PollIntervalSec), TimeSpan.FromMinutes(TimeoutMinutes));
            var updates = new QueuedProgress<RestartProgressUpdate>();
            var final = Await(watcher.WaitAsync(number, updates, StopToken), () =>
            {
                while (updates.TryTake(out var update)) ShowProgress(activity, update!);
            });
            WriteProgress(new ProgressRecord(3, activity, "Done") { RecordType = ProgressRecordType.Completed });
            return final;
        }

        private void ShowProgress(string activity, RestartProgressUpdate update)
        {
            var progress = update.Progress;
            var record = new ProgressRecord(3, activity,
                $"{update.BrokersRestarted} of {progress.BrokersTotal} brokers restarted; {progress.BrokersUp} up, status {progress.BrokerStatus}")
            {
                CurrentOperation = progress.NodeSummary(),
            };
            if (progress.BrokersTotal > 0) record.PercentComplete = Math.Min(100, update.BrokersRestarted * 100 / progress.BrokersTotal);
            WriteProgress(record);
        }
    }
}
