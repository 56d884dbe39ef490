using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdss
{
    /// <summary>The names closest to a misspelt one, for "did you mean" in errors: setting names, metric names.</summary>
    internal static class ClosestNames
    {
        /// <summary>Up to <paramref name="max"/> items whose names are closest to <paramref name="wanted"/>, closest first.</summary>
        public static IReadOnlyList<T> Of<T>(IEnumerable<T> items, Func<T, IEnumerable<string?>> names, string wanted, int max = 3)
        {
            var simple = Simplify(wanted);
            if (simple.Length == 0) return Array.Empty<T>();
            var limit = Math.Max(2, simple.Length / 3);
            return items
                .Select(item => (Item: item, Name: names(item).FirstOrDefault() ?? "", Distance: names(item).Select(n => Score(simple, Simplify(n))).DefaultIfEmpty(int.MaxValue).Min()))
                .Where(x => x.Distance <= limit)
                .OrderBy(x => x.Distance)
                .ThenBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
                .Take(max)
                .Select(x => x.Item)
                .ToList();
        }

        /// <summary>Names compared without case and separators, so "log_retention_hours" is close to logRetentionHours.</summary>
        private static string Simplify(string? name) =>
            new string((name ?? "").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

        /// <summary>Edit distance, except that a name containing the other (or contained in it) counts as 1 away.</summary>
        private static int Score(string wanted, string candidate)
        {
            if (candidate.Length == 0) return int.MaxValue;
            if (wanted == candidate) return 0;
            if (Math.Min(wanted.Length, candidate.Length) >= 4 && (candidate.Contains(wanted) || wanted.Contains(candidate))) return 1;
            return Distance(wanted, candidate);
        }

        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                }
                var swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.Length];
        }
    }
}
