using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Signing;

namespace Cdss.Transport
{
    /// <summary>
    /// Sends signed requests over one shared HttpClient (one connection pool per session), with a
    /// per-attempt timeout, retries of transient failures, and clock-skew correction.
    /// </summary>
    internal sealed class CdssTransport : IDisposable
    {
        /// <summary>The gateway rejects timestamps this far from its clock.</summary>
        public static readonly TimeSpan SkewLimit = TimeSpan.FromMinutes(5);

        private readonly HttpClient _http;
        private readonly RequestSigner _signer;
        private int _skewWarned;

        public CdssTransport(Uri baseUrl, RequestSigner signer, TransportSettings settings, HttpMessageHandler? handler = null, RetryPolicy? retryPolicy = null)
        {
            BaseUrl = baseUrl ?? throw new ArgumentNullException(nameof(baseUrl));
            _signer = signer ?? throw new ArgumentNullException(nameof(signer));
            Settings = settings ?? throw new ArgumentNullException(nameof(settings));
            RetryPolicy = retryPolicy ?? new RetryPolicy();
            _http = new HttpClient(handler ?? CreateHandler(settings), disposeHandler: true)
            {
                // Timeouts are per attempt, enforced with our own token so we can tell them from Ctrl+C.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
        }

        public Uri BaseUrl { get; }
        public TransportSettings Settings { get; }
        public RetryPolicy RetryPolicy { get; }
        public TimeSpan ClockOffset => _signer.ClockOffset;

        private static HttpMessageHandler CreateHandler(TransportSettings settings)
        {
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                // .NET Framework defaults to 2 connections per host, which would serialize -ThrottleLimit.
                MaxConnectionsPerServer = 64,
                UseProxy = true,
            };
            if (settings.Proxy != null)
            {
                handler.Proxy = new WebProxy(settings.Proxy) { Credentials = settings.ProxyCredential };
            }
            // Certificates are always validated: there is deliberately no way to turn that off.
            return handler;
        }

        /// <summary>Sends the request until it succeeds, fails for good, or retries run out.</summary>
        /// <returns>The last HTTP answer that is not a transient failure (any status).</returns>
        public async Task<ApiResponse> SendAsync(ApiRequest request, ICdssLog log, CancellationToken cancellationToken)
        {
            var uri = request.BuildUri(BaseUrl);
            var operation = $"{request.Method.Method} {uri.AbsolutePath}";
            var maxAttempts = Settings.MaxRetries + 1;
            var skewRetried = false;
            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = await AttemptAsync(request, uri, operation, attempt, log, cancellationToken).ConfigureAwait(false);
                if (outcome.Response != null)
                {
                    if (!skewRetried && outcome.Response.StatusCode == 401 && CorrectClockSkew(outcome.ServerDate, outcome.SignedWithOffset, log))
                    {
                        // Signed with a wrong clock: the gateway never looked at the request, so this is safe for any call.
                        skewRetried = true;
                        attempt--;
                        continue;
                    }
                    var transient = ClassifyStatus(outcome.Response, operation, attempt, outcome.RetryAfter);
                    if (transient == null) return outcome.Response;
                    outcome = AttemptOutcome.Failed(transient);
                }

                var failure = outcome.Failure!;
                if (!request.Idempotent && failure.Delivery == Delivery.Ambiguous)
                {
                    throw OutcomeUnknown(operation, failure, attempt);
                }
                if (!failure.Retryable || attempt >= maxAttempts)
                {
                    failure.Error.Attempts = attempt;
                    throw failure.Error;
                }
                var wait = RetryPolicy.NextDelay(attempt, failure.RetryAfter);
                log.Verbose($"Attempt {attempt} of {maxAttempts} for {operation} failed ({failure.Reason}); retrying in {wait.TotalSeconds:0.0} s.");
                await RetryPolicy.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<AttemptOutcome> AttemptAsync(ApiRequest request, Uri uri, string operation, int attempt, ICdssLog log, CancellationToken cancellationToken)
        {
            using var message = new HttpRequestMessage(request.Method, uri);
            if (request.JsonBody != null)
            {
                message.Content = new StringContent(request.JsonBody, new UTF8Encoding(false), "application/json");
            }
            var signedWithOffset = _signer.ClockOffset;
            _signer.Apply(message);

            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCts.CancelAfter(TimeSpan.FromSeconds(Settings.TimeoutSec));
            var watch = Stopwatch.StartNew();
            log.Debug($"{operation} attempt {attempt}: sending to {uri} as access key {ShortKey(_signer.AccessKey)}; body {request.JsonBody ?? "(none)"}.");
            try
            {
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attemptCts.Token).ConfigureAwait(false);
                var body = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                log.Verbose($"{operation} -> HTTP {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms (attempt {attempt}).");
                return AttemptOutcome.Answered(
                    new ApiResponse((int)response.StatusCode, body, attempt, uri),
                    response.Headers.Date,
                    RetryAfterOf(response),
                    signedWithOffset);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex)
            {
                log.Verbose($"{operation} -> no answer within {Settings.TimeoutSec} s (attempt {attempt}).");
                return AttemptOutcome.Failed(new AttemptFailure($"no answer within {Settings.TimeoutSec} s", Delivery.Ambiguous,
                    new CdssException(CdssErrorIds.Timeout, CdssErrorCategory.OperationTimeout,
                        $"{operation} got no answer within {Settings.TimeoutSec} s.",
                        "The service may be slow or unreachable; raise Connect-Cdss -TimeoutSec or try again later.", ex)));
            }
            catch (HttpRequestException ex)
            {
                var failure = NetworkFailures.Classify(ex, uri, ProxyFor(uri));
                log.Verbose($"{operation} -> {failure.Reason} after {watch.ElapsedMilliseconds} ms (attempt {attempt}).");
                return AttemptOutcome.Failed(failure);
            }
        }

