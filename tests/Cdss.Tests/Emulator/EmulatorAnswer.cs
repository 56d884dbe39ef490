using System.Net.Http.Headers;
using System.Text.Json;

namespace Cdss.Tests;

/// <summary>One answer of the emulator: status, text as sent, the parsed JSON (undefined when it is not JSON) and headers.</summary>
internal sealed record EmulatorAnswer(int Status, string Text, JsonElement Json, HttpResponseHeaders Headers, string? ContentType)
{
    public static async Task<EmulatorAnswer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonElement json = default;
        try
        {
            if (text.Length > 0) json = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON (an injected HTML page, a malformed body): Json stays undefined, Text has it.
        }
        return new EmulatorAnswer((int)response.StatusCode, text, json, response.Headers, response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>The envelope's code.</summary>
    public int Code => Json.Int("code");

    public string Message => Json.Str("message");

    public JsonElement Result => Json.GetProperty("result");

    /// <summary>Whether the envelope says "result": null, written out (not left out).</summary>
    public bool ResultIsNull => Json.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Null && Text.Contains("\"result\":null");

    /// <summary>The gateway error's errorCode (a string).</summary>
    public string ErrorCode => Json.GetProperty("error").Str("errorCode");

    public string ErrorMessage => Json.GetProperty("error").Str("message");
}
