using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>Shows where a cluster stands during a restart, upgrade or config group apply: brokers up, per-node status, ZooKeeper and CMAK.</summary>
    [Cmdlet(VerbsCommon.Get, "CdssRollingRestartProgress")]
    [OutputType(TypedOutput.ProgressTypeName)]
    public sealed class GetCdssRollingRestartProgress : PerClusterCmdlet
    {
        private protected override void ProcessCluster(Api.CdssClient client, long serviceGroupInstanceNo) =>
            WriteObject(TypedOutput.Wrap(Await(client.GetRollingRestartProgressAsync(serviceGroupInstanceNo, StopToken))));
    }
}
