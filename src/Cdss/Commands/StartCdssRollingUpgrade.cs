using System.Globalization;
using System.Management.Automation;
using Cdss.Api;
using Cdss.Rollout;

namespace Cdss.Commands
{
    /// <summary>
    /// Rolling-upgrades clusters to a Kafka version with a config group made for it, gated on the upgrade
    /// pre-check. Without -Wait it writes the service's answer for each cluster; with -Wait it is a rollout on the
    /// same engine, with the same rules and journal, as Start-CdssRollingRestart -Wait.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "CdssRollingUpgrade", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = RequestSet)]
    [OutputType(OperationKind.RollingUpgradeAnswer, ParameterSetName = new[] { RequestSet })]
    [OutputType(OperationKind.RollingUpgradeResult, ParameterSetName = new[] { RolloutParameters.Set })]
    public sealed class StartCdssRollingUpgrade : RolloutCmdlet
    {
        /// <summary>The target Kafka version (Get-CdssKafkaVersion).</summary>
        [Parameter(Mandatory = true)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(KafkaVersionCodeCompleter))]
        public int KafkaVersionCode { get; set; }

        /// <summary>A config group made for the target version (Get-CdssConfigGroup).</summary>
        [Parameter(Mandatory = true)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(ConfigGroupNumberCompleter))]
        public int ConfigGroupNo { get; set; }

        private string Version => KafkaVersionCode.ToString(CultureInfo.InvariantCulture);
        private string Group => ConfigGroupNo.ToString(CultureInfo.InvariantCulture);

        internal override string ConfirmAction =>
            $"Rolling upgrade to Kafka version {Version} with config group {Group} (brokers restart one at a time; clients may see brief interruptions)";

        internal override string Activity => $"Rolling upgrade to {Version}";

        internal override IRolloutOperation CreateOperation() => new RollingUpgradeOperation(Client, KafkaVersionCode, ConfigGroupNo);

        internal override void BeforeRollout(IRolloutOperation operation) =>
            Await(((RollingUpgradeOperation)operation).LoadVersionNamesAsync(StopToken));

        internal override void Request(long number)
        {
            var check = Await(Client.RollingUpgradePreCheckAsync(number, KafkaVersionCode, ConfigGroupNo, StopToken));
            if (!check.CanUpgrade)
            {
                throw CdssException.ForServiceCode(CdssErrorIds.PreCheckFailed, CdssErrorCategory.InvalidOperation,
                    $"The rolling upgrade pre-check for version {Version} with config group {Group} said no", check.Code, check.Message, check.RequestId,
                    ServiceCodeHints.For(check.Code,
                        "The cluster must be running and idle, the version newer than its own, and the group made for that version (Test-CdssRollingUpgrade, Get-CdssConfigGroup)."),
                    detail: "No upgrade was requested.");
            }
            AnswerOutput.Write(this, Await(Client.StartRollingUpgradeAsync(number, KafkaVersionCode, ConfigGroupNo, StopToken)));
        }
    }
}
