using System.Globalization;
using Cdss.Emulator.Options;

namespace Cdss.Emulator.Auth;

/// <summary>Outcome of checking the three signing headers of one request.</summary>
public sealed record AuthResult(bool Authenticated, bool HasPermission, string? Details)
{
    public static AuthResult Fail(string details) => new(false, false, details);
}

/// <summary>
/// Holds the known key pairs and applies the gateway's checks in a fixed order. Details
/// name the failing check but never the expected signature or any secret.
/// </summary>
public sealed class Authenticator
{
    public const string TimestampHeader = "x-ncp-apigw-timestamp";
    public const string AccessKeyHeader = "x-ncp-iam-access-key";
    public const string SignatureHeader = "x-ncp-apigw-signature-v2";

    /// <summary>The gateway rejects timestamps 5 minutes or more away from its clock.</summary>
    private const long WindowMs = 5 * 60 * 1000;

    private readonly Dictionary<string, (string Secret, bool HasPermission)> _keys = new(StringComparer.Ordinal);
    private readonly RuntimeSettings _settings;

    public Authenticator(EmulatorOptions options, RuntimeSettings settings)
    {
        _settings = settings;
        // A key pair that signs correctly but lacks CDSS permission exercises 401/210 handling.
        _keys[EmulatorOptions.NoPermissionAccessKey] = (EmulatorOptions.NoPermissionSecretKey, false);
        _keys[options.AccessKey] = (options.SecretKey, true);
    }

    public AuthResult Check(string method, string rawTarget, IHeaderDictionary headers)
    {
        var timestamp = Single(headers, TimestampHeader);
        var accessKey = Single(headers, AccessKeyHeader);
        var signature = Single(headers, SignatureHeader);
        if (timestamp is null) return AuthResult.Fail($"missing or repeated header {TimestampHeader}");
        if (accessKey is null) return AuthResult.Fail($"missing or repeated header {AccessKeyHeader}");
        if (signature is null) return AuthResult.Fail($"missing or repeated header {SignatureHeader}");

        // The reference specifies milliseconds as decimal text; anything else (seconds, a sign) is refused
        // so that a client sending it finds out here.
        if (timestamp.Length == 0 || timestamp.Length > 19 || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts))
            return AuthResult.Fail("invalid timestamp: expected milliseconds since the Unix epoch as decimal digits");

        var now = _settings.Now.ToUnixTimeMilliseconds();
        if (Math.Abs(now - ts) >= WindowMs)
            return AuthResult.Fail("timestamp out of range: must be within 5 minutes of the gateway clock");

        if (!_keys.TryGetValue(accessKey, out var key))
            return AuthResult.Fail("unknown access key");

        if (!SignatureVerifier.Verify(method, rawTarget, timestamp, accessKey, key.Secret, signature))
            return AuthResult.Fail("signature mismatch");

        return new AuthResult(true, key.HasPermission, key.HasPermission ? null : "access key has no permission for Cloud Data Streaming Service");
    }

    private static string? Single(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
