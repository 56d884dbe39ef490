using System;
using System.Globalization;
using System.Linq;

namespace Cdss
{
    /// <summary>The service's answer to restarting the Kafka service on some brokers (Restart-CdssKafkaNode).</summary>
    public sealed class KafkaNodeRestart
    {
        public long ServiceGroupInstanceNo { get; set; }
        public long[] ComputeInstanceNo { get; set; } = Array.Empty<long>();
        public bool Accepted { get; set; }
        public int Code { get; set; }
        public string Message { get; set; } = "";
        public string? RequestId { get; set; }

        public override string ToString() =>
            $"{ServiceGroupInstanceNo} [{string.Join(", ", ComputeInstanceNo.Select(n => n.ToString(CultureInfo.InvariantCulture)))}]: Accepted={Accepted} ({Message})";
    }
}
