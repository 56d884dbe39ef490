using System.Text.Json;
using Cdss.Emulator.Clusters;
using Cdss.Emulator.Options;
using Cdss.Emulator.Timing;
using Cdss.Emulator.Traffic;

namespace Cdss.Emulator.Http;

/// <summary>getCdssMonitoringData: each cluster's traffic model, read at one instant.</summary>
public sealed class MonitoringOperations(ClusterStore store, TrafficStore traffic, RuntimeSettings settings, EmulatorClock clock) : IOperationGroup
{
    public IEnumerable<KeyValuePair<string, OperationHandler>> Handlers =>
    [
        new("getCdssMonitoringData", Monitoring),
    ];

    /// <summary>
    /// Parameter errors first (code 1000), then the cluster in the path (code 3, or 401/210), then whether the node
    /// is the cluster's manager node (cluster metrics) or one of its brokers (broker metrics).
    /// </summary>
    private Task Monitoring(HttpContext ctx, CdssRoute route, JsonElement body)
    {
        if (MonitoringQuery.Parse(body, out var query) is { } invalid) return Responses.Outcome(ctx, invalid);
        if (RequestBody.PathNumber(route.PathNo) is not { } no) return Responses.Outcome(ctx, Outcome.UnknownCluster);
        if (!store.TryRead(no, (c, _) => MonitoredCluster.Of(c, query!.ComputeInstanceNo), out var cluster, out var failure))
            return Responses.Outcome(ctx, failure);
        if (cluster.Refuse(query!) is { } wrongNode) return Responses.Outcome(ctx, wrongNode);

        var runs = store.RunsOf(no).Select(RunWindow.Of).ToList();
        // The traffic model's one read of the clock: the emulator clock the runs' AcceptedAt comes from (the
        // --clock-offset-sec skew is for signatures and the Date header only), so moving it moves the traffic too.
        var now = clock.GetUtcNow();
        var recovery = TimeSpan.FromMilliseconds(settings.Current.TrafficRecoveryMs);
        return Responses.Success(ctx, new { data = MonitoringData.Build(query!, cluster, runs, traffic.Get(no), recovery, now) });
    }
}
