using System.Text.Json;

namespace Cdss.Tests;

/// <summary>The config group reads and setKafkaConfigGroupDetail.</summary>
public class EmulatorConfigGroupTests(SeedEmulator seed) : EmulatorTests(seed)
{
    private Task<EmulatorAnswer> GroupAsync(string operation, int? group, object body) =>
        Emu.PostAsync($"/configGroup/{operation}{(group is { } g ? "/" + g : "")}", body);

    private async Task<List<JsonElement>> DetailAsync(int group = 101, long version = 3713006) =>
        (await GroupAsync("getKafkaConfigGroupDetailList", group, new { kafkaVersionCode = version })).Result.Items("kafkaConfigGroupDetailList");

    /// <summary>The custom values of a group, in the order of its settings.</summary>
    private async Task<List<KeyValuePair<string, string>>> CustomAsync(int group = 101) =>
        (await DetailAsync(group)).Where(d => !d.IsNull("customValue"))
            .Select(d => KeyValuePair.Create(d.Str("configNameKey"), d.Str("customValue"))).ToList();

    [Fact]
    public async Task ListsTheGroupsOfOneVersion_WithPaging()
    {
        var r = await GroupAsync("getKafkaVersionConfigGroupList", null, new { kafkaVersionCode = 3713006 });
        var page = r.Result;

        Assert.Equal(2, page.Int("totalCount"));
        Assert.Equal([101, 102], page.Items("kafkaConfigGroupList").Select(g => g.Int("configGroupNo")));
        Assert.Equal(["prod-kafka-371", "analytics-kafka-371"], page.Strs("kafkaConfigGroupList", "configGroupName"));
        Assert.Equal("3.7.1", page.Items("kafkaConfigGroupList")[0].Str("kafkaVersion"));
        Assert.Equal(["configGroupNo", "configGroupName", "description", "kafkaVersion", "kafkaVersionCode"], page.Items("kafkaConfigGroupList")[0].Names());
        Assert.Contains("\"configGroupNo\":101,", r.Text);
        Assert.Contains("\"kafkaVersionCode\":\"3713006\"", r.Text);
        var second = (await GroupAsync("getKafkaVersionConfigGroupList", null, new { kafkaVersionCode = 3713006, pageNo = 2, pageSize = 1 })).Result;
        Assert.Equal(102, Assert.Single(second.Items("kafkaConfigGroupList")).Int("configGroupNo"));
        Assert.Equal(2, second.Int("totalPage"));
        Assert.True(second.Bool("isLast"));
        Assert.Equal(["default-kafka-240"],
            (await GroupAsync("getKafkaVersionConfigGroupList", null, new { kafkaVersionCode = 2403005 })).Result.Strs("kafkaConfigGroupList", "configGroupName"));
    }

    [Theory]
    [InlineData("a list without kafkaVersionCode", "getKafkaVersionConfigGroupList", null, "{\"pageNo\":1}", 1000)]
    [InlineData("an unknown version", "getKafkaVersionConfigGroupList", null, "{\"kafkaVersionCode\":1234}", 1005)]
    [InlineData("an unknown group", "getKafkaConfigGroup", 999, "{\"kafkaVersionCode\":3713006}", 1004)]
    [InlineData("a group of another version", "getKafkaConfigGroup", 101, "{\"kafkaVersionCode\":3903006}", 1003)]
    [InlineData("details without kafkaVersionCode", "getKafkaConfigGroupDetailList", 101, "{}", 1000)]
    public async Task AParameterError_HasItsCode(string @case, string operation, int? group, string body, int code)
    {
        var r = await Emu.PostRawAsync($"/configGroup/{operation}{(group is { } g ? "/" + g : "")}", body);

        Assert.Equal(200, r.Status);
        Assert.True(code == r.Code, $"{@case}: {r.Text}");
        Assert.True(r.ResultIsNull, r.Text);
    }

