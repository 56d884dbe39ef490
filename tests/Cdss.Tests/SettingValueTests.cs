using System.Text;
using System.Text.Json;
using Cdss.Maintenance;

namespace Cdss.Tests;

public class SettingValueTests
{
    private static string Json(SettingValue value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            value.WriteTo(writer, "v");
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static TheoryData<object, string, string> Accepted => new()
    {
        { 96, "Integer", "{\"v\":96}" },
        { 96L, "Integer", "{\"v\":96}" },
        { "96", "Integer", "{\"v\":96}" },
        { " 96 ", "integer", "{\"v\":96}" },
        { 96.0, "Integer", "{\"v\":96}" },
        { 96m, "Integer", "{\"v\":96}" },
        { (byte)3, "Integer", "{\"v\":3}" },
        { -1, "Long", "{\"v\":-1}" },
        { "9223372036854775807", "Long", "{\"v\":9223372036854775807}" },
        { long.MaxValue, "Long", "{\"v\":9223372036854775807}" },
        { true, "Boolean", "{\"v\":true}" },
        { "False", "Boolean", "{\"v\":false}" },
        { "compact", "String", "{\"v\":\"compact\"}" },
        { 5, "String", "{\"v\":\"5\"}" },
        { "x", "SomethingNew", "{\"v\":\"x\"}" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void TryConvert_TypesTheValueForJson(object input, string type, string json)
    {
        Assert.True(SettingValue.TryConvert(input, type, out var value, out var problem), problem);
        Assert.Equal(json, Json(value!));
    }

    public static TheoryData<object?, string, string> Refused => new()
    {
        { null, "Integer", "no value" },
        { "abc", "Integer", "not an Integer" },
        { 1.5, "Integer", "not an Integer" },
        { true, "Integer", "not an Integer" },
        { 2147483648L, "Integer", "does not fit" },
        { "9223372036854775808", "Long", "does not fit" },
        { 1, "Boolean", "not a Boolean" },
        { "yes", "Boolean", "not a Boolean" },
        { new[] { 1, 2 }, "Integer", "Int32[] is not an Integer" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void TryConvert_RefusesTheWrongType(object? input, string type, string reason)
    {
        Assert.False(SettingValue.TryConvert(input, type, out var value, out var problem));
        Assert.Null(value);
        Assert.Contains(reason, problem);
    }

    [Theory]
    [InlineData("72", "Integer", "{\"v\":72}")]
    [InlineData("true", "Boolean", "{\"v\":true}")]
    [InlineData("delete", "String", "{\"v\":\"delete\"}")]
    [InlineData("not-a-number", "Integer", "{\"v\":\"not-a-number\"}")]
    public void FromService_TypesStoredValues_AndKeepsWhatDoesNotParseAsText(string stored, string type, string json)
    {
        Assert.Equal(json, Json(SettingValue.FromService(stored, type)));
    }

    [Theory]
    [InlineData("96", true)]
    [InlineData(" 96", true)]
    [InlineData("096", true)]
    [InlineData("97", false)]
    [InlineData(null, false)]
    [InlineData("ninety-six", false)]
    public void Matches_ComparesNumbersByValue(string? serviceText, bool expected)
    {
        Assert.Equal(expected, SettingValue.OfNumber(96).Matches(serviceText));
    }

    [Fact]
    public void Matches_ComparesBooleansIgnoringCase_AndTextExactly()
    {
        Assert.True(SettingValue.OfBoolean(true).Matches("True"));
        Assert.False(SettingValue.OfBoolean(true).Matches("false"));
        Assert.True(SettingValue.OfText("compact").Matches("compact"));
        Assert.False(SettingValue.OfText("compact").Matches("Compact"));
    }
}
