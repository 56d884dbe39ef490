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
    [OutputType(OperationKind.KafkaNodeRestartAnswer)]
    [OutputType(OperationKind.KafkaNodeRestartResult)]
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

        /// <summary>Wait until each cluster has shown the restart begin and is green again (the rollout's "done" rule).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait, seconds between progress checks.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = RolloutParameters.DefaultPollIntervalSec;

        /// <summary>With -Wait, how long to wait for each cluster.</summary>
        [Parameter]
        [ValidateRange(1, 1440)]
        public int TimeoutMinutes { get; set; } = RolloutParameters.DefaultTimeoutMinutes;

        /// <summary>With -Wait: after the cluster is green again, wait until -TrafficMetric is back to this share of its baseline.</summary>
        [Parameter]
        public double? TrafficRecovery { get; set; }

        /// <summary>With -TrafficRecovery: the cluster metric to read (default cluster_messagesInSecMean).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string TrafficMetric { get; set; } = RolloutParameters.DefaultTrafficMetric;

        /// <summary>With -TrafficRecovery: minutes before the request whose mean is the baseline (default 30).</summary>
        [Parameter]
        [ValidateRange(1, 1440)]
        public int TrafficBaselineMinutes { get; set; } = RolloutParameters.DefaultTrafficBaselineMinutes;

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
            var confirmed = new Dictionary<long, List<long>>();
            foreach (var (cluster, nodes) in _nodes)
            {
                var list = string.Join(", ", nodes.Select(n => n.ToString(CultureInfo.InvariantCulture)));
                if (!ShouldProceed(client.Clusters.Label(cluster), $"Restart the Kafka service on node(s) {list} (clients of those brokers see them go down)", Force))
                {
                    continue;
                }
                if (Wait) confirmed[cluster] = nodes;
                else ForTarget(cluster, () => AnswerOutput.Write(this, Await(client.RestartKafkaNodesAsync(cluster, nodes, StopToken))));
            }
            if (confirmed.Count == 0) return;
            // One cluster at a time, halting at the first that does not come back green.
            var options = RolloutParameters.Options(PollIntervalSec, TimeoutMinutes, maxFailures: 0, deadline: null, settleSec: 0, throttleLimit: 1);
            try
            {
                options.Traffic = RolloutParameters.Traffic(client, TrafficRecovery, TrafficMetric, TrafficBaselineMinutes, MyInvocation.BoundParameters.ContainsKey(nameof(TrafficMetric)));
                new RolloutRunner(this, "Kafka node restart").Run(new Rollout.KafkaNodeRestartOperation(client, confirmed), options, client,
                    confirmed.Keys.ToList(), journalPath: null);
            }
            catch (CdssException ex)
            {
                ThrowCdssError(ex, null);
            }
        }
    }
}
