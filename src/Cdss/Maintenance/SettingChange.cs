namespace Cdss.Maintenance
{
    /// <summary>One setting the caller named, with its value before and after.</summary>
    internal sealed class SettingChange
    {
        public SettingChange(ConfigGroupSetting current, SettingValue? newValue)
        {
            Current = current;
            NewValue = newValue;
        }

        /// <summary>The setting as the service showed it before the change.</summary>
        public ConfigGroupSetting Current { get; }

        /// <summary>The new custom value; null puts the setting back to its default.</summary>
        public SettingValue? NewValue { get; }

        public string Key => Current.Key;

        /// <summary>
        /// Whether the value in effect stays as it is: the new value is the one the setting shows now, or the setting
        /// is put back to the default it already follows. Such a change is not sent.
        /// </summary>
        public bool ChangesNothing => NewValue == null ? !Current.IsCustom : NewValue.Matches(Current.Value);

        /// <summary>"numIoThreads is already 16", or "numPartitions is already at its default (1)".</summary>
        public string DescribeUnchanged() =>
            NewValue == null
                ? $"{Current.Key} is already at its default ({Current.DefaultValue ?? "none"})"
                : $"{Current.Key} is already {Current.Value}";

        /// <summary>"logRetentionHours 72 -> 96", or "numPartitions 6 -> default (1)".</summary>
        public string Describe() =>
            $"{Current.Key} {Current.Value ?? "(none)"} -> {(NewValue == null ? $"default ({Current.DefaultValue ?? "none"})" : NewValue.Text)}";

        public override string ToString() => Describe();
    }
}
