using Cdss.Maintenance;

namespace Cdss.Tests;

public class SettingChangePlannerTests
{
    private static ConfigGroupSetting S(string key, string name, string type, string @default, string range, bool modifiable = true, string? custom = null) => new()
    {
        ConfigGroupNo = 101,
        KafkaVersionCode = 3713006,
        Key = key,
        Name = name,
        Type = type,
        DefaultValue = @default,
        Value = custom ?? @default,
        IsCustom = custom != null,
        Range = range,
        Modifiable = modifiable,
    };

    /// <summary>Group 101 as seeded: two custom values, the rest at their defaults.</summary>
    private static List<ConfigGroupSetting> Group101() => new()
    {
        S("autoCreateTopicsEnable", "auto.create.topics.enable", "Boolean", "true", "true|false"),
        S("numPartitions", "num.partitions", "Integer", "1", "1 ~ 1000", custom: "6"),
        S("offsetsTopicReplicationFactor", "offsets.topic.replication.factor", "Integer", "3", "1 ~ 3", modifiable: false),
        S("logCleanupPolicy", "log.cleanup.policy", "String", "delete", "delete|compact"),
        S("logRetentionBytes", "log.retention.bytes", "Long", "-1", "-1 ~ 9223372036854775807"),
        S("logRetentionHours", "log.retention.hours", "Integer", "168", "1 ~ 8760", custom: "72"),
    };

    private static SettingChangePlan Plan(params (string Key, object? Value)[] requested) =>
        SettingChangePlanner.Plan(101, 3713006, Group101(), requested.Select(r => new KeyValuePair<string, object?>(r.Key, r.Value)));

    [Fact]
    public void Merge_KeepsOtherCustomValues_AndChangesTheNamedOne()
    {
        var plan = Plan(("logRetentionHours", 96));

        Assert.Empty(plan.Refusals);
        Assert.Equal("{\"kafkaVersionCode\":3713006,\"numPartitions\":6,\"logRetentionHours\":96}", plan.ToRequestBody());
        var change = Assert.Single(plan.Changes);
        Assert.Equal("logRetentionHours 72 -> 96", change.Describe());
    }

    [Fact]
    public void Merge_DoesNotWriteDefaultsAsCustomValues()
    {
        var plan = Plan(("autoCreateTopicsEnable", false));
        var keys = plan.CustomValues.Select(c => c.Key).ToList();
        Assert.Equal(new[] { "autoCreateTopicsEnable", "numPartitions", "logRetentionHours" }, keys);
        Assert.DoesNotContain("logRetentionBytes", plan.ToRequestBody());
        Assert.DoesNotContain("logCleanupPolicy", plan.ToRequestBody());
    }

    [Theory]
    [InlineData("logRetentionHours")]
    [InlineData("LOGRETENTIONHOURS")]
    [InlineData("log.retention.hours")]
    [InlineData("Log.Retention.Hours")]
    public void Lookup_TakesEitherNameInAnyCase(string name)
    {
        var plan = Plan((name, "100"));
        Assert.Empty(plan.Refusals);
        Assert.Equal("logRetentionHours", Assert.Single(plan.Changes).Key);
        Assert.Contains("\"logRetentionHours\":100", plan.ToRequestBody());
    }

    [Fact]
    public void Body_TypesValuesBySettingType()
    {
        var plan = Plan(("autoCreateTopicsEnable", "false"), ("logCleanupPolicy", "Compact"), ("logRetentionBytes", "1073741824"), ("numPartitions", 12L));
        Assert.Empty(plan.Refusals);
        Assert.Equal(
            "{\"kafkaVersionCode\":3713006,\"autoCreateTopicsEnable\":false,\"numPartitions\":12,\"logCleanupPolicy\":\"compact\",\"logRetentionBytes\":1073741824,\"logRetentionHours\":72}",
            plan.ToRequestBody());
    }

    [Fact]
    public void NullValue_PutsTheSettingBackToItsDefault()
    {
        var plan = Plan(("numPartitions", null));
        Assert.Empty(plan.Refusals);
        Assert.Equal("{\"kafkaVersionCode\":3713006,\"logRetentionHours\":72}", plan.ToRequestBody());
        Assert.Equal("numPartitions 6 -> default (1)", plan.Describe());
    }

