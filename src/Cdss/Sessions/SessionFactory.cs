using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security;
using Cdss.Signing;
using Cdss.Transport;

namespace Cdss.Sessions
{
    /// <summary>Everything Connect-Cdss was given, before validation.</summary>
    internal sealed class SessionOptions
    {
        public string? AccessKey { get; set; }
        public SecureString? SecretKey { get; set; }
        public CdssSite Site { get; set; } = CdssSite.Public;
        public string? Region { get; set; }
        public Uri? Endpoint { get; set; }
        public int TimeoutSec { get; set; } = TransportSettings.DefaultTimeoutSec;
        public int MaxRetries { get; set; } = TransportSettings.DefaultMaxRetries;
        public Uri? Proxy { get; set; }
        public NetworkCredential? ProxyCredential { get; set; }
        public string CredentialSource { get; set; } = "Parameter";

        /// <summary>For tests: the HTTP stack under the transport.</summary>
        public HttpMessageHandler? Handler { get; set; }

        /// <summary>For tests: the retry policy, e.g. one that does not sleep.</summary>
        public RetryPolicy? RetryPolicy { get; set; }
    }

    internal static class SessionFactory
    {
        /// <summary>
        /// Validates every option first and only then builds the session, so a mistake never leaves a
        /// half-made session (or a copied secret) behind.
        /// </summary>
        public static Session Create(SessionOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            var accessKey = ValidateAccessKey(options.AccessKey);
            if (options.SecretKey == null || options.SecretKey.Length == 0)
            {
                throw new CdssException(CdssErrorIds.MissingCredential, CdssErrorCategory.AuthenticationError,
                    "The secret key is empty.",
                    "Pass -Credential (password = secret key) or -SecretKey, with the secret key of the access key from the NAVER Cloud console.");
            }
            ValidateSecretKey(options.SecretKey);
            var region = SiteRegions.Normalize(options.Site, options.Region);
            var baseUrl = options.Endpoint != null ? EndpointRules.Validate(options.Endpoint) : SiteRegions.BaseUrl(options.Site, region);
            var settings = new TransportSettings(options.TimeoutSec, options.MaxRetries, options.Proxy, options.ProxyCredential);

            var signer = new RequestSigner(accessKey, options.SecretKey);
            var transport = new CdssTransport(baseUrl, signer, settings, options.Handler, options.RetryPolicy);
            return new Session(accessKey, options.Site, region, transport, options.CredentialSource);
        }

        /// <summary>
        /// A secret key with whitespace at either end or a line break was pasted with extra characters; the gateway
        /// would answer every call with "Authentication Failed", which sends people looking at the wrong thing.
        /// The key is read in place, one character at a time, and never copied into a managed string.
        /// </summary>
        public static void ValidateSecretKey(SecureString secretKey)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secretKey);
            bool extra = false;
            try
            {
                var length = secretKey.Length;
                for (var i = 0; i < length && !extra; i++)
                {
                    var c = (char)Marshal.ReadInt16(pointer, i * 2);
                    extra = c == '\r' || c == '\n' || ((i == 0 || i == length - 1) && char.IsWhiteSpace(c));
                }
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
            if (extra)
            {
                throw new CdssException(CdssErrorIds.InvalidSecretKey, CdssErrorCategory.InvalidArgument,
                    "The secret key has whitespace at its start or end, or a line break; secret keys never do, so it was probably pasted with extra characters",
                    "Copy the secret key again from the NAVER Cloud console (or fix the variable, credential or profile it came from) without surrounding spaces or line breaks.");
            }
        }

        public static string ValidateAccessKey(string? accessKey)
        {
            if (string.IsNullOrEmpty(accessKey))
            {
                throw new CdssException(CdssErrorIds.MissingCredential, CdssErrorCategory.AuthenticationError,
                    "The access key is empty.",
                    "Pass -Credential (user name = access key ID) or -AccessKey, with an access key from the NAVER Cloud console.");
            }
            if (accessKey!.Any(char.IsWhiteSpace))
            {
                throw new CdssException(CdssErrorIds.InvalidAccessKey, CdssErrorCategory.InvalidArgument,
                    "The access key contains whitespace; access key IDs never do, so it was probably pasted with extra spaces or a line break.",
                    "Copy the access key ID again without surrounding spaces or line breaks.");
            }
            return accessKey!;
        }
    }
}
