using System.Security.Cryptography;
using System.Text;

namespace Cdss.Emulator.Auth;

/// <summary>
/// NCP API Gateway signature v2, written from the reference independently of the client
/// library so that a shared misunderstanding cannot make both sides agree on a wrong answer.
/// </summary>
public static class SignatureVerifier
{
    /// <summary>
    /// "{METHOD} {requestTarget}\n{timestamp}\n{accessKey}": single space, LF, no trailing newline.
    /// The target must be the raw bytes from the request line, never a re-encoded path.
    /// </summary>
    public static string BuildStringToSign(string method, string requestTarget, string timestamp, string accessKey) =>
        method + " " + requestTarget + "\n" + timestamp + "\n" + accessKey;

    public static string ComputeSignature(string secretKey, string stringToSign)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// Compares the presented Base64 text with the expected one in constant time, so response
    /// timing does not reveal how many leading characters were right.
    /// </summary>
    public static bool Verify(string method, string requestTarget, string timestamp, string accessKey,
        string secretKey, string presentedSignature)
    {
        var expected = ComputeSignature(secretKey, BuildStringToSign(method, requestTarget, timestamp, accessKey));
        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presentedSignature));
    }
}
