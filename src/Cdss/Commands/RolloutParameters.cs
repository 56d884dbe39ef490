using System;
using Cdss.Rollout;

namespace Cdss.Commands
{
    /// <summary>The rollout parameters' shared rules and defaults, so every rollout cmdlet reads them the same way.</summary>
    internal static class RolloutParameters
    {
        public const string Set = "Rollout";
        public const int DefaultPollIntervalSec = 10;
        public const int DefaultTimeoutMinutes = 60;
        public const int MaxThrottleLimit = 16;

        public static RolloutOptions Options(int pollIntervalSec, int timeoutMinutes, int maxFailures, DateTime? deadline, int settleSec, int throttleLimit) =>
            new RolloutOptions
            {
                PollInterval = TimeSpan.FromSeconds(pollIntervalSec),
                Timeout = TimeSpan.FromMinutes(timeoutMinutes),
                MaxFailures = maxFailures,
                // A DateTime without a zone is the user's local time, as Get-Date gives it.
                Deadline = deadline.HasValue
                    ? new DateTimeOffset(deadline.Value.Kind == DateTimeKind.Utc ? deadline.Value : deadline.Value.ToUniversalTime(), TimeSpan.Zero)
                    : (DateTimeOffset?)null,
                Settle = TimeSpan.FromSeconds(settleSec),
                ThrottleLimit = throttleLimit,
            };
    }
}
