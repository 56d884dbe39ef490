using Cdss.Api;
using Cdss.Rollout;
using Cdss.Transport;

namespace Cdss.Tests.Simulation;

/// <summary>
/// One seeded schedule of the rollout against the model service, FoundationDB-style: the real engine, journal
/// reading and operator decisions, on a fake clock, run after run from the same journal, crashing where the
/// schedule says, until its last run. It checks, and returns as violations, the rollout's safety rules:
/// <list type="bullet">
/// <item>(a) at most one start request per cluster is accepted by the service, plus one per Retry decision (a request
/// the service declined started nothing);</item>
/// <item>(b) Succeeded or AlreadyDone only for a cluster where the model ran a restart to the end, finishing after the
/// request it counts, or that an operator resolved as done;</item>
/// <item>(c) every cluster gets exactly one final outcome in each run that is not cut short by a crash;</item>
/// <item>(d) never more clusters requested or watched at once than ThrottleLimit;</item>
/// <item>(e) nothing requested once more than MaxFailures clusters failed in the run;</item>
/// <item>(f) nothing requested at or after the Deadline;</item>
/// <item>and no transition outside the table, no exception but the simulated crash.</item>
/// </list>
/// </summary>
internal sealed class RolloutSimulation
{
    private readonly SimulationSchedule _schedule;
    private readonly FakeClock _clock = new(SimulationSchedule.Start);
    private readonly Random _random;
    private readonly ModelService _model;
    private readonly MemoryJournal _journal = new();
    private readonly Dictionary<long, int> _retries = new();
    private readonly HashSet<long> _resolvedDone = new();

    private RolloutSimulation(int seed)
    {
        _schedule = SimulationSchedule.From(seed);
        _random = new Random(unchecked(seed * 486187739 + 17));
        _model = new ModelService(_clock, _random, _schedule, Trace.Add);
    }

    public List<string> Trace { get; } = new();
    public List<string> Violations { get; } = new();

    public static RolloutSimulation Run(int seed)
    {
        var simulation = new RolloutSimulation(seed);
        simulation.RunAll();
        return simulation;
    }

    /// <summary>The schedule, the violations and the trace: enough to understand a failure, and the seed to replay it.</summary>
    public string Report() =>
        $"{_schedule}violations:\n  {string.Join("\n  ", Violations)}\ntrace:\n  {string.Join("\n  ", Trace)}\n" +
        $"Replay it as an ordinary test: [InlineData({_schedule.Seed})] on RolloutSimulationTests.Replay.";

    private void RunAll()
    {
        for (var run = 0; run < _schedule.Runs.Count; run++)
        {
            var (crashAt, pause) = _schedule.Runs[run];
            RunOnce(run + 1, crashAt);
            if (Violations.Count > 0) return;
            _clock.Advance(pause);
            if (run < _schedule.Runs.Count - 1) Decide();
        }
        foreach (var c in _model.Clusters.Values)
        {
            var retries = _retries.GetValueOrDefault(c.No);
            // A start request the service declined started nothing; it is the accepted ones that must not repeat.
            if (c.Accepted > 1 + retries) Violations.Add($"(a) cluster {c.No}: {c.Accepted} restarts accepted with {retries} retry decision(s)");
        }
    }

