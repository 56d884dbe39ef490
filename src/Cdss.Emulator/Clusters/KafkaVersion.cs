namespace Cdss.Emulator.Clusters;

/// <summary>One row of getCDSSVersionList. The code is text in responses, an integer in requests.</summary>
public sealed record KafkaVersion(string Code, string Name, string ApplicationVersionName, string CmakVersionName)
{
    /// <summary>The plain version ("3.7.1") that list items carry as kafkaVersion.</summary>
    public string VersionText => Name.StartsWith("Kafka ", StringComparison.Ordinal) ? Name["Kafka ".Length..] : Name;

    public Version Parsed => Version.Parse(VersionText);
}
