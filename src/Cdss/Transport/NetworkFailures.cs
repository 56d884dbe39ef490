using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Cdss.Transport
{
    /// <summary>
    /// Classifies an exception thrown while no HTTP answer arrived. What matters is whether the request may have
    /// reached the service: a restart that certainly never left this machine is a network error, not "outcome unknown".
    /// </summary>
    internal static class NetworkFailures
    {
        /// <param name="exception">What HttpClient threw.</param>
        /// <param name="uri">The request's URI.</param>
        /// <param name="proxy">The proxy the request went through, if any: its failures are named as the proxy's.</param>
        public static AttemptFailure Classify(Exception exception, Uri uri, Uri? proxy)
        {
            var peer = proxy != null ? $"proxy {proxy.Host}:{proxy.Port} (on the way to {uri.Host})" : $"{uri.Host}:{uri.Port}";
            var action = proxy != null
                ? $"Check the proxy {proxy.Host}:{proxy.Port} (-Proxy, HTTPS_PROXY or the system proxy) and its credentials, then try again."
                : "Check the endpoint, DNS, proxy settings and network path, then try again.";

            var tls = Find<AuthenticationException>(exception);
            var web = Find<WebException>(exception);
            if (tls != null || web?.Status == WebExceptionStatus.TrustFailure || web?.Status == WebExceptionStatus.SecureChannelFailure)
            {
                var certificate = (tls?.Message ?? web!.Message).IndexOf("certificate", StringComparison.OrdinalIgnoreCase) >= 0
                                  || web?.Status == WebExceptionStatus.TrustFailure;
                var what = certificate ? "the server's certificate was not trusted" : "the TLS handshake failed";
                return new AttemptFailure(what, Delivery.NotDelivered,
                    new CdssException(CdssErrorIds.TlsError, CdssErrorCategory.SecurityError,
                        $"Could not open a secure connection to {peer}: {what} ({Innermost(exception).Message.TrimEnd('.')}). The request was not sent.",
                        certificate
                            ? "Check that the endpoint is the real CDSS gateway and that no TLS-inspecting proxy is in the way; certificates are always validated and this is not retried."
                            : "Check the endpoint and any proxy in between; the module needs TLS 1.2 or later.",
                        exception),
                    retryable: false);
            }

            var socket = Find<SocketException>(exception);
            var notSent = socket != null ? NotSentReason(socket.SocketErrorCode) : web != null ? NotSentReason(web.Status) : null;
            if (notSent != null)
            {
                return new AttemptFailure(notSent, Delivery.NotDelivered,
                    Network($"Could not connect to {peer}: {notSent}. The request was not sent.", action, exception));
            }

            var reason = socket != null ? $"network error ({socket.SocketErrorCode})"
                : Find<IOException>(exception) != null ? "connection reset" : "network error";
            return new AttemptFailure(reason, Delivery.Ambiguous,
                Network($"The connection to {peer} failed: {Innermost(exception).Message.TrimEnd('.')}", action, exception));
        }

        /// <summary>Socket errors that happen before a connection exists, so nothing can have been sent.</summary>
        private static string? NotSentReason(SocketError error) => error switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData => "the host name does not resolve",
            SocketError.TryAgain => "the host name could not be resolved (temporary DNS failure)",
            SocketError.NetworkUnreachable or SocketError.NetworkDown => "the network is unreachable",
            SocketError.HostUnreachable or SocketError.HostDown => "the host is unreachable",
            SocketError.AddressNotAvailable => "the address is not available",
            _ => null,
        };

        /// <summary>The same on .NET Framework (Windows PowerShell 5.1), where HttpClient throws WebException.</summary>
        private static string? NotSentReason(WebExceptionStatus status) => status switch
        {
            WebExceptionStatus.NameResolutionFailure => "the host name does not resolve",
            WebExceptionStatus.ProxyNameResolutionFailure => "the proxy's host name does not resolve",
            WebExceptionStatus.ConnectFailure => "the connection could not be made",
            _ => null,
        };

        private static CdssException Network(string message, string action, Exception inner) =>
            new CdssException(CdssErrorIds.NetworkError, CdssErrorCategory.ConnectionError, message, action, inner);

        private static T? Find<T>(Exception? exception) where T : Exception
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is T match) return match;
            }
            return null;
        }

        private static Exception Innermost(Exception exception)
        {
            var e = exception;
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }
    }
}
