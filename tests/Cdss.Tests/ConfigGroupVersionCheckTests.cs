using Cdss.Maintenance;

namespace Cdss.Tests;

public class ConfigGroupVersionCheckTests
{
    private static readonly ConfigGroup Group390 = new() { ConfigGroupNo = 202, ConfigGroupName = "prod-kafka-390", KafkaVersionCode = 3903006, KafkaVersion = "3.9.0" };

    [Fact]
    public void SameVersion_Passes()
    {
        var cluster = new ClusterDetail { ServiceGroupInstanceNo = 3432151, ClusterName = "kafka-stage", KafkaVersionCode = 3903006 };
        Assert.Null(ConfigGroupVersionCheck.Check(cluster, Group390));
    }

    [Fact]
    public void OtherVersion_IsRefused_NamingClusterGroupAndBothVersions()
    {
        var cluster = new ClusterDetail { ServiceGroupInstanceNo = 3432149, ClusterName = "kafka-prod-01", KafkaVersionCode = 3713006 };

        var error = ConfigGroupVersionCheck.Check(cluster, Group390);

        Assert.NotNull(error);
        Assert.Equal(CdssErrorIds.ConfigGroupVersionMismatch, error!.ErrorId);
        Assert.Contains("3432149 (kafka-prod-01)", error.Message);
        Assert.Contains("3713006", error.Message);
        Assert.Contains("202 (prod-kafka-390)", error.Message);
        Assert.Contains("3.9.0 (3903006)", error.Message);
        Assert.Contains("Nothing was sent", error.Message);
    }

    [Fact]
    public void UnknownClusterVersion_IsLeftToTheService()
    {
        Assert.Null(ConfigGroupVersionCheck.Check(new ClusterDetail { ServiceGroupInstanceNo = 1 }, Group390));
    }
}
