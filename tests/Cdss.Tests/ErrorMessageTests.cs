using System.Security;
using Cdss.Api;
using Cdss.Sessions;

namespace Cdss.Tests;

/// <summary>Messages are composed once from fields; secrets pasted with extra characters are caught early.</summary>
public class ErrorMessageTests
{
    [Fact]
    public void Message_IsComposedFromSubjectDescriptionAttemptsAndRequestId()
    {
        var ex = new CdssException(CdssErrorIds.ServiceError, CdssErrorCategory.ResourceUnavailable, "POST /x failed with HTTP 503")
        {
            Subject = "Cluster 3432149 (kafka-prod-01)",
            Attempts = 4,
            RequestId = "abc",
        };

        Assert.Equal("Cluster 3432149 (kafka-prod-01): POST /x failed with HTTP 503. Gave up after 4 attempts. RequestId: abc.", ex.Message);
    }

    [Fact]
    public async Task ClusterErrors_NameTheCluster_WithItsNameOnceKnown()
    {
        using var h = new Harness(maxRetries: 0);
        h.Client.Clusters.Remember(3432149, "kafka-prod-01");
        h.Stub.RespondEnvelope(3, "Invalid Service Group Instance No", "null", "rid-7");

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.GetRollingRestartProgressAsync(3432149, CancellationToken.None));

        Assert.StartsWith("Cluster 3432149 (kafka-prod-01): ", ex.Message);
        Assert.Contains("code 3: Invalid Service Group Instance No.", ex.Message);
        Assert.EndsWith("RequestId: rid-7.", ex.Message);
        Assert.Contains("Check the cluster number", ex.RecommendedAction);
        Assert.DoesNotContain("wait", ex.RecommendedAction!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(" Zq9xVALUE")]
    [InlineData("Zq9xVALUE ")]
    [InlineData("Zq9xVALUE\n")]
    [InlineData("Zq9x\r\nVALUE")]
    [InlineData("Zq9xVALUE\t")]
    public void ASecretKeyPastedWithExtraCharacters_IsRefused_WithoutQuotingIt(string secret)
    {
        var ex = Assert.Throws<CdssException>(() => SessionFactory.Create(new SessionOptions { AccessKey = "AKIDTEST", SecretKey = Secure.From(secret) }));

        Assert.Equal(CdssErrorIds.InvalidSecretKey, ex.ErrorId);
        Assert.Contains("pasted", ex.Message);
        Assert.DoesNotContain("Zq9x", ex.Message);
        Assert.DoesNotContain("VALUE", ex.Message);
    }

    [Fact]
    public void ASecretKeyWithAnInnerSpace_IsAccepted()
    {
        using var session = SessionFactory.Create(new SessionOptions { AccessKey = "AKIDTEST", SecretKey = Secure.From("sec ret") });
        Assert.True(session.IsConnected);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("http://127.0.0.1:5000/api/v1", "http://127.0.0.1:5000/api/v1")]
    public void EndpointOverride_ComesFromTheInjectedEnvironment(string? value, string? expected)
    {
        var env = new Dictionary<string, string?> { ["CDSS_ENDPOINT"] = value };
        Assert.Equal(expected, CredentialChain.EndpointOverride(n => env.TryGetValue(n, out var v) ? v : null)?.ToString());
    }

    [Fact]
    public void EndpointOverride_ThatIsNotAUrl_IsAnError()
    {
        var ex = Assert.Throws<CdssException>(() => CredentialChain.EndpointOverride(_ => "not a url"));
        Assert.Equal(CdssErrorIds.InvalidEndpoint, ex.ErrorId);
    }
}
