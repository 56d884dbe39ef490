namespace Cdss.Emulator.Options;

/// <summary>
/// How the emulator writes the forms the public sources leave open, so that a client can be tried against a
/// gateway that writes them differently (docs/EMULATOR.md, "Forms the sources leave open"). The default is the
/// emulator's long-standing choice; every other value is a form a real gateway may plausibly use.
/// </summary>
/// <param name="CustomValueAtDefault">How a setting at its default shows its customValue: <c>null</c>, <c>missing</c> or <c>empty</c> ("").</param>
/// <param name="RangeStyle">How a numeric range is written: <c>tilde</c> "1 ~ 8760", <c>tightTilde</c> "1~8760",
/// <c>dash</c> "1-8760", <c>spacedDash</c> "1 - 8760", <c>bracket</c> "[1, 8760]", <c>dots</c> "1..8760".</param>
/// <param name="ChoiceStyle">How a choice is written: <c>pipe</c> "true|false" or <c>comma</c> "true, false".</param>
/// <param name="ClusterListIgnoresPageNo">The cluster list answers page 1 whatever pageNo asks for, with
/// currentPage 1, totalPage 0 and isLast false: a listing that never says it has ended.</param>
public sealed record Dialect(string CustomValueAtDefault, string RangeStyle, string ChoiceStyle, bool ClusterListIgnoresPageNo)
{
    public static readonly Dialect Default = new("null", "tilde", "pipe", false);

    public static readonly IReadOnlyList<string> CustomValueForms = ["null", "missing", "empty"];
    public static readonly IReadOnlyList<string> RangeStyles = ["tilde", "tightTilde", "dash", "spacedDash", "bracket", "dots"];
    public static readonly IReadOnlyList<string> ChoiceStyles = ["pipe", "comma"];
    public static readonly IReadOnlyList<string> Names = ["customValueAtDefault", "rangeStyle", "choiceStyle", "clusterListIgnoresPageNo"];

    /// <summary>This dialect with one form changed; an unknown name or value is a <see cref="FormatException"/> naming the known ones.</summary>
    public Dialect With(string name, string value) => name switch
    {
        "customValueAtDefault" => this with { CustomValueAtDefault = OneOf(name, value, CustomValueForms) },
        "rangeStyle" => this with { RangeStyle = OneOf(name, value, RangeStyles) },
        "choiceStyle" => this with { ChoiceStyle = OneOf(name, value, ChoiceStyles) },
        "clusterListIgnoresPageNo" => bool.TryParse(value, out var ignores)
            ? this with { ClusterListIgnoresPageNo = ignores }
            : throw new FormatException($"{name} must be true or false, not '{value}'"),
        _ => throw new FormatException($"unknown dialect form '{name}' (known: {string.Join(", ", Names)})"),
    };

    /// <summary>"customValueAtDefault=empty,rangeStyle=dash" (the --dialect option) applied to the default.</summary>
    public static Dialect Parse(string text)
    {
        var dialect = Default;
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new FormatException($"'{pair}' is not name=value");
            dialect = dialect.With(pair[..eq].Trim(), pair[(eq + 1)..].Trim());
        }
        return dialect;
    }

    /// <summary>
    /// One getKafkaConfigGroupDetailList item, in the field order of the public sources, with customValue and
    /// range written in this dialect. <paramref name="customValue"/> is null for a setting at its default, and
    /// <paramref name="range"/> is in the emulator's own form ("1 ~ 8760", "true|false").
    /// </summary>
    public Dictionary<string, object?> SettingItem(string configName, string configNameKey, string? customValue,
        string defaultValue, bool modifyYn, string range, string type)
    {
        var item = new Dictionary<string, object?> { ["configName"] = configName, ["configNameKey"] = configNameKey };
        if (customValue is not null) item["customValue"] = customValue;
        else if (CustomValueAtDefault == "null") item["customValue"] = null;
        else if (CustomValueAtDefault == "empty") item["customValue"] = "";
        item["defaultValue"] = defaultValue;
        item["modifyYn"] = modifyYn;
        item["range"] = Range(range);
        item["type"] = type;
        return item;
    }

    /// <summary>A range written "min ~ max" or "a|b" (the emulator's own form), in this dialect.</summary>
    public string Range(string canonical)
    {
        var ends = canonical.Split('~', StringSplitOptions.TrimEntries);
        if (ends.Length == 2)
        {
            var (min, max) = (ends[0], ends[1]);
            return RangeStyle switch
            {
                "tightTilde" => $"{min}~{max}",
                "dash" => $"{min}-{max}",
                "spacedDash" => $"{min} - {max}",
                "bracket" => $"[{min}, {max}]",
                "dots" => $"{min}..{max}",
                _ => $"{min} ~ {max}",
            };
        }
        return ChoiceStyle == "comma" ? string.Join(", ", canonical.Split('|', StringSplitOptions.TrimEntries)) : canonical;
    }

    /// <summary>The page the cluster list answers when asked for <paramref name="pageNo"/>: page 1 when it ignores pageNo.</summary>
    public int ClusterListPageNo(int pageNo) => ClusterListIgnoresPageNo ? 1 : pageNo;

    /// <summary>
    /// The cluster list's paging fields (currentPage, totalPage, isLast, ...) in this dialect: a list that ignores
    /// pageNo never says how many pages there are or which is the last. Changes <paramref name="fields"/> and returns it.
    /// </summary>
    public Dictionary<string, object?> ClusterListFields(Dictionary<string, object?> fields)
    {
        if (ClusterListIgnoresPageNo)
        {
            fields["totalPage"] = 0;
            fields["isLast"] = false;
        }
        return fields;
    }

    public object Describe() => new
    {
        customValueAtDefault = CustomValueAtDefault,
        rangeStyle = RangeStyle,
        choiceStyle = ChoiceStyle,
        clusterListIgnoresPageNo = ClusterListIgnoresPageNo,
    };

    private static string OneOf(string name, string value, IReadOnlyList<string> known) =>
        known.FirstOrDefault(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase))
        ?? throw new FormatException($"{name} must be one of {string.Join(", ", known)}, not '{value}'");

    /// <summary>The --dialect form: "customValueAtDefault=null,rangeStyle=tilde,choiceStyle=pipe,clusterListIgnoresPageNo=false".</summary>
    public override string ToString() =>
        $"customValueAtDefault={CustomValueAtDefault},rangeStyle={RangeStyle},choiceStyle={ChoiceStyle},clusterListIgnoresPageNo={(ClusterListIgnoresPageNo ? "true" : "false")}";
}