    [Fact]
    public async Task ReadsOneGroup()
    {
        var g = (await GroupAsync("getKafkaConfigGroup", 202, new { kafkaVersionCode = "3903006" })).Result;

        Assert.Equal(["configGroupNo", "configGroupName", "description", "kafkaVersionCode", "memberNo"], g.Names());
        Assert.Equal(202, g.Int("configGroupNo"));
        Assert.Equal("prod-kafka-390", g.Str("configGroupName"));
        Assert.Equal("3903006", g.Str("kafkaVersionCode"));
        Assert.False(string.IsNullOrEmpty(g.Str("memberNo")));
    }

    [Fact]
    public async Task ListsEverySetting_WithItsTypeRangeAndDefault_AndTheSeededCustomValues()
    {
        var r = await GroupAsync("getKafkaConfigGroupDetailList", 101, new { kafkaVersionCode = 3713006 });
        var details = r.Result.Items("kafkaConfigGroupDetailList");
        JsonElement Setting(string key) => details.Single(d => d.Str("configNameKey") == key);

        Assert.Equal(14, details.Count);
        Assert.Empty(r.Result.Items("additionalKafkaConfigGroupDetailList"));
        Assert.Contains("\"additionalKafkaConfigGroupDetailList\":[]", r.Text);
        Assert.Equal(["configName", "configNameKey", "customValue", "defaultValue", "modifyYn", "range", "type"], details[0].Names());
        var retention = Setting("logRetentionHours");
        Assert.Equal("log.retention.hours", retention.Str("configName"));
        Assert.Equal("72", retention.Str("customValue"));
        Assert.Equal("168", retention.Str("defaultValue"));
        Assert.Equal("1 ~ 8760", retention.Str("range"));
        Assert.Equal("Integer", retention.Str("type"));
        Assert.Contains("\"configNameKey\":\"offsetsTopicReplicationFactor\",\"customValue\":null,\"defaultValue\":\"3\",\"modifyYn\":false,\"range\":\"1 ~ 3\",\"type\":\"Integer\"", r.Text);
        Assert.Equal("delete|compact", Setting("logCleanupPolicy").Str("range"));
        Assert.Equal("true|false", Setting("deleteTopicEnable").Str("range"));
        Assert.Equal("-1 ~ 9223372036854775807", Setting("logRetentionBytes").Str("range"));
        Assert.Equal(["Boolean", "Integer", "Long", "String"], details.Select(d => d.Str("type")).Distinct().Order());
        Assert.Equal(["numPartitions", "logRetentionHours"], (await CustomAsync(101)).Select(c => c.Key));
        Assert.Empty(await CustomAsync(102));
    }

    [Fact]
    public async Task SettingDetails_ReplacesTheWholeCustomSet_ASettingLeftOutRevertsToItsDefault()
    {
        var r = await GroupAsync("setKafkaConfigGroupDetail", 101, new { kafkaVersionCode = 3713006, logRetentionHours = 24 });

        Assert.Equal(0, r.Code);
        Assert.True(r.Result.GetBoolean());
        Assert.Equal([KeyValuePair.Create("logRetentionHours", "24")], await CustomAsync());
    }

    [Fact]
    public async Task SettingDetails_DropsASettingThatMayNotBeModified_IgnoresUnknownKeys_AndTakesStringsThatParse()
    {
        var r = await Emu.PostRawAsync("/configGroup/setKafkaConfigGroupDetail/101", """
            {"kafkaVersionCode":3713006,"offsetsTopicReplicationFactor":1,"noSuchSetting":5,"numIoThreads":16,"logCleanerThreads":"4",
             "autoCreateTopicsEnable":"false","deleteTopicEnable":false,"logCleanupPolicy":"compact","logFlushIntervalMessages":9223372036854775807}
            """);

        Assert.True(r.Result.GetBoolean());
        var custom = (await CustomAsync()).ToDictionary();
        Assert.DoesNotContain("offsetsTopicReplicationFactor", custom.Keys);
        Assert.DoesNotContain("noSuchSetting", custom.Keys);
        Assert.Equal("16", custom["numIoThreads"]);
        Assert.Equal("4", custom["logCleanerThreads"]);
        Assert.Equal("false", custom["autoCreateTopicsEnable"]);
        Assert.Equal("false", custom["deleteTopicEnable"]);
        Assert.Equal("compact", custom["logCleanupPolicy"]);
        Assert.Equal("9223372036854775807", custom["logFlushIntervalMessages"]);
    }

