using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>Lists the servers of clusters: brokers and manager nodes, with the numbers Restart-CdssKafkaNode takes.</summary>
    [Cmdlet(VerbsCommon.Get, "CdssClusterNode")]
    [OutputType(typeof(ClusterNode))]
    public sealed class GetCdssClusterNode : PerClusterCmdlet
    {
        private protected override void ProcessCluster(Api.CdssClient client, long serviceGroupInstanceNo) =>
            WriteObject(Await(client.GetClusterNodesAsync(serviceGroupInstanceNo, StopToken)), enumerateCollection: true);
    }
}
