using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cdss.Signing;
using Cdss.Transport;

namespace Cdss.Tests;

/// <summary>
/// A request that certainly never reached the service (DNS, unreachable, refused, TLS) is a network or TLS error,
/// never "outcome unknown", even for a rolling restart.
/// </summary>
public class NetworkFailureTests
{
    private static readonly Uri Target = new("https://gateway.example/api/v1/cluster/rollingRestart");

    [Theory]
    [InlineData(SocketError.HostNotFound, "does not resolve")]
    [InlineData(SocketError.TryAgain, "could not be resolved")]
    [InlineData(SocketError.NoData, "does not resolve")]
    [InlineData(SocketError.NetworkUnreachable, "network is unreachable")]
    [InlineData(SocketError.HostUnreachable, "host is unreachable")]
    [InlineData(SocketError.ConnectionRefused, "connection refused")]
    public void ConnectFailures_AreNotDelivered(SocketError error, string words)
    {
        var failure = NetworkFailures.Classify(new HttpRequestException("x", new SocketException((int)error)), Target, proxy: null);

        Assert.Equal(Delivery.NotDelivered, failure.Delivery);
        Assert.Equal(CdssErrorIds.NetworkError, failure.Error.ErrorId);
        Assert.Contains(words, failure.Error.Message);
        Assert.Contains("gateway.example:443", failure.Error.Message);
        Assert.Contains("not sent", failure.Error.Message);
    }

    [Fact]
    public void AReset_IsAmbiguous()
    {
        var failure = NetworkFailures.Classify(StubHandler.ConnectionReset(), Target, proxy: null);
        Assert.Equal(Delivery.Ambiguous, failure.Delivery);
    }

    [Fact]
    public void ACertificateFailure_IsATlsError_NotDelivered_AndNeverRetried()
    {
        var exception = new HttpRequestException("The SSL connection could not be established.",
            new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));
        var failure = NetworkFailures.Classify(exception, Target, proxy: null);

        Assert.Equal(CdssErrorIds.TlsError, failure.Error.ErrorId);
        Assert.Equal(Delivery.NotDelivered, failure.Delivery);
        Assert.False(failure.Retryable);
        Assert.Contains("certificate", failure.Error.Message);
    }

    [Fact]
    public void WithAProxy_TheMessageNamesTheProxy()
    {
        var failure = NetworkFailures.Classify(StubHandler.ConnectionRefused(), Target, new Uri("http://proxy.corp.example:3128"));

        Assert.Contains("proxy proxy.corp.example:3128", failure.Error.Message);
        Assert.Contains("proxy", failure.Error.RecommendedAction);
    }

    [Fact]
    public async Task ARestartThatNeverLeftTheMachine_IsANetworkError_AndRetried()
    {
        using var h = new Harness(maxRetries: 1);
        h.Stub.Throw(new HttpRequestException("Name or service not known", new SocketException((int)SocketError.HostNotFound)))
              .Throw(new HttpRequestException("Name or service not known", new SocketException((int)SocketError.HostNotFound)));

        var ex = await Assert.ThrowsAsync<CdssException>(() => h.Client.StartRollingRestartAsync(3432149, CancellationToken.None));

        Assert.Equal(CdssErrorIds.NetworkError, ex.ErrorId);
        Assert.Equal(2, h.Stub.Requests.Count);
        Assert.StartsWith("Cluster 3432149: ", ex.Message);
    }

    [Fact]
    public async Task ARealRefusedConnection_IsClassifiedAsNotSent()
    {
        var port = FreePort();
        using var transport = RealTransport(new Uri($"http://127.0.0.1:{port}/api/v1"), maxRetries: 0);
        var client = new Cdss.Api.CdssClient(transport);

        var ex = await Assert.ThrowsAsync<CdssException>(() => client.StartRollingRestartAsync(3432149, CancellationToken.None));

        Assert.Equal(CdssErrorIds.NetworkError, ex.ErrorId);
        Assert.Contains("connection refused", ex.Message);
    }

    [Fact]
    public async Task ARealUntrustedCertificate_IsATlsError_AfterOneAttempt()
    {
        using var certificate = SelfSigned();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = 0;
        var server = Task.Run(async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                using var socket = await listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref accepted);
                using var tls = new SslStream(socket.GetStream());
                try { await tls.AuthenticateAsServerAsync(certificate); }
                catch (Exception) { /* the client rejects our certificate: that is the point */ }
            }
        });
        using var transport = RealTransport(new Uri($"https://localhost:{port}/api/v1"), maxRetries: 3);
        var client = new Cdss.Api.CdssClient(transport);

        var ex = await Assert.ThrowsAsync<CdssException>(() => client.StartRollingRestartAsync(3432149, CancellationToken.None));

        Assert.Equal(CdssErrorIds.TlsError, ex.ErrorId);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(1, Volatile.Read(ref accepted));
        listener.Stop();
    }

    private static CdssTransport RealTransport(Uri baseUrl, int maxRetries) =>
        new(baseUrl, new RequestSigner("AKIDTEST", Secure.From("secret")), new TransportSettings(5, maxRetries), handler: null,
            new RetryPolicy(seed: 1) { Delay = (_, _) => Task.CompletedTask });

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }
}
