using System.Text;
using System.Text.Json;

namespace Cdss.Emulator.Http;

/// <summary>Writers for the three response shapes a client must handle: envelope, gateway error, raw.</summary>
public static class Responses
{
    /// <summary>The media type NCP's gateway sends; clients must not require a bare "application/json".</summary>
    public const string JsonContentType = "application/json;charset=UTF-8";

    /// <summary>
    /// camelCase as the reference spells fields; nulls kept because "result": null is part of
    /// the contract; relaxed escaping so "+0900" and quotes stay literal as a Java gateway writes them.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task Envelope(HttpContext ctx, int code, string message, object? result) =>
        WriteJson(ctx, 200, new EnvelopeBody(code, message, result, Guid.NewGuid().ToString()));

    public static Task Success(HttpContext ctx, object result) => Envelope(ctx, 0, "SUCCESS", result);

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
