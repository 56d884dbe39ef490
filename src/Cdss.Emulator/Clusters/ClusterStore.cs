using System.Diagnostics;
using Cdss.Emulator.Options;

namespace Cdss.Emulator.Clusters;

/// <summary>
/// Emulated clusters plus the rolling-restart state machine. State is computed from the
/// restart's start time on every read, so no timers run and tests are not racing a thread.
/// </summary>
public sealed class ClusterStore
{
    /// <summary>Not-ready answers: one small table, documented in docs/EMULATOR.md.</summary>
    public const int NotRunningCode = 1001;
    public const int RestartInProgressCode = 1002;
    public const int InvalidNoCode = 3;
    public const string InvalidNoMessage = "Invalid Service Group Instance No";

    private readonly SortedDictionary<long, Cluster> _clusters = new();
    private readonly Func<List<Cluster>> _seed;
    private readonly RuntimeSettings _settings;
    private readonly object _gate = new();

    public ClusterStore(EmulatorOptions options, RuntimeSettings settings)
    {
        _settings = settings;
        _seed = options.GeneratedClusters is { } n ? () => ClusterSeed.Generate(n) : ClusterSeed.Default;
        Reset();
    }

    /// <summary>Back to the seed: forgets every restart, including a failed kafka-flaky.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _clusters.Clear();
            foreach (var c in _seed()) _clusters[c.No] = c;
        }
    }

    public sealed record Outcome(int Code, string Message);

    private static readonly Outcome Ok = new(0, "SUCCESS");
    private static readonly Outcome Unknown = new(InvalidNoCode, InvalidNoMessage);
    private static readonly Outcome InProgress = new(RestartInProgressCode, "Rolling restart is already in progress");

    public Outcome PreCheck(long no)
    {
        lock (_gate)
            return _clusters.TryGetValue(no, out var c) ? Readiness(c, Stopwatch.GetTimestamp()) : Unknown;
    }

    /// <summary>Starts a restart if the cluster is ready; otherwise answers like the pre-check.</summary>
    public Outcome StartRestart(long no)
    {
        lock (_gate)
        {
            if (!_clusters.TryGetValue(no, out var c)) return Unknown;
            var now = Stopwatch.GetTimestamp();
            var readiness = Readiness(c, now);
            if (readiness.Code != 0) return readiness;
            c.Restart = new RestartRun(now, _settings.Current.BrokerRestartMs);
            return Ok;
        }
    }

    private Outcome Readiness(Cluster c, long now)
    {
        var s = StateOf(c, now);
        if (s.RestartInProgress) return InProgress;
        if (s.ServerStatus != "running")
            return new(NotRunningCode, $"Cluster is not in running state ({s.ServerStatus})");
        return Ok;
    }

    public (Cluster Cluster, ClusterState State)? Find(long no)
    {
        lock (_gate)
            return _clusters.TryGetValue(no, out var c) ? (c, StateOf(c, Stopwatch.GetTimestamp())) : null;
    }

    /// <summary>Filter then page; the caller has already clamped pageNo and pageSize.</summary>
    public (List<(Cluster, ClusterState)> Page, int Total) Query(string? inputText, string? vpcName, int pageNo, int pageSize)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var matching = _clusters.Values
                .Where(c => string.IsNullOrEmpty(inputText) || c.Name.Contains(inputText, StringComparison.OrdinalIgnoreCase))
                .Where(c => string.IsNullOrEmpty(vpcName) || c.VpcName == vpcName)
                .ToList();
            var page = matching
                .Skip((int)Math.Min(int.MaxValue, (long)(pageNo - 1) * pageSize))
                .Take(pageSize)
                .Select(c => (c, StateOf(c, now)))
                .ToList();
            return (page, matching.Count);
        }
    }

    /// <summary>
    /// The state machine. With N brokers and D ms per broker, elapsed time e puts broker
    /// floor(e / D) in restart (orange, one broker down); at e >= N*D all are green again.
    /// A failing cluster turns its broker red once that broker's restart time has elapsed.
    /// </summary>
    private static ClusterState StateOf(Cluster c, long now)
    {
        var n = c.BrokerCount;
        var zkTotal = Math.Min(3, n);
        if (c.Restart is { } run)
        {
            var elapsedMs = Stopwatch.GetElapsedTime(run.StartedAt, now).TotalMilliseconds;
            var index = (int)Math.Min(int.MaxValue, elapsedMs / run.BrokerRestartMs);
            if (c.FailAtBroker is { } fail && index > fail)
            {
                var nodes = Nodes(n, i => i == fail ? "red" : "green");
                return new ClusterState("error", "red", n - 1, nodes, "green", zkTotal, "green", false);
            }
            if (index < n)
            {
                var nodes = Nodes(n, i => i == index ? "orange" : "green");
                return new ClusterState("changing", "orange", n - 1, nodes, "green", zkTotal, "green", true);
            }
        }

        return c.SeedServerStatus switch
        {
            "running" => new ClusterState("running", "green", n, Nodes(n, _ => "green"), "green", zkTotal, "green", false),
            // Seeded "changing" (e.g. a scale-out in progress elsewhere): last broker busy.
            "changing" => new ClusterState("changing", "orange", n - 1, Nodes(n, i => i == n - 1 ? "orange" : "green"), "green", zkTotal, "green", false),
            "creating" => new ClusterState("creating", "gray", 0, Nodes(n, _ => "gray"), "gray", 0, "gray", false),
            // error and anything else: one broker down.
            var other => new ClusterState(other, "red", n - 1, Nodes(n, i => i == n - 1 ? "red" : "green"), "green", zkTotal, "green", false),
        };
    }

    private static string[] Nodes(int n, Func<int, string> status)
    {
        var a = new string[n];
        for (var i = 0; i < n; i++) a[i] = status(i);
        return a;
    }
}
