using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Cdss.Maintenance
{
    /// <summary>Finds settings by either of their names, and the closest names to a misspelt one.</summary>
    internal static class SettingNames
    {
        /// <summary>The setting whose configNameKey or configName is <paramref name="name"/>, ignoring case.</summary>
        public static ConfigGroupSetting? Find(IEnumerable<ConfigGroupSetting> settings, string name)
        {
            var wanted = (name ?? "").Trim();
            return settings.FirstOrDefault(s => string.Equals(s.Key, wanted, StringComparison.OrdinalIgnoreCase))
                ?? settings.FirstOrDefault(s => string.Equals(s.Name, wanted, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Up to <paramref name="max"/> settings whose names are closest to <paramref name="name"/>, closest first.</summary>
        public static IReadOnlyList<ConfigGroupSetting> Closest(IEnumerable<ConfigGroupSetting> settings, string name, int max = 3)
        {
            var wanted = Simplify(name);
            if (wanted.Length == 0) return Array.Empty<ConfigGroupSetting>();
            var limit = Math.Max(2, wanted.Length / 3);
            return settings
                .Select(s => (Setting: s, Distance: Math.Min(Score(wanted, Simplify(s.Key)), Score(wanted, Simplify(s.Name)))))
                .Where(x => x.Distance <= limit)
                .OrderBy(x => x.Distance)
                .ThenBy(x => x.Setting.Key, StringComparer.OrdinalIgnoreCase)
                .Take(max)
                .Select(x => x.Setting)
                .ToList();
        }

        /// <summary>CdssUnknownSetting for a name the group does not have, suggesting the closest names.</summary>
        public static CdssException Unknown(int configGroupNo, int kafkaVersionCode, IReadOnlyList<ConfigGroupSetting> settings, string name, string? detail = null)
        {
            var group = configGroupNo.ToString(CultureInfo.InvariantCulture);
            var closest = Closest(settings, name);
            var hint = closest.Count == 0 ? "" : " Closest: " + string.Join(", ", closest.Select(s => $"{s.Key} ({s.Name})")) + ".";
            return new CdssException(CdssErrorIds.UnknownSetting, CdssErrorCategory.ObjectNotFound,
                $"there is no setting '{name}'.{hint}{(detail == null ? "" : " " + detail)}",
                $"Use a Key or Name from Get-CdssConfigGroupSetting -ConfigGroupNo {group} -KafkaVersionCode {kafkaVersionCode.ToString(CultureInfo.InvariantCulture)}.")
            { Subject = "Config group " + group };
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
