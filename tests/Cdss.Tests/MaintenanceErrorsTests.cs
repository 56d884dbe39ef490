using Cdss.Maintenance;

namespace Cdss.Tests;

public class MaintenanceErrorsTests
{
    private static CdssException Original(string id = CdssErrorIds.ServiceError) =>
        new(id, CdssErrorCategory.ResourceUnavailable, "POST /api/v1/cluster/x failed with HTTP 503.", "generic advice")
        { HttpStatus = 503, ServiceCode = "500", RequestId = "rid", Attempts = 4 };

    [Fact]
    public void ForCluster_NamesNumberAndName_AndKeepsEveryFact()
    {
        var wrapped = MaintenanceErrors.ForCluster(Original(), 3432149, "kafka-prod-01");
        Assert.Equal("Cluster 3432149 (kafka-prod-01): POST /api/v1/cluster/x failed with HTTP 503.", wrapped.Message);
        Assert.Equal((CdssErrorIds.ServiceError, 503, "500", "rid", 4, "generic advice"),
            (wrapped.ErrorId, wrapped.HttpStatus, wrapped.ServiceCode, wrapped.RequestId, wrapped.Attempts, wrapped.RecommendedAction));
    }

    [Fact]
    public void ForCluster_DoesNotNameTheClusterTwice()
    {
        var once = MaintenanceErrors.ForCluster(Original(), 3432149, null);
        Assert.Same(once, MaintenanceErrors.ForCluster(once, 3432149, null));
    }

    [Fact]
    public void OutcomeUnknown_GetsTheOperationsOwnAdvice_OtherErrorsKeepTheirs()
    {
        Assert.Equal("look first", MaintenanceErrors.ForConfigGroup(Original(CdssErrorIds.OutcomeUnknown), 101, "look first").RecommendedAction);
        Assert.Equal("generic advice", MaintenanceErrors.ForConfigGroup(Original(), 101, "look first").RecommendedAction);
        Assert.StartsWith("Config group 101: ", MaintenanceErrors.ForConfigGroup(Original(), 101).Message);
    }
}
