using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Cdss.Maintenance
{
    /// <summary>
    /// What Set-CdssConfigGroupSetting will send. setKafkaConfigGroupDetail replaces a group's whole custom
    /// configuration, so the body carries every custom value the group has now plus the named changes; a setting
    /// left out would fall back to its default.
    /// </summary>
    internal sealed class SettingChangePlan
    {
        public SettingChangePlan(int configGroupNo, int kafkaVersionCode, IReadOnlyList<SettingChange> changes,
            IReadOnlyList<SettingChange> unchanged, IReadOnlyList<KeyValuePair<string, SettingValue>> customValues,
            IReadOnlyList<CdssException> refusals, IReadOnlyList<string> uncheckedRanges)
        {
            ConfigGroupNo = configGroupNo;
            KafkaVersionCode = kafkaVersionCode;
            Changes = changes;
            Unchanged = unchanged;
            CustomValues = customValues;
            Refusals = refusals;
            UncheckedRanges = uncheckedRanges;
        }

        public int ConfigGroupNo { get; }
        public int KafkaVersionCode { get; }

        /// <summary>The named settings whose value in effect changes, in the order named.</summary>
        public IReadOnlyList<SettingChange> Changes { get; }

        /// <summary>The named settings that already are as asked (<see cref="SettingChange.ChangesNothing"/>).</summary>
        public IReadOnlyList<SettingChange> Unchanged { get; }

        /// <summary>The group's whole custom set after the change, by configNameKey, in the service's order.</summary>
        public IReadOnlyList<KeyValuePair<string, SettingValue>> CustomValues { get; }

        /// <summary>Why named settings cannot be sent. When there is any, nothing may be sent.</summary>
        public IReadOnlyList<CdssException> Refusals { get; }

        /// <summary>
        /// One line per named setting whose range is in a form not understood here, so its value is left for the
        /// service to check: "logRetentionHours: the range 'hours, at most a year' is not understood; ...".
        /// </summary>
        public IReadOnlyList<string> UncheckedRanges { get; }

        /// <summary>Whether the plan may be sent: nothing refused, and something to change.</summary>
        public bool IsSendable => Refusals.Count == 0 && Changes.Count > 0;

        /// <summary>"logRetentionHours 72 -> 96, numPartitions 6 -> default (1)".</summary>
        public string Describe() => string.Join(", ", Changes.Select(c => c.Describe()));

        /// <summary>"numIoThreads is already 16, numPartitions is already at its default (1)".</summary>
        public string DescribeUnchanged() => string.Join(", ", Unchanged.Select(c => c.DescribeUnchanged()));

        /// <summary>{"kafkaVersionCode":3713006,"logRetentionHours":96,"numPartitions":6}: values JSON-typed by setting type.</summary>
        public string ToRequestBody()
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteNumber("kafkaVersionCode", KafkaVersionCode);
                foreach (var pair in CustomValues) pair.Value.WriteTo(writer, pair.Key);
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>
        /// Compares the settings read back after the write with what was sent: every named change, and every other
        /// custom value of a modifiable setting. Null when all took; otherwise CdssSettingNotApplied naming each one.
        /// </summary>
        public CdssException? CheckApplied(IReadOnlyList<ConfigGroupSetting> readBack, string? requestId)
        {
            var problems = new List<string>();
            foreach (var change in Changes)
            {
                var now = SettingNames.Find(readBack, change.Key);
                if (change.NewValue == null)
                {
                    if (now == null || now.IsCustom) problems.Add($"{change.Key} (asked for its default, it shows {Show(now)})");
                }
                else if (now == null || !change.NewValue.Matches(now.Value))
                {
                    problems.Add($"{change.Key} (sent {change.NewValue.Text}, it shows {Show(now)})");
                }
            }
            var named = new HashSet<string>(Changes.Select(c => c.Key), System.StringComparer.OrdinalIgnoreCase);
            foreach (var kept in CustomValues.Where(k => !named.Contains(k.Key)))
            {
                var now = SettingNames.Find(readBack, kept.Key);
                if (now != null && !now.Modifiable) continue;   // the service drops those silently, by design
                if (now == null || !kept.Value.Matches(now.Value)) problems.Add($"{kept.Key} (kept at {kept.Value.Text}, it shows {Show(now)})");
            }
            if (problems.Count == 0) return null;
            var group = ConfigGroupNo.ToString(CultureInfo.InvariantCulture);
            return new CdssException(CdssErrorIds.SettingNotApplied, CdssErrorCategory.InvalidResult,
                $"the service accepted the change but did not apply {string.Join("; ", problems)}.",
                "The service drops some values silently. Check the group with Get-CdssConfigGroupSetting, and quote the request id to NAVER Cloud support.")
            { Subject = "Config group " + group, RequestId = requestId };
        }

        private static string Show(ConfigGroupSetting? setting) =>
            setting == null ? "no such setting" : $"{setting.Value ?? "no value"}{(setting.IsCustom ? "" : " (default)")}";
    }
}
