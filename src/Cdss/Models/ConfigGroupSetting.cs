namespace Cdss
{
    /// <summary>One broker setting of a config group (Get-CdssConfigGroupSetting).</summary>
    public sealed class ConfigGroupSetting
    {
        public int ConfigGroupNo { get; set; }

        /// <summary>The version the group is for; with ConfigGroupNo it identifies the group in other calls.</summary>
        public int KafkaVersionCode { get; set; }

        /// <summary>The Kafka property, e.g. log.retention.hours (configName).</summary>
        public string Name { get; set; } = "";

        /// <summary>The API's key for it, e.g. logRetentionHours (configNameKey).</summary>
        public string Key { get; set; } = "";

        /// <summary>The value in effect: the custom value when there is one, else the default.</summary>
        public string? Value { get; set; }

        public string? DefaultValue { get; set; }

        /// <summary>
        /// Whether the group sets its own value. A customValue that is missing, null, empty or only spaces is not one:
        /// how the service writes a setting at its default is undocumented, and all of those forms are plausible.
        /// </summary>
        public bool IsCustom { get; set; }

        /// <summary>modifyYn: whether the service lets this setting be changed.</summary>
        public bool Modifiable { get; set; }

        /// <summary>The allowed values as the service writes them: "1 ~ 8760", "true|false", "delete|compact".</summary>
        public string? Range { get; set; }

        /// <summary>Integer, Long, Boolean or String.</summary>
        public string? Type { get; set; }

        public override string ToString() => $"{Key}={Value}";
    }
}