    private void RunOnce(int run, int? crashAt)
    {
        var crash = new CrashPlan(crashAt);
        _model.Crash = crash;
        var view = _journal.Open(crash);
        var options = new RolloutOptions
        {
            ThrottleLimit = _schedule.ThrottleLimit,
            MaxFailures = _schedule.MaxFailures,
            PollInterval = _schedule.PollInterval,
            Timeout = _schedule.Timeout,
            Settle = _schedule.Settle,
            Deadline = _schedule.Deadline,
            SkipPreCheck = _schedule.SkipPreCheck,
            Now = () => _clock.Now,
            Delay = _clock.Delay,
        };
        var record = new RolloutRecord(_model.Kind, null, options.Now, new ClusterDirectory(), NullLog.Instance, view, _ => { });
        var slots = new HashSet<RolloutItem>();
        var failures = 0;
        var thread = Environment.CurrentManagedThreadId;
        record.Transitioned = (item, from, on) =>
        {
            // Everything runs on the loop's thread, or the schedule is not what the seed says.
            if (Environment.CurrentManagedThreadId != thread) Violations.Add($"run {run}: a transition ran on another thread: {Environment.StackTrace}");
            var to = item.Phase;
            Trace.Add($"{_clock.Now:HH:mm:ss} run {run}: {item.ServiceGroupInstanceNo} {from} -{on}-> {to}");
            if (on == RolloutEvent.Requesting)
            {
                if (failures > options.MaxFailures) Violations.Add($"(e) run {run}: cluster {item.ServiceGroupInstanceNo} requested after {failures} failures");
                if (options.Deadline is { } deadline && _clock.Now >= deadline)
                    Violations.Add($"(f) run {run}: cluster {item.ServiceGroupInstanceNo} requested at {_clock.Now:HH:mm:ss}, deadline {deadline:HH:mm:ss}");
            }
            if (to.MayBeRunning()) slots.Add(item);
            else slots.Remove(item);
            if (slots.Count > options.ThrottleLimit) Violations.Add($"(d) run {run}: {slots.Count} clusters at once, throttle {options.ThrottleLimit}");
            if (to.IsFinal() && item.Result.IsFailure) failures++;
        };
        var finished = new List<RolloutItem>();
        var engine = new RolloutEngine(_model, options, record, view, finished.Add);
        var numbers = _schedule.Clusters.Select(c => c.No).ToArray();
        Trace.Add($"{_clock.Now:HH:mm:ss} run {run} starts{(crashAt is { } at ? $", to crash at step {at}" : "")}");
        try
        {
            SingleThreadedLoop.Run(() => engine.RunAsync(numbers, CancellationToken.None));
        }
        catch (SimulatedCrash ex)
        {
            Trace.Add($"{_clock.Now:HH:mm:ss} run {run} {ex.Message}");
            return;
        }
        catch (Exception ex)
        {
            Violations.Add($"run {run} threw {ex.GetType().Name}: {ex.Message}");
            return;
        }
        CheckOutcomes(run, engine, finished);
    }

    private void CheckOutcomes(int run, RolloutEngine engine, List<RolloutItem> finished)
    {
        if (finished.Count != engine.Items.Count || finished.Distinct().Count() != finished.Count || engine.Items.Any(i => !i.Phase.IsFinal()))
        {
            Violations.Add($"(c) run {run}: {finished.Count} outcomes for {engine.Items.Count} clusters");
        }
        foreach (var item in engine.Items)
        {
            var result = item.Result;
            var model = _model.Clusters[item.ServiceGroupInstanceNo];
            Trace.Add($"run {run} result: {item.ServiceGroupInstanceNo} {result.Outcome}: {result.Message}");
            if (result.Outcome == RolloutOutcome.Succeeded && !RanToEndSince(model, result.RequestedAt, result.FinishedAt!.Value))
            {
                Violations.Add($"(b) run {run}: cluster {item.ServiceGroupInstanceNo} Succeeded, but no restart finishing after its request at {result.RequestedAt:HH:mm:ss} ran to the end");
            }
            if (result.Outcome == RolloutOutcome.AlreadyDone && !_resolvedDone.Contains(item.ServiceGroupInstanceNo) &&
                !RanToEndSince(model, item.History.RequestedAt, _clock.Now))
            {
                Violations.Add($"(b) run {run}: cluster {item.ServiceGroupInstanceNo} AlreadyDone, but no restart ran to the end and no operator said so");
            }
        }
    }

    /// <summary>
    /// Some restart ran to the end by then, finishing after the request. It need not be the one that request started:
    /// a restart already running when a retried request was sent (without a pre-check, which would have refused it)
    /// is watched to its end and restarts the cluster all the same; what must never happen is "done" with no restart
    /// finishing after the request at all.
    /// </summary>
    private static bool RanToEndSince(ModelCluster model, DateTimeOffset? requestedAt, DateTimeOffset by) =>
        requestedAt is { } from && model.Restarts.Any(r => r.EndsAt >= from && r.RanToEnd(by));

    /// <summary>Between runs, the operator decides about some unresolved clusters: done (truthfully or not) or retry.</summary>
    private void Decide()
    {
        if (_schedule.DecisionRate == 0) return;
        var resolver = new RolloutResolver(_journal.Open(new CrashPlan(null)));
        foreach (var c in _schedule.Clusters)
        {
            if (resolver.Unresolved(c.No).Count == 0 || _random.NextDouble() >= _schedule.DecisionRate) continue;
            var done = _random.NextDouble() < 0.5;
            resolver.Resolve(c.No, done ? JournalHistory.DecisionDone : JournalHistory.DecisionRetry, "operator", "simulated decision", _clock.Now);
            if (done) _resolvedDone.Add(c.No);
            else _retries[c.No] = _retries.GetValueOrDefault(c.No) + 1;
            Trace.Add($"{_clock.Now:HH:mm:ss} operator: {c.No} resolved as {(done ? "done" : "retry")}");
        }
    }
}
