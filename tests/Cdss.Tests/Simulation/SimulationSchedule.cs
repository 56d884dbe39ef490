using System.Text;

namespace Cdss.Tests.Simulation;

/// <summary>
/// Everything one seed decides before the simulation runs: the fleet, the rollout's options, the failure rates, the
/// progress outages, and for each run where it crashes, how long until the next one, and the operator's decisions.
/// </summary>
internal sealed class SimulationSchedule
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    public int Seed { get; private init; }
    public List<(long No, string Name, int Brokers, bool Ready)> Clusters { get; } = new();
    public int ThrottleLimit { get; private init; }
    public int MaxFailures { get; private init; }
    public TimeSpan PollInterval { get; private init; }
    public TimeSpan Timeout { get; private init; }
    public TimeSpan Settle { get; private init; }
    public DateTimeOffset? Deadline { get; private init; }
    public bool SkipPreCheck { get; private init; }
    public double ReadFaultRate { get; private init; }
    public double StartFaultRate { get; private init; }
    public List<(DateTimeOffset From, DateTimeOffset To)> Outages { get; } = new();

    /// <summary>Per run: the step it crashes at (null: it runs to the end), and the pause before the next run.</summary>
    public List<(int? CrashAt, TimeSpan PauseAfter)> Runs { get; } = new();

    /// <summary>How likely the operator decides about each unresolved cluster between two runs.</summary>
    public double DecisionRate { get; private init; }

    public static SimulationSchedule From(int seed)
    {
        var random = new Random(seed);
        var schedule = new SimulationSchedule
        {
            Seed = seed,
            ThrottleLimit = random.Next(1, 4),
            MaxFailures = random.Next(0, 3),
            PollInterval = TimeSpan.FromSeconds(30),
            Timeout = TimeSpan.FromMinutes(random.Next(5, 31)),
            Settle = random.NextDouble() < 0.2 ? TimeSpan.FromSeconds(60) : TimeSpan.Zero,
            Deadline = random.NextDouble() < 0.3 ? Start + TimeSpan.FromMinutes(random.Next(0, 60)) : null,
            SkipPreCheck = random.NextDouble() < 0.1,
            ReadFaultRate = new[] { 0, 0.02, 0.1, 0.3 }[random.Next(4)],
            StartFaultRate = new[] { 0, 0.2, 0.5 }[random.Next(3)],
            DecisionRate = new[] { 0, 0.3, 0.8 }[random.Next(3)],
        };
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            schedule.Clusters.Add((5000001 + i, $"kafka-sim-{i + 1:00}", random.Next(1, 5), random.NextDouble() < 0.85));
        }
        for (var i = random.Next(0, 3); i > 0; i--)
        {
            var from = Start + TimeSpan.FromMinutes(random.Next(0, 240));
            schedule.Outages.Add((from, from + TimeSpan.FromMinutes(random.Next(1, 20))));
        }
        var runs = random.Next(1, 7);
        for (var i = 0; i < runs; i++)
        {
            // The last run always finishes, so the fleet's end state is checked too.
            int? crashAt = i < runs - 1 && random.NextDouble() < 0.7 ? random.Next(1, 80) : null;
            var pause = TimeSpan.FromSeconds(random.NextDouble() < 0.3 ? random.Next(0, 30) : random.Next(60, 3 * 3600));
            schedule.Runs.Add((crashAt, pause));
        }
        return schedule;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"seed {Seed}: throttle {ThrottleLimit}, max failures {MaxFailures}, timeout {Timeout.TotalMinutes} min, settle {Settle.TotalSeconds}s, " +
                        $"deadline {(Deadline.HasValue ? Deadline.Value.ToString("HH:mm") : "none")}, skip pre-check {SkipPreCheck}, " +
                        $"read faults {ReadFaultRate}, start faults {StartFaultRate}, decisions {DecisionRate}");
        text.AppendLine("clusters: " + string.Join("; ", Clusters.Select(c => $"{c.No} {c.Name} {c.Brokers} brokers{(c.Ready ? "" : " not ready")}")));
        if (Outages.Count > 0) text.AppendLine("progress outages: " + string.Join("; ", Outages.Select(o => $"{o.From:HH:mm}-{o.To:HH:mm}")));
        text.AppendLine("runs: " + string.Join("; ", Runs.Select((r, i) => $"#{i + 1} {(r.CrashAt is { } c ? "crash at step " + c : "to the end")}, then {r.PauseAfter}")));
        return text.ToString();
    }
}
