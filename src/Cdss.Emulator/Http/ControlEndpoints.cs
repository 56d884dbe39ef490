using System.Net;
using System.Text.Json;
using Cdss.Emulator.Clusters;
using Cdss.Emulator.Faults;
using Cdss.Emulator.Options;
using Cdss.Emulator.Timing;
using Cdss.Emulator.Traffic;

namespace Cdss.Emulator.Http;

/// <summary>
/// Test control under /_emulator: no authentication (tests must not need keys to steer it),
/// so it answers loopback callers only; the listener is loopback-only as well.
/// </summary>
public static class ControlEndpoints
{
    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/_emulator").AddEndpointFilter(async (ctx, next) =>
            ctx.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                ? await next(ctx)
                : Results.StatusCode(403));

        group.MapGet("/health", () => Results.Json(new { status = "ok" }));

        group.MapGet("/requests", (RequestLog log) => Results.Json(log.Snapshot(), Responses.Json));
        group.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });

        group.MapGet("/faults", (FaultInjector f) => Results.Json(f.Describe(), Responses.Json));
        group.MapPost("/faults", async (HttpContext ctx, FaultInjector f) =>
        {
            var (json, error) = await ReadJsonAsync(ctx);
            if (error is not null) return Problem(error);
            try
            {
                var added = f.Add(json);
                return Results.Json(new { added, rules = f.Describe() }, Responses.Json);
            }
            catch (FormatException e)
            {
                return Problem(e.Message);
            }
        });
        group.MapDelete("/faults", (FaultInjector f) =>
        {
            f.Clear();
            return Results.NoContent();
        });

        group.MapGet("/config", (RuntimeSettings s) => Results.Json(Describe(s.Current), Responses.Json));
        group.MapPost("/config", async (HttpContext ctx, RuntimeSettings s) =>
        {
            var (json, error) = await ReadJsonAsync(ctx);
            if (error is not null) return Problem(error);
            if (json.ValueKind != JsonValueKind.Object) return Problem("config must be a JSON object");
            try
            {
                var latency = Optional(json, "latencyMs", 0, 600_000);
                var offset = Optional(json, "clockOffsetSec", -10L * 365 * 86400, 10L * 365 * 86400);
                var restart = Optional(json, "brokerRestartMs", 1, 3_600_000);
                var delay = Optional(json, "restartDelayMs", 0, 3_600_000);
                var settle = Optional(json, "configApplyDelayMs", 0, 3_600_000);
                var recovery = Optional(json, "trafficRecoveryMs", 0, 86_400_000);
                double? rate = null;
                if (json.TryGetProperty("faultRate", out var r) && r.ValueKind != JsonValueKind.Null)
                    rate = r.ValueKind == JsonValueKind.Number && r.GetDouble() is var d and >= 0 and <= 1
                        ? d : throw new FormatException("faultRate must be a number in [0, 1]");
                foreach (var p in json.EnumerateObject())
                    if (p.Name is not ("latencyMs" or "clockOffsetSec" or "brokerRestartMs" or "faultRate" or "restartDelayMs" or "configApplyDelayMs"
                        or "trafficRecoveryMs"))
                        throw new FormatException($"unknown config field '{p.Name}'");

                s.Update(c => c with
                {
                    LatencyMs = (int?)latency ?? c.LatencyMs,
                    ClockOffsetSec = offset ?? c.ClockOffsetSec,
                    BrokerRestartMs = (int?)restart ?? c.BrokerRestartMs,
                    FaultRate = rate ?? c.FaultRate,
                    RestartDelayMs = (int?)delay ?? c.RestartDelayMs,
                    ConfigApplyDelayMs = (int?)settle ?? c.ConfigApplyDelayMs,
                    TrafficRecoveryMs = (int?)recovery ?? c.TrafficRecoveryMs,
                });
                return Results.Json(Describe(s.Current), Responses.Json);
            }
            catch (FormatException e)
            {
                return Problem(e.Message);
            }
        });

        // The emulator clock: every restart phase, fault window and logged time reads it. It only moves forward,
        // and a reset leaves it where it is.
        group.MapGet("/clock", (EmulatorClock clock, RuntimeSettings s) => Results.Json(new
        {
            now = EmulatorClock.Iso(clock.GetUtcNow()),
            totalAdvancedSeconds = clock.Advanced.TotalSeconds,
            gatewayNow = EmulatorClock.Iso(s.Now),
        }, Responses.Json));
        group.MapPost("/clock", async (HttpContext ctx, EmulatorClock clock) =>
        {
            var (json, error) = await ReadJsonAsync(ctx);
            if (error is not null) return Problem(error);
            if (AdvanceSeconds(json, out var seconds) is { } problem) return Problem(problem);
            clock.Advance(TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));
            return Results.Json(new
            {
                now = EmulatorClock.Iso(clock.GetUtcNow()),
                advancedSeconds = seconds,
                totalAdvancedSeconds = clock.Advanced.TotalSeconds,
            }, Responses.Json);
        });

        group.MapGet("/restarts", (ClusterStore store) => Results.Json(store.DescribeRuns(), Responses.Json));

        // Test settings of one cluster, e.g. {"failAtBroker": 1}; null clears a setting. Reset restores the seed.
        group.MapPost("/clusters/{no:long}", async (long no, HttpContext ctx, ClusterStore store) =>
        {
            var (json, error) = await ReadJsonAsync(ctx);
            if (error is not null) return Problem(error);
            if (json.ValueKind != JsonValueKind.Object) return Problem("cluster settings must be a JSON object");
            foreach (var p in json.EnumerateObject())
                if (p.Name is not "failAtBroker") return Problem($"unknown cluster setting '{p.Name}' (known: failAtBroker)");

            string? problem = null;
            object? described = null;
            var found = store.TryConfigure(no, c =>
            {
                if (json.TryGetProperty("failAtBroker", out var f))
                {
                    if (f.ValueKind == JsonValueKind.Null) c.FailAtBroker = null;
                    else if (f.ValueKind == JsonValueKind.Number && f.TryGetInt32(out var broker) && broker >= 1 && broker <= c.BrokerCount) c.FailAtBroker = broker;
                    else problem = $"failAtBroker must be null or a broker number in [1, {c.BrokerCount}]";
                }
                described = new { serviceGroupInstanceNo = c.No, clusterName = c.Name, brokerCount = c.BrokerCount, failAtBroker = c.FailAtBroker };
            });
            if (!found) return Results.NotFound(new { error = $"no cluster {no}" });
            return problem is not null ? Problem(problem) : Results.Json(described, Responses.Json);
        });

        DialectEndpoints.Map(group);
        TrafficEndpoints.Map(group);

        group.MapPost("/reset", (RequestLog log, FaultInjector f, ClusterStore store, ConfigGroupStore groups, RuntimeSettings s, DialectSettings dialect, TrafficStore traffic) =>
        {
            f.Reset();
            log.Clear();
            store.Reset();
            groups.Reset();
            s.Reset();
            dialect.Reset();
            traffic.Reset();
            return Results.NoContent();
        });

        // Unknown control paths: plain 404, distinct from the gateway's JSON 404 under /api.
        group.Map("/{**rest}", () => Results.NotFound(new { error = "unknown control endpoint" }));
    }

    private static object Describe(RuntimeSettings.Snapshot c) => new
    {
        latencyMs = c.LatencyMs,
        clockOffsetSec = c.ClockOffsetSec,
        brokerRestartMs = c.BrokerRestartMs,
        faultRate = c.FaultRate,
        restartDelayMs = c.RestartDelayMs,
        configApplyDelayMs = c.ConfigApplyDelayMs,
        trafficRecoveryMs = c.TrafficRecoveryMs,
    };

    private static long? Optional(JsonElement json, string name, long min, long max)
    {
        if (!json.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{name} must be an integer in [{min}, {max}]");
    }

    /// <summary>{"advanceSeconds": n}: a finite number of seconds, fractions allowed, from 0 to ten years.</summary>
    private static string? AdvanceSeconds(JsonElement json, out double seconds)
    {
        seconds = 0;
        if (json.ValueKind != JsonValueKind.Object) return "the clock body must be a JSON object like {\"advanceSeconds\": 90}";
        foreach (var p in json.EnumerateObject())
            if (p.Name is not "advanceSeconds") return $"unknown clock field '{p.Name}' (known: advanceSeconds)";
        if (!json.TryGetProperty("advanceSeconds", out var v)) return "advanceSeconds is required";
        if (v.ValueKind != JsonValueKind.Number) return "advanceSeconds must be a number of seconds";
        if (!v.TryGetDouble(out seconds) || !double.IsFinite(seconds)) return "advanceSeconds must be a finite number";
        if (seconds < 0) return "advanceSeconds must not be negative: the emulator clock only moves forward";
        if (seconds > EmulatorClock.MaxAdvanceSeconds) return $"advanceSeconds must be at most {EmulatorClock.MaxAdvanceSeconds} (ten years)";
        return null;
    }

    private static IResult Problem(string message) => Results.BadRequest(new { error = message });

    private static async Task<(JsonElement Json, string? Error)> ReadJsonAsync(HttpContext ctx)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, $"body is not valid JSON: {e.Message}");
        }
    }
}
