using System;
using System.Net.Http;
using System.Security;
using System.Threading;

namespace Cdss.Signing
{
    /// <summary>
    /// Holds one session's key pair and clock correction, and stamps the three gateway headers on a request.
    /// </summary>
    internal sealed class RequestSigner : IDisposable
    {
        private readonly SecureString _secretKey;
        private long _clockOffsetMs;

        public RequestSigner(string accessKey, SecureString secretKey, Func<DateTimeOffset>? clock = null)
        {
            AccessKey = accessKey ?? throw new ArgumentNullException(nameof(accessKey));
            if (secretKey == null) throw new ArgumentNullException(nameof(secretKey));
            // Our own read-only copy: the caller may clear or dispose theirs, and nobody can change ours.
            _secretKey = secretKey.Copy();
            _secretKey.MakeReadOnly();
            Clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public string AccessKey { get; }

        public Func<DateTimeOffset> Clock { get; }

        /// <summary>Correction added to the local clock after the gateway told us it is off.</summary>
        public TimeSpan ClockOffset
        {
            get => TimeSpan.FromMilliseconds(Interlocked.Read(ref _clockOffsetMs));
            set => Interlocked.Exchange(ref _clockOffsetMs, (long)value.TotalMilliseconds);
        }

        public bool IsDisposed { get; private set; }

        /// <summary>Adds timestamp, access key and signature for the request target exactly as it will be sent.</summary>
        public void Apply(HttpRequestMessage request)
        {
            if (IsDisposed) throw new ObjectDisposedException(nameof(RequestSigner), "The session was disconnected.");
            var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
            var timestamp = SignatureV2.Timestamp(Clock() + ClockOffset);
            var stringToSign = SignatureV2.StringToSign(request.Method.Method, uri.PathAndQuery, timestamp, AccessKey);
            request.Headers.Remove(SignatureV2.TimestampHeader);
            request.Headers.Remove(SignatureV2.AccessKeyHeader);
            request.Headers.Remove(SignatureV2.SignatureHeader);
            request.Headers.TryAddWithoutValidation(SignatureV2.TimestampHeader, timestamp);
            request.Headers.TryAddWithoutValidation(SignatureV2.AccessKeyHeader, AccessKey);
            request.Headers.TryAddWithoutValidation(SignatureV2.SignatureHeader, SignatureV2.Sign(_secretKey, stringToSign));
        }

        public void Dispose()
        {
            if (IsDisposed) return;
            IsDisposed = true;
            // SecureString.Dispose zeroes its protected buffer.
            _secretKey.Dispose();
        }
    }
}
