using System.Globalization;
using System.Management.Automation;
using Cdss.Rollout;

namespace Cdss.Commands
{
    /// <summary>
    /// Applies a config group to clusters; the service then restarts each cluster's brokers. Refuses a group made for
    /// another Kafka version than the cluster runs before sending anything. With -Wait it is a rollout on the same
    /// engine as Start-CdssRollingRestart -Wait: done means the cluster went through "changing" (or a restart showed)
    /// and is running and green again.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CdssClusterConfigGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = RequestSet)]
    [OutputType(OperationKind.ConfigGroupApplyAnswer, ParameterSetName = new[] { RequestSet })]
    [OutputType(OperationKind.ConfigGroupApplyResult, ParameterSetName = new[] { RolloutParameters.Set })]
    public sealed class SetCdssClusterConfigGroup : RolloutCmdlet
    {
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(ConfigGroupNumberCompleter))]
        public int ConfigGroupNo { get; set; }

        /// <summary>One operation for the whole command: it looks the group up once.</summary>
        private ConfigGroupApplyOperation? _operation;

        private ConfigGroupApplyOperation Operation => _operation ??= new ConfigGroupApplyOperation(Client, ConfigGroupNo);

        private string Group => ConfigGroupNo.ToString(CultureInfo.InvariantCulture);

        internal override string ConfirmAction => $"Apply config group {Group} (the service restarts the cluster's brokers to apply it)";
        internal override string Activity => $"Applying config group {Group}";

        internal override IRolloutOperation CreateOperation() => Operation;

        internal override void Request(long number)
        {
            var cluster = Await(Client.GetClusterDetailAsync(number, StopToken));
            var group = Await(Operation.CheckGroupAsync(cluster, StopToken));
            if (!cluster.KafkaVersionCode.HasValue)
            {
                WriteWarning($"{Client.Clusters.Label(number)}: the service did not say which Kafka version it runs, so the version of config group {Group} was not checked here; the service checks it.");
            }
            AnswerOutput.Write(this, Await(Client.ApplyConfigGroupAsync(ConfigGroupNo, group.KafkaVersionCode, number, StopToken)));
        }
    }
}
