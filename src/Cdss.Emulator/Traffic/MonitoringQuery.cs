using System.Text.Json;
using Cdss.Emulator.Clusters;
using Cdss.Emulator.Http;

namespace Cdss.Emulator.Traffic;

/// <summary>
/// The body of getCdssMonitoringData: {timeStart, timeEnd, metric, computeInstanceNo, interval}, all required.
/// Times are epoch milliseconds as integers (a JSON string of digits passes, like every number the emulator
/// reads); ISO text and fractions are refused, as an independent client saw the service refuse them.
/// </summary>
public sealed record MonitoringQuery(long TimeStart, long TimeEnd, string Metric, long ComputeInstanceNo, MonitoringInterval Interval)
{
    public const string ClusterMetrics = "CLUSTER_ALL_METRICS";
    public const string BrokerMetrics = "BROKER_ALL_METRICS";

    public bool IsBroker => Metric == BrokerMetrics;

    /// <summary>The query, or null and the refusal: code 1000 naming the field (the emulator's choice of code).</summary>
    public static Outcome? Parse(JsonElement body, out MonitoringQuery? query)
    {
        query = null;
        if (Time(body, "timeStart", out var start) is { } badStart) return badStart;
        if (Time(body, "timeEnd", out var end) is { } badEnd) return badEnd;

        if (!RequestBody.TryGetString(body, "metric", out var metric) || metric is null)
            return Invalid($"metric is required: {ClusterMetrics} or {BrokerMetrics}");
        if (metric is not (ClusterMetrics or BrokerMetrics))
            return Invalid($"metric must be {ClusterMetrics} or {BrokerMetrics}, not '{metric}'");

        if (RequestBody.RequireLong(body, "computeInstanceNo", out var node) is { } badNode) return badNode;

        if (!RequestBody.TryGetString(body, "interval", out var intervalName) || intervalName is null)
            return Invalid($"interval is required: {Names()}");
        if (MonitoringInterval.Find(intervalName) is not { } interval)
            return Invalid($"interval must be one of {Names()}, not '{intervalName}'");

        if (start >= end) return Invalid("timeStart must be before timeEnd");
        if (TimeSpan.FromMilliseconds(end - start) > interval.LongestRange)
            return Invalid($"the range from timeStart to timeEnd is longer than interval {interval.Name} allows ({interval.LongestRangeText})");

        query = new MonitoringQuery(start, end, metric, node, interval);
        return null;
    }

    private static Outcome? Time(JsonElement body, string name, out long value)
    {
        value = 0;
        if (!RequestBody.TryGetLong(body, name, out var parsed))
        {
            var sent = body.TryGetProperty(name, out var raw) ? raw.GetRawText() : "";
            return Invalid($"{name} must be epoch milliseconds as an integer, not {sent}");
        }
        if (parsed is not { } ms) return Invalid($"{name} is required (epoch milliseconds)");
        if (ms < 0) return Invalid($"{name} must not be negative");
        value = ms;
        return null;
    }

    private static string Names() => string.Join(", ", MonitoringInterval.All.Select(i => i.Name));

    private static Outcome Invalid(string reason) => Outcome.Error(EnvelopeCodes.InvalidParameter, "Invalid parameter: " + reason);
}
