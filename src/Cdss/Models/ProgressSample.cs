using System;

namespace Cdss
{
    /// <summary>One progress reading of a rollout that changed what was seen: the report's brokers-up-over-time line.</summary>
    internal sealed class ProgressSample
    {
        public ProgressSample(DateTimeOffset at, int brokersUp, int brokersTotal, string? brokerStatus)
        {
            At = at;
            BrokersUp = brokersUp;
            BrokersTotal = brokersTotal;
            BrokerStatus = brokerStatus;
        }

        public DateTimeOffset At { get; }
        public int BrokersUp { get; }
        public int BrokersTotal { get; }
        public string? BrokerStatus { get; }
    }
}
