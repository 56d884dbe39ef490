using Cdss.Rollout;

namespace Cdss.Tests.Simulation;

/// <summary>
/// A journal in memory that outlives the engines using it, like a file outlives a killed process: each run opens a
/// view whose Earlier is every line written so far. Appends pass the crash plan before and after the write.
/// </summary>
internal sealed class MemoryJournal
{
    public List<JournalEntry> Lines { get; } = new();

    public IRolloutJournal Open(CrashPlan crash) => new View(this, Lines.ToList(), crash);

    private sealed class View : IRolloutJournal
    {
        private readonly MemoryJournal _owner;
        private readonly CrashPlan _crash;

        public View(MemoryJournal owner, IReadOnlyList<JournalEntry> earlier, CrashPlan crash)
        {
            _owner = owner;
            Earlier = earlier;
            _crash = crash;
        }

        public string Path => "/sim/rollout.jsonl";
        public IReadOnlyList<JournalEntry> Earlier { get; }

        public void Append(JournalEntry entry)
        {
            _crash.Step($"before writing '{entry.Event}' for cluster {entry.Cluster}");
            _owner.Lines.Add(entry);
            _crash.Step($"after writing '{entry.Event}' for cluster {entry.Cluster}");
        }
    }
}

/// <summary>The process dying at a chosen step: thrown by the simulation's journal and service, never caught by the engine.</summary>
internal sealed class SimulatedCrash : Exception
{
    public SimulatedCrash(string where) : base("crash " + where) { }
}

/// <summary>Counts the steps of one run (journal writes and service calls, before and after each) and crashes at one of them.</summary>
internal sealed class CrashPlan
{
    private readonly int? _at;
    public CrashPlan(int? at) => _at = at;
    public int Steps { get; private set; }
    public string? Where { get; private set; }

    public void Step(string where)
    {
        if (++Steps != _at) return;
        Where = where;
        throw new SimulatedCrash(where);
    }
}