    [Theory]
    [InlineData("logRetentionHours", "9000", "1 ~ 8760")]
    [InlineData("numPartitions", "0", "1 ~ 1000")]
    [InlineData("logRetentionBytes", "-2", "-1 ~ 9223372036854775807")]
    [InlineData("logCleanerThreads", "\"many\"", "1 ~ 8")]
    [InlineData("logCleanupPolicy", "\"zip\"", "delete|compact")]
    [InlineData("allowEveryoneIfNoAclFound", "\"yes\"", "true|false")]
    public async Task SettingDetails_RefusesAValueOutOfRange_NamingTheKeyAndTheRange_AndChangesNothing(string key, string value, string range)
    {
        var r = await Emu.PostRawAsync("/configGroup/setKafkaConfigGroupDetail/101", $"{{\"kafkaVersionCode\":3713006,\"numIoThreads\":16,\"{key}\":{value}}}");

        Assert.Equal(200, r.Status);
        Assert.NotEqual(0, r.Code);
        Assert.True(r.ResultIsNull, r.Text);
        Assert.Contains(key, r.Message);
        Assert.Contains(range, r.Message);
        Assert.Equal(["numPartitions", "logRetentionHours"], (await CustomAsync()).Select(c => c.Key));
    }

    [Fact]
    public async Task AReset_RestoresTheSeededValues()
    {
        await GroupAsync("setKafkaConfigGroupDetail", 101, new { kafkaVersionCode = 3713006 });
        Assert.Empty(await CustomAsync());

        await Emu.ResetAsync();

        Assert.Contains(KeyValuePair.Create("logRetentionHours", "72"), await CustomAsync());
    }

    [Fact]
    public async Task ListsTheClustersThisKeyMaySee_ThatUseAGroup()
    {
        var r = await GroupAsync("getConfigGroupUsingClusterList", 101, new { kafkaVersionCode = 3713006 });

        Assert.Equal(3, r.Result.Int("totalCount"));
        Assert.Equal(["kafka-prod-01", "kafka-prod-02", "kafka-flaky"], r.Result.Strs("usingClusterNameList", "clusterName"));
        Assert.Contains("\"serviceGroupInstanceNo\":\"3432149\"", r.Text);
        var none = (await GroupAsync("getConfigGroupUsingClusterList", 202, new { kafkaVersionCode = 3903006 })).Result;
        Assert.Equal(0, none.Int("totalCount"));
        Assert.Empty(none.Items("usingClusterNameList"));
        Assert.Equal(["kafka-flaky"],
            (await GroupAsync("getConfigGroupUsingClusterList", 101, new { kafkaVersionCode = 3713006, pageSize = 2, pageNo = 2 })).Result.Strs("usingClusterNameList", "clusterName"));
    }

    [Fact]
    public async Task LogsTheConfigGroupNumberOfThePath()
    {
        await GroupAsync("getKafkaConfigGroup", 102, new { kafkaVersionCode = 3713006 });

        var entry = Assert.Single(await Emu.RequestsAsync());
        Assert.Equal("getKafkaConfigGroup", entry.Str("operation"));
        Assert.Equal(102, entry.Long("configGroupNo"));
        Assert.True(entry.IsNull("serviceGroupInstanceNo"));
    }
}
