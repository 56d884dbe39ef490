using System.Text.Json;
using Cdss.Maintenance;

namespace Cdss.Tests;

/// <summary>
/// The config-group forms no public source fixes (how a setting at its default is written, how a range is written),
/// read through the client from a stub gateway that writes them each way.
/// </summary>
public class ConfigGroupFormsTests
{
    /// <summary>
    /// A getKafkaConfigGroupDetailList result with two custom values (numPartitions 6, logRetentionHours 72) and every
    /// other setting at its default, its customValue written as <paramref name="atDefault"/> (null: the field is missing).
    /// </summary>
    private static string Details(string? atDefault, string retentionRange = "1 ~ 8760", string policyRange = "delete|compact")
    {
        string Setting(string key, string name, string type, string @default, string range, string? custom, bool modifiable = true) =>
            "{" + $"\"configName\":\"{name}\",\"configNameKey\":\"{key}\"," +
            (custom != null ? $"\"customValue\":\"{custom}\"," : atDefault == null ? "" : $"\"customValue\":{atDefault},") +
            $"\"defaultValue\":\"{@default}\",\"modifyYn\":{(modifiable ? "true" : "false")},\"range\":{JsonSerializer.Serialize(range)},\"type\":\"{type}\"" + "}";

        return "{\"kafkaConfigGroupDetailList\":[" + string.Join(",",
            Setting("autoCreateTopicsEnable", "auto.create.topics.enable", "Boolean", "true", "true|false", null),
            Setting("numPartitions", "num.partitions", "Integer", "1", "1 ~ 1000", "6"),
            Setting("offsetsTopicReplicationFactor", "offsets.topic.replication.factor", "Integer", "3", "1 ~ 3", null, modifiable: false),
            Setting("logCleanupPolicy", "log.cleanup.policy", "String", "delete", policyRange, null),
            Setting("logRetentionHours", "log.retention.hours", "Integer", "168", retentionRange, "72"),
            Setting("numIoThreads", "num.io.threads", "Integer", "8", "1 ~ 64", null)) +
            "],\"additionalKafkaConfigGroupDetailList\":[]}";
    }

    private static KeyValuePair<string, object?>[] Change(string key, object? value) => new[] { new KeyValuePair<string, object?>(key, value) };

