using System;

namespace Cdss.Transport
{
    /// <summary>How a failed attempt relates to the service: whether it may have had an effect.</summary>
    internal enum Delivery
    {
        /// <summary>
        /// The service certainly did not act on it: the name did not resolve, the network or host was unreachable,
        /// the connection was refused, TLS failed before any byte of the request was sent, or the gateway throttled it.
        /// </summary>
        NotDelivered,

        /// <summary>It may have reached the service (timeout, reset, 5xx).</summary>
        Ambiguous,
    }

    /// <summary>One failed attempt: why, whether it may have had an effect, and whether trying again can help.</summary>
    internal sealed class AttemptFailure
    {
        public AttemptFailure(string reason, Delivery delivery, CdssException error, TimeSpan? retryAfter = null, bool retryable = true)
        {
            Reason = reason;
            Delivery = delivery;
            Error = error;
            RetryAfter = retryAfter;
            Retryable = retryable;
        }

        public string Reason { get; }
        public Delivery Delivery { get; }
        public CdssException Error { get; }
        public TimeSpan? RetryAfter { get; }

        /// <summary>False for failures that waiting cannot fix, such as a certificate the client does not trust.</summary>
        public bool Retryable { get; }
    }
}
