using System.Text;
using System.Text.Json;
using Cdss.Emulator.Clusters;

namespace Cdss.Emulator.Http;

/// <summary>Writers for the three response shapes a client must handle: envelope, gateway error, raw.</summary>
public static class Responses
{
    /// <summary>
    /// The response media type is not documented; a charset parameter (the emulator's choice) keeps clients
    /// from requiring a bare "application/json".
    /// </summary>
    public const string JsonContentType = "application/json;charset=UTF-8";

    /// <summary>
    /// camelCase as the reference spells fields; nulls kept because "result": null is part of
    /// the contract; relaxed escaping so "+0900" stays literal instead of becoming "\u002B0900".
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task Envelope(HttpContext ctx, int code, string message, object? result) =>
        WriteJson(ctx, 200, new EnvelopeBody(code, message, result, Guid.NewGuid().ToString()));

    public static Task Success(HttpContext ctx, object result) => Envelope(ctx, 0, "SUCCESS", result);

    /// <summary>true; the documented "no" (code 0, result null, reason in message); a non-zero code; or 401/210.</summary>
    public static Task Outcome(HttpContext ctx, Outcome outcome) => outcome.Kind switch
    {
        OutcomeKind.Yes => Success(ctx, true),
        OutcomeKind.No => Envelope(ctx, 0, outcome.Message, null),
        OutcomeKind.Error => Envelope(ctx, outcome.Code, outcome.Message, null),
        OutcomeKind.Denied => GatewayError(ctx, GatewayErrors.PermissionDenied, outcome.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Kind, "unknown outcome"),
    };

    /// <summary>
    /// A missing or unreadable body. The live service answers a body-less list request with HTTP 500
    /// "JSON Parse error"; the body shape here (the envelope, code 900) is the emulator's choice.
    /// </summary>
    public static Task JsonParseError(HttpContext ctx, string reason) =>
        WriteJson(ctx, 500, new EnvelopeBody(EnvelopeCodes.JsonParseError, "JSON Parse error: " + reason, null, Guid.NewGuid().ToString()));

    /// <summary>Gateway error body exactly as the reference gives it: errorCode is a string.</summary>
    public static Task GatewayError(HttpContext ctx, GatewayErrors.Entry entry, string details, string? retryAfter = null) =>
        GatewayError(ctx, entry.Status, entry.ErrorCode, entry.Message, details, retryAfter);

    public static Task GatewayError(HttpContext ctx, int status, string errorCode, string message, string details, string? retryAfter = null)
    {
        if (retryAfter is not null) ctx.Response.Headers.RetryAfter = retryAfter;
        return WriteJson(ctx, status, new { error = new { errorCode, message, details } });
    }

    public static Task WriteJson(HttpContext ctx, int status, object body) =>
        Raw(ctx, status, JsonContentType, JsonSerializer.Serialize(body, Json));

    public static async Task Raw(HttpContext ctx, int status, string? contentType, string body)
    {
        ctx.Response.StatusCode = status;
        if (contentType is not null) ctx.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        ctx.Response.ContentLength = bytes.Length;
        if (bytes.Length > 0) await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    private sealed record EnvelopeBody(int Code, string Message, object? Result, string RequestId);
}
