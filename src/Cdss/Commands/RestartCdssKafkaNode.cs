using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>
    /// Restarts the Kafka service on chosen brokers. Nodes may come from the pipeline (Get-CdssClusterNode); they are
    /// collected and each cluster gets one request naming all of its nodes.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Restart, "CdssKafkaNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(KafkaNodeRestart))]
    public sealed class RestartCdssKafkaNode : CdssSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ClusterNumberTransformation]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long ServiceGroupInstanceNo { get; set; }

        /// <summary>The brokers' computeInstanceNo values (Get-CdssClusterNode).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(1L, long.MaxValue)]
        public long[] ComputeInstanceNo { get; set; } = new long[0];

        /// <summary>Do not ask for confirmation (-WhatIf and an explicit -Confirm still win).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Nodes per cluster, in the order first seen; one request per cluster at the end.</summary>
        private readonly List<(long Cluster, List<long> Nodes)> _nodes = new List<(long, List<long>)>();

        protected override void ProcessRecord()
        {
            var entry = _nodes.FirstOrDefault(n => n.Cluster == ServiceGroupInstanceNo);
            if (entry.Nodes == null)
            {
                entry = (ServiceGroupInstanceNo, new List<long>());
                _nodes.Add(entry);
            }
            foreach (var node in ComputeInstanceNo)
            {
                if (!entry.Nodes.Contains(node)) entry.Nodes.Add(node);
            }
        }

        protected override void EndProcessing()
        {
            if (_nodes.Count == 0) return;
            var client = ResolveSession().CreateClient(Log);
            foreach (var (cluster, nodes) in _nodes)
            {
                var list = string.Join(", ", nodes.Select(n => n.ToString(CultureInfo.InvariantCulture)));
                if (!ShouldProceed(client.Clusters.Label(cluster), $"Restart the Kafka service on node(s) {list} (clients of those brokers see them go down)", Force))
                {
                    continue;
                }
                ForTarget(cluster, () => WriteObject(Await(client.RestartKafkaNodesAsync(cluster, nodes, StopToken))));
            }
        }
    }
}
