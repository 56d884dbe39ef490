using Cdss.Rollout;

namespace Cdss.Tests;

/// <summary>What the journal of earlier runs makes of one cluster: the resume rules, line by line.</summary>
public class JournalHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    private static List<JournalEntry> Lines(string events, long cluster = 1, string operation = "rollingRestart") =>
        events.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((e, i) =>
        {
            var parts = e.Split(':');
            return new JournalEntry
            {
                Time = T0.AddMinutes(i),
                Operation = operation,
                Cluster = cluster,
                Event = parts[0],
                Decision = parts.Length > 1 ? parts[1] : null,
                User = parts.Length > 1 ? "alice" : null,
                Reason = parts.Length > 1 ? "checked" : null,
                RequestId = parts[0] == "requested" ? "req-1" : null,
                Code = parts[0] == "requested" ? 0 : null,
            };
        }).ToList();

    [Theory]
    [InlineData("", HistoryState.Fresh, false)]
    [InlineData("preCheck skipped", HistoryState.Fresh, false)]
    [InlineData("preCheck requesting", HistoryState.Open, false)]
    [InlineData("preCheck requesting requested", HistoryState.Open, false)]
    [InlineData("preCheck requesting requested started progress", HistoryState.Open, true)]
    // The bug this rule was written against: a re-attach's "green, nothing happening" line is not a start.
    [InlineData("requesting outcomeUnknown reattached progress timedOut", HistoryState.Open, false)]
    [InlineData("requesting requested progress progress", HistoryState.Open, false)]
    [InlineData("requesting requested started succeeded", HistoryState.Done, true)]
    [InlineData("requesting requested started failed", HistoryState.Failed, true)]
    [InlineData("requesting requested failed stillFailed", HistoryState.Failed, false)]
    [InlineData("requesting outcomeUnknown", HistoryState.Open, false)]
    [InlineData("requesting requested timedOut", HistoryState.Open, false)]
    [InlineData("requesting requested started waitInterrupted", HistoryState.Open, true)]
    [InlineData("requesting outcomeUnknown reattached unresolved", HistoryState.Unresolved, false)]
    [InlineData("requesting outcomeUnknown reattached unresolved stillUnresolved stillUnresolved", HistoryState.Unresolved, false)]
    [InlineData("requesting notAccepted", HistoryState.Fresh, false)]
    [InlineData("requesting requestFailed", HistoryState.Fresh, false)]
    // Operators' decisions apply to requests left open, unresolved or failed, and nothing else.
    [InlineData("requesting outcomeUnknown unresolved resolved:done", HistoryState.Done, false)]
    [InlineData("requesting outcomeUnknown unresolved resolved:retry", HistoryState.Fresh, false)]
    [InlineData("requesting requested started failed resolved:retry", HistoryState.Fresh, true)]
    [InlineData("requesting outcomeUnknown resolved:done", HistoryState.Done, false)]
    [InlineData("requesting requested started succeeded resolved:retry", HistoryState.Done, true)]
    [InlineData("resolved:done", HistoryState.Fresh, false)]
    // A retry's new request opens a new story: it is watched again, and is not done until seen again.
    [InlineData("requesting unresolved resolved:retry preCheck requesting requested", HistoryState.Open, false)]
    [InlineData("requesting requested started succeeded requesting", HistoryState.Open, false)]
    public void ReadsTheLines(string events, object state, bool began)
    {
        var history = JournalHistory.Of(Lines(events), "rollingRestart", null, 1);
        Assert.Equal((HistoryState)state, history.State);
        Assert.Equal(began, history.Began);
    }

    [Fact]
    public void ATrafficGateThatWasWaiting_IsRemembered_UntilTheNextRequest()
    {
        Assert.True(JournalHistory.Of(Lines("requesting requested started awaitingTraffic traffic"), "rollingRestart", null, 1).AwaitingTraffic);
        Assert.False(JournalHistory.Of(Lines("requesting requested started awaitingTraffic requesting"), "rollingRestart", null, 1).AwaitingTraffic);
        Assert.Equal(HistoryState.Done, JournalHistory.Of(Lines("requesting started awaitingTraffic succeeded"), "rollingRestart", null, 1).State);
    }

    [Fact]
    public void LinesOfOtherClustersOperationsAndTargets_ChangeNothing()
    {
        var lines = Lines("requesting requested started succeeded", cluster: 2)
            .Concat(Lines("requesting requested started succeeded", operation: "rollingUpgrade"))
            .Concat(Lines("requesting").Select(e => { e.Target = "3903006:202"; return e; }))
            .ToList();
        Assert.Equal(HistoryState.Fresh, JournalHistory.Of(lines, "rollingRestart", null, 1).State);
        Assert.Equal(HistoryState.Done, JournalHistory.Of(lines, "rollingUpgrade", null, 1).State);
        Assert.Equal(HistoryState.Open, JournalHistory.Of(lines, "rollingRestart", "3903006:202", 1).State);
    }

    [Fact]
    public void KeepsTheRequestTheAnswerAndTheDecision()
    {
        var history = JournalHistory.Of(Lines("preCheck requesting requested unresolved resolved:done"), "rollingRestart", null, 1);
        Assert.Equal(T0.AddMinutes(1), history.RequestedAt);
        Assert.Equal("req-1", history.RequestId);
        Assert.Equal(0, history.Code);
        Assert.Equal("alice", history.Resolution!.User);
        Assert.Equal("checked", history.Resolution.Reason);
        Assert.Equal(T0, JournalHistory.FirstRun(Lines("preCheck requesting")));
    }
}
