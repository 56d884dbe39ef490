using System;
using System.Management.Automation;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>
    /// Base of the cmdlets that work on clusters one after another: -ServiceGroupInstanceNo from the parameter or
    /// the pipeline, and a failure for one cluster written as a non-terminating error (the cluster number as
    /// TargetObject) before going on with the next.
    /// </summary>
    public abstract class PerClusterCmdlet : CdssSessionCmdlet
    {
        private CdssClient? _client;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ClusterNumberTransformation]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long[] ServiceGroupInstanceNo { get; set; } = Array.Empty<long>();

        /// <summary>The work for one cluster, on the pipeline thread; a failure becomes that cluster's error.</summary>
        private protected abstract void ProcessCluster(CdssClient client, long serviceGroupInstanceNo);

        protected override void BeginProcessing() => _client = ResolveSession().CreateClient(Log);

        protected sealed override void ProcessRecord()
        {
            foreach (var number in ServiceGroupInstanceNo)
            {
                ForTarget(number, () => ProcessCluster(_client!, number));
            }
        }
    }
}
