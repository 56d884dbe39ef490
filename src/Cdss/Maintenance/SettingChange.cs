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

        /// <summary>"logRetentionHours 72 -> 96", or "numPartitions 6 -> default (1)".</summary>
        public string Describe() =>
            $"{Current.Key} {Current.Value ?? "(none)"} -> {(NewValue == null ? $"default ({Current.DefaultValue ?? "none"})" : NewValue.Text)}";

        public override string ToString() => Describe();
    }
}
