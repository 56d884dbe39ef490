using Cdss.Emulator.Options;
using Cdss.Emulator.Timing;

namespace Cdss.Emulator.Clusters;

/// <summary>
/// Emulated clusters, the runs accepted on them, and the one broker-restart state machine. State is
/// computed from a run's acceptance time on the emulator clock on every read, under one lock, so no timers run;
/// a finished run is folded back into its cluster (new version, or the failed broker) the first time anyone looks.
/// </summary>
public sealed class ClusterStore
{
    private readonly SortedDictionary<long, Cluster> _clusters = new();
    private readonly List<MaintenanceRun> _runs = new();
    private readonly Func<List<Cluster>> _seed;
    private readonly RuntimeSettings _settings;
    private readonly EmulatorClock _clock;
    private readonly object _gate = new();

    public ClusterStore(EmulatorOptions options, RuntimeSettings settings, EmulatorClock clock)
    {
        _settings = settings;
        _clock = clock;
        _seed = options.GeneratedClusters is { } n ? () => ClusterSeed.Generate(n) : ClusterSeed.Default;
        Reset();
    }

    /// <summary>Back to the seed: forgets every run and setting, including a failed kafka-flaky.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _clusters.Clear();
            _runs.Clear();
            foreach (var c in _seed()) _clusters[c.No] = c;
        }
    }

    /// <summary>
    /// Checks (dryRun) or starts a run. The order of checks: the cluster exists and may be used, the
    /// plan's own validation, readiness (busy, not running), then the plan's refusals.
    /// </summary>
    public Outcome Start(long no, RunPlan plan, bool dryRun)
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            if (Lookup(no, now) is not { } c) return Access(no);
            var outcome = plan.Validate?.Invoke(c) ?? Readiness(c, plan) ?? plan.Refuse?.Invoke(c);
            if (outcome is not null) return outcome;
            if (dryRun) return Outcome.Yes;

            var current = _settings.Current;
            var run = new MaintenanceRun
            {
                Kind = plan.Kind,
                ClusterNo = c.No,
                ClusterName = c.Name,
                AcceptedTimestamp = now,
                AcceptedAt = _clock.GetUtcNow(),
                DelayMs = plan.SettlesFirst ? current.ConfigApplyDelayMs : current.RestartDelayMs,
                DelayVisible = plan.SettlesFirst,
                BrokerRestartMs = current.BrokerRestartMs,
                Waves = plan.Waves(c),
                FailAtBroker = c.FailAtBroker,
                OnSuccess = plan.OnSuccess,
            };
            c.ActiveRun = run;
            _runs.Add(run);
            return Outcome.Yes;
        }
    }

    /// <summary>Projects one cluster and its current state under the lock; failure is code 3 or 401/210.</summary>
    public bool TryRead<T>(long no, Func<Cluster, ClusterState, T> project, out T value, out Outcome failure)
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            if (Lookup(no, now) is { } c)
            {
                value = project(c, StateOf(c, now));
                failure = Outcome.Yes;
                return true;
            }
            value = default!;
            failure = Access(no);
            return false;
        }
    }

    /// <summary>Allowed clusters matching the filter, in number order.</summary>
    public List<T> Select<T>(Func<Cluster, bool> filter, Func<Cluster, ClusterState, T> project)
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            return _clusters.Values.Where(c => c.Allowed && filter(c))
                .Select(c => { Advance(c, now); return project(c, StateOf(c, now)); })
                .ToList();
        }
    }

    /// <summary>
    /// The allowed clusters a list filter matches (one page of them projected, and their total), and the
    /// disallowed clusters it matches.
    /// </summary>
    public (List<T> Page, int Total, List<Cluster> Disallowed) Query<T>(string? inputText, string? vpcName,
        Func<IEnumerable<Cluster>, IEnumerable<Cluster>> page, Func<Cluster, ClusterState, T> project)
    {
        bool Matches(Cluster c) =>
            (string.IsNullOrEmpty(inputText) || c.Name.Contains(inputText, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(vpcName) || c.VpcName == vpcName);

        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            var allowed = _clusters.Values.Where(c => c.Allowed && Matches(c)).ToList();
            var rows = page(allowed).Select(c => { Advance(c, now); return project(c, StateOf(c, now)); }).ToList();
            var disallowed = _clusters.Values.Where(c => !c.Allowed && Matches(c)).ToList();
            return (rows, allowed.Count, disallowed);
        }
    }

    /// <summary>Changes a cluster's test settings (failAtBroker); false when there is no such cluster.</summary>
    public bool TryConfigure(long no, Action<Cluster> change)
    {
        lock (_gate)
        {
            if (!_clusters.TryGetValue(no, out var c)) return false;
            change(c);
            return true;
        }
    }

    /// <summary>Every accepted run, in acceptance order.</summary>
    public List<object> DescribeRuns()
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            return _runs.Select(r => r.Describe(Age(r, now))).ToList();
        }
    }

    /// <summary>The runs accepted on one cluster, in acceptance order (a run never changes once accepted).</summary>
    public List<MaintenanceRun> RunsOf(long no)
    {
        lock (_gate) return _runs.Where(r => r.ClusterNo == no).ToList();
    }

    private Cluster? Lookup(long no, long now)
    {
        if (!_clusters.TryGetValue(no, out var c) || !c.Allowed) return null;
        Advance(c, now);
        return c;
    }

    private Outcome Access(long no) =>
        _clusters.TryGetValue(no, out var c) && !c.Allowed ? Outcome.Denied : Outcome.UnknownCluster;

    /// <summary>How long ago, on the emulator clock, the run was accepted.</summary>
    private TimeSpan Age(MaintenanceRun run, long now) => _clock.GetElapsedTime(run.AcceptedTimestamp, now);

    /// <summary>Folds a finished run into the cluster: the failed broker, or the run's change.</summary>
    private void Advance(Cluster c, long now)
    {
        if (c.ActiveRun is not { } run || !run.IsOverAt(Age(run, now))) return;
        if (run.Fails)
        {
            c.StatusAtRest = "error";
            c.FailedBroker = run.FailAtBroker;
        }
        else
        {
            run.OnSuccess?.Invoke(c);
        }
        c.ActiveRun = null;
    }

    private static Outcome? Readiness(Cluster c, RunPlan plan)
    {
        if (c.ActiveRun is { } run) return Outcome.No(BusyMessage(run.Kind));
        if (c.StatusAtRest == "running") return null;
        var reason = $"Cluster is not in running state ({c.StatusAtRest})";
        return plan.UsesNotReadyCode && c.NotReadyCode is { } code ? Outcome.Error(code, reason) : Outcome.No(reason);
    }

    private static string BusyMessage(string kind) => kind switch
    {
        RunKinds.RollingUpgrade => "A rolling upgrade is already in progress",
        RunKinds.ConfigApply => "Cluster is not in running state (changing)",
        _ => "A rolling restart is already in progress",
    };

    /// <summary>
    /// The state machine's view of one instant. During an invisible delay nothing shows yet; during a
    /// visible one (config apply settling) the cluster is changing with every broker up; while a wave runs
    /// its brokers are down and restarting. At rest the seeded status decides.
    /// </summary>
    private ClusterState StateOf(Cluster c, long now)
    {
        var n = c.BrokerCount;
        var zk = Math.Min(3, n);
        if (c.ActiveRun is { } run && run.WaveAt(Age(run, now)) is { } wave)
        {
            if (wave >= 0)
            {
                var down = run.Waves[wave];
                return new ClusterState("changing", "orange", n - down.Count,
                    Nodes(n, b => down.Contains(b) ? NodeStatus.Restarting : NodeStatus.Running), "green", zk, NodeStatus.Running, "green");
            }
            if (run.DelayVisible)
                return new ClusterState("changing", "orange", n, Nodes(n, _ => NodeStatus.Running), "green", zk, NodeStatus.Running, "green");
        }

        return c.StatusAtRest switch
        {
            "running" => new ClusterState("running", "green", n, Nodes(n, _ => NodeStatus.Running), "green", zk, NodeStatus.Running, "green"),
            // Seeded "changing" (e.g. a scale-out in progress elsewhere): the last broker busy.
            "changing" => new ClusterState("changing", "orange", n - 1,
                Nodes(n, b => b == n ? NodeStatus.Restarting : NodeStatus.Running), "green", zk, NodeStatus.Running, "green"),
            "creating" => new ClusterState("creating", "gray", 0, Nodes(n, _ => NodeStatus.Creating), "gray", 0, NodeStatus.Creating, "gray"),
            // error and anything else: one broker down.
            var other => new ClusterState(other, "red", n - 1,
                Nodes(n, b => b == (c.FailedBroker ?? n) ? NodeStatus.Error : NodeStatus.Running), "green", zk, NodeStatus.Running, "green"),
        };
    }

    /// <summary>Per-broker status, indexed from broker 1.</summary>
    private static string[] Nodes(int n, Func<int, string> status)
    {
        var a = new string[n];
        for (var i = 0; i < n; i++) a[i] = status(i + 1);
        return a;
    }
}
