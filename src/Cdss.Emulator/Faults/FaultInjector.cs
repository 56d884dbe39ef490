using System.Text.Json;
using Cdss.Emulator.Http;
using Cdss.Emulator.Options;
using Cdss.Emulator.Timing;

namespace Cdss.Emulator.Faults;

/// <summary>
/// Chooses the fault (if any) for an authenticated CDSS request: explicit rules first, in
/// order, then the seeded random --fault-rate. One lock keeps "times" counts exact when a
/// client retries concurrently.
/// </summary>
public sealed class FaultInjector
{
    private readonly List<FaultRule> _rules = new();
    private readonly List<FaultRule> _startupRules;
    private readonly RuntimeSettings _settings;
    private readonly EmulatorClock _clock;
    private readonly int _seed;
    private readonly object _gate = new();
    private Random _random;
    private int _randomFaults;
    private int _nextId;

    /// <summary>Random faults cycle through these, all transient per the reference.</summary>
    private static readonly GatewayErrors.Entry[] RandomCycle =
        [GatewayErrors.EndpointError, GatewayErrors.ThrottleLimited, GatewayErrors.EndpointTimeout];

    public FaultInjector(EmulatorOptions options, RuntimeSettings settings, EmulatorClock clock)
    {
        _settings = settings;
        _clock = clock;
        _seed = options.Seed;
        _random = new Random(_seed);
        _startupRules = options.FaultsFile is { } path ? LoadFile(path) : new();
        Reset();
    }

    private List<FaultRule> LoadFile(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return FaultRule.ParseMany(doc.RootElement, NewName);
    }

    private string NewName(FaultKind kind) => $"{FaultRule.KindName(kind)}#{Interlocked.Increment(ref _nextId)}";

    /// <summary>Parses and appends rules; returns how many were added.</summary>
    public int Add(JsonElement json)
    {
        var parsed = FaultRule.ParseMany(json, NewName);
        var now = _clock.GetTimestamp();
        foreach (var r in parsed) r.AddedAt = now;
        lock (_gate) _rules.AddRange(parsed);
        return parsed.Count;
    }

    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    /// <summary>
    /// Restores start-up state: rules from --faults (with fresh counts, and time windows counting
    /// from now), a re-seeded random
    /// source, so that a reset test run sees the same random faults as a fresh process.
    /// </summary>
    public void Reset()
    {
        lock (_gate)
        {
            _rules.Clear();
            var now = _clock.GetTimestamp();
            foreach (var r in _startupRules)
            {
                r.Remaining = r.Times;
                r.Applied = 0;
                r.AddedAt = now;
                _rules.Add(r);
            }
            _random = new Random(_seed);
            _randomFaults = 0;
        }
    }

    public List<object> Describe()
    {
        lock (_gate) return _rules.Select(r => r.Describe()).ToList();
    }

    /// <summary>
    /// Picks and consumes the fault for this request. A rule's "operation" may name the emulator's
    /// operation name or the operation's path segment.
    /// </summary>
    public FaultRule? Pick(CdssRoute route, long? serviceGroupInstanceNo)
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            foreach (var r in _rules)
            {
                if (r.Remaining is 0 || !r.InWindow(_clock.GetElapsedTime(r.AddedAt, now))) continue;
                if (r.Operation is { } op && op != "*"
                    && !op.Equals(route.Operation, StringComparison.OrdinalIgnoreCase)
                    && !op.Equals(route.PathSegment, StringComparison.OrdinalIgnoreCase)) continue;
                if (r.ServiceGroupInstanceNo is { } no && no != serviceGroupInstanceNo) continue;
                if (r.Remaining is { } left) r.Remaining = left - 1;
                r.Applied++;
                return r;
            }

            // Random transient faults invite retries, and a blind retry of anything that changes
            // something could do it twice: only the documented reads (the router's IsRead rows) get them.
            var rate = _settings.Current.FaultRate;
            if (rate <= 0 || !route.Spec.IsRead || _random.NextDouble() >= rate) return null;
            var entry = RandomCycle[_randomFaults++ % RandomCycle.Length];
            return new FaultRule
            {
                Name = $"faultRate:{entry.Status}",
                Kind = FaultKind.Status,
                Status = entry.Status,
                ErrorCode = entry.ErrorCode,
                Message = entry.Message,
                Details = "injected by --fault-rate",
                Applied = 1,
            };
        }
    }
}
