using System.Diagnostics;
using Xunit.Abstractions;

namespace Cdss.Tests.Simulation;

/// <summary>
/// The rollout's safety rules, checked over thousands of seeded schedules (see <see cref="RolloutSimulation"/>).
/// A failure prints the seed, the schedule and the trace; the seed then goes into <see cref="Replay"/> as an
/// ordinary test, and stays there as a named regression test once the bug is fixed.
/// </summary>
public sealed class RolloutSimulationTests
{
    /// <summary>10,000 schedules in all, in two halves that xunit runs side by side.</summary>
    private const int Schedules = 5000;

    private readonly ITestOutputHelper _output;

    public RolloutSimulationTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void TheSafetyRules_HoldForSeeds1To5000() => RunSeeds(1, Schedules);

    [Fact]
    public void TheSafetyRules_HoldForSeeds5001To10000() => RunSeeds(Schedules + 1, Schedules);

    private void RunSeeds(int first, int count)
    {
        var watch = Stopwatch.StartNew();
        var runs = 0;
        var crashes = 0;
        for (var seed = first; seed < first + count; seed++)
        {
            var simulation = RolloutSimulation.Run(seed);
            Assert.True(simulation.Violations.Count == 0, simulation.Report());
            runs += simulation.Trace.Count(t => t.Contains(" starts", StringComparison.Ordinal));
            crashes += simulation.Trace.Count(t => t.Contains(" crash ", StringComparison.Ordinal));
        }
        _output.WriteLine($"{count} schedules, {runs} runs, {crashes} crashes, in {watch.Elapsed.TotalSeconds:0.0} s");
        // The schedules must actually exercise crashes and resumes, or the rules above hold trivially.
        Assert.True(crashes > count / 2, $"only {crashes} crashes in {count} schedules");
    }

    /// <summary>Replays one seed with its whole trace in the output: put a failing seed here to study it.</summary>
    [Theory]
    [InlineData(1)]
    public void Replay(int seed) => AssertSeed(seed);

    [Fact]
    public void OneSeed_AlwaysGivesTheSameSchedule()
    {
        Assert.Equal(RolloutSimulation.Run(5270).Trace, RolloutSimulation.Run(5270).Trace);
    }

    // Seeds that broke a rule, kept by name. Each was checked to fail with the bug in place. A seed's schedule depends
    // on the model and the engine drawing in the same order, so after a change to either these still pass but may no
    // longer reach the same corner: the 10,000 seeds above are what keeps the rules.

    /// <summary>
    /// A re-attach's "3/3 brokers up, status green" journal line once counted as a start (the bug of the three-run
    /// story), and a later run called a restart that never ran Succeeded.
    /// </summary>
    [Fact]
    public void AProgressLine_IsNotEvidenceOfAStart() => AssertSeed(5012);

    /// <summary>
    /// Green was read, then the cluster turned red, then the service said nothing runs: the two answers together looked
    /// done. Done now needs the green read after the "not running" one.
    /// </summary>
    [Theory]
    [InlineData(7000)]
    [InlineData(7126)]
    public void GreenReadBeforeNotRunning_IsNotDone(int seed) => AssertSeed(seed);

    /// <summary>A cluster whose pre-check passed while another cluster was failing was requested after the halt.</summary>
    [Theory]
    [InlineData(5233)]
    [InlineData(5241)]
    public void ACheckedCluster_IsNotRequestedOnceTheRolloutHalted(int seed) => AssertSeed(seed);

    /// <summary>A retry sent without a pre-check while the first restart still ran: that restart, finishing after it, counts.</summary>
    [Fact]
    public void ARetryWhileTheFirstRestartStillRuns_IsDoneWhenThatRestartFinishes() => AssertSeed(5270);

    private void AssertSeed(int seed)
    {
        var simulation = RolloutSimulation.Run(seed);
        _output.WriteLine(simulation.Report());
        Assert.Empty(simulation.Violations);
    }
}
