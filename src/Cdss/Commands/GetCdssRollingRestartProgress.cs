using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>Shows where a rolling restart stands: brokers up, per-node status, ZooKeeper and CMAK.</summary>
    [Cmdlet(VerbsCommon.Get, "CdssRollingRestartProgress")]
    [OutputType(typeof(RollingRestartProgress))]
    public sealed class GetCdssRollingRestartProgress : PerClusterCmdlet
    {
        private protected override void ProcessCluster(Api.CdssClient client, long serviceGroupInstanceNo) =>
            WriteObject(Await(client.GetRollingRestartProgressAsync(serviceGroupInstanceNo, StopToken)));
    }
}
