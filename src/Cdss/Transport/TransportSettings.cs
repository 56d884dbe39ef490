using System;
using System.Net;

namespace Cdss.Transport
{
    /// <summary>Per-session transport knobs (Connect-Cdss -TimeoutSec, -MaxRetries, -Proxy).</summary>
    internal sealed class TransportSettings
    {
        public const int DefaultTimeoutSec = 30;
        public const int MinTimeoutSec = 1;
        public const int MaxTimeoutSec = 600;
        public const int DefaultMaxRetries = 3;
        public const int MaxMaxRetries = 10;

        public TransportSettings(int timeoutSec = DefaultTimeoutSec, int maxRetries = DefaultMaxRetries, Uri? proxy = null, NetworkCredential? proxyCredential = null)
        {
            if (timeoutSec < MinTimeoutSec || timeoutSec > MaxTimeoutSec)
            {
                throw new CdssException(CdssErrorIds.InvalidSetting, CdssErrorCategory.InvalidArgument,
                    $"TimeoutSec {timeoutSec} is out of range; it must be between {MinTimeoutSec} and {MaxTimeoutSec} seconds.",
                    "Pass a -TimeoutSec between 1 and 600.");
            }
            if (maxRetries < 0 || maxRetries > MaxMaxRetries)
            {
                throw new CdssException(CdssErrorIds.InvalidSetting, CdssErrorCategory.InvalidArgument,
                    $"MaxRetries {maxRetries} is out of range; it must be between 0 and {MaxMaxRetries}.",
                    "Pass a -MaxRetries between 0 and 10.");
            }
            if (proxy != null && (!proxy.IsAbsoluteUri || (proxy.Scheme != Uri.UriSchemeHttp && proxy.Scheme != Uri.UriSchemeHttps)))
            {
                throw new CdssException(CdssErrorIds.InvalidSetting, CdssErrorCategory.InvalidArgument,
                    $"Proxy '{proxy}' is not an absolute http(s) URL.", "Pass a proxy such as http://proxy.example:8080.");
            }
            TimeoutSec = timeoutSec;
            MaxRetries = maxRetries;
            Proxy = proxy;
            ProxyCredential = proxyCredential;
        }

        public int TimeoutSec { get; }
        public int MaxRetries { get; }
        public Uri? Proxy { get; }
        public NetworkCredential? ProxyCredential { get; }
    }
}
