namespace Cdss
{
    /// <summary>A Kafka config group: a named set of broker settings for one Kafka version (Get-CdssConfigGroup).</summary>
    public sealed class ConfigGroup
    {
        public int ConfigGroupNo { get; set; }
        public string ConfigGroupName { get; set; } = "";
        public string? Description { get; set; }
        public int KafkaVersionCode { get; set; }

        /// <summary>The version as text, e.g. "3.7.1".</summary>
        public string? KafkaVersion { get; set; }

        public override string ToString() => $"{ConfigGroupName} ({ConfigGroupNo})";
    }
}
