using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Floor;

/// <summary>NAVER Cloud API Gateway signature v2, as the module computes it: HMAC-SHA256 over "METHOD target\ntimestamp\naccessKey".</summary>
public sealed class Signer(string accessKey, byte[] secretKey)
{
    public void Apply(HttpRequestMessage request)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var stringToSign = $"{request.Method.Method} {request.RequestUri!.PathAndQuery}\n{timestamp}\n{accessKey}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(secretKey, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.TryAddWithoutValidation("x-ncp-apigw-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("x-ncp-iam-access-key", accessKey);
        request.Headers.TryAddWithoutValidation("x-ncp-apigw-signature-v2", signature);
    }
}
