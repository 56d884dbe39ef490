namespace Cdss.Emulator.Clusters;

/// <summary>The Kafka versions the emulator offers, newest first.</summary>
public static class KafkaVersions
{
    public static readonly IReadOnlyList<KafkaVersion> All =
    [
        new("3903006", "Kafka 3.9.0", "CMAK 3.0.0.6", "CMAK 3.0.0.6"),
        new("3713006", "Kafka 3.7.1", "CMAK 3.0.0.6", "CMAK 3.0.0.6"),
        new("2823006", "Kafka 2.8.2", "CMAK 3.0.0.5", "CMAK 3.0.0.5"),
        new("2403005", "Kafka 2.4.0", "CMAK 3.0.0.5", "CMAK 3.0.0.5"),
    ];

    public static KafkaVersion? Find(string code) => All.FirstOrDefault(v => v.Code == code);

    public static KafkaVersion Get(string code) =>
        Find(code) ?? throw new InvalidOperationException($"unknown Kafka version code {code}");
}
