using Cdss.Sessions;

namespace Cdss.Tests;

public class EndpointRulesTests
{
    [Theory]
    [InlineData("https://cdss.example.com/api/v1", "https://cdss.example.com/api/v1")]
    [InlineData("https://cdss.example.com/api/v1/", "https://cdss.example.com/api/v1")]
    [InlineData("http://127.0.0.1:5123/api/v1", "http://127.0.0.1:5123/api/v1")]
    [InlineData("http://127.45.6.7/api/v1/", "http://127.45.6.7/api/v1")]
    [InlineData("http://[::1]:5123/api/v1", "http://[::1]:5123/api/v1")]
    [InlineData("http://localhost:5123/api/v1", "http://localhost:5123/api/v1")]
    public void Accepted_AndTrailingSlashTrimmed(string given, string expected)
    {
        var uri = EndpointRules.Validate(new Uri(given));
        Assert.Equal(expected, uri.GetLeftPart(UriPartial.Path));
        Assert.False(uri.AbsolutePath.EndsWith('/'), $"'{uri}' keeps a trailing slash.");
    }

    [Theory]
    [InlineData("http://cdss.example.com/api/v1")]
    [InlineData("http://128.0.0.1/api/v1")]
    [InlineData("http://localhost.evil.example/api/v1")]
    [InlineData("http://127.0.0.1.nip.io/api/v1")]
    public void PlainHttpOffLoopback_IsInsecure(string given)
    {
        var ex = Assert.Throws<CdssException>(() => EndpointRules.Validate(new Uri(given)));
        Assert.Equal(CdssErrorIds.InsecureEndpoint, ex.ErrorId);
    }

    [Theory]
    [InlineData("ftp://cdss.example.com/api/v1")]
    [InlineData("https://cdss.example.com/api/v1?region=KR")]
    [InlineData("https://cdss.example.com/api/v1#top")]
    [InlineData("https://user:pw@cdss.example.com/api/v1")]
    public void NotAPlainHttpsBaseUrl_IsInvalid(string given)
    {
        var ex = Assert.Throws<CdssException>(() => EndpointRules.Validate(new Uri(given)));
        Assert.Equal(CdssErrorIds.InvalidEndpoint, ex.ErrorId);
    }

    [Fact]
    public void UserInfoInEndpoint_IsNotEchoedInTheError()
    {
        var ex = Assert.Throws<CdssException>(() => EndpointRules.Validate(new Uri("https://me:hunter2@cdss.example.com/api/v1")));
        Assert.Equal(CdssErrorIds.InvalidEndpoint, ex.ErrorId);
        Assert.DoesNotContain("hunter2", ex.Message);
    }

    [Fact]
    public void RelativeUri_IsInvalid()
    {
        var ex = Assert.Throws<CdssException>(() => EndpointRules.Validate(new Uri("api/v1", UriKind.Relative)));
        Assert.Equal(CdssErrorIds.InvalidEndpoint, ex.ErrorId);
    }
}
