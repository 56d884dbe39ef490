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
    public sealed class SetCdssClusterConfigGroup : PerClusterCmdlet
    {
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(1, int.MaxValue)]
        public int ConfigGroupNo { get; set; }

        /// <summary>Do not ask for confirmation (-WhatIf and an explicit -Confirm still win).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The group, looked up once: its version does not depend on the cluster.</summary>
        private ConfigGroup? _group;

        private protected override void ProcessCluster(CdssClient client, long number)
        {
            var group = ConfigGroupNo.ToString(CultureInfo.InvariantCulture);
            if (!ShouldProceed(client.Clusters.Label(number), $"Apply config group {group} (the service restarts the cluster's brokers to apply it)", Force))
            {
                return;
            }
            var cluster = Await(client.GetClusterDetailAsync(number, StopToken));
            _group ??= Await(client.FindConfigGroupAsync(ConfigGroupNo, cluster.KafkaVersionCode, StopToken));
            if (_group == null)
            {
                throw new CdssException(CdssErrorIds.ConfigGroupNotFound, CdssErrorCategory.ObjectNotFound,
                    $"there is no config group {group} for any Kafka version. Nothing was sent.",
                    "List the groups with Get-CdssConfigGroup.");
            }
            if (!cluster.KafkaVersionCode.HasValue)
            {
                WriteWarning($"{client.Clusters.Label(number)}: the service did not say which Kafka version it runs, so the version of config group {group} was not checked here; the service checks it.");
            }
            var mismatch = ConfigGroupVersionCheck.Check(cluster, _group);
            if (mismatch != null) throw mismatch;

            WriteObject(Await(client.ApplyConfigGroupAsync(ConfigGroupNo, _group.KafkaVersionCode, number, StopToken)));
        }
    }
}
