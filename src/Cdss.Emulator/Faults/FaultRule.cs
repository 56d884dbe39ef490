using System.Globalization;
using System.Text.Json;
using Cdss.Emulator.Http;

namespace Cdss.Emulator.Faults;

public enum FaultKind { Status, Code, Latency, Hang, Reset, Malformed, Html, Empty, NotEnvelope }

/// <summary>
/// One fault rule as posted to /_emulator/faults or loaded with --faults. Matching fields are
/// optional; <see cref="Remaining"/> counts down from "times" (null = applies forever).
/// </summary>
public sealed class FaultRule
{
    public required string Name { get; init; }
    public string? Operation { get; init; }
    public long? ServiceGroupInstanceNo { get; init; }
    public int? Times { get; init; }
    public required FaultKind Kind { get; init; }
    /// <summary>HTTP status for "status" (defaults from the gateway table) and optionally for the body-shape kinds.</summary>
    public int? Status { get; init; }
    public string? ErrorCode { get; init; }
    public string? Message { get; init; }
    public string? Details { get; init; }
    public string? RetryAfter { get; init; }
    public int? Code { get; init; }
    public int? LatencyMs { get; init; }
    /// <summary>The rule matches only from this long after it was added...</summary>
    public int? StartAfterMs { get; init; }
    /// <summary>...and only for this long from then (null = for ever).</summary>
    public int? DurationMs { get; init; }

    // Mutated under the injector's lock only.
    public int? Remaining { get; set; }
    public int Applied { get; set; }
    /// <summary>Emulator clock timestamp of when the rule was added (or re-armed by a reset); the window counts from here.</summary>
    public long AddedAt { get; set; }

    /// <summary>Whether the rule's time window holds <paramref name="sinceAdded"/>, the time since <see cref="AddedAt"/>.</summary>
    public bool InWindow(TimeSpan sinceAdded)
    {
        if (StartAfterMs is null && DurationMs is null) return true;
        var elapsed = sinceAdded.TotalMilliseconds;
        var start = StartAfterMs ?? 0;
        return elapsed >= start && (DurationMs is not { } d || elapsed < start + d);
    }

    public static string KindName(FaultKind k) => JsonNamingPolicy.CamelCase.ConvertName(k.ToString());

    /// <summary>Parses one rule or an array of rules; throws <see cref="FormatException"/> with a readable reason.</summary>
    public static List<FaultRule> ParseMany(JsonElement root, Func<FaultKind, string> defaultName)
    {
        var list = new List<FaultRule>();
        if (root.ValueKind == JsonValueKind.Array)
            foreach (var e in root.EnumerateArray()) list.Add(Parse(e, defaultName));
        else
            list.Add(Parse(root, defaultName));
        return list;
    }

    private static FaultRule Parse(JsonElement e, Func<FaultKind, string> defaultName)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException("a rule must be a JSON object");
        foreach (var p in e.EnumerateObject())
            if (!Known.Contains(p.Name)) throw new FormatException($"unknown rule field '{p.Name}'");

        var kindText = Str(e, "kind") ?? throw new FormatException("rule needs \"kind\"");
        if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind) || int.TryParse(kindText, out _))
            throw new FormatException($"unknown kind '{kindText}' (status, code, latency, hang, reset, malformed, html, empty, notEnvelope)");

        var status = Int(e, "status");
        var errorCode = Str(e, "errorCode");
        var message = Str(e, "message");
        if (kind == FaultKind.Status)
        {
            // Fill the gaps from the gateway table so {"kind":"status","status":429} is enough.
            var row = errorCode is not null ? GatewayErrors.ByErrorCode(errorCode) : status is { } s ? GatewayErrors.ByStatus(s) : GatewayErrors.EndpointError;
            status ??= row?.Status ?? 503;
            errorCode ??= row?.ErrorCode ?? "500";
            message ??= row?.Message ?? GatewayErrors.ByErrorCode(errorCode)?.Message ?? "Endpoint Error";
        }
        if (status is { } st && (st < 100 || st > 599)) throw new FormatException("status must be an HTTP status code");

        var code = Int(e, "code");
        if (kind == FaultKind.Code && code is null) throw new FormatException("kind \"code\" needs \"code\"");
        var latency = Int(e, "latencyMs");
        if (kind == FaultKind.Latency && latency is null) throw new FormatException("kind \"latency\" needs \"latencyMs\"");
        if (latency is < 0) throw new FormatException("latencyMs must be >= 0");
        var times = Int(e, "times");
        if (times is < 1) throw new FormatException("times must be >= 1 (omit it for a permanent rule)");
        var startAfter = Int(e, "startAfterMs");
        if (startAfter is < 0) throw new FormatException("startAfterMs must be >= 0");
        var duration = Int(e, "durationMs");
        if (duration is < 1) throw new FormatException("durationMs must be >= 1 (omit it for no end)");

        return new FaultRule
        {
            Name = Str(e, "name") ?? defaultName(kind),
            Operation = Str(e, "operation"),
            ServiceGroupInstanceNo = Long(e, "serviceGroupInstanceNo"),
            Times = times,
            Remaining = times,
            Kind = kind,
            Status = status,
            ErrorCode = errorCode,
            Message = message ?? (kind == FaultKind.Code ? "Emulated error" : null),
            Details = Str(e, "details"),
            RetryAfter = Str(e, "retryAfter"),
            Code = code,
            LatencyMs = latency,
            StartAfterMs = startAfter,
            DurationMs = duration,
        };
    }

    private static readonly HashSet<string> Known =
    [
        "name", "operation", "serviceGroupInstanceNo", "times", "kind", "status", "errorCode",
        "message", "details", "retryAfter", "code", "latencyMs", "startAfterMs", "durationMs",
    ];

    /// <summary>Strings, or numbers taken as their text (errorCode 500 and "500" are the same).</summary>
    private static string? Str(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.ValueKind == JsonValueKind.Number ? v.GetRawText()
        : throw new FormatException($"{name} must be a string");

    private static long? Long(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n)) return n;
        throw new FormatException($"{name} must be an integer");
    }

    private static int? Int(JsonElement e, string name) =>
        Long(e, name) is { } n ? n is >= int.MinValue and <= int.MaxValue ? (int)n : throw new FormatException($"{name} is out of range") : null;

    /// <summary>Shape returned by GET /_emulator/faults.</summary>
    public object Describe() => new
    {
        name = Name,
        operation = Operation,
        serviceGroupInstanceNo = ServiceGroupInstanceNo,
        kind = KindName(Kind),
        times = Times,
        remaining = Remaining,
        applied = Applied,
        status = Status,
        errorCode = ErrorCode,
        message = Message,
        details = Details,
        retryAfter = RetryAfter,
        code = Code,
        latencyMs = LatencyMs,
        startAfterMs = StartAfterMs,
        durationMs = DurationMs,
    };
}
