using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Cdss.Maintenance
{
    /// <summary>
    /// A setting's allowed values as the service writes them: "&lt;min&gt; ~ &lt;max&gt;" (inclusive numbers), or
    /// "a|b|c" (a choice, such as "true|false" or "delete|compact"). A range in any other form is not enforced
    /// here: the service still checks it.
    /// </summary>
    internal sealed class SettingRange
    {
        private static readonly Regex Numeric = new Regex(@"^\s*(-?\d+(?:\.\d+)?)\s*~\s*(-?\d+(?:\.\d+)?)\s*$", RegexOptions.CultureInvariant);
        private static readonly Regex Choice = new Regex(@"^\s*[^|~\s]+(?:\s*\|\s*[^|~\s]+)+\s*$", RegexOptions.CultureInvariant);

        private SettingRange(string? text, decimal? min, decimal? max, IReadOnlyList<string> choices)
        {
            Text = text;
            Min = min;
            Max = max;
            Choices = choices;
        }

        public string? Text { get; }
        public decimal? Min { get; }
        public decimal? Max { get; }
        public IReadOnlyList<string> Choices { get; }

        public bool IsNumeric => Min.HasValue && Max.HasValue;
        public bool IsChoice => Choices.Count > 0;

        /// <summary>False for a range this parser does not understand; such a range allows every value here.</summary>
        public bool IsKnown => IsNumeric || IsChoice;

        public static SettingRange Parse(string? text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                var numeric = Numeric.Match(text);
                if (numeric.Success &&
                    decimal.TryParse(numeric.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var min) &&
                    decimal.TryParse(numeric.Groups[2].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var max) &&
                    min <= max)
                {
                    return new SettingRange(text, min, max, Array.Empty<string>());
                }
                if (Choice.IsMatch(text))
                {
                    return new SettingRange(text, null, null, text!.Split('|').Select(c => c.Trim()).ToList());
                }
            }
            return new SettingRange(text, null, null, Array.Empty<string>());
        }

        /// <summary>
        /// Whether the range allows the value. A choice matches regardless of case, and <paramref name="allowed"/>
        /// is then the value spelled as the range spells it; otherwise it is the value itself.
        /// </summary>
        public bool Allows(SettingValue value, out SettingValue allowed)
        {
            allowed = value;
            if (IsNumeric)
            {
                decimal number;
                if (value.Kind == SettingValueKind.Number) number = value.Number;
                else if (!decimal.TryParse(value.Text, NumberStyles.Number, CultureInfo.InvariantCulture, out number)) return false;
                return number >= Min!.Value && number <= Max!.Value;
            }
            if (IsChoice)
            {
                var match = Choices.FirstOrDefault(c => string.Equals(c, value.Text, StringComparison.OrdinalIgnoreCase));
                if (match == null) return false;
                if (value.Kind == SettingValueKind.Text) allowed = SettingValue.OfText(match);
                return true;
            }
            return true;
        }

        public override string ToString() => Text ?? "";
    }
}
