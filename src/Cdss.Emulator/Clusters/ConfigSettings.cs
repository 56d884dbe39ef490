namespace Cdss.Emulator.Clusters;

/// <summary>The settings every config group has, in the order getKafkaConfigGroupDetailList lists them.</summary>
public static class ConfigSettings
{
    private const string Int = ConfigSetting.IntegerType;
    private const string Long = ConfigSetting.LongType;
    private const string Bool = ConfigSetting.BooleanType;
    private const string Text = ConfigSetting.StringType;
    private const string TrueFalse = "true|false";

    public static readonly IReadOnlyList<ConfigSetting> All =
    [
        new("autoCreateTopicsEnable", "auto.create.topics.enable", Bool, "true", TrueFalse, true),
        new("deleteTopicEnable", "delete.topic.enable", Bool, "true", TrueFalse, true),
        new("numPartitions", "num.partitions", Int, "1", "1 ~ 1000", true),
        // Listed, but the service does not let a group change it: a value sent for it is dropped.
        new("offsetsTopicReplicationFactor", "offsets.topic.replication.factor", Int, "3", "1 ~ 3", false),
        new("logCleanerEnable", "log.cleaner.enable", Bool, "true", TrueFalse, true),
        new("logCleanupPolicy", "log.cleanup.policy", Text, "delete", "delete|compact", true),
        new("logCleanerThreads", "log.cleaner.threads", Int, "1", "1 ~ 8", true),
        new("logFlushIntervalMessages", "log.flush.interval.messages", Long, "9223372036854775807", "1 ~ 9223372036854775807", true),
        new("logRetentionBytes", "log.retention.bytes", Long, "-1", "-1 ~ 9223372036854775807", true),
        new("logRetentionHours", "log.retention.hours", Int, "168", "1 ~ 8760", true),
        new("logSegmentBytes", "log.segment.bytes", Int, "1073741824", "14 ~ 2147483647", true),
        new("numIoThreads", "num.io.threads", Int, "8", "1 ~ 64", true),
        new("numNetworkThreads", "num.network.threads", Int, "3", "1 ~ 64", true),
        new("allowEveryoneIfNoAclFound", "allow.everyone.if.no.acl.found", Bool, "true", TrueFalse, true),
    ];

    public static ConfigSetting? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}
