using Cdss.Api;
using Cdss.Rollout;
using Cdss.Signing;
using Cdss.Transport;

namespace Cdss.Tests;

/// <summary>
/// The rollout end to end on one clock: the real engine and client, over the emulator in this process, where the
/// engine's waits move the emulator's clock. A restart, a traffic dip and a recovery that take minutes of service
/// time take milliseconds here, and no test waits on the wall clock.
/// </summary>
public sealed class RolloutOnEmulatorTests : IAsyncLifetime
{
    private EmulatorHost _host = null!;
    private CdssTransport _transport = null!;
    private CdssClient _client = null!;
    private readonly RecordingLog _log = new();

    public async Task InitializeAsync()
    {
        // Brokers restart in 20 s and traffic ramps back over 2 minutes of emulator time.
        _host = await EmulatorHost.StartAsync("--broker-restart-ms", "20000", "--traffic-recovery-ms", "120000");
        var signer = new RequestSigner(Cdss.Emulator.Options.EmulatorOptions.DefaultAccessKey,
            Secure.From(Cdss.Emulator.Options.EmulatorOptions.DefaultSecretKey), _host.Clock.GetUtcNow);
        _transport = new CdssTransport(new Uri("http://localhost/api/v1"), signer, new TransportSettings(30, 0), _host.Server.CreateHandler());
        _client = new CdssClient(_transport, _log);
    }

    public async Task DisposeAsync()
    {
        _transport.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<List<RolloutItem>> RunAsync(double? trafficRecovery, params long[] clusters)
    {
        var options = new RolloutOptions
        {
            PollInterval = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromMinutes(15),
            Now = _host.Clock.GetUtcNow,
            Delay = (wait, token) =>
            {
                _host.Clock.Advance(wait);
                return Task.CompletedTask;
            },
        };
        if (trafficRecovery is { } r)
        {
            options.Traffic = new TrafficGate(r, TrafficGate.DefaultMetric, TimeSpan.FromMinutes(30),
                (no, metric, from, to, token) => _client.GetMetricsAsync(no, new MetricQuery(from, to, MetricInterval.FinestFor(to - from), false, new[] { metric }), token));
        }
        var operation = new RollingRestartOperation(_client);
        var record = new RolloutRecord(operation.Kind, null, options.Now, _client.Clusters, _log, null, _ => { });
        var engine = new RolloutEngine(operation, options, record, null, _ => { });
        // The clock starts at a whole minute; an hour of history lies before it.
        _host.Clock.Advance(TimeSpan.FromHours(1));
        await engine.RunAsync(clusters, CancellationToken.None);
        return engine.Items.ToList();
    }

    private async Task<List<string>> MonitoringRequestBodiesAsync() =>
        (await _host.RequestsAsync()).Where(r => r.Str("operation") == "getCdssMonitoringData").Select(r => r.Str("body")).ToList();

    [Fact]
    public async Task AGatedRestart_IsSucceededOnlyAfterTheTrafficIsBack()
    {
        var items = await RunAsync(0.9, 3432149);

        var result = items[0].Result;
        Assert.Equal(RolloutOutcome.Succeeded, result.Outcome);
        Assert.InRange(result.TrafficBaseline!.Value, 4000, 6000);
        Assert.True(result.TrafficAfter >= 0.9 * result.TrafficBaseline, $"{result.TrafficAfter} of {result.TrafficBaseline}");
        // Three brokers of 20 s, then most of a two-minute ramp from the dip at 30 % to 90 %: the gate held the cluster.
        Assert.True(result.Duration >= TimeSpan.FromSeconds(60 + 0.6 * 120), $"took {result.Duration}");
        var restarts = await _host.RestartsAsync();
        Assert.Single(restarts);
        var lines = _log.Lines.Select(l => l.Text).ToList();
        var readings = lines.Where(l => l.Contains("traffic: cluster_messagesInSecMean") && l.Contains("% of the baseline")).ToList();
        Assert.NotEmpty(readings);
        // The lowest the result names is the lowest any read showed, not the lowest of the last read.
        static double Number(string text, string after) =>
            double.Parse(System.Text.RegularExpressions.Regex.Match(text, System.Text.RegularExpressions.Regex.Escape(after) + @" ([\d,.]+)").Groups[1].Value.Replace(",", ""),
                System.Globalization.CultureInfo.InvariantCulture);
        var lowestRead = readings.Select(l => Number(l, "(lowest")).Min();
        Assert.True(Number(result.Message, "lowest after the request") <= lowestRead, result.Message + " / " + readings[0]);
        // The monitoring reads send epoch milliseconds as JSON integers and name the manager node, found by the client.
        var body = (await MonitoringRequestBodiesAsync()).First();
        Assert.Matches("\"timeStart\":\\d{13},\"timeEnd\":\\d{13}", body);
        Assert.Contains("\"computeInstanceNo\":\"343214951\"", body);
    }

    [Fact]
    public async Task TrafficThatDoesNotRecover_FailsTheCluster_AndHaltsTheRollout()
    {
        Assert.Equal(200, (await _host.ControlAsync(HttpMethod.Post, "clusters/3432149/traffic", new { recovers = false })).Status);

        var items = await RunAsync(0.9, 3432149, 3432150);

        Assert.Equal(new[] { RolloutOutcome.Failed, RolloutOutcome.NotStarted }, items.Select(i => i.Result.Outcome));
        Assert.Equal(CdssErrorIds.TrafficNotRecovered, items[0].Error!.ErrorId);
        Assert.Contains("kafka-prod-01", items[0].Error!.Message);
        Assert.Contains("of the baseline", items[0].Error!.Message);
        Assert.Single(await _host.RestartsAsync());
    }

    [Fact]
    public async Task AClusterWithoutTheMetric_WarnsAndProceeds()
    {
        Assert.Equal(200, (await _host.ControlAsync(HttpMethod.Post, "clusters/3432149/traffic", new { absentMetrics = new[] { TrafficGate.DefaultMetric } })).Status);

        var items = await RunAsync(0.9, 3432149, 3432150);

        Assert.Equal(new[] { RolloutOutcome.Succeeded, RolloutOutcome.Succeeded }, items.Select(i => i.Result.Outcome));
        Assert.Null(items[0].Result.TrafficBaseline);
        Assert.NotNull(items[1].Result.TrafficBaseline);
        Assert.Single(_log.Warnings, w => w.Contains(CdssErrorIds.MetricUnavailable));
    }

    [Fact]
    public async Task WithoutAGate_NoMonitoringDataIsRead()
    {
        var items = await RunAsync(null, 3432149);

        Assert.Equal(RolloutOutcome.Succeeded, items[0].Result.Outcome);
        Assert.Null(items[0].Result.TrafficBaseline);
        Assert.Empty(await MonitoringRequestBodiesAsync());
    }
}
