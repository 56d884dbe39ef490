using System.Collections.Concurrent;

namespace Cdss.Emulator.Traffic;

/// <summary>Every cluster's traffic settings; a cluster nobody set has the defaults. Reset forgets them all.</summary>
public sealed class TrafficStore
{
    private readonly ConcurrentDictionary<long, TrafficSettings> _settings = new();

    public TrafficSettings Get(long no) => _settings.TryGetValue(no, out var s) ? s : TrafficSettings.Default;

    public void Set(long no, TrafficSettings settings) => _settings[no] = settings;

    public void Reset() => _settings.Clear();
}
