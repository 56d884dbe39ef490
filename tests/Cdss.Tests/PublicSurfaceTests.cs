namespace Cdss.Tests;

/// <summary>
/// Whatever Cdss.dll makes public, scripts may come to depend on. The list is written out so that a new public
/// type is a deliberate choice: the cmdlets, the objects they write, the session, the exception, and what
/// PowerShell itself must see (the cmdlets' base classes and the module initializer).
/// </summary>
public class PublicSurfaceTests
{
    private static readonly string[] Expected =
    {
        "Cdss.CdssException",
        "Cdss.Cluster",
        "Cdss.ClusterNode",
        "Cdss.Commands.CdssCmdlet",
        "Cdss.Commands.CdssSessionCmdlet",
        "Cdss.Commands.ConnectCdss",
        "Cdss.Commands.DisconnectCdss",
        "Cdss.Commands.ExportCdssReport",
        "Cdss.Commands.GetCdssCluster",
        "Cdss.Commands.GetCdssClusterNode",
        "Cdss.Commands.GetCdssConfigGroup",
        "Cdss.Commands.GetCdssConfigGroupSetting",
        "Cdss.Commands.GetCdssKafkaVersion",
        "Cdss.Commands.GetCdssMetric",
        "Cdss.Commands.GetCdssRollingRestartProgress",
        "Cdss.Commands.GetCdssSession",
        "Cdss.Commands.InvokeCdssApi",
        "Cdss.Commands.ModuleInitializer",
        "Cdss.Commands.OrderedCheckCmdlet`1",
        "Cdss.Commands.PerClusterCmdlet",
        "Cdss.Commands.ResolveCdssRollout",
        "Cdss.Commands.RestartCdssKafkaNode",
        "Cdss.Commands.RolloutCmdlet",
        "Cdss.Commands.SetCdssClusterConfigGroup",
        "Cdss.Commands.SetCdssConfigGroupSetting",
        "Cdss.Commands.StartCdssRollingRestart",
        "Cdss.Commands.StartCdssRollingUpgrade",
        "Cdss.Commands.TestCdssRollingRestart",
        "Cdss.Commands.TestCdssRollingUpgrade",
        "Cdss.Commands.WaitCdssRollingRestart",
        "Cdss.ConfigGroup",
        "Cdss.ConfigGroupSetting",
        "Cdss.KafkaVersion",
        "Cdss.MetricPoint",
        "Cdss.NodeStatus",
        "Cdss.OperationRequest",
        "Cdss.RollingRestartPreCheck",
        "Cdss.ClusterProgress",
        "Cdss.RollingUpgradePreCheck",
        "Cdss.RolloutOutcome",
        "Cdss.RolloutResult",
        "Cdss.Session",
    };

    private static readonly string[] MustStayInternal =
    {
        "CdssTransport", "RequestSigner", "SignatureV2", "OrderedRequestQueue`1", "RetryPolicy", "Envelope", "GatewayError",
        "CdssClient", "SessionFactory", "SessionOptions", "CredentialChain", "NcloudConfigFile", "RolloutEngine", "ClusterWatcher",
        "RolloutJournal", "CdssErrorIds",
    };

    /// <summary>
    /// The assembly's types and whether they are visible outside it, read from its metadata: loading the types
    /// would need System.Management.Automation, which only a PowerShell host has.
    /// </summary>
    private static Dictionary<string, bool> TypesAndVisibility()
    {
        using var stream = File.OpenRead(typeof(Session).Assembly.Location);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var result = new Dictionary<string, bool>();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            if (!type.GetDeclaringType().IsNil) continue;   // nested types: none of ours is public
            var name = metadata.GetString(type.Name);
            if (name == "<Module>") continue;
            var ns = metadata.GetString(type.Namespace);
            var visibility = type.Attributes & System.Reflection.TypeAttributes.VisibilityMask;
            result[ns.Length == 0 ? name : ns + "." + name] = visibility == System.Reflection.TypeAttributes.Public;
        }
        return result;
    }

    [Fact]
    public void ThePublicTypes_AreExactlyTheListedOnes()
    {
        var actual = TypesAndVisibility().Where(t => t.Value).Select(t => t.Key).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(Expected.OrderBy(n => n, StringComparer.Ordinal).ToArray(), actual);
        // Fewer than 40 until Resolve-CdssRollout and Get-CdssMetric (with its Cdss.MetricPoint): a cmdlet has to be a
        // public class, so each new cmdlet raises this; the list above is what keeps the surface a deliberate choice.
        Assert.True(actual.Length <= 42, $"{actual.Length} public types");
    }

    [Fact]
    public void TheMachinery_AndTheTestHooks_AreInternal()
    {
        var types = TypesAndVisibility();
        foreach (var name in MustStayInternal)
        {
            var match = Assert.Single(types, t => t.Key.EndsWith("." + name, StringComparison.Ordinal));
            Assert.False(match.Value, $"{match.Key} must not be public");
        }
    }
}
