namespace Cdss.Emulator.Clusters;

/// <summary>The config groups the emulator starts with (fixed; generated clusters use them round-robin).</summary>
public static class ConfigGroupSeed
{
    public static List<ConfigGroup> Default() =>
    [
        Make(101, "prod-kafka-371", "3713006", "Production settings for Kafka 3.7.1",
            new() { ["logRetentionHours"] = "72", ["numPartitions"] = "6" }),
        Make(102, "analytics-kafka-371", "3713006", "Analytics settings for Kafka 3.7.1"),
        Make(201, "default-kafka-390", "3903006", "Default settings for Kafka 3.9.0"),
        Make(202, "prod-kafka-390", "3903006", "Production settings for Kafka 3.9.0"),
        Make(301, "dev-kafka-282", "2823006", "Development settings for Kafka 2.8.2"),
        Make(302, "default-kafka-282", "2823006", "Default settings for Kafka 2.8.2"),
        Make(401, "default-kafka-240", "2403005", "Default settings for Kafka 2.4.0"),
    ];

    private static ConfigGroup Make(int no, string name, string version, string description, Dictionary<string, string>? custom = null) => new()
    {
        No = no,
        Name = name,
        Description = description,
        KafkaVersionCode = version,
        CustomValues = custom ?? new(StringComparer.Ordinal),
    };
}
