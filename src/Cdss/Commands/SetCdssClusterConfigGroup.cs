using System;
using System.Globalization;
using System.Management.Automation;
using Cdss.Api;
using Cdss.Maintenance;

namespace Cdss.Commands
{
    /// <summary>
    /// Applies a config group to clusters, one at a time; the service then restarts each cluster's brokers.
    /// Refuses a group made for another Kafka version than the cluster runs before sending anything.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CdssClusterConfigGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ConfigGroupApplyResult))]
    public sealed class SetCdssClusterConfigGroup : CdssSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long[] ServiceGroupInstanceNo { get; set; } = Array.Empty<long>();

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(1, int.MaxValue)]
        public int ConfigGroupNo { get; set; }

        /// <summary>Do not ask for confirmation (-WhatIf and an explicit -Confirm still win).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private CdssClient? _client;

        /// <summary>The group, looked up once: its version does not depend on the cluster.</summary>
        private ConfigGroup? _group;

        protected override void BeginProcessing() => _client = ResolveSession().CreateClient(Log);

        protected override void ProcessRecord()
        {
            foreach (var number in ServiceGroupInstanceNo)
            {
                try
                {
                    Apply(number);
                }
                catch (CdssException ex)
                {
                    WriteCdssError(ex, number);
                }
            }
        }

        private void Apply(long number)
        {
            var group = ConfigGroupNo.ToString(CultureInfo.InvariantCulture);
            if (!ForcedConfirmation.ShouldProcess(this, Force, $"CDSS cluster {number}",
                    $"Apply config group {group} (the service restarts the cluster's brokers to apply it)"))
            {
                return;
            }
            var cluster = Await(_client!.GetClusterDetailAsync(number, StopToken));
            _group ??= Await(_client!.FindConfigGroupAsync(ConfigGroupNo, cluster.KafkaVersionCode, StopToken));
            if (_group == null)
            {
                throw new CdssException(CdssErrorIds.ConfigGroupNotFound, CdssErrorCategory.ObjectNotFound,
                    $"Cluster {cluster.Label}: there is no config group {group} for any Kafka version. Nothing was sent.",
                    "List the groups with Get-CdssConfigGroup.");
            }
            if (!cluster.KafkaVersionCode.HasValue)
            {
                WriteWarning($"Cluster {cluster.Label}: the service did not say which Kafka version it runs, so the version of config group {group} was not checked here; the service checks it.");
            }
            var mismatch = ConfigGroupVersionCheck.Check(cluster, _group);
            if (mismatch != null) throw mismatch;

            WriteObject(Await(_client!.ApplyConfigGroupAsync(ConfigGroupNo, _group.KafkaVersionCode, number, cluster.ClusterName, StopToken)));
        }
    }
}
