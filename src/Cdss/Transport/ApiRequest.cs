using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace Cdss.Transport
{
    /// <summary>One logical API call, before signing. Each attempt is signed anew from this.</summary>
    internal sealed class ApiRequest
    {
        /// <param name="idempotent">
        /// Whether the call may be sent again after an attempt that may have reached the service. The caller decides
        /// (CdssClient.Request, from the documented reads): the transport knows nothing about operations.
        /// </param>
        public ApiRequest(HttpMethod method, string path, bool idempotent, string? jsonBody = null,
            IEnumerable<KeyValuePair<string, string>>? query = null)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A path is required.", nameof(path));
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path;
            JsonBody = jsonBody;
            Query = query?.ToList() ?? new List<KeyValuePair<string, string>>();
            Idempotent = idempotent;
        }

        public HttpMethod Method { get; }

        /// <summary>Path relative to the session's base URL, e.g. "/cluster/rollingRestartPreCheck".</summary>
        public string Path { get; }

        public string? JsonBody { get; }
        public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

        /// <summary>
        /// As the creator said: true only for the documented read operations, whatever the method. Everything else
        /// may change state and is retried only when the request certainly never reached the service.
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
}
