using System.Text.Json;
using Cdss.Emulator.Clusters;
using Cdss.Emulator.Traffic;

namespace Cdss.Emulator.Http;

/// <summary>
/// GET / POST /_emulator/clusters/{no}/traffic: a cluster's traffic faults, like failAtBroker is its restart
/// fault. {"recovers": false} keeps the rate at the dip after a run; {"absentMetrics": [...]} leaves metrics out
/// of its answers. A field not sent keeps its value; null restores its default. Reset restores every default.
/// </summary>
public static class TrafficEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/clusters/{no:long}/traffic", (long no, ClusterStore store, TrafficStore traffic) =>
            NameOf(store, no) is { } name ? Results.Json(Describe(no, name, traffic.Get(no)), Responses.Json) : NotFound(no));

        group.MapPost("/clusters/{no:long}/traffic", async (long no, HttpContext ctx, ClusterStore store, TrafficStore traffic) =>
        {
            if (NameOf(store, no) is not { } name) return NotFound(no);
            JsonElement json;
            try
            {
                using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
                json = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                return Problem($"body is not valid JSON: {e.Message}");
            }
            if (json.ValueKind != JsonValueKind.Object) return Problem("traffic settings must be a JSON object");
            try
            {
                var updated = Apply(traffic.Get(no), json);
                traffic.Set(no, updated);
                return Results.Json(Describe(no, name, updated), Responses.Json);
            }
            catch (FormatException e)
            {
                return Problem(e.Message);
            }
        });
    }

    /// <summary>The settings after a change; a FormatException says what is wrong with it.</summary>
    public static TrafficSettings Apply(TrafficSettings current, JsonElement json)
    {
        foreach (var p in json.EnumerateObject())
            if (p.Name is not ("recovers" or "absentMetrics"))
                throw new FormatException($"unknown traffic setting '{p.Name}' (known: recovers, absentMetrics)");

        var recovers = current.Recovers;
        if (json.TryGetProperty("recovers", out var r))
            recovers = r.ValueKind switch
            {
                JsonValueKind.Null => TrafficSettings.Default.Recovers,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new FormatException("recovers must be true, false or null"),
            };

        var absent = current.AbsentMetrics;
        if (json.TryGetProperty("absentMetrics", out var a))
        {
            if (a.ValueKind == JsonValueKind.Null) absent = TrafficSettings.Default.AbsentMetrics;
            else if (a.ValueKind != JsonValueKind.Array) throw new FormatException("absentMetrics must be an array of metric names, or null");
            else
            {
                var known = MetricCatalog.AllNames.ToHashSet(StringComparer.Ordinal);
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in a.EnumerateArray())
                {
                    var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new FormatException("absentMetrics must hold metric names (strings)");
                    if (!known.Contains(name))
                        throw new FormatException($"absentMetrics: '{name}' is not a metric the emulator serves (known: {string.Join(", ", MetricCatalog.AllNames)})");
                    names.Add(name);
                }
                absent = names;
            }
        }
        return new TrafficSettings(recovers, absent);
    }

    private static object Describe(long no, string name, TrafficSettings s) => new
    {
        serviceGroupInstanceNo = no,
        clusterName = name,
        recovers = s.Recovers,
        absentMetrics = s.AbsentMetrics.Order(StringComparer.Ordinal).ToList(),
    };

    /// <summary>Any seeded cluster, the disallowed one too, as for failAtBroker.</summary>
    private static string? NameOf(ClusterStore store, long no)
    {
        string? name = null;
        return store.TryConfigure(no, c => name = c.Name) ? name : null;
    }

    private static IResult NotFound(long no) => Results.NotFound(new { error = $"no cluster {no}" });

    private static IResult Problem(string message) => Results.BadRequest(new { error = message });
}
