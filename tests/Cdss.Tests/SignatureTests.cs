using System.Text;
using System.Text.Json;
using Cdss.Signing;

namespace Cdss.Tests;

public class SignatureTests
{
    private const string VectorFileName = "signature-vectors.json";

    private static string VectorPath => Path.Combine(AppContext.BaseDirectory, VectorFileName);

    /// <summary>Reads the vector file; a missing or empty file is an error, never an empty (silently passing) theory.</summary>
    private static List<JsonElement> LoadVectors()
    {
        if (!File.Exists(VectorPath))
        {
            throw new FileNotFoundException(
                $"The signature test vectors are missing: expected '{VectorPath}', copied at build time from tests/Cdss.Tests/TestData. Rebuild.", VectorPath);
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(VectorPath));
        var vectors = doc.RootElement.GetProperty("vectors").EnumerateArray().Select(v => v.Clone()).ToList();
        if (vectors.Count == 0) throw new InvalidDataException($"'{VectorPath}' holds no vectors.");
        return vectors;
    }

    public static IEnumerable<object[]> Vectors() =>
        LoadVectors().Select(v => new object[]
        {
            v.GetProperty("method").GetString()!,
            v.GetProperty("requestTarget").GetString()!,
            v.GetProperty("timestamp").GetString()!,
            v.GetProperty("accessKey").GetString()!,
            v.GetProperty("secretKey").GetString()!,
            v.GetProperty("stringToSign").GetString()!,
            v.GetProperty("signature").GetString()!,
        });

    [Fact]
    public void VectorFile_IsCopiedIntoTheOutput()
    {
        Assert.True(File.Exists(VectorPath), $"signature-vectors.json is not in the test output ('{VectorPath}').");
        Assert.True(LoadVectors().Count >= 10, "Expected at least the 10 reference vectors.");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_ReproducesStringToSignAndSignature(string method, string target, string timestamp, string accessKey,
        string secretKey, string expectedStringToSign, string expectedSignature)
    {
        var stringToSign = SignatureV2.StringToSign(method, target, timestamp, accessKey);
        Assert.Equal(expectedStringToSign, stringToSign);
        Assert.Equal(expectedSignature, SignatureV2.Sign(Encoding.UTF8.GetBytes(secretKey), stringToSign));
        using var secure = Secure.From(secretKey);
        Assert.Equal(expectedSignature, SignatureV2.Sign(secure, stringToSign));
    }

    [Fact]
    public void StringToSign_UpperCasesMethodAndUsesSpaceAndLineFeeds()
    {
        Assert.Equal("POST /api/v1/x?a=1\n123\nAK", SignatureV2.StringToSign("post", "/api/v1/x?a=1", "123", "AK"));
    }

    [Theory]
    [InlineData("api/v1/cluster")]
    [InlineData("https://host/api/v1/cluster")]
    public void StringToSign_RejectsATargetThatIsNotPathAndQuery(string target)
    {
        Assert.Throws<ArgumentException>(() => SignatureV2.StringToSign("GET", target, "1", "AK"));
    }

    [Fact]
    public void Timestamp_IsUnixMilliseconds()
    {
        Assert.Equal("1764201600123", SignatureV2.Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(1764201600123)));
        Assert.Equal("0", SignatureV2.Timestamp(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void SecureStringSign_EncodesNonAsciiSecretAsUtf8()
    {
        const string secret = "키-秘密-é-🔑";
        using var secure = Secure.From(secret);
        var expected = SignatureV2.Sign(Encoding.UTF8.GetBytes(secret), "GET /api/v1/x\n1\nAK");
        Assert.Equal(expected, SignatureV2.Sign(secure, "GET /api/v1/x\n1\nAK"));
    }
}
