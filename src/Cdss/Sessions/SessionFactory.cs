using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security;
using Cdss.Signing;
using Cdss.Transport;

namespace Cdss.Sessions
{
    /// <summary>Everything Connect-Cdss was given, before validation.</summary>
    public sealed class SessionOptions
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

    public static class SessionFactory
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
            var region = SiteRegions.Normalize(options.Site, options.Region);
            var baseUrl = options.Endpoint != null ? EndpointRules.Validate(options.Endpoint) : SiteRegions.BaseUrl(options.Site, region);
            var settings = new TransportSettings(options.TimeoutSec, options.MaxRetries, options.Proxy, options.ProxyCredential);

            var signer = new RequestSigner(accessKey, options.SecretKey);
            var transport = new CdssTransport(baseUrl, signer, settings, options.Handler, options.RetryPolicy);
            return new Session(accessKey, options.Site, region, transport, options.CredentialSource);
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
