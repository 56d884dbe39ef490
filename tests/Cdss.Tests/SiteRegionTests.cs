using Cdss.Sessions;

namespace Cdss.Tests;

public class SiteRegionTests
{
    [Theory]
    [InlineData(CdssSite.Public, "KR", "https://clouddatastreamingservice.apigw.ntruss.com/api/v1")]
    [InlineData(CdssSite.Public, "SGN", "https://clouddatastreamingservice.apigw.ntruss.com/api/sgn-v1")]
    [InlineData(CdssSite.Public, "JPN", "https://clouddatastreamingservice.apigw.ntruss.com/api/jpn-v1")]
    [InlineData(CdssSite.Gov, "KR", "https://clouddatastreamingservice.apigw.gov-ntruss.com/api/v1")]
    [InlineData(CdssSite.Gov, "KRS", "https://clouddatastreamingservice.apigw.gov-ntruss.com/api/krs-v1")]
    [InlineData(CdssSite.Fin, "FKR", "https://fin-clouddatastreamingservice.apigw.fin-ntruss.com/api/v1")]
    public void BaseUrl_FollowsTheReferenceTable(CdssSite site, string region, string expected)
    {
        Assert.Equal(expected, SiteRegions.BaseUrl(site, region).ToString());
    }

    [Theory]
    [InlineData(CdssSite.Public, "KR")]
    [InlineData(CdssSite.Gov, "KR")]
    [InlineData(CdssSite.Fin, "FKR")]
    public void DefaultRegion_IsUsedWhenNoneIsGiven(CdssSite site, string expected)
    {
        Assert.Equal(expected, SiteRegions.DefaultRegion(site));
        Assert.Equal(expected, SiteRegions.Normalize(site, null));
        Assert.Equal(expected, SiteRegions.Normalize(site, "  "));
    }

    [Theory]
    [InlineData(CdssSite.Public, "sgn", "SGN")]
    [InlineData(CdssSite.Public, " Jpn ", "JPN")]
    public void Regions_AreCaseInsensitive(CdssSite site, string given, string canonical)
    {
        Assert.Equal(canonical, SiteRegions.Normalize(site, given));
        Assert.Equal(SiteRegions.BaseUrl(site, canonical), SiteRegions.BaseUrl(site, given));
    }

    [Theory]
    [InlineData(CdssSite.Public, "KRS")]
    [InlineData(CdssSite.Gov, "SGN")]
    [InlineData(CdssSite.Fin, "KR")]
    public void RegionOfAnotherSite_IsInvalidRegion(CdssSite site, string region)
    {
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
