using System.Globalization;
using System.Text.Json;

namespace Cdss.Emulator.Clusters;

/// <summary>
/// One Kafka setting a config group may customise. <see cref="Range"/> is "min ~ max" (inclusive) for
/// Integer and Long, and the allowed values joined by '|' for Boolean and String.
/// </summary>
public sealed record ConfigSetting(string Key, string Name, string Type, string Default, string Range, bool Modifiable)
{
    public const string IntegerType = "Integer";
    public const string LongType = "Long";
    public const string BooleanType = "Boolean";
    public const string StringType = "String";

    /// <summary>
    /// The value as the service shows it (text), or the reason it is refused. Values come JSON-typed by
    /// <see cref="Type"/>; a string that parses as that type is accepted too.
    /// </summary>
    public (string? Text, string? Problem) Parse(JsonElement value)
    {
        switch (Type)
        {
            case IntegerType or LongType:
            {
                long n;
                var ok = value.ValueKind == JsonValueKind.Number ? value.TryGetInt64(out n)
                    : TryParseInteger(value, out n);
                if (!ok) return (null, $"{Key} must be an integer in {Range}");
                var (min, max) = NumericRange();
                return n >= min && n <= max ? (n.ToString(CultureInfo.InvariantCulture), null) : (null, $"{Key} must be in {Range} (got {n})");
            }
            case BooleanType:
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return (value.GetBoolean() ? "true" : "false", null);
                if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var b)) return (b ? "true" : "false", null);
                return (null, $"{Key} must be one of {Range}");
            default:
                var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                return text is not null && Range.Split('|').Contains(text) ? (text, null) : (null, $"{Key} must be one of {Range}");
        }
    }

    private (long Min, long Max) NumericRange()
    {
        var parts = Range.Split('~', StringSplitOptions.TrimEntries);
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static bool TryParseInteger(JsonElement value, out long n)
    {
        n = 0;
        return value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n);
    }
}
