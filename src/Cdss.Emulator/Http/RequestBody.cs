using System.Globalization;
using System.Text.Json;
using Cdss.Emulator.Clusters;

namespace Cdss.Emulator.Http;

/// <summary>
/// Reads fields of a request body that the pipeline has already parsed as a JSON object. Integers are
/// taken as JSON numbers or as JSON strings holding one ("3432149"): a third-party client sends the
/// latter and the live service accepts it. Anything else is answered in the envelope, not as a gateway 400.
/// </summary>
public static class RequestBody
{
    /// <summary>False when the field is present but not an integer; value null when absent or null.</summary>
    public static bool TryGetLong(JsonElement body, string name, out long? value)
    {
        value = null;
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return true;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) { value = n; return true; }
        if (v.ValueKind == JsonValueKind.String && TryParseInteger(v.GetString(), out n)) { value = n; return true; }
        return false;
    }

    public static bool TryGetString(JsonElement body, string name, out string? value)
    {
        value = null;
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return true;
        if (v.ValueKind != JsonValueKind.String) return false;
        value = v.GetString();
        return true;
    }

    /// <summary>A required integer; the failure names the field, with <paramref name="code"/> and <paramref name="prefix"/> leading the message.</summary>
    public static Outcome? RequireLong(JsonElement body, string name, out long value, int code = EnvelopeCodes.InvalidParameter, string prefix = "Invalid parameter")
    {
        value = 0;
        if (!TryGetLong(body, name, out var v)) return Outcome.Error(code, $"{prefix}: {name} must be an integer");
        if (v is not { } n) return Outcome.Error(code, $"{prefix}: {name} is required");
        value = n;
        return null;
    }

    /// <summary>serviceGroupInstanceNo from the body; a missing or mistyped one is code 3 with the reason.</summary>
    public static Outcome? RequireClusterNo(JsonElement body, out long no) =>
        RequireLong(body, "serviceGroupInstanceNo", out no, EnvelopeCodes.InvalidNo, EnvelopeCodes.InvalidNoMessage);

    /// <summary>Plain decimal digits with an optional sign; no spaces, no exponent.</summary>
    public static bool TryParseInteger(string? text, out long value)
    {
        value = 0;
        return !string.IsNullOrEmpty(text) && text.TrimStart('-').Length > 0 && text.TrimStart('-').All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A number in the path; text that is not one cannot name anything, so it is answered as unknown.</summary>
    public static long? PathNumber(string? text) =>
        text is not null && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
