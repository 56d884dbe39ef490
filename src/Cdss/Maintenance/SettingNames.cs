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
        public static IReadOnlyList<ConfigGroupSetting> Closest(IEnumerable<ConfigGroupSetting> settings, string name, int max = 3) =>
            ClosestNames.Of(settings, s => new[] { s.Key, s.Name }, name, max);

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
    }
}
