using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace Cdss.Signing
{
    /// <summary>
    /// NAVER Cloud API Gateway signature v2:
    /// Base64(HMAC-SHA256(secret, METHOD + " " + requestTarget + "\n" + timestamp + "\n" + accessKey)).
    /// </summary>
    internal static class SignatureV2
    {
        public const string TimestampHeader = "x-ncp-apigw-timestamp";
        public const string AccessKeyHeader = "x-ncp-iam-access-key";
        public const string SignatureHeader = "x-ncp-apigw-signature-v2";

        public static string StringToSign(string method, string requestTarget, string timestamp, string accessKey)
        {
            if (string.IsNullOrEmpty(method)) throw new ArgumentException("A method is required.", nameof(method));
            if (string.IsNullOrEmpty(requestTarget) || requestTarget[0] != '/')
                throw new ArgumentException("The request target is the path and query as sent, starting with '/'.", nameof(requestTarget));
            return method.ToUpperInvariant() + " " + requestTarget + "\n" + timestamp + "\n" + accessKey;
        }

        /// <summary>Milliseconds since the Unix epoch, as the gateway expects them.</summary>
        public static string Timestamp(DateTimeOffset now) =>
            now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

        public static string Sign(byte[] secretKeyUtf8, string stringToSign)
        {
            using (var hmac = new HMACSHA256(secretKeyUtf8))
            {
                return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
            }
        }

        /// <summary>
        /// Signs with a key held in a SecureString. The plain key exists only in buffers we own,
        /// for the duration of the HMAC, and every one of them is cleared before returning.
        /// </summary>
        public static string Sign(SecureString secretKey, string stringToSign)
        {
            if (secretKey == null) throw new ArgumentNullException(nameof(secretKey));
            IntPtr unmanaged = IntPtr.Zero;
            char[] chars = new char[secretKey.Length];
            byte[]? keyBytes = null;
            try
            {
                unmanaged = Marshal.SecureStringToGlobalAllocUnicode(secretKey);
                Marshal.Copy(unmanaged, chars, 0, chars.Length);
                keyBytes = Encoding.UTF8.GetBytes(chars);
                return Sign(keyBytes, stringToSign);
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
                if (keyBytes != null) Array.Clear(keyBytes, 0, keyBytes.Length);
                if (unmanaged != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            }
        }
    }
}
