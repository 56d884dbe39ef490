using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Cdss.Maintenance
{
    /// <summary>
    /// A setting's allowed values as the service writes them. How it writes them is undocumented, so every plausible
    /// form is read: inclusive numbers as "1 ~ 8760", "1~8760", "1-8760", "1 - 8760", "1..8760", "1 to 8760" or
    /// "[1, 8760]" (negative and decimal ends too: "-1 ~ 100", "-1-100", "0.5 ~ 1.5"), and choices as "a|b|c" or
    /// "a, b, c" (optionally in brackets or braces). A range in any other form is not enforced here: the service
    /// still checks it (<see cref="IsKnown"/> is false, and the planner names it).
    /// </summary>
    internal sealed class SettingRange
    {
        private const string NumberPattern = @"[-+]?\d+(?:\.\d+)?";

        /// <summary>Two numbers and a separator between them; "-1-100" is -1 to 100.</summary>
        private static readonly Regex Interval = new Regex(
            $@"^(?<min>{NumberPattern})\s*(?:~|\.\.|-|–|—|to(?=\s))\s*(?<max>{NumberPattern})$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>Inside square brackets a comma separates the ends too: "[1, 8760]".</summary>
        private static readonly Regex BracketPair = new Regex($@"^(?<min>{NumberPattern})\s*,\s*(?<max>{NumberPattern})$", RegexOptions.CultureInvariant);

        private static readonly Regex Number = new Regex($"^{NumberPattern}$", RegexOptions.CultureInvariant);

        /// <summary>One choice: no spaces, and none of the characters that separate or enclose choices and ranges.</summary>
        private static readonly Regex ChoiceItem = new Regex(@"^[^\s|,~\[\]{}()]+$", RegexOptions.CultureInvariant);

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
            var trimmed = (text ?? "").Trim();
            if (trimmed.Length >= 2)
            {
                var open = trimmed[0];
                var close = trimmed[trimmed.Length - 1];
                var inner = trimmed.Substring(1, trimmed.Length - 2).Trim();
                if (open == '[' && close == ']')
                {
                    return TryInterval(text, inner, BracketPair) ?? TryInterval(text, inner, Interval) ?? TryChoices(text, inner) ?? Unknown(text);
                }
                if (open == '{' && close == '}') return TryChoices(text, inner) ?? Unknown(text);
            }
            return TryInterval(text, trimmed, Interval) ?? TryChoices(text, trimmed) ?? Unknown(text);
        }

        private static SettingRange Unknown(string? text) => new SettingRange(text, null, null, Array.Empty<string>());

        private static SettingRange? TryInterval(string? text, string candidate, Regex form)
        {
            var match = form.Match(candidate);
            if (!match.Success || !TryNumber(match.Groups["min"].Value, out var min) || !TryNumber(match.Groups["max"].Value, out var max) || min > max)
            {
                return null;
            }
            return new SettingRange(text, min, max, Array.Empty<string>());
        }

        /// <summary>
        /// "a|b" or "a, b". Two numbers split by a comma ("1, 8760") could be a range or a choice, so they are left to
        /// the service rather than guessed at; with a pipe, or three or more, they are a choice.
        /// </summary>
        private static SettingRange? TryChoices(string? text, string candidate)
        {
            char separator;
            if (candidate.IndexOf('|') >= 0) separator = '|';
            else if (candidate.IndexOf(',') >= 0) separator = ',';
            else return null;
            var items = candidate.Split(separator).Select(c => c.Trim()).ToList();
            if (items.Count < 2 || !items.All(c => ChoiceItem.IsMatch(c))) return null;
            if (separator == ',' && items.Count == 2 && items.All(c => Number.IsMatch(c))) return null;
            return new SettingRange(text, null, null, items);
        }

        private static bool TryNumber(string text, out decimal number) =>
            decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);

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
                else if (!TryNumber(value.Text.Trim(), out number)) return false;
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
