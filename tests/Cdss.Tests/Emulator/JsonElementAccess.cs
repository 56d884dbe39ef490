using System.Text.Json;

namespace Cdss.Tests;

/// <summary>Short reads of the emulator's JSON, failing with the property name when it is missing or mistyped.</summary>
internal static class JsonElementAccess
{
    public static JsonElement Get(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v : throw new Xunit.Sdk.XunitException($"no property '{name}' in {e.GetRawText()}");

    public static string Str(this JsonElement e, string name) =>
        e.Get(name).GetString() ?? throw new Xunit.Sdk.XunitException($"'{name}' is null in {e.GetRawText()}");

    public static string? StrOrNull(this JsonElement e, string name) => e.Get(name).GetString();

    public static int Int(this JsonElement e, string name) => e.Get(name).GetInt32();

    public static long Long(this JsonElement e, string name) => e.Get(name).GetInt64();

    public static bool Bool(this JsonElement e, string name) => e.Get(name).GetBoolean();

    public static bool IsNull(this JsonElement e, string name) => e.Get(name).ValueKind == JsonValueKind.Null;

    /// <summary>The items of an array (the element itself, or its property <paramref name="name"/>).</summary>
    public static List<JsonElement> Items(this JsonElement e, string? name = null)
    {
        var array = name is null ? e : e.Get(name);
        return array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().ToList()
            : throw new Xunit.Sdk.XunitException($"'{name}' is not an array: {array.GetRawText()}");
    }

    /// <summary>One string property of every item of an array.</summary>
    public static List<string?> Strs(this JsonElement e, string arrayName, string property) =>
        e.Items(arrayName).Select(i => i.Get(property).GetString()).ToList();

    /// <summary>The property names of an object, in the order sent.</summary>
    public static List<string> Names(this JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToList();
}
