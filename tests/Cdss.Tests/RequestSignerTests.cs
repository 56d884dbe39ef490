using System.Text;
using Cdss.Signing;

namespace Cdss.Tests;

public class RequestSignerTests
{
    private const string AccessKey = "AKIDEXAMPLE1234567890";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1764201600000);

    private static string Expected(string method, string target, long timestamp) =>
        SignatureV2.Sign(Encoding.UTF8.GetBytes(Secret),
            SignatureV2.StringToSign(method, target, timestamp.ToString(), AccessKey));

    private static string Single(HttpRequestMessage request, string name) =>
        Assert.Single(request.Headers.GetValues(name));

    [Fact]
    public void Apply_StampsTheThreeHeaders()
    {
        using var signer = new RequestSigner(AccessKey, Secure.From(Secret), () => Now);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://h.example/api/v1/cluster/getClusterInfoList");
        signer.Apply(request);

        Assert.Equal("1764201600000", Single(request, SignatureV2.TimestampHeader));
        Assert.Equal(AccessKey, Single(request, SignatureV2.AccessKeyHeader));
        // The same request as vector 3 of the reference file.
        Assert.Equal("M8Was+YTu/Buv8NAgGeZGQJkhI8zCEW4Sbwds2f4nl8=", Single(request, SignatureV2.SignatureHeader));
    }

    [Fact]
    public void Apply_SignsTheEscapedPathAndQuery()
    {
        using var signer = new RequestSigner(AccessKey, Secure.From(Secret), () => Now);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://h.example/api/v1/list?inputText=kafka prod&x=1"));
        signer.Apply(request);

        Assert.Equal("/api/v1/list?inputText=kafka%20prod&x=1", request.RequestUri!.PathAndQuery);
        Assert.Equal(Expected("GET", "/api/v1/list?inputText=kafka%20prod&x=1", 1764201600000), Single(request, SignatureV2.SignatureHeader));
        Assert.NotEqual(Expected("GET", "/api/v1/list?inputText=kafka prod&x=1", 1764201600000), Single(request, SignatureV2.SignatureHeader));
    }

    [Fact]
    public void Apply_ShiftsTheTimestampByTheClockOffset()
    {
        using var signer = new RequestSigner(AccessKey, Secure.From(Secret), () => Now) { ClockOffset = TimeSpan.FromMinutes(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://h.example/api/v1/a");
        signer.Apply(request);

        var expected = Now.ToUnixTimeMilliseconds() + 600_000;
        Assert.Equal(expected.ToString(), Single(request, SignatureV2.TimestampHeader));
        Assert.Equal(Expected("POST", "/api/v1/a", expected), Single(request, SignatureV2.SignatureHeader));
    }

    [Fact]
    public void Apply_Twice_ReplacesRatherThanDuplicatesHeaders()
    {
        var now = Now;
        using var signer = new RequestSigner(AccessKey, Secure.From(Secret), () => now);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://h.example/api/v1/a");
        signer.Apply(request);
        now = now.AddSeconds(1);
        signer.Apply(request);

        Assert.Equal("1764201601000", Single(request, SignatureV2.TimestampHeader));
        Assert.Equal(Expected("POST", "/api/v1/a", 1764201601000), Single(request, SignatureV2.SignatureHeader));
    }

    [Fact]
    public void Apply_AfterDispose_Throws()
    {
        var signer = new RequestSigner(AccessKey, Secure.From(Secret), () => Now);
        signer.Dispose();
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://h.example/api/v1/a");
        Assert.True(signer.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => signer.Apply(request));
    }

    [Fact]
    public void Signer_KeepsItsOwnCopyOfTheSecret()
    {
        var callers = Secure.From(Secret);
        using var signer = new RequestSigner(AccessKey, callers, () => Now);
        callers.Clear();
        callers.Dispose();

        using var request = new HttpRequestMessage(HttpMethod.Post, "https://h.example/api/v1/a");
        signer.Apply(request);
        Assert.Equal(Expected("POST", "/api/v1/a", 1764201600000), Single(request, SignatureV2.SignatureHeader));
    }
}
