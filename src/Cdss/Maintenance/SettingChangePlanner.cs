using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Cdss.Maintenance
{
    /// <summary>The read-modify-write merge: the group's current settings plus the caller's changes.</summary>
    internal static class SettingChangePlanner
    {
        /// <param name="current">The group's settings as read just now.</param>
        /// <param name="requested">Setting names (configNameKey or configName, any case) and plain .NET values; a null value means "back to the default".</param>
        public static SettingChangePlan Plan(int configGroupNo, int kafkaVersionCode, IReadOnlyList<ConfigGroupSetting> current,
            IEnumerable<KeyValuePair<string, object?>> requested)
        {
            var group = configGroupNo.ToString(CultureInfo.InvariantCulture);
            var refusals = new List<CdssException>();
            var changes = new List<SettingChange>();
            var unchanged = new List<SettingChange>();
            var uncheckedRanges = new List<string>();
            var namedAs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

            foreach (var pair in requested)
            {
                var setting = SettingNames.Find(current, pair.Key);
                if (setting == null)
                {
                    refusals.Add(SettingNames.Unknown(configGroupNo, kafkaVersionCode, current, pair.Key, "Nothing was sent."));
                    continue;
                }
                var label = setting.Name.Length > 0 && !string.Equals(setting.Name, setting.Key, StringComparison.OrdinalIgnoreCase)
                    ? $"{setting.Key} ({setting.Name})" : setting.Key;
                if (namedAs.TryGetValue(setting.Key, out var earlier))
                {
                    refusals.Add(Refusal(group, CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                        $"setting {label} is named twice ('{earlier}' and '{pair.Key}'). Nothing was sent.",
                        "Name each setting once."));
                    continue;
                }
                namedAs[setting.Key] = pair.Key;
                if (!setting.Modifiable)
                {
                    refusals.Add(Refusal(group, CdssErrorIds.SettingNotModifiable, CdssErrorCategory.InvalidOperation,
                        $"setting {label} cannot be changed (the service marks it not modifiable). Nothing was sent.",
                        "Leave it out; the service would silently ignore a new value for it."));
                    continue;
                }
                if (pair.Value == null)
                {
                    Add(new SettingChange(setting, null));
                    continue;
                }
                if (!SettingValue.TryConvert(pair.Value, setting.Type, out var value, out var problem))
                {
                    refusals.Add(OutOfRange(group, label, $"has type {setting.Type ?? "(unknown)"}, and {problem}", setting));
                    continue;
                }
                var range = SettingRange.Parse(setting.Range);
                if (!range.IsKnown && !string.IsNullOrWhiteSpace(setting.Range))
                {
                    uncheckedRanges.Add($"{setting.Key}: the range '{setting.Range}' is in a form not understood here, so the service checks {value!.Text} against it.");
                }
                if (!range.Allows(value!, out var allowed))
                {
                    refusals.Add(OutOfRange(group, label, $"allows {range.Text}; {value!.Text} is outside it", setting));
                    continue;
                }
                Add(new SettingChange(setting, allowed));
            }
            if (changes.Count == 0 && unchanged.Count == 0 && refusals.Count == 0)
            {
                refusals.Add(Refusal(group, CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                    "no setting was named, so nothing was sent.", "Name at least one setting and its new value."));
            }
            return new SettingChangePlan(configGroupNo, kafkaVersionCode, changes, unchanged, MergeCustomValues(current, changes), refusals, uncheckedRanges);

            void Add(SettingChange change) => (change.ChangesNothing ? unchanged : changes).Add(change);
        }

        /// <summary>
        /// Every custom value the group has now, with the changes applied; settings at their default stay out, and
        /// so does an empty value (a gateway's way of writing "no custom value"), which is never sent.
        /// </summary>
        private static IReadOnlyList<KeyValuePair<string, SettingValue>> MergeCustomValues(IReadOnlyList<ConfigGroupSetting> current, IReadOnlyList<SettingChange> changes)
        {
            var byKey = changes.ToDictionary(c => c.Key, StringComparer.OrdinalIgnoreCase);
            var merged = new List<KeyValuePair<string, SettingValue>>();
            foreach (var setting in current)
            {
                if (byKey.TryGetValue(setting.Key, out var change))
                {
                    if (change.NewValue != null) merged.Add(new KeyValuePair<string, SettingValue>(setting.Key, change.NewValue));
                }
                else if (setting.IsCustom && !string.IsNullOrWhiteSpace(setting.Value))
                {
                    merged.Add(new KeyValuePair<string, SettingValue>(setting.Key, SettingValue.FromService(setting.Value!, setting.Type)));
                }
            }
            return merged;
        }

        private static CdssException OutOfRange(string group, string label, string reason, ConfigGroupSetting setting) =>
            Refusal(group, CdssErrorIds.SettingOutOfRange, CdssErrorCategory.InvalidArgument,
                $"setting {label} {reason}. Nothing was sent.",
                $"Give a value of type {setting.Type ?? "(unknown)"} within {setting.Range ?? "the setting's range"}.");

        private static CdssException Refusal(string group, string errorId, CdssErrorCategory category, string description, string recommendedAction) =>
            new CdssException(errorId, category, description, recommendedAction) { Subject = "Config group " + group };
    }
}