    [Theory]
    [InlineData(null)]          // the field is missing
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public async Task ASettingAtItsDefault_ShowsTheDefault_AndIsNotCustom_HoweverTheGatewayWritesIt(string? atDefault)
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Details(atDefault));

        var settings = await h.Client.GetConfigGroupSettingsAsync(101, 3713006, CancellationToken.None);

        Assert.Equal(new[] { "numPartitions", "logRetentionHours" }, settings.Where(s => s.IsCustom).Select(s => s.Key));
        var topics = settings.Single(s => s.Key == "autoCreateTopicsEnable");
        Assert.Equal(("true", "true", false), (topics.Value, topics.DefaultValue, topics.IsCustom));
        Assert.Equal("8", settings.Single(s => s.Key == "numIoThreads").Value);
        Assert.Equal("delete", settings.Single(s => s.Key == "logCleanupPolicy").Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public async Task TheWrite_SendsTheCustomValuesAndTheChange_NeverAnEmptyString(string? atDefault)
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Details(atDefault)).RespondEnvelope(0, "SUCCESS", "true");

        var plan = await h.Client.PlanSettingChangeAsync(101, 3713006, Change("logRetentionHours", 96), CancellationToken.None);
        await h.Client.SetConfigGroupSettingsAsync(plan, CancellationToken.None);

        var write = h.Stub.Requests[1];
        Assert.Equal("/api/v1/configGroup/setKafkaConfigGroupDetail/101", write.PathAndQuery);
        Assert.Equal("{\"kafkaVersionCode\":3713006,\"numPartitions\":6,\"logRetentionHours\":96}", write.Body);
        Assert.DoesNotContain("\"\"", write.Body);
    }

    /// <summary>Every form of the logRetentionHours range a service may plausibly write, and what it allows.</summary>
    public static TheoryData<string> RetentionRangeForms => new()
    {
        "1 ~ 8760", "1~8760", "1-8760", "1 - 8760", "[1, 8760]", "[1,8760]", "1..8760", "1 to 8760", "[1 ~ 8760]",
    };

    [Theory]
    [MemberData(nameof(RetentionRangeForms))]
    public async Task AValueOutsideTheRange_IsRefusedBeforeAnythingIsSent_InEveryForm(string range)
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Details("\"\"", retentionRange: range));

        var plan = await h.Client.PlanSettingChangeAsync(101, 3713006, Change("logRetentionHours", 99999), CancellationToken.None);

        var refusal = Assert.Single(plan.Refusals);
        Assert.Equal(CdssErrorIds.SettingOutOfRange, refusal.ErrorId);
        Assert.Contains($"allows {range}; 99999 is outside it", refusal.Message);
        Assert.Empty(plan.UncheckedRanges);
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.SetConfigGroupSettingsAsync(plan, CancellationToken.None));
        var read = Assert.Single(h.Stub.Requests);   // the read, and no write
        Assert.Equal("/api/v1/configGroup/getKafkaConfigGroupDetailList/101", read.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(RetentionRangeForms))]
    public async Task AValueInsideTheRange_IsSent_InEveryForm(string range)
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Details(null, retentionRange: range)).RespondEnvelope(0, "SUCCESS", "true");

        var plan = await h.Client.PlanSettingChangeAsync(101, 3713006, Change("logRetentionHours", 8760), CancellationToken.None);
        await h.Client.SetConfigGroupSettingsAsync(plan, CancellationToken.None);

        Assert.Empty(plan.Refusals);
        Assert.Contains("\"logRetentionHours\":8760", h.Stub.Requests[1].Body);
    }

    [Theory]
    [InlineData("delete|compact")]
    [InlineData("delete | compact")]
    [InlineData("delete, compact")]
    [InlineData("delete,compact")]
    [InlineData("[delete, compact]")]
    [InlineData("{delete, compact}")]
    public async Task AChoiceNotOffered_IsRefusedBeforeAnythingIsSent_InEveryForm(string range)
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Details("null", policyRange: range));

        var plan = await h.Client.PlanSettingChangeAsync(101, 3713006, Change("logCleanupPolicy", "remove"), CancellationToken.None);

        Assert.Equal(CdssErrorIds.SettingOutOfRange, Assert.Single(plan.Refusals).ErrorId);
        Assert.Single(h.Stub.Requests);
        var accepted = SettingChangePlanner.Plan(101, 3713006, await Read(range), Change("logCleanupPolicy", "COMPACT"));
        Assert.Contains("\"logCleanupPolicy\":\"compact\"", accepted.ToRequestBody());
    }

    private static async Task<IReadOnlyList<ConfigGroupSetting>> Read(string policyRange)
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Details(null, policyRange: policyRange));
        return await h.Client.GetConfigGroupSettingsAsync(101, 3713006, CancellationToken.None);
    }

    [Fact]
    public async Task ARangeNotUnderstood_IsNamed_AndLeftToTheService()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Details(null, retentionRange: "up to a year, in hours")).RespondEnvelope(0, "SUCCESS", "true");

        var plan = await h.Client.PlanSettingChangeAsync(101, 3713006, Change("logRetentionHours", 99999), CancellationToken.None);
        await h.Client.SetConfigGroupSettingsAsync(plan, CancellationToken.None);

        Assert.Empty(plan.Refusals);
        Assert.Equal("logRetentionHours: the range 'up to a year, in hours' is in a form not understood here, so the service checks 99999 against it.",
            Assert.Single(plan.UncheckedRanges));
        Assert.Contains("\"logRetentionHours\":99999", h.Stub.Requests[1].Body);
    }

    [Fact]
    public async Task AChangeToTheValueInEffect_IsNothingToChange_AndIsNeverSent()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", Details("\"\""));

        var plan = await h.Client.PlanSettingChangeAsync(101, 3713006,
            new[] { new KeyValuePair<string, object?>("numPartitions", "6"), new KeyValuePair<string, object?>("num.io.threads", 8), new KeyValuePair<string, object?>("logCleanupPolicy", null) },
            CancellationToken.None);

        Assert.Empty(plan.Refusals);
        Assert.Empty(plan.Changes);
        Assert.False(plan.IsSendable);
        Assert.Equal("numPartitions is already 6, numIoThreads is already 8, logCleanupPolicy is already at its default (delete)", plan.DescribeUnchanged());
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.SetConfigGroupSettingsAsync(plan, CancellationToken.None));
        Assert.Single(h.Stub.Requests);
    }

    [Fact]
    public async Task KafkaVersionName_IsTheServicesName_OrNullWhenItCannotBeRead()
    {
        using var h = new Harness();
        h.Stub.RespondEnvelope(0, "SUCCESS", "{\"kafkaVersionList\":[{\"kafkaVersionCode\":\"3713006\",\"kafkaVersionName\":\"Kafka 3.7.1\"}]}")
              .RespondEnvelope(0, "SUCCESS", "{\"kafkaVersionList\":[]}")
              .RespondGateway(401, "200", "Authentication Failed");

        Assert.Equal("Kafka 3.7.1", await h.Client.KafkaVersionNameAsync(3713006, CancellationToken.None));
        Assert.Null(await h.Client.KafkaVersionNameAsync(3713006, CancellationToken.None));
        Assert.Null(await h.Client.KafkaVersionNameAsync(3713006, CancellationToken.None));
        Assert.Contains(h.Log.Lines, l => l.Level == "Verbose" && l.Text.StartsWith("The name of Kafka version 3713006 could not be read"));
    }
}
