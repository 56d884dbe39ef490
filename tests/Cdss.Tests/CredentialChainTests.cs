using Cdss.Sessions;

namespace Cdss.Tests;

public sealed class CredentialChainTests : IDisposable
{
    private const string TwoProfiles = """
        [DEFAULT]
        ncloud_access_key_id = AKIDFILEDEFAULT
        ncloud_secret_access_key = file-default-secret

        [prod]
        ncloud_access_key_id = AKIDFILEPROD
        ncloud_secret_access_key = file-prod-secret
        ncloud_api_url = https://fin-ncloud.apigw.fin-ntruss.com
        """;

    private readonly TempDirectory _home = new();
    private readonly Dictionary<string, string> _env = new();

    public void Dispose() => _home.Dispose();

    private CredentialChain.Request Request(string? profile = null, string? configPath = null) => new()
    {
        ProfileName = profile,
        ConfigPath = configPath,
        HomeDirectory = _home.Path,
        GetEnvironment = name => _env.TryGetValue(name, out var value) ? value : null,
    };

    private static CdssException Fails(CredentialChain.Request request) =>
        Assert.Throws<CdssException>(() => CredentialChain.Resolve(request));

    [Theory]
    [InlineData("NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY")]
    [InlineData("NCLOUD_ACCESS_KEY_ID", "NCLOUD_SECRET_ACCESS_KEY")]
    public void Environment_IsReadUnderEitherName(string accessName, string secretName)
    {
        _env[accessName] = "AKIDENV";
        _env[secretName] = "env-secret";
        _home.WriteConfigure(TwoProfiles);

        var result = CredentialChain.Resolve(Request());

        Assert.Equal("AKIDENV", result.AccessKey);
        Assert.Equal("env-secret", Secure.Plain(result.SecretKey));
        Assert.Equal("Environment", result.Source);
    }

    [Fact]
    public void PrimaryEnvironmentName_WinsOverTheAlternate()
    {
        _env["NCLOUD_ACCESS_KEY"] = "AKIDPRIMARY";
        _env["NCLOUD_ACCESS_KEY_ID"] = "AKIDALT";
        _env["NCLOUD_SECRET_KEY"] = "s";
        Assert.Equal("AKIDPRIMARY", CredentialChain.Resolve(Request()).AccessKey);
    }

    [Fact]
    public void SiteAndRegionVariables_AreDefaults()
    {
        _env["NCLOUD_ACCESS_KEY"] = "AKIDENV";
        _env["NCLOUD_SECRET_KEY"] = "s";
        _env["NCLOUD_SITE"] = "gov";
        _env["NCLOUD_REGION"] = " krs ";

        var result = CredentialChain.Resolve(Request());

        Assert.Equal(CdssSite.Gov, result.Site);
        Assert.Equal("krs", result.Region);
    }

    [Fact]
    public void SiteAndRegionVariables_YieldToExplicitParameters()
    {
        _env["NCLOUD_ACCESS_KEY"] = "AKIDENV";
        _env["NCLOUD_SECRET_KEY"] = "s";
        _env["NCLOUD_SITE"] = "fin";
        _env["NCLOUD_REGION"] = "FKR";
        var request = Request();
        request.ExplicitSite = CdssSite.Public;
        request.RegionGiven = true;

        var result = CredentialChain.Resolve(request);

        Assert.Null(result.Site);
        Assert.Null(result.Region);
    }

    [Fact]
    public void SiteAndRegionVariables_AlsoApplyToProfileKeys_AndWinOverTheApiUrl()
    {
        _env["NCLOUD_SITE"] = "gov";
        _env["NCLOUD_REGION"] = "KRS";
        _home.WriteConfigure(TwoProfiles);

        var result = CredentialChain.Resolve(Request(profile: "prod"));

        Assert.Equal("Profile:prod", result.Source);
        Assert.Equal(CdssSite.Gov, result.Site);
        Assert.Equal("KRS", result.Region);
    }

    [Fact]
    public void UnknownSiteVariable_IsInvalidSetting()
    {
        _env["NCLOUD_ACCESS_KEY"] = "AKIDENV";
        _env["NCLOUD_SECRET_KEY"] = "s";
        _env["NCLOUD_SITE"] = "mars";
        var ex = Fails(Request());
        Assert.Equal(CdssErrorIds.InvalidSetting, ex.ErrorId);
        Assert.Contains("NCLOUD_SITE", ex.Message);
    }

