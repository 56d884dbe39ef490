using System.Reflection;
using System.Text.RegularExpressions;
using Cdss.Rollout;

namespace Cdss.Tests;

/// <summary>The rollout's state machine: the table in the code, the table in docs/ARCHITECTURE.md, and the moves it forbids.</summary>
public class RolloutStateMachineTests
{
    private static string ArchitectureDocument()
    {
        var sources = typeof(RolloutStateMachineTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CdssSourceDirectory").Value!;
        return File.ReadAllText(Path.Combine(sources, "..", "..", "docs", "ARCHITECTURE.md"));
    }

    /// <summary>The rows of the documented transition table: event, journal line, from phases, to phase.</summary>
    private static List<(string On, string Journal, string[] From, string To)> DocumentedRows()
    {
        var rows = new List<(string, string, string[], string)>();
        foreach (Match row in Regex.Matches(ArchitectureDocument(), @"^\| `(\w+)` \| `(\w+)` \| ([^|]+) \| ([^|]+) \|\s*$", RegexOptions.Multiline))
        {
            var from = row.Groups[3].Value.Split(',').Select(p => p.Trim()).ToArray();
            rows.Add((row.Groups[1].Value, row.Groups[2].Value, from, row.Groups[4].Value.Trim()));
        }
        return rows;
    }

    [Fact]
    public void TheDocumentedTable_IsTheCodesTable()
    {
        var documented = DocumentedRows();
        Assert.Equal(Transitions.Table.Count, documented.Count);
        foreach (var row in Transitions.Table)
        {
            var doc = Assert.Single(documented, d => d.On == row.On.ToString());
            Assert.Equal(row.JournalEvent, doc.Journal);
            Assert.Equal(row.From.Select(p => p.ToString()).OrderBy(p => p), doc.From.OrderBy(p => p));
            Assert.Equal(row.To?.ToString() ?? "(stays)", doc.To);
        }
    }

    [Fact]
    public void EveryEvent_HasOneRow_AndEveryPhaseIsReachable()
    {
        Assert.Equal(Enum.GetValues<RolloutEvent>().OrderBy(e => e), Transitions.Table.Select(r => r.On).OrderBy(e => e));
        var reachable = Transitions.Table.Where(r => r.To != null).Select(r => r.To!.Value).Append(RolloutPhase.Pending).Distinct();
        Assert.Equal(Enum.GetValues<RolloutPhase>().OrderBy(p => p), reachable.OrderBy(p => p));
    }

    [Fact]
    public void NoEvent_LeavesAFinalPhase()
    {
        foreach (var row in Transitions.Table) Assert.DoesNotContain(row.From, p => p.IsFinal());
    }

    [Fact]
    public void AMoveTheTableDoesNotAllow_Throws()
    {
        // Finishing needs a sign of the start first: Requested cannot go straight to Succeeded.
        var ex = Assert.Throws<InvalidOperationException>(() => Transitions.Next(RolloutPhase.Requested, RolloutEvent.Finished));
        Assert.Contains("Requested", ex.Message);
        Assert.Throws<InvalidOperationException>(() => Transitions.Next(RolloutPhase.Pending, RolloutEvent.Accepted));
        Assert.Throws<InvalidOperationException>(() => Transitions.Next(RolloutPhase.Requested, RolloutEvent.NeverSeenStarting));
        Assert.Equal(RolloutPhase.Running, Transitions.Next(RolloutPhase.Running, RolloutEvent.Progressed));
    }

    [Fact]
    public void OnlyTheStartRequest_LeadsOutOfPendingIntoTheService()
    {
        // Every way into a phase where the operation may run goes through Requesting, or resumes one the journal holds.
        var intoService = Transitions.Table
            .Where(r => r.To is { } to && to.MayBeRunning() && (r.From.Contains(RolloutPhase.Pending) || r.From.Contains(RolloutPhase.Cleared)))
            .Select(r => r.On).OrderBy(e => e);
        Assert.Equal(new[] { RolloutEvent.ResumeRequested, RolloutEvent.ResumeStarted, RolloutEvent.Attached, RolloutEvent.Requesting }.OrderBy(e => e), intoService);
    }
}
