namespace Cdss.Emulator.Clusters;

/// <summary>
/// The Kafka config groups. Their number, name and version never change; only their custom values do,
/// and a replacement swaps the whole set at once, so readers under the lock see one set or the other.
/// </summary>
public sealed class ConfigGroupStore
{
    private readonly SortedDictionary<int, ConfigGroup> _groups = new();
    private readonly object _gate = new();

    public ConfigGroupStore() => Reset();

    public void Reset()
    {
        lock (_gate)
        {
            _groups.Clear();
            foreach (var g in ConfigGroupSeed.Default()) _groups[g.No] = g;
        }
    }

    public ConfigGroup? Find(long no)
    {
        lock (_gate) return no is >= int.MinValue and <= int.MaxValue && _groups.TryGetValue((int)no, out var g) ? g : null;
    }

    /// <summary>The groups made for one Kafka version, by number.</summary>
    public List<ConfigGroup> ForVersion(string kafkaVersionCode)
    {
        lock (_gate) return _groups.Values.Where(g => g.KafkaVersionCode == kafkaVersionCode).ToList();
    }

    /// <summary>A copy of the custom values, taken under the lock.</summary>
    public Dictionary<string, string> CustomValues(ConfigGroup group)
    {
        lock (_gate) return new Dictionary<string, string>(group.CustomValues, StringComparer.Ordinal);
    }

    /// <summary>Replaces the whole custom set: a key not in <paramref name="values"/> is back to its default.</summary>
    public void ReplaceCustomValues(ConfigGroup group, Dictionary<string, string> values)
    {
        lock (_gate) group.CustomValues = new Dictionary<string, string>(values, StringComparer.Ordinal);
    }
}
