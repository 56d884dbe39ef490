using Cdss.Rollout;

namespace Cdss.Tests;

/// <summary>The done rule, row by row: what was seen before, what one look shows now, and the verdict.</summary>
public class DoneRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    private static ClusterProgress? Look(string? what) => what switch
    {
        null => null,
        "green" => new ClusterProgress { BrokersTotal = 3, BrokersUp = 3, BrokerStatus = "green" },
        "broker down" => new ClusterProgress { BrokersTotal = 3, BrokersUp = 2, BrokerStatus = "green" },
        "orange" => new ClusterProgress { BrokersTotal = 3, BrokersUp = 3, BrokerStatus = "orange" },
        "yellow, one down" => new ClusterProgress { BrokersTotal = 3, BrokersUp = 2, BrokerStatus = "yellow" },
        "red" => new ClusterProgress { BrokersTotal = 3, BrokersUp = 2, BrokerStatus = "red" },
        "no brokers" => new ClusterProgress { BrokersTotal = 0, BrokersUp = 0, BrokerStatus = "green" },
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    /// <param name="beganBefore">A sign was seen at an earlier look (this run, or a "started" journal line).</param>
    /// <param name="progress">The progress check now; null: it could not be read.</param>
    /// <param name="saysRunning">The pre-check says "in progress": "yes", "no", or null (not asked, or it failed).</param>
    /// <param name="beginBy">Minutes from now until the late-start grace ends (negative: passed); null: no grace (a request of this run).</param>
    [Theory]
    // Red is a failure, whatever came before.
    [InlineData(false, "red", null, null, Verdict.Failed)]
    [InlineData(true, "red", "no", -1, Verdict.Failed)]
    // A sign now means running: a broker down, a status other than green, or the service saying so.
    [InlineData(false, "broker down", null, null, Verdict.Running)]
    [InlineData(false, "orange", null, -5, Verdict.Running)]
    [InlineData(false, "yellow, one down", null, null, Verdict.Running)]
    [InlineData(false, "green", "yes", -5, Verdict.Running)]
    [InlineData(false, null, "yes", null, Verdict.Running)]
    [InlineData(true, "broker down", null, null, Verdict.Running)]
    [InlineData(true, "green", "yes", null, Verdict.Running)]
    // Done: a sign before, then green, all up and no longer in progress, all read now.
    [InlineData(true, "green", "no", null, Verdict.Done)]
    [InlineData(true, "green", "no", -5, Verdict.Done)]
    // Began before but this look is incomplete: still running, never done on a guess.
    [InlineData(true, "green", null, null, Verdict.Running)]
    [InlineData(true, null, "no", null, Verdict.Running)]
    [InlineData(true, null, null, null, Verdict.Running)]
    // A cluster with no brokers reported is never complete: a sign, not done.
    [InlineData(true, "no brokers", "no", null, Verdict.Running)]
    // Never a sign: green and not in progress is not done; it has not begun, until the grace ends.
    [InlineData(false, "green", "no", null, Verdict.NotBegun)]
    [InlineData(false, "green", "no", 3, Verdict.NotBegun)]
    [InlineData(false, "green", "no", 0, Verdict.Unknown)]
    [InlineData(false, "green", "no", -5, Verdict.Unknown)]
    // Past the grace, but the look is incomplete: not enough to call it unknown yet.
    [InlineData(false, "green", null, -5, Verdict.NotBegun)]
    [InlineData(false, null, "no", -5, Verdict.NotBegun)]
    [InlineData(false, null, null, -5, Verdict.NotBegun)]
    public void Judges(bool beganBefore, string? progress, string? saysRunning, int? beginBy, object expected)
    {
        var running = saysRunning switch { "yes" => true, "no" => false, _ => (bool?)null };
        var seen = new Observation(beganBefore, Look(progress), running, Now, beginBy.HasValue ? Now.AddMinutes(beginBy.Value) : null);
        Assert.Equal((Verdict)expected, DoneRule.Judge(seen));
    }

    [Fact]
    public void DoneNeedsASignBefore_SoOneGreenLookAfterARequestIsNeverDone()
    {
        var greenAndIdle = new Observation(false, Look("green"), false, Now, null);
        Assert.NotEqual(Verdict.Done, DoneRule.Judge(greenAndIdle));
    }
}
