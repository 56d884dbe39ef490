using Cdss.Sessions;

namespace Cdss.Tests;

public class SiteRegionTests
{
    [Theory]
    [InlineData("Public", "KR", "https://clouddatastreamingservice.apigw.ntruss.com/api/v1")]
    [InlineData("Public", "SGN", "https://clouddatastreamingservice.apigw.ntruss.com/api/sgn-v1")]
    [InlineData("Public", "JPN", "https://clouddatastreamingservice.apigw.ntruss.com/api/jpn-v1")]
    [InlineData("Gov", "KR", "https://clouddatastreamingservice.apigw.gov-ntruss.com/api/v1")]
    [InlineData("Gov", "KRS", "https://clouddatastreamingservice.apigw.gov-ntruss.com/api/krs-v1")]
    [InlineData("Fin", "FKR", "https://fin-clouddatastreamingservice.apigw.fin-ntruss.com/api/v1")]
    public void BaseUrl_FollowsTheReferenceTable(string siteName, string region, string expected)
    {
        var site = Enum.Parse<CdssSite>(siteName);
        Assert.Equal(expected, SiteRegions.BaseUrl(site, region).ToString());
    }

    [Theory]
    [InlineData("Public", "KR")]
    [InlineData("Gov", "KR")]
    [InlineData("Fin", "FKR")]
    public void DefaultRegion_IsUsedWhenNoneIsGiven(string siteName, string expected)
    {
        var site = Enum.Parse<CdssSite>(siteName);
        Assert.Equal(expected, SiteRegions.DefaultRegion(site));
        Assert.Equal(expected, SiteRegions.Normalize(site, null));
        Assert.Equal(expected, SiteRegions.Normalize(site, "  "));
    }

    [Theory]
    [InlineData("Public", "sgn", "SGN")]
    [InlineData("Public", " Jpn ", "JPN")]
    public void Regions_AreCaseInsensitive(string siteName, string given, string canonical)
    {
        var site = Enum.Parse<CdssSite>(siteName);
        Assert.Equal(canonical, SiteRegions.Normalize(site, given));
        Assert.Equal(SiteRegions.BaseUrl(site, canonical), SiteRegions.BaseUrl(site, given));
    }

    [Theory]
    [InlineData("Public", "KRS")]
    [InlineData("Gov", "SGN")]
    [InlineData("Fin", "KR")]
    public void RegionOfAnotherSite_IsInvalidRegion(string siteName, string region)
    {
        var site = Enum.Parse<CdssSite>(siteName);
        var ex = Assert.Throws<CdssException>(() => SiteRegions.Normalize(site, region));
        Assert.Equal(CdssErrorIds.InvalidRegion, ex.ErrorId);
        Assert.Contains(region, ex.Message);
        Assert.Throws<CdssException>(() => SiteRegions.BaseUrl(site, region));
    }

    [Fact]
    public void AllRegions_ListsEachRegionOnce()
    {
        Assert.Equal(new[] { "FKR", "JPN", "KR", "KRS", "SGN" }, SiteRegions.AllRegions.OrderBy(r => r, StringComparer.Ordinal));
    }
}
