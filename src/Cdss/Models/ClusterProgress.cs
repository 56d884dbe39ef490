using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdss
{
    /// <summary>
    /// A cluster's status during or after an operation: the progress check of the rolling restart and of the rolling
    /// upgrade answer in this one shape, and the config group apply and the node restart are followed through it.
    /// Written with the type name Cdss.RollingRestartProgress first, which views and scripts know it by.
    /// </summary>
    public sealed class ClusterProgress
    {
        public long ServiceGroupInstanceNo { get; set; }
        public string? ClusterName { get; set; }
        public int BrokersUp { get; set; }
        public int BrokersTotal { get; set; }

        /// <summary>green = normal, yellow = partly abnormal, orange = changing, red = abnormal, gray = unknown.</summary>
        public string? BrokerStatus { get; set; }

        /// <summary>Per node, as the service sent it; as text (Export-Csv, "$($p.Nodes)") "host=status, host=status".</summary>
        public IReadOnlyList<NodeStatus> Nodes
        {
            get => _nodes;
            set => _nodes = value as NodeList ?? new NodeList((value ?? Array.Empty<NodeStatus>()).ToList());
        }

        private NodeList _nodes = NodeList.Empty;
        public int ZookeepersUp { get; set; }
        public int ZookeepersTotal { get; set; }
        public string? ZookeeperStatus { get; set; }
        public string? CmakStatus { get; set; }
        public string? RequestId { get; set; }
        public DateTimeOffset CheckedAt { get; set; }

        /// <summary>All brokers up and the cluster green again.</summary>
        public bool IsComplete => BrokersTotal > 0 && BrokersUp >= BrokersTotal && IsStatus("green");

        public bool IsFailed => IsStatus("red");

        private bool IsStatus(string value) => string.Equals(BrokerStatus, value, StringComparison.OrdinalIgnoreCase);

        /// <summary>"host-1=green, host-2=orange": the per-node status on one line, for progress and errors.</summary>
        public string NodeSummary() => _nodes.ToString();

        public override string ToString() => $"{ClusterName ?? ServiceGroupInstanceNo.ToString()}: {BrokersUp}/{BrokersTotal} brokers up, {BrokerStatus}";
    }
}