    [Fact]
    public void NotModifiable_IsRefused()
    {
        var plan = Plan(("offsetsTopicReplicationFactor", 2), ("logRetentionHours", 96));
        var refusal = Assert.Single(plan.Refusals);
        Assert.Equal(CdssErrorIds.SettingNotModifiable, refusal.ErrorId);
        Assert.Contains("offsetsTopicReplicationFactor", refusal.Message);
        Assert.Contains("101", refusal.Message);
    }

    [Theory]
    [InlineData("logRetentionHours", 0, "1 ~ 8760")]
    [InlineData("logRetentionHours", 8761, "1 ~ 8760")]
    [InlineData("logCleanupPolicy", "remove", "delete|compact")]
    [InlineData("logRetentionHours", "three days", "Integer")]
    [InlineData("autoCreateTopicsEnable", "maybe", "Boolean")]
    [InlineData("logRetentionHours", 1.5, "Integer")]
    public void OutOfRangeOrWrongType_IsRefused(string key, object value, string mentioned)
    {
        var plan = Plan((key, value));
        var refusal = Assert.Single(plan.Refusals);
        Assert.Equal(CdssErrorIds.SettingOutOfRange, refusal.ErrorId);
        Assert.Contains(key, refusal.Message);
        Assert.Contains(mentioned, refusal.Message);
        Assert.Contains("Nothing was sent", refusal.Message);
    }

    [Fact]
    public void Unknown_IsRefused_WithTheClosestNames()
    {
        var plan = Plan(("logRetentionHour", 96));
        var refusal = Assert.Single(plan.Refusals);
        Assert.Equal(CdssErrorIds.UnknownSetting, refusal.ErrorId);
        Assert.Contains("'logRetentionHour'", refusal.Message);
        Assert.Contains("Closest: logRetentionHours (log.retention.hours)", refusal.Message);
    }

    [Fact]
    public void Unknown_SuggestsByDottedNameToo()
    {
        var refusal = Assert.Single(Plan(("log.retention.hour", 96)).Refusals);
        Assert.Contains("logRetentionHours", refusal.Message);
        var far = Assert.Single(Plan(("zookeeperSessionTimeout", 96)).Refusals);
        Assert.DoesNotContain("Closest", far.Message);
    }

    [Fact]
    public void EveryProblem_IsReported_NotJustTheFirst()
    {
        var plan = Plan(("nope", 1), ("offsetsTopicReplicationFactor", 1), ("numPartitions", 5000), ("logRetentionHours", 96));
        Assert.Equal(new[] { CdssErrorIds.UnknownSetting, CdssErrorIds.SettingNotModifiable, CdssErrorIds.SettingOutOfRange },
            plan.Refusals.Select(r => r.ErrorId));
    }

    [Fact]
    public void TheSameSettingNamedTwice_IsRefused()
    {
        var refusal = Assert.Single(Plan(("logRetentionHours", 96), ("log.retention.hours", 97)).Refusals);
        Assert.Equal(CdssErrorIds.InvalidArgument, refusal.ErrorId);
    }

    [Fact]
    public void NothingNamed_IsRefused()
    {
        Assert.Equal(CdssErrorIds.InvalidArgument, Assert.Single(Plan().Refusals).ErrorId);
    }

    [Fact]
    public void CheckApplied_PassesWhenEverythingTook()
    {
        var plan = Plan(("logRetentionHours", 96));
        var after = Group101();
        after.Single(s => s.Key == "logRetentionHours").Value = "96";
        Assert.Null(plan.CheckApplied(after, "rid"));
    }

    [Fact]
    public void CheckApplied_NamesAValueTheServiceDropped()
    {
        var plan = Plan(("logRetentionHours", 96));
        var after = Group101();
        var hours = after.Single(s => s.Key == "logRetentionHours");
        hours.Value = "168";
        hours.IsCustom = false;

        var error = plan.CheckApplied(after, "rid-7");

        Assert.NotNull(error);
        Assert.Equal(CdssErrorIds.SettingNotApplied, error!.ErrorId);
        Assert.Contains("logRetentionHours (sent 96, it shows 168 (default))", error.Message);
        Assert.Equal("rid-7", error.RequestId);
    }

