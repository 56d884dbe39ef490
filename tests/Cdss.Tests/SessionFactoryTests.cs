using System.Reflection;
using System.Security;
using Cdss.Sessions;
using Cdss.Transport;

namespace Cdss.Tests;

public class SessionFactoryTests
{
    private const string Secret = "Zm9vYmFyU2VjcmV0S2V5VmFsdWU0Mg";

    private static SessionOptions Options(StubHandler? stub = null) => new()
    {
        AccessKey = "AKIDSESSION000000000",
        SecretKey = Secure.From(Secret),
        Handler = stub ?? new StubHandler(),
        RetryPolicy = new RetryPolicy() { Delay = (_, _) => Task.CompletedTask },
    };

    private static CdssException Fails(SessionOptions options) =>
        Assert.Throws<CdssException>(() => SessionFactory.Create(options));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void EmptyAccessKey_IsMissingCredential(string? accessKey)
    {
        var options = Options();
        options.AccessKey = accessKey;
        Assert.Equal(CdssErrorIds.MissingCredential, Fails(options).ErrorId);
    }

    [Fact]
    public void EmptyOrAbsentSecret_IsMissingCredential()
    {
        var options = Options();
        options.SecretKey = new SecureString();
        Assert.Equal(CdssErrorIds.MissingCredential, Fails(options).ErrorId);
        options.SecretKey = null;
        Assert.Equal(CdssErrorIds.MissingCredential, Fails(options).ErrorId);
    }

    [Theory]
    [InlineData(" AKID")]
    [InlineData("AKID\n")]
    public void AccessKeyWithWhitespace_IsInvalidAccessKey(string accessKey)
    {
        var options = Options();
        options.AccessKey = accessKey;
        Assert.Equal(CdssErrorIds.InvalidAccessKey, Fails(options).ErrorId);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(601, 3)]
    [InlineData(30, -1)]
    [InlineData(30, 11)]
    public void OutOfRangeSettings_AreInvalidSetting(int timeoutSec, int maxRetries)
    {
        var options = Options();
        options.TimeoutSec = timeoutSec;
        options.MaxRetries = maxRetries;
        Assert.Equal(CdssErrorIds.InvalidSetting, Fails(options).ErrorId);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(600, 10)]
    public void BoundarySettings_AreAccepted(int timeoutSec, int maxRetries)
    {
        var options = Options();
        options.TimeoutSec = timeoutSec;
        options.MaxRetries = maxRetries;
        using var session = SessionFactory.Create(options);
        Assert.Equal(timeoutSec, session.TimeoutSec);
        Assert.Equal(maxRetries, session.MaxRetries);
    }

    [Fact]
    public void SiteAndRegion_PickTheBaseUrl_AndEndpointOverridesIt()
    {
        var options = Options();
        options.Site = CdssSite.Public;
        options.Region = "sgn";
        options.CredentialSource = "Profile:prod";
        using (var session = SessionFactory.Create(options))
        {
            Assert.Equal("https://clouddatastreamingservice.apigw.ntruss.com/api/sgn-v1", session.Endpoint);
            Assert.Equal("SGN", session.Region);
            Assert.Equal("Public", session.Site);
            Assert.Equal("Profile:prod", session.CredentialSource);
        }

        options = Options();
        options.Endpoint = new Uri("http://127.0.0.1:5123/api/v1/");
        using (var session = SessionFactory.Create(options))
        {
            Assert.Equal("http://127.0.0.1:5123/api/v1", session.Endpoint);
        }

        options = Options();
        options.Endpoint = new Uri("http://cdss.example.com/api/v1");
        Assert.Equal(CdssErrorIds.InsecureEndpoint, Fails(options).ErrorId);
        options = Options();
        options.Site = CdssSite.Fin;
        options.Region = "KR";
        Assert.Equal(CdssErrorIds.InvalidRegion, Fails(options).ErrorId);
    }

    [Fact]
    public void PublicSurface_NeverShowsTheSecret()
    {
        var options = Options();
        options.Proxy = new Uri("http://proxy.example:8080");
        using var session = SessionFactory.Create(options);

        var shown = typeof(Session).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => $"{p.Name}={p.GetValue(session)}")
            .Append(session.ToString())
            .ToList();
        Assert.True(shown.Count >= 10, "Expected to inspect every public property.");
        Assert.Contains(shown, s => s.Contains("AKIDSESSION000000000"));
        Assert.All(shown, s => Assert.DoesNotContain(Secret, s));
        Assert.DoesNotContain(typeof(Session).GetProperties(BindingFlags.Public | BindingFlags.Instance),
            p => p.PropertyType == typeof(SecureString) || p.PropertyType == typeof(byte[]));
    }

    [Fact]
    public async Task Session_SignsWithTheGivenKey_EvenAfterTheCallerClearsTheirs()
    {
        var stub = new StubHandler().RespondEnvelope(0, "SUCCESS", "true");
        var options = Options(stub);
        using var session = SessionFactory.Create(options);
        options.SecretKey!.Clear();

        var result = await session.CreateClient().PreCheckAsync(1, CancellationToken.None);

        Assert.True(result.CanRestart);
        var sent = Assert.Single(stub.Requests);
        Assert.Equal("/api/v1/cluster/rollingRestartPreCheck", sent.PathAndQuery);
        var timestamp = sent.Header(Cdss.Signing.SignatureV2.TimestampHeader);
        var expected = Cdss.Signing.SignatureV2.Sign(System.Text.Encoding.UTF8.GetBytes(Secret),
            Cdss.Signing.SignatureV2.StringToSign("POST", sent.PathAndQuery, timestamp, "AKIDSESSION000000000"));
        Assert.Equal(expected, sent.Header(Cdss.Signing.SignatureV2.SignatureHeader));
    }

    [Fact]
    public async Task Dispose_Disconnects_AndFurtherUseThrows()
    {
        var stub = new StubHandler().Always(200, Json.Envelope(0, "SUCCESS", "true"));
        using var session = SessionFactory.Create(Options(stub));
        var client = session.CreateClient();
        Assert.True(session.IsConnected);

        session.Dispose();

        Assert.False(session.IsConnected);
        var ex = Assert.Throws<CdssException>(() => session.CreateClient());
        Assert.Equal(CdssErrorIds.NoSession, ex.ErrorId);
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => client.PreCheckAsync(1, CancellationToken.None));
        Assert.Empty(stub.Requests);
        session.Dispose();
    }

}
