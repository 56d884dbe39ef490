using System;
using System.Globalization;
using System.Text.Json;

namespace Cdss.Maintenance
{
    /// <summary>
    /// A config-group setting value typed by the setting's Type: Integer and Long go to the service as JSON numbers,
    /// Boolean as true/false, anything else as a string.
    /// </summary>
    internal sealed class SettingValue
    {
        private SettingValue(SettingValueKind kind, long number, bool boolean, string text)
        {
            Kind = kind;
            Number = number;
            Boolean = boolean;
            Text = text;
        }

        public SettingValueKind Kind { get; }
        public long Number { get; }
        public bool Boolean { get; }

        /// <summary>The value as the service writes it in customValue/defaultValue: "96", "true", "compact".</summary>
        public string Text { get; }

        public static SettingValue OfNumber(long number) => new SettingValue(SettingValueKind.Number, number, false, number.ToString(CultureInfo.InvariantCulture));
        public static SettingValue OfBoolean(bool value) => new SettingValue(SettingValueKind.Boolean, 0, value, value ? "true" : "false");
        public static SettingValue OfText(string text) => new SettingValue(SettingValueKind.Text, 0, false, text);

        /// <summary>
        /// Converts a caller's value (a plain .NET value: number, bool or string) to the setting's type.
        /// False, with the reason in <paramref name="problem"/>, when the value is not of that type.
        /// </summary>
        public static bool TryConvert(object? input, string? type, out SettingValue? value, out string problem)
        {
            value = null;
            problem = "";
            if (input == null)
            {
                problem = "no value was given";
                return false;
            }
            switch (Normalize(type))
            {
                case "integer":
                    return TryWholeNumber(input, int.MinValue, int.MaxValue, "an Integer (a whole number from -2147483648 to 2147483647)", out value, out problem);
                case "long":
                    return TryWholeNumber(input, long.MinValue, long.MaxValue, "a Long (a whole number)", out value, out problem);
                case "boolean":
                    if (input is bool flag)
                    {
                        value = OfBoolean(flag);
                        return true;
                    }
                    if (input is string text && bool.TryParse(text.Trim(), out var parsed))
                    {
                        value = OfBoolean(parsed);
                        return true;
                    }
                    problem = $"'{Show(input)}' is not a Boolean (true or false)";
                    return false;
                default:
                    if (input is string blank && string.IsNullOrWhiteSpace(blank))
                    {
                        // "" is how some gateways write "no custom value": it is never sent as one.
                        problem = "an empty text is not a value ($null puts a setting back to its default)";
                        return false;
                    }
                    if (input is string || input is char || IsNumber(input))
                    {
                        value = OfText(Convert.ToString(input, CultureInfo.InvariantCulture) ?? "");
                        return true;
                    }
                    if (input is bool b)
                    {
                        value = OfText(b ? "true" : "false");
                        return true;
                    }
                    problem = $"a {input.GetType().Name} is not a {(string.IsNullOrEmpty(type) ? "setting value" : type)}";
                    return false;
            }
        }

        /// <summary>
        /// A value the service already holds (a customValue string), typed for writing back. A value that does not
        /// parse as its type goes back as the same string, which the service accepts for every type.
        /// </summary>
        public static SettingValue FromService(string text, string? type) =>
            TryConvert(text, type, out var value, out _) ? value! : OfText(text);

        /// <summary>Whether the service's text for a setting means this value.</summary>
        public bool Matches(string? serviceText)
        {
            if (serviceText == null) return false;
            var trimmed = serviceText.Trim();
            switch (Kind)
            {
                case SettingValueKind.Number:
                    return long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number == Number;
                case SettingValueKind.Boolean:
                    return bool.TryParse(trimmed, out var flag) && flag == Boolean;
                default:
                    return string.Equals(trimmed, Text, StringComparison.Ordinal);
            }
        }

        public void WriteTo(Utf8JsonWriter writer, string propertyName)
        {
            switch (Kind)
            {
                case SettingValueKind.Number: writer.WriteNumber(propertyName, Number); break;
                case SettingValueKind.Boolean: writer.WriteBoolean(propertyName, Boolean); break;
                default: writer.WriteString(propertyName, Text); break;
            }
        }

        public override string ToString() => Text;

        private static string Normalize(string? type) => (type ?? "").Trim().ToLowerInvariant();

        private static bool TryWholeNumber(object input, long min, long max, string expected, out SettingValue? value, out string problem)
        {
            value = null;
            problem = "";
            decimal number;
            switch (input)
            {
                case string text:
                    if (!decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
                    {
                        problem = $"'{text}' is not {expected}";
                        return false;
                    }
                    break;
                case float f when !float.IsNaN(f) && !float.IsInfinity(f) && Math.Abs(f) < 7.9e27f:
                    number = (decimal)f;
                    break;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e27:
                    number = (decimal)d;
                    break;
                case bool _:
                case char _:
                    problem = $"'{Show(input)}' is not {expected}";
                    return false;
                default:
                    if (!IsNumber(input))
                    {
                        problem = $"a {input.GetType().Name} is not {expected}";
                        return false;
                    }
                    number = Convert.ToDecimal(input, CultureInfo.InvariantCulture);
                    break;
            }
            if (decimal.Truncate(number) != number)
            {
                problem = $"{Show(input)} is not {expected}";
                return false;
            }
            if (number < min || number > max)
            {
                problem = $"{Show(input)} does not fit in {expected}";
                return false;
            }
            value = OfNumber((long)number);
            return true;
        }

        private static bool IsNumber(object value) =>
            value is byte || value is sbyte || value is short || value is ushort || value is int || value is uint ||
            value is long || value is ulong || value is float || value is double || value is decimal;

        private static string Show(object value) => value is bool b ? (b ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
    }
}
