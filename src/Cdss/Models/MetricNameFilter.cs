using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Cdss
{
    /// <summary>
    /// Which metric names a query wants: PowerShell-style wildcards (*, ?, [a-z], ` to escape), case-insensitive, in
    /// the core so that it is tested without a PowerShell host. No patterns means every name.
    /// </summary>
    internal sealed class MetricNameFilter
    {
        private readonly Regex[] _patterns;

        public MetricNameFilter(IEnumerable<string>? patterns)
        {
            Patterns = (patterns ?? Enumerable.Empty<string>()).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList();
            _patterns = Patterns.Select(ToRegex).ToArray();
        }

        public IReadOnlyList<string> Patterns { get; }

        /// <summary>The patterns without wildcards: names the user expects to see, so their absence is worth saying.</summary>
        public IEnumerable<string> Literals => Patterns.Where(p => !HasWildcards(p)).Select(Unescape);

        public bool Matches(string name) => _patterns.Length == 0 || _patterns.Any(p => p.IsMatch(name ?? ""));

        public static bool HasWildcards(string pattern)
        {
            for (var i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '`') { i++; continue; }
                if (pattern[i] == '*' || pattern[i] == '?' || pattern[i] == '[') return true;
            }
            return false;
        }

        private static string Unescape(string literal)
        {
            var text = new StringBuilder();
            for (var i = 0; i < literal.Length; i++)
            {
                if (literal[i] == '`' && i + 1 < literal.Length) i++;
                text.Append(literal[i]);
            }
            return text.ToString();
        }

        private static Regex ToRegex(string pattern)
        {
            var regex = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '`' && i + 1 < pattern.Length)
                {
                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                }
                else if (c == '*')
                {
                    regex.Append(".*");
                }
                else if (c == '?')
                {
                    regex.Append('.');
                }
                else if (c == '[' && pattern.IndexOf(']', i + 1) > i + 1)
                {
                    var end = pattern.IndexOf(']', i + 1);
                    var set = pattern.Substring(i + 1, end - i - 1);
                    // Inside a set only '-' keeps its meaning; everything else is a literal character.
                    regex.Append('[').Append(string.Concat(set.Select(ch => ch == '-' ? "-" : Regex.Escape(ch.ToString()).Replace("]", "\\]")))).Append(']');
                    i = end;
                }
                else
                {
                    regex.Append(Regex.Escape(c.ToString()));
                }
            }
            return new Regex(regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }
}