    [Fact]
    public void CheckApplied_NamesAKeptCustomValueThatWasLost()
    {
        var plan = Plan(("logRetentionHours", 96));
        var after = Group101();
        after.Single(s => s.Key == "logRetentionHours").Value = "96";
        var partitions = after.Single(s => s.Key == "numPartitions");
        partitions.Value = "1";
        partitions.IsCustom = false;

        var error = plan.CheckApplied(after, null);

        Assert.NotNull(error);
        Assert.Contains("numPartitions (kept at 6", error!.Message);
    }

    [Fact]
    public void CheckApplied_ExpectsARevertedSettingToBeDefault()
    {
        var plan = Plan(("numPartitions", null));
        Assert.NotNull(plan.CheckApplied(Group101(), null));
        var after = Group101();
        var partitions = after.Single(s => s.Key == "numPartitions");
        partitions.Value = "1";
        partitions.IsCustom = false;
        Assert.Null(plan.CheckApplied(after, null));
    }

    [Fact]
    public void AValueAlreadyInEffect_IsNothingToChange()
    {
        var plan = Plan(("logRetentionHours", 72), ("autoCreateTopicsEnable", true), ("logRetentionBytes", null));
        Assert.Empty(plan.Refusals);
        Assert.Empty(plan.Changes);
        Assert.False(plan.IsSendable);
        Assert.Equal("logRetentionHours is already 72, autoCreateTopicsEnable is already true, logRetentionBytes is already at its default (-1)",
            plan.DescribeUnchanged());
    }

    [Fact]
    public void WithARealChange_TheUnchangedOnesAreLeftAsTheyAre()
    {
        var plan = Plan(("numPartitions", 6), ("logRetentionHours", 96), ("logCleanupPolicy", "delete"));
        Assert.True(plan.IsSendable);
        Assert.Equal("logRetentionHours 72 -> 96", plan.Describe());
        Assert.Equal(new[] { "numPartitions", "logCleanupPolicy" }, plan.Unchanged.Select(c => c.Key));
        // logCleanupPolicy stays at its default: it is not written as a custom value.
        Assert.Equal("{\"kafkaVersionCode\":3713006,\"numPartitions\":6,\"logRetentionHours\":96}", plan.ToRequestBody());
    }

    [Fact]
    public void PuttingBackACustomValueThatEqualsTheDefault_IsAChange()
    {
        var group = Group101();
        group.Add(S("numIoThreads", "num.io.threads", "Integer", "8", "1 ~ 64", custom: "8"));
        var plan = SettingChangePlanner.Plan(101, 3713006, group, new[] { new KeyValuePair<string, object?>("numIoThreads", null) });
        Assert.Equal("numIoThreads 8 -> default (8)", plan.Describe());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AnEmptyValue_IsRefused_NeverSent(string value)
    {
        var refusal = Assert.Single(Plan(("logCleanupPolicy", value)).Refusals);
        Assert.Equal(CdssErrorIds.SettingOutOfRange, refusal.ErrorId);
        Assert.Contains("$null puts a setting back to its default", refusal.Message);
    }

    [Fact]
    public void AnEmptyCustomValue_IsNeverWrittenBack()
    {
        // A setting read as custom with an empty value (whatever produced it) stays out of the body.
        var group = Group101();
        var policy = group.Single(s => s.Key == "logCleanupPolicy");
        policy.Value = "";
        policy.IsCustom = true;
        var plan = SettingChangePlanner.Plan(101, 3713006, group, new[] { new KeyValuePair<string, object?>("logRetentionHours", 96) });
        Assert.Equal("{\"kafkaVersionCode\":3713006,\"numPartitions\":6,\"logRetentionHours\":96}", plan.ToRequestBody());
    }

    [Fact]
    public void ARangeNotUnderstood_IsNamed_AndTheValueLeftToTheService()
    {
        var group = Group101();
        group.Single(s => s.Key == "logRetentionHours").Range = "hours (at most a year)";
        var plan = SettingChangePlanner.Plan(101, 3713006, group, new[] { new KeyValuePair<string, object?>("logRetentionHours", 99999) });
        Assert.Empty(plan.Refusals);
        Assert.Equal("logRetentionHours: the range 'hours (at most a year)' is in a form not understood here, so the service checks 99999 against it.",
            Assert.Single(plan.UncheckedRanges));
        Assert.Empty(Plan(("logRetentionHours", 96)).UncheckedRanges);
    }
}
