using System.Globalization;
using System.Text.Json;
using Cdss.Emulator.Clusters;
using Cdss.Emulator.Options;

namespace Cdss.Emulator.Http;

/// <summary>The operations under /configGroup/: list, read, replace the settings, apply to a cluster, users.</summary>
public sealed class ConfigGroupOperations(ConfigGroupStore groups, ClusterStore store, DialectSettings dialect) : IOperationGroup
{
    public IEnumerable<KeyValuePair<string, OperationHandler>> Handlers =>
    [
        new("getKafkaVersionConfigGroupList", (ctx, _, body) => ListForVersion(ctx, body)),
        new("getKafkaConfigGroup", (ctx, route, body) => WithGroup(ctx, route, body, g => Responses.Success(ctx, Describe(g)))),
        new("getKafkaConfigGroupDetailList", (ctx, route, body) => WithGroup(ctx, route, body, g => Responses.Success(ctx, Details(g)))),
        new("setKafkaConfigGroupDetail", (ctx, route, body) => WithGroup(ctx, route, body, g => SetDetails(ctx, g, body))),
        new("setClusterKafkaConfigGroup", (ctx, route, body) => WithGroup(ctx, route, body, g => Apply(ctx, g, body))),
        new("getConfigGroupUsingClusterList", (ctx, route, body) => WithGroup(ctx, route, body, g => UsingClusters(ctx, g, body))),
    ];

    public static Outcome UnknownVersion(long code) =>
        Outcome.Error(EnvelopeCodes.InvalidKafkaVersion, $"Invalid Kafka Version Code: {code}");

    public static Outcome UnknownGroup(object no) =>
        Outcome.Error(EnvelopeCodes.InvalidConfigGroup, $"Invalid Config Group No: {no}");

    /// <summary>
    /// The group in the path, checked against the body's kafkaVersionCode: an unknown group is 1004, a
    /// missing or mistyped code 1000, an unknown version 1005, a group made for another version 1003.
    /// </summary>
    private Task WithGroup(HttpContext ctx, CdssRoute route, JsonElement body, Func<ConfigGroup, Task> next)
    {
        var pathNo = RequestBody.PathNumber(route.PathNo);
        if (pathNo is not { } no || groups.Find(no) is not { } group)
            return Responses.Outcome(ctx, UnknownGroup(route.PathNo ?? ""));
        if (RequireVersion(body, out var version) is { } invalid) return Responses.Outcome(ctx, invalid);
        if (version.Code != group.KafkaVersionCode)
            return Responses.Outcome(ctx, Outcome.Error(EnvelopeCodes.VersionMismatch,
                $"Config group {group.No} is for Kafka version code {group.KafkaVersionCode}, not {version.Code}"));
        return next(group);
    }

    private static Outcome? RequireVersion(JsonElement body, out KafkaVersion version)
    {
        version = null!;
        if (RequestBody.RequireLong(body, "kafkaVersionCode", out var code) is { } invalid) return invalid;
        if (KafkaVersions.Find(code.ToString(CultureInfo.InvariantCulture)) is not { } found) return UnknownVersion(code);
        version = found;
        return null;
    }

    private Task ListForVersion(HttpContext ctx, JsonElement body)
    {
        if (RequireVersion(body, out var version) is { } invalidVersion) return Responses.Outcome(ctx, invalidVersion);
        if (Paging.Read(body, null, out var paging) is { } invalidPaging) return Responses.Outcome(ctx, invalidPaging);
        var all = groups.ForVersion(version.Code);
        var result = paging.Fields(all.Count);
        result["kafkaConfigGroupList"] = paging.Apply(all).Select(g => new
        {
            configGroupNo = g.No,
            configGroupName = g.Name,
            description = g.Description,
            kafkaVersion = version.VersionText,
            kafkaVersionCode = g.KafkaVersionCode,
        }).ToList();
        return Responses.Success(ctx, result);
    }

    private static object Describe(ConfigGroup g) => new
    {
        configGroupNo = g.No,
        configGroupName = g.Name,
        description = g.Description,
        kafkaVersionCode = g.KafkaVersionCode,
        memberNo = g.MemberNo,
    };

    /// <summary>customValue (for a setting at its default) and range are written in the dialect in use.</summary>
    private object Details(ConfigGroup g)
    {
        var custom = groups.CustomValues(g);
        var forms = dialect.Current;
        return new
        {
            kafkaConfigGroupDetailList = ConfigSettings.All
                .Select(s => forms.SettingItem(s.Name, s.Key, custom.GetValueOrDefault(s.Key), s.Default, s.Modifiable, s.Range, s.Type))
                .ToList(),
            additionalKafkaConfigGroupDetailList = Array.Empty<object>(),
        };
    }

    /// <summary>
    /// Replaces the whole custom set, as a third-party client observed: a setting left out (or sent as
    /// null) reverts to its default, a setting that may not be modified is dropped silently, unknown keys
    /// are ignored. One value out of its range (or of the wrong type) refuses the call and changes nothing.
    /// </summary>
    private Task SetDetails(HttpContext ctx, ConfigGroup group, JsonElement body)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (ConfigSettings.Find(property.Name) is not { Modifiable: true } setting || property.Value.ValueKind == JsonValueKind.Null) continue;
            var (text, problem) = setting.Parse(property.Value);
            if (problem is not null) return Responses.Outcome(ctx, Outcome.Error(EnvelopeCodes.InvalidParameter, $"Invalid parameter: {problem}"));
            values[setting.Key] = text!;
        }
        groups.ReplaceCustomValues(group, values);
        return Responses.Success(ctx, true);
    }

    /// <summary>The cluster turns changing, settles, restarts its brokers one at a time, then uses the group.</summary>
    private Task Apply(HttpContext ctx, ConfigGroup group, JsonElement body) =>
        Responses.Outcome(ctx, RequestBody.RequireClusterNo(body, out var no) ?? store.Start(no, RunPlan.ConfigApply(group), dryRun: false));

    /// <summary>The clusters this key may see that use the group.</summary>
    private Task UsingClusters(HttpContext ctx, ConfigGroup group, JsonElement body)
    {
        if (Paging.Read(body, null, out var paging) is { } invalid) return Responses.Outcome(ctx, invalid);
        var users = store.Select(c => c.ConfigGroupNo == group.No, (c, _) => ResultShapes.NameAndNumber(c));
        var result = paging.Fields(users.Count);
        result["usingClusterNameList"] = paging.Apply(users).ToList();
        return Responses.Success(ctx, result);
    }
}