        /// <summary>Transient HTTP answers: 429 Throttle/Rate Limited and 500/502/503/504.</summary>
        private static AttemptFailure? ClassifyStatus(ApiResponse response, string operation, int attempt, TimeSpan? retryAfter)
        {
            var status = response.StatusCode;
            if (status == 429)
            {
                var code = GatewayError.TryParse(response.Body)?.ErrorCode;
                // 400 (Quota Exceeded) will not clear up by waiting a few seconds.
                if (code != "410" && code != "420") return null;
                return new AttemptFailure($"HTTP 429, gateway error {code}", Delivery.NotDelivered,
                    GatewayError.ToException(status, response.Body, operation), retryAfter);
            }
            if (status == 500 || status == 502 || status == 503 || status == 504)
            {
                return new AttemptFailure($"HTTP {status}", Delivery.Ambiguous,
                    GatewayError.ToException(status, response.Body, operation), retryAfter);
            }
            return null;
        }

        /// <summary>
        /// A 401 whose Date header is 5+ minutes from the clock we signed with means our clock is wrong: adopt
        /// the gateway's time for this session, warn once, and sign again. Concurrent calls signed before the
        /// correction see the same 401 and retry with the corrected clock too.
        /// </summary>
        private bool CorrectClockSkew(DateTimeOffset? serverDate, TimeSpan signedWithOffset, ICdssLog log)
        {
            if (!serverDate.HasValue) return false;
            var skew = serverDate.Value - _signer.Clock();
            if ((skew - signedWithOffset).Duration() < SkewLimit) return false;
            if ((skew - _signer.ClockOffset).Duration() >= SkewLimit) _signer.ClockOffset = skew;
            if (Interlocked.Exchange(ref _skewWarned, 1) == 0)
            {
                var minutes = Math.Round(Math.Abs(skew.TotalMinutes));
                log.Warning($"The local clock is {minutes} minutes {(skew > TimeSpan.Zero ? "behind" : "ahead of")} the CDSS gateway; this session now corrects for it. Fix the system clock (NTP) to avoid this.");
            }
            return true;
        }

        private static CdssException OutcomeUnknown(string operation, AttemptFailure failure, int attempt) =>
            new CdssException(CdssErrorIds.OutcomeUnknown, CdssErrorCategory.InvalidResult,
                $"{operation} may or may not have been carried out ({failure.Error.Description.TrimEnd('.')}). It was not sent again, because repeating it is not safe",
                "Find out whether it took effect before trying again: for a rolling restart, Get-CdssRollingRestartProgress or Wait-CdssRollingRestart.",
                failure.Error)
            {
                HttpStatus = failure.Error.HttpStatus,
                ServiceCode = failure.Error.ServiceCode,
                RequestId = failure.Error.RequestId,
                Attempts = attempt,
            };

        /// <summary>The proxy a request to <paramref name="uri"/> goes through: -Proxy, else the system's (HTTPS_PROXY, ...).</summary>
        private Uri? ProxyFor(Uri uri)
        {
            if (Settings.Proxy != null) return Settings.Proxy;
            try
            {
                var system = WebRequest.DefaultWebProxy;
                if (system == null || system.IsBypassed(uri)) return null;
                var proxy = system.GetProxy(uri);
                return proxy == null || proxy == uri ? null : proxy;
            }
            catch (Exception)
            {
                // Only used to word an error message; a broken proxy configuration must not hide the real failure.
                return null;
            }
        }

        private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue)
            {
                // Measured against the server's own Date when it sent one, so our clock's error does not matter.
                var now = response.Headers.Date ?? DateTimeOffset.UtcNow;
                return header.Date.Value - now;
            }
            return null;
        }

        /// <summary>The access key as logs show it: its first 4 characters.</summary>
        public static string ShortKey(string accessKey) =>
            accessKey.Length <= 4 ? accessKey : accessKey.Substring(0, 4) + "…";

        public void Dispose()
        {
            _http.Dispose();
            _signer.Dispose();
        }

        private sealed class AttemptOutcome
        {
            public ApiResponse? Response { get; private set; }
            public DateTimeOffset? ServerDate { get; private set; }
            public TimeSpan? RetryAfter { get; private set; }
            public AttemptFailure? Failure { get; private set; }
            public TimeSpan SignedWithOffset { get; private set; }

            public static AttemptOutcome Answered(ApiResponse response, DateTimeOffset? serverDate, TimeSpan? retryAfter, TimeSpan signedWithOffset) =>
                new AttemptOutcome { Response = response, ServerDate = serverDate, RetryAfter = retryAfter, SignedWithOffset = signedWithOffset };

            public static AttemptOutcome Failed(AttemptFailure failure) => new AttemptOutcome { Failure = failure };
        }
    }
}
