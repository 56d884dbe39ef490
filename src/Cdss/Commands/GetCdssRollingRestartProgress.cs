using System;
using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>Shows where a rolling restart stands: brokers up, per-node status, ZooKeeper and CMAK.</summary>
    [Cmdlet(VerbsCommon.Get, "CdssRollingRestartProgress")]
    [OutputType(typeof(RollingRestartProgress))]
    public sealed class GetCdssRollingRestartProgress : CdssSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ClusterNumberTransformation]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long[] ServiceGroupInstanceNo { get; set; } = Array.Empty<long>();

        private Api.CdssClient? _client;

        protected override void BeginProcessing() => _client = ResolveSession().CreateClient(Log);

        protected override void ProcessRecord()
        {
            foreach (var number in ServiceGroupInstanceNo)
            {
                ForTarget(number, () => WriteObject(Await(_client!.GetRollingRestartProgressAsync(number, StopToken))));
            }
        }
    }
}
