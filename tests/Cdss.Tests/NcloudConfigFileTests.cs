using Cdss.Sessions;

namespace Cdss.Tests;

public class NcloudConfigFileTests
{
    private const string Sample = """
        # written by ncloud configure
        [DEFAULT]
        ncloud_access_key_id = AKIDDEFAULT
        ncloud_secret_access_key = default-secret
        ncloud_api_url = https://ncloud.apigw.ntruss.com

        ; production keys
        [prod]
        ncloud_access_key_id=AKIDPROD
        ncloud_secret_access_key =  prod=secret:with:separators
        """;

    private static NcloudConfigFile Parse(string text) => NcloudConfigFile.Parse(text.Split('\n'), "/home/u/.ncloud/configure");

    [Fact]
    public void Sections_AreKeptApart()
    {
        var file = Parse(Sample);
        Assert.Equal("AKIDDEFAULT", file.Get("DEFAULT", NcloudConfigFile.AccessKeyName));
        Assert.Equal("default-secret", file.Get("DEFAULT", NcloudConfigFile.SecretKeyName));
        Assert.Equal("AKIDPROD", file.Get("prod", NcloudConfigFile.AccessKeyName));
        Assert.Equal("prod=secret:with:separators", file.Get("prod", NcloudConfigFile.SecretKeyName));
        Assert.Null(file.Get("prod", NcloudConfigFile.ApiUrlName));
        Assert.Equal("https://ncloud.apigw.ntruss.com", file.Get("DEFAULT", NcloudConfigFile.ApiUrlName));
    }

    [Fact]
    public void CommentsAndBlankLines_AreIgnored()
    {
        var file = Parse("# a = b\n; c = d\n\n   \n[x]\n  # e = f\nk = v\n");
        Assert.Null(file.Get("DEFAULT", "a"));
        Assert.Null(file.Get("DEFAULT", "c"));
        Assert.Null(file.Get("x", "# e"));
        Assert.Equal("v", file.Get("x", "k"));
    }

    [Fact]
    public void KeysBeforeAnySection_GoToDefault()
    {
        var file = Parse("ncloud_access_key_id = AKIDTOP\nncloud_secret_access_key = top\n[other]\nncloud_access_key_id = AKIDOTHER\n");
        Assert.Equal("AKIDTOP", file.Get(NcloudConfigFile.DefaultProfile, NcloudConfigFile.AccessKeyName));
        Assert.Equal("AKIDOTHER", file.Get("other", NcloudConfigFile.AccessKeyName));
        Assert.Null(file.Get("other", NcloudConfigFile.SecretKeyName));
    }

    [Fact]
    public void ProfilesAndKeys_AreCaseInsensitive_AndEmptyValuesAreAbsent()
    {
        var file = Parse("[Prod]\nNCLOUD_ACCESS_KEY_ID = AKID\nncloud_secret_access_key =\n");
        Assert.True(file.HasProfile("prod"));
        Assert.Equal("AKID", file.Get("PROD", NcloudConfigFile.AccessKeyName));
        Assert.Null(file.Get("prod", NcloudConfigFile.SecretKeyName));
        Assert.False(file.HasProfile("staging"));
    }

    [Theory]
    [InlineData("[DEFAULT]\nncloud_access_key_id = AK\nthisIsMySecretKeyWithoutEquals\n", 3, "thisIsMySecretKeyWithoutEquals")]
    [InlineData("ncloud_access_key_id = AK\n[prod-Secret-Header\n", 2, "prod-Secret-Header")]
    [InlineData("a = b\n\n\n= orphanSecretValue\n", 4, "orphanSecretValue")]
    public void MalformedLine_NamesTheLineNumber_ButNotItsText(string text, int line, string secretText)
    {
        var ex = Assert.Throws<CdssException>(() => Parse(text));
        Assert.Equal(CdssErrorIds.InvalidConfig, ex.ErrorId);
        Assert.Contains($"line {line}", ex.Message);
        Assert.DoesNotContain(secretText, ex.Message);
        Assert.Contains("/home/u/.ncloud/configure", ex.Message);
    }

    [Fact]
    public void Load_ReadsAFile_AndDefaultPathIsUnderHome()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteConfigure(Sample);
        Assert.Equal(path, NcloudConfigFile.DefaultPath(dir.Path));
        var file = NcloudConfigFile.Load(path);
        Assert.Equal(path, file.Path);
        Assert.Equal(new[] { "DEFAULT", "prod" }, file.Profiles.OrderBy(p => p, StringComparer.Ordinal));
    }
}
