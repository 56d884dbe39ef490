using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace Cdss.Transport
{
    /// <summary>One logical API call, before signing. Each attempt is signed anew from this.</summary>
    internal sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string path, string? jsonBody = null,
            IEnumerable<KeyValuePair<string, string>>? query = null)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A path is required.", nameof(path));
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path;
            JsonBody = jsonBody;
            Query = query?.ToList() ?? new List<KeyValuePair<string, string>>();
            Idempotent = Api.ReadOperations.IsRead(Method, Path);
        }

        public HttpMethod Method { get; }

        /// <summary>Path relative to the session's base URL, e.g. "/cluster/rollingRestartPreCheck".</summary>
        public string Path { get; }

        public string? JsonBody { get; }
        public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

        /// <summary>
        /// True only for the documented read operations, whatever the method. Everything else may change state and
        /// is retried only when the request certainly never reached the service.
        /// </summary>
        public bool Idempotent { get; }

        /// <summary>
        /// The absolute URI sent on the wire. Its PathAndQuery is exactly what gets signed, so the
        /// query is escaped here once, by us, and never re-encoded afterwards.
        /// </summary>
        public Uri BuildUri(Uri baseUrl)
        {
            var text = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + Path;
            if (Query.Count > 0)
            {
                text += "?" + string.Join("&", Query.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value ?? "")));
            }
            return new Uri(text);
        }
    }

    /// <summary>What came back from the last attempt of a call.</summary>
    internal sealed class ApiResponse
    {
        public ApiResponse(int statusCode, string body, int attempts, Uri requestUri)
        {
            StatusCode = statusCode;
            Body = body;
            Attempts = attempts;
            RequestUri = requestUri;
        }

        public int StatusCode { get; }
        public string Body { get; }
        public int Attempts { get; }
        public Uri RequestUri { get; }
    }
}