    [Fact]
    public void SiteAndRegionVariables_AreDefaultsForKeysGivenAsParameters_Too()
    {
        _env["NCLOUD_SITE"] = "gov";
        _env["NCLOUD_REGION"] = "krs";
        var get = Request().GetEnvironment;

        Assert.Equal((CdssSite.Gov, "krs"), CredentialChain.SiteAndRegionDefaults(null, false, null, get));
        // -Site wins, and a region of another site is left out; -Region wins too.
        Assert.Equal(((CdssSite?)null, (string?)null), CredentialChain.SiteAndRegionDefaults(CdssSite.Fin, false, null, get));
        Assert.Equal(((CdssSite?)CdssSite.Gov, (string?)null), CredentialChain.SiteAndRegionDefaults(null, true, null, get));
    }

    [Theory]
    [InlineData("NCLOUD_SITE", "mars")]
    [InlineData("NCLOUD_REGION", "XYZ")]
    public void AValueThatNamesNoSiteOrRegion_IsInvalidSetting_EvenUnderAnExplicitSite(string variable, string value)
    {
        _env[variable] = value;
        var ex = Assert.Throws<CdssException>(() => CredentialChain.SiteAndRegionDefaults(CdssSite.Fin, false, null, Request().GetEnvironment));
        Assert.Equal(CdssErrorIds.InvalidSetting, ex.ErrorId);
        Assert.Contains($"{variable} is '{value}'", ex.Message);
    }

    [Fact]
    public void HalfSetEnvironment_FallsBackToTheDefaultProfile()
    {
        _env["NCLOUD_ACCESS_KEY"] = "AKIDENV";
        _home.WriteConfigure(TwoProfiles);

        var result = CredentialChain.Resolve(Request());

        Assert.Equal("AKIDFILEDEFAULT", result.AccessKey);
        Assert.Equal("file-default-secret", Secure.Plain(result.SecretKey));
        Assert.Equal("Profile:DEFAULT", result.Source);
        Assert.Null(result.Site);
    }

    [Fact]
    public void ProfileName_ReadsThatSection_EvenWhenTheEnvironmentIsSet()
    {
        _env["NCLOUD_ACCESS_KEY"] = "AKIDENV";
        _env["NCLOUD_SECRET_KEY"] = "s";
        _home.WriteConfigure(TwoProfiles);

        var result = CredentialChain.Resolve(Request(profile: "prod"));

        Assert.Equal("AKIDFILEPROD", result.AccessKey);
        Assert.Equal("file-prod-secret", Secure.Plain(result.SecretKey));
        Assert.Equal("Profile:prod", result.Source);
        Assert.Equal(CdssSite.Fin, result.Site);
    }

    [Fact]
    public void ConfigPath_ReadsThatFile()
    {
        var path = _home.Write("elsewhere.ini", "ncloud_access_key_id = AKIDPATH\nncloud_secret_access_key = path-secret\n");
        var result = CredentialChain.Resolve(Request(configPath: path));
        Assert.Equal("AKIDPATH", result.AccessKey);
        Assert.Equal("Profile:DEFAULT", result.Source);
    }

    [Fact]
    public void MissingProfile_IsProfileNotFound_AndListsTheProfiles()
    {
        _home.WriteConfigure(TwoProfiles);
        var ex = Fails(Request(profile: "staging"));
        Assert.Equal(CdssErrorIds.ProfileNotFound, ex.ErrorId);
        Assert.Contains("staging", ex.Message);
        Assert.Contains("prod", ex.Message);
        Assert.DoesNotContain("file-prod-secret", ex.Message);
    }

    [Fact]
    public void NothingAnywhere_IsMissingCredential_NamingWhereItLooked()
    {
        var ex = Fails(Request());

        Assert.Equal(CdssErrorIds.MissingCredential, ex.ErrorId);
        foreach (var name in new[] { "NCLOUD_ACCESS_KEY", "NCLOUD_ACCESS_KEY_ID", "NCLOUD_SECRET_KEY", "NCLOUD_SECRET_ACCESS_KEY" })
        {
            Assert.Contains(name, ex.Message);
        }
        Assert.Contains(NcloudConfigFile.DefaultPath(_home.Path), ex.Message);
    }

    [Fact]
    public void DefaultProfileWithoutKeys_IsMissingCredential()
    {
        _home.WriteConfigure("[prod]\nncloud_access_key_id = AKIDFILEPROD\nncloud_secret_access_key = x\n");
        var ex = Fails(Request());
        Assert.Equal(CdssErrorIds.MissingCredential, ex.ErrorId);
        Assert.Contains(NcloudConfigFile.DefaultPath(_home.Path), ex.Message);
    }


    [Theory]
    [InlineData("https://ncloud.apigw.ntruss.com", null)]
    [InlineData("https://ncloud.apigw.gov-ntruss.com", "Gov")]
    [InlineData("https://fin-ncloud.apigw.fin-ntruss.com", "Fin")]
    public void SiteOfApiUrl_RecognisesGovAndFin(string? apiUrl, string? expected)
    {
        Assert.Equal(expected, CredentialChain.SiteOfApiUrl(apiUrl)?.ToString());
    }
}
