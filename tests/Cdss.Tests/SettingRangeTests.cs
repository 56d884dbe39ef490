using Cdss.Maintenance;

namespace Cdss.Tests;

public class SettingRangeTests
{
    /// <summary>Every form of an inclusive numeric range a service may plausibly write (no public source fixes one).</summary>
    [Theory]
    [InlineData("1 ~ 8760", "1", "8760")]
    [InlineData("1~8760", "1", "8760")]
    [InlineData("  14 ~ 2147483647 ", "14", "2147483647")]
    [InlineData("-1 ~ 9223372036854775807", "-1", "9223372036854775807")]
    [InlineData("1-8760", "1", "8760")]
    [InlineData("1 - 8760", "1", "8760")]
    [InlineData("-1-100", "-1", "100")]
    [InlineData("-1 - 100", "-1", "100")]
    [InlineData("-10--1", "-10", "-1")]
    [InlineData("-1 ~ 100", "-1", "100")]
    [InlineData("[1, 8760]", "1", "8760")]
    [InlineData("[1,8760]", "1", "8760")]
    [InlineData("[ -1 , 100 ]", "-1", "100")]
    [InlineData("[1 ~ 8760]", "1", "8760")]
    [InlineData("1..8760", "1", "8760")]
    [InlineData("1 .. 8760", "1", "8760")]
    [InlineData("1 to 8760", "1", "8760")]
    [InlineData("1 – 8760", "1", "8760")]
    [InlineData("0.5 ~ 1.5", "0.5", "1.5")]
    [InlineData("0.1-0.9", "0.1", "0.9")]
    [InlineData("[0.01, 1]", "0.01", "1")]
    [InlineData("5 ~ 5", "5", "5")]
    public void Parse_ReadsNumericRanges(string text, string min, string max)
    {
        var range = SettingRange.Parse(text);
        Assert.True(range.IsKnown);
        Assert.True(range.IsNumeric);
        Assert.Equal(decimal.Parse(min, System.Globalization.CultureInfo.InvariantCulture), range.Min);
        Assert.Equal(decimal.Parse(max, System.Globalization.CultureInfo.InvariantCulture), range.Max);
        Assert.Equal(text, range.Text);
    }

    [Theory]
    [InlineData("1-8760", 8760, true)]
    [InlineData("1-8760", 99999, false)]
    [InlineData("1-8760", 0, false)]
    [InlineData("-1-100", -1, true)]
    [InlineData("-1-100", -2, false)]
    [InlineData("[1, 8760]", 1, true)]
    [InlineData("[1, 8760]", 8761, false)]
    [InlineData("1..8760", 99999, false)]
    [InlineData("0.5 ~ 1.5", 1, true)]
    [InlineData("0.5 ~ 1.5", 2, false)]
    public void EveryForm_IsEnforced(string text, long value, bool allowed)
    {
        Assert.Equal(allowed, SettingRange.Parse(text).Allows(SettingValue.OfNumber(value), out _));
    }

    [Fact]
    public void DecimalRange_ChecksDecimalText()
    {
        var range = SettingRange.Parse("0.5 ~ 1.5");
        Assert.True(range.Allows(SettingValue.OfText("0.75"), out _));
        Assert.False(range.Allows(SettingValue.OfText("0.25"), out _));
    }

    [Theory]
    [InlineData("true|false", new[] { "true", "false" })]
    [InlineData("delete|compact", new[] { "delete", "compact" })]
    [InlineData("delete | compact | both", new[] { "delete", "compact", "both" })]
    [InlineData("delete, compact", new[] { "delete", "compact" })]
    [InlineData("delete,compact,both", new[] { "delete", "compact", "both" })]
    [InlineData("true, false", new[] { "true", "false" })]
    [InlineData("[delete, compact]", new[] { "delete", "compact" })]
    [InlineData("{true|false}", new[] { "true", "false" })]
    [InlineData("1|2|4|8", new[] { "1", "2", "4", "8" })]
    [InlineData("1, 2, 4, 8", new[] { "1", "2", "4", "8" })]
    [InlineData("gzip, snappy, lz4, zstd, producer", new[] { "gzip", "snappy", "lz4", "zstd", "producer" })]
    public void Parse_ReadsChoices(string text, string[] choices)
    {
        var range = SettingRange.Parse(text);
        Assert.True(range.IsChoice);
        Assert.Equal(choices, range.Choices);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1 ~")]
    [InlineData("~ 5")]
    [InlineData("10 ~ 1")]
    [InlineData("any positive number")]
    [InlineData("compact")]
    [InlineData("1 ~ 2 ~ 3")]
    [InlineData("1, 100")]              // a range or a choice of two? left to the service rather than guessed
    [InlineData("(1, 100)")]            // an open interval, perhaps: not read as inclusive
    [InlineData("[100, 1]")]
    [InlineData("1 - ")]
    [InlineData("a|")]
    [InlineData("log append|delete")]
    [InlineData("1e3 ~ 1e6")]
    public void Parse_LeavesOtherFormsToTheService(string? text)
    {
        var range = SettingRange.Parse(text);
        Assert.False(range.IsKnown);
        Assert.True(range.Allows(SettingValue.OfNumber(-999999), out _));
        Assert.True(range.Allows(SettingValue.OfText("anything"), out _));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(8760, true)]
    [InlineData(168, true)]
    [InlineData(0, false)]
    [InlineData(8761, false)]
    [InlineData(-5, false)]
    public void Numeric_IsInclusive(long value, bool allowed)
    {
        Assert.Equal(allowed, SettingRange.Parse("1 ~ 8760").Allows(SettingValue.OfNumber(value), out _));
    }

    [Fact]
    public void Numeric_CoversTheWholeLongRange()
    {
        var range = SettingRange.Parse("-1 ~ 9223372036854775807");
        Assert.True(range.Allows(SettingValue.OfNumber(long.MaxValue), out _));
        Assert.True(range.Allows(SettingValue.OfNumber(-1), out _));
        Assert.False(range.Allows(SettingValue.OfNumber(-2), out _));
    }

    [Fact]
    public void Numeric_RejectsText()
    {
        Assert.False(SettingRange.Parse("1 ~ 10").Allows(SettingValue.OfText("five"), out _));
        Assert.True(SettingRange.Parse("1 ~ 10").Allows(SettingValue.OfText("5"), out _));
    }

    [Fact]
    public void Choice_MatchesAnyCase_AndSpellsTheValueAsTheRangeDoes()
    {
        var range = SettingRange.Parse("delete|compact");
        Assert.True(range.Allows(SettingValue.OfText("COMPACT"), out var allowed));
        Assert.Equal("compact", allowed.Text);
        Assert.False(range.Allows(SettingValue.OfText("compact,delete"), out _));
        Assert.False(range.Allows(SettingValue.OfText("remove"), out _));
    }

    [Fact]
    public void Choice_TrueFalse_AllowsBooleans()
    {
        var range = SettingRange.Parse("true|false");
        Assert.True(range.Allows(SettingValue.OfBoolean(false), out var allowed));
        Assert.Equal(SettingValueKind.Boolean, allowed.Kind);
    }
}
