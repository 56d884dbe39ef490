namespace Cdss
{
    /// <summary>A Kafka version CDSS offers (Get-CdssKafkaVersion, getCDSSVersionList).</summary>
    public sealed class KafkaVersion
    {
        /// <summary>The code the API takes, e.g. 3713006 for Kafka 3.7.1.</summary>
        public int KafkaVersionCode { get; set; }

        public string KafkaVersionName { get; set; } = "";
        public string? ApplicationVersionName { get; set; }
        public string? CmakVersionName { get; set; }

        public override string ToString() => $"{KafkaVersionName} ({KafkaVersionCode})";
    }
}
