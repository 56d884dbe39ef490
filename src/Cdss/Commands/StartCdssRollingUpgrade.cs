using System.Globalization;
using System.Management.Automation;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>
    /// Rolling-upgrades clusters to a Kafka version with a config group made for it, one cluster at a time,
    /// gated on the upgrade pre-check. Writes the service's answer for each cluster.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "CdssRollingUpgrade", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RollingUpgrade))]
    public sealed class StartCdssRollingUpgrade : PerClusterCmdlet
    {
        /// <summary>The target Kafka version (Get-CdssKafkaVersion).</summary>
        [Parameter(Mandatory = true)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(KafkaVersionCodeCompleter))]
        public int KafkaVersionCode { get; set; }

        /// <summary>A config group made for the target version (Get-CdssConfigGroup).</summary>
        [Parameter(Mandatory = true)]
        [ValidateRange(1, int.MaxValue)]
        public int ConfigGroupNo { get; set; }

        /// <summary>Do not ask for confirmation (-WhatIf and an explicit -Confirm still win).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override void ProcessCluster(CdssClient client, long number)
        {
            var version = KafkaVersionCode.ToString(CultureInfo.InvariantCulture);
            var group = ConfigGroupNo.ToString(CultureInfo.InvariantCulture);
            if (!ShouldProceed(client.Clusters.Label(number),
                    $"Rolling upgrade to Kafka version {version} with config group {group} (brokers restart one at a time; clients may see brief interruptions)", Force))
            {
                return;
            }
            var check = Await(client.RollingUpgradePreCheckAsync(number, KafkaVersionCode, ConfigGroupNo, StopToken));
            if (!check.CanUpgrade)
            {
                throw CdssException.ForServiceCode(CdssErrorIds.PreCheckFailed, CdssErrorCategory.InvalidOperation,
                    $"The rolling upgrade pre-check for version {version} with config group {group} said no", check.Code, check.Message, check.RequestId,
                    ServiceCodeHints.For(check.Code,
                        "The cluster must be running and idle, the version newer than its own, and the group made for that version (Test-CdssRollingUpgrade, Get-CdssConfigGroup)."),
                    detail: "No upgrade was requested.");
            }
            var upgrade = Await(client.StartRollingUpgradeAsync(number, KafkaVersionCode, ConfigGroupNo, StopToken));
            // Following an accepted upgrade to the end (a rollout with -Wait) is a separate step built on this answer.
            WriteObject(upgrade);
        }
    }
}
