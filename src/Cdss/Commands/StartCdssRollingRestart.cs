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
    [OutputType(OperationKind.RollingRestartAnswer, ParameterSetName = new[] { RequestSet })]
    [OutputType(OperationKind.RollingRestartResult, ParameterSetName = new[] { RolloutParameters.Set })]
    public sealed class StartCdssRollingRestart : RolloutCmdlet
    {
        /// <summary>Send the restart without asking the pre-check first.</summary>
        [Parameter]
        public SwitchParameter SkipPreCheck { get; set; }

        internal override string ConfirmAction => "Rolling restart (brokers restart one at a time; clients may see brief interruptions)";
        internal override string Activity => "Rolling restart";

        internal override IRolloutOperation CreateOperation() => new RollingRestartOperation(Client);

        internal override void Configure(RolloutOptions options) => options.SkipPreCheck = SkipPreCheck;

        internal override void Request(long number)
        {
            if (!SkipPreCheck)
            {
                var check = Await(Client.PreCheckAsync(number, StopToken));
                if (!check.CanRestart)
                {
                    throw CdssException.ForServiceCode(CdssErrorIds.PreCheckFailed, CdssErrorCategory.InvalidOperation,
                        "The rolling restart pre-check said no", check.Code, check.Message, check.RequestId,
                        ServiceCodeHints.For(check.Code, "Wait until the cluster is running and healthy (Test-CdssRollingRestart), then try again."),
                        detail: "No restart was requested.");
                }
            }
            AnswerOutput.Write(this, Await(Client.StartRollingRestartAsync(number, StopToken)));
        }
    }
}
