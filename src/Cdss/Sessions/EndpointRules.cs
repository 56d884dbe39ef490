using System;
using System.Net;

namespace Cdss.Sessions
{
    /// <summary>Rules for a user-supplied base URL (-Endpoint).</summary>
    internal static class EndpointRules
    {
        /// <summary>
        /// Accepts an absolute http(s) URL with an /api/... path. Plain http is allowed only on loopback,
        /// because the signature headers would otherwise cross the network in clear text.
        /// </summary>
        public static Uri Validate(Uri endpoint)
        {
            if (endpoint == null) throw new ArgumentNullException(nameof(endpoint));
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            {
                throw new CdssException(CdssErrorIds.InvalidEndpoint, CdssErrorCategory.InvalidArgument,
                    $"Endpoint '{Describe(endpoint)}' is not an absolute http(s) URL.",
                    "Give the full base URL including the API prefix, for example https://clouddatastreamingservice.apigw.ntruss.com/api/v1.");
            }
            if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment) || !string.IsNullOrEmpty(endpoint.UserInfo))
            {
                throw new CdssException(CdssErrorIds.InvalidEndpoint, CdssErrorCategory.InvalidArgument,
                    $"Endpoint '{Describe(endpoint)}' must not carry a query, fragment or user info.",
                    "Give only the scheme, host, port and API prefix, for example http://127.0.0.1:5123/api/v1.");
            }
            if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
            {
                throw new CdssException(CdssErrorIds.InsecureEndpoint, CdssErrorCategory.SecurityError,
                    $"Endpoint '{Describe(endpoint)}' uses plain http to a host that is not loopback; signed requests would cross the network unencrypted.",
                    "Use https, or http only for a local emulator on 127.0.0.1, ::1 or localhost.");
            }
            // A trailing slash would double up with the operation paths ("/api/v1//cluster/...").
            var text = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
            return new Uri(text);
        }

        /// <summary>The endpoint as error messages show it: never with user info, which may hold a password.</summary>
        public static string Describe(Uri endpoint)
        {
            if (!endpoint.IsAbsoluteUri) return endpoint.OriginalString.Contains("@") ? "(a relative URL)" : endpoint.OriginalString;
            return endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        }

        public static bool IsLoopback(Uri uri)
        {
            if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            var host = uri.Host.Trim('[', ']');
            return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        }
    }
}
