using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Transport
{
    /// <summary>Exponential backoff with full jitter; a server's Retry-After wins over the computed wait.</summary>
    internal sealed class RetryPolicy
    {
        private readonly Random _random;
        private readonly object _gate = new object();

        public RetryPolicy(TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, int? seed = null)
        {
            BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(500);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(20);
            _random = seed.HasValue ? new Random(seed.Value) : new Random();
        }

        public TimeSpan BaseDelay { get; }
        public TimeSpan MaxDelay { get; }

        /// <summary>Longest Retry-After we obey, so a confused server cannot park a runbook for hours.</summary>
        public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

        /// <summary>How long to wait before attempt number <paramref name="failedAttempt"/> + 1.</summary>
        public TimeSpan NextDelay(int failedAttempt, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue)
            {
                var ticks = Math.Max(0, Math.Min(retryAfter.Value.Ticks, MaxRetryAfter.Ticks));
                return TimeSpan.FromTicks(ticks);
            }
            // Full jitter: uniform in [0, min(cap, base * 2^(n-1))].
            var exponent = Math.Min(Math.Max(failedAttempt - 1, 0), 30);
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
            double fraction;
            lock (_gate) fraction = _random.NextDouble();
            return TimeSpan.FromMilliseconds(ceiling * fraction);
        }

        /// <summary>Overridable wait, so unit tests need not sleep.</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (wait, token) => Task.Delay(wait, token);
    }
}
