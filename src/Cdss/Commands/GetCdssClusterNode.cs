using System;
using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>Lists the servers of clusters: brokers and manager nodes, with the numbers Restart-CdssKafkaNode takes.</summary>
    [Cmdlet(VerbsCommon.Get, "CdssClusterNode")]
    [OutputType(typeof(ClusterNode))]
    public sealed class GetCdssClusterNode : CdssSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long[] ServiceGroupInstanceNo { get; set; } = Array.Empty<long>();

        private Api.CdssClient? _client;

        protected override void BeginProcessing() => _client = ResolveSession().CreateClient(Log);

        protected override void ProcessRecord()
        {
            foreach (var number in ServiceGroupInstanceNo)
            {
                try
                {
                    WriteObject(Await(_client!.GetClusterNodesAsync(number, StopToken)), enumerateCollection: true);
                }
                catch (CdssException ex)
                {
                    WriteCdssError(ex, number);
                }
            }
        }
    }
}
