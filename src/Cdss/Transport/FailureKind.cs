using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;

namespace Cdss.Transport
{
    /// <summary>How a failed attempt relates to the service: whether it may have had an effect.</summary>
    internal enum Delivery
    {
        /// <summary>The service certainly did not act on it (connection refused, throttled at the gateway).</summary>
        NotDelivered,

        /// <summary>It may have reached the service (timeout, reset, 5xx).</summary>
        Ambiguous,
    }

    /// <summary>A transient failure of one attempt, to be retried or reported.</summary>
    internal sealed class TransientFailure
    {
        public TransientFailure(string reason, Delivery delivery, CdssException error, TimeSpan? retryAfter = null)
        {
            Reason = reason;
            Delivery = delivery;
            Error = error;
            RetryAfter = retryAfter;
        }

        public string Reason { get; }
        public Delivery Delivery { get; }
        public CdssException Error { get; }
        public TimeSpan? RetryAfter { get; }
    }

    internal static class NetworkFailures
    {
        /// <summary>Classifies an exception thrown by HttpClient while no response arrived.</summary>
        public static TransientFailure Classify(Exception exception, Uri uri)
        {
            var socket = Find<SocketException>(exception);
            if (socket != null && socket.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return new TransientFailure("connection refused", Delivery.NotDelivered,
                    Network($"Could not connect to {uri.Host}:{uri.Port}: connection refused.", exception));
            }
            var reason = socket != null ? $"network error ({socket.SocketErrorCode})"
                : Find<IOException>(exception) != null ? "connection reset" : "network error";
            return new TransientFailure(reason, Delivery.Ambiguous,
                Network($"The connection to {uri.Host}:{uri.Port} failed: {Innermost(exception).Message}", exception));
        }

        private static CdssException Network(string message, Exception inner) =>
            new CdssException(CdssErrorIds.NetworkError, CdssErrorCategory.ConnectionError, message,
                "Check the endpoint, proxy settings and network path, then try again.", inner);

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
