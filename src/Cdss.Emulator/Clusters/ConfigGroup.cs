namespace Cdss.Emulator.Clusters;

/// <summary>A Kafka config group: made for one Kafka version, holding custom values by configNameKey.</summary>
public sealed class ConfigGroup
{
    public required int No { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string KafkaVersionCode { get; init; }
    /// <summary>The owning account's member number; the emulator's accounts all have one.</summary>
    public string MemberNo { get; init; } = "2784512";
    /// <summary>Custom values as the service shows them (text); a key not here has its default.</summary>
    public Dictionary<string, string> CustomValues { get; set; } = new(StringComparer.Ordinal);
}
