using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Rollout
{
    /// <summary>
    /// Waits on one cluster with the rollout's "done" rule: the service must show the operation begin (a broker
    /// down, a non-green status, or the service saying it is in progress) and then finish (all brokers up, green,
    /// and no longer in progress). Red is a failure. A failed poll is a warning, not the end of the wait.
    /// </summary>
    internal sealed class ClusterWatcher
    {
        private readonly IRolloutOperation _operation;
        private readonly RolloutOptions _options;
        private readonly RolloutRecord _record;

        public ClusterWatcher(IRolloutOperation operation, RolloutOptions options, RolloutRecord record)
        {
            _operation = operation;
            _options = options;
            _record = record;
        }

        /// <summary>Decides the item's outcome (Succeeded, Failed, TimedOut or WaitInterrupted) and returns it.</summary>
        public async Task<RolloutOutcome> WaitAsync(RolloutItem item, CancellationToken cancellationToken)
        {
            var no = item.ServiceGroupInstanceNo;
            var deadline = _options.Now() + _options.Timeout;
            CdssException? pollError = null;
            while (true)
            {
                ClusterProgress? current = null;
                try
                {
                    current = await _operation.ProgressAsync(no, cancellationToken).ConfigureAwait(false);
                    pollError = null;
                }
                catch (Exception ex) when (CdssException.From(ex) is { } error)
                {
                    if (StopsPolling(error)) return Interrupted(item, error, "at once: the service refused to show progress");
                    pollError = error;
                    _record.Warning(item, $"could not read progress ({error.Description.TrimEnd('.')}); still waiting");
                    // The pre-check may still answer: its "in progress" is evidence that the restart began.
                    if (!item.Began && await IsRunningOrNullAsync(no, cancellationToken).ConfigureAwait(false) == true)
                    {
                        _record.Began(item, "the service says it is in progress");
                    }
                }

                if (current != null)
                {
                    if (!current.IsComplete && !current.IsFailed && !item.Began)
                    {
                        _record.Began(item, ClusterWatcher.Describe(current));
                    }
                    _record.Progress(item, current);
                    if (current.IsFailed)
                    {
                        return Finish(item, RolloutOutcome.Failed, new CdssException(CdssErrorIds.RestartFailed, CdssErrorCategory.InvalidResult,
                            $"The {_operation.Kind.DisplayName} turned {current.BrokerStatus}: {current.BrokersUp}/{current.BrokersTotal} brokers up; nodes: {current.NodeSummary()}",
                            "Look at the failed nodes in the NAVER Cloud console or with Get-CdssRollingRestartProgress; the rollout stopped so no other cluster is touched."));
                    }
                    if (current.IsComplete)
                    {
                        bool? running = null;
                        try
                        {
                            running = await _operation.IsRunningAsync(no, cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (CdssException.From(ex) is { } error && !StopsPolling(error))
                        {
                            pollError = error;
                            _record.Warning(item, $"could not ask whether it is still running ({error.Description.TrimEnd('.')}); still waiting");
                        }
                        if (running == true && !item.Began) _record.Began(item, "the service says it is in progress");
                        else if (running == false && item.Began)
                        {
                            return Finish(item, RolloutOutcome.Succeeded, null,
                                $"Done: {current.BrokersUp}/{current.BrokersTotal} brokers up, status {current.BrokerStatus}.");
                        }
                    }
                }

                var now = _options.Now();
                if (now >= deadline)
                {
                    if (pollError != null) return Interrupted(item, pollError, $"polls kept failing until the {_options.Timeout.TotalMinutes:0.#}-minute timeout");
                    var what = item.Began
                        ? $"did not finish within {_options.Timeout.TotalMinutes:0.#} minutes"
                        : $"never showed a change within {_options.Timeout.TotalMinutes:0.#} minutes (no broker down, no status change, and the service never said it was in progress)";
                    return Finish(item, RolloutOutcome.TimedOut, new CdssException(CdssErrorIds.RestartTimeout, CdssErrorCategory.OperationTimeout,
                        $"The {_operation.Kind.DisplayName} {what}; last seen: {Describe(item.Result.Progress)}",
                        "It may still be running on the service: follow it with Get-CdssRollingRestartProgress, or wait again with Wait-CdssRollingRestart (or the same command and -JournalPath)."));
                }
                var wait = deadline - now < _options.PollInterval ? deadline - now : _options.PollInterval;
                await _options.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<bool?> IsRunningOrNullAsync(long no, CancellationToken cancellationToken)
        {
            try
            {
                return await _operation.IsRunningAsync(no, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (CdssException.From(ex) != null)
            {
                return null;
            }
        }

        private RolloutOutcome Interrupted(RolloutItem item, CdssException cause, string how) =>
            Finish(item, RolloutOutcome.WaitInterrupted, new CdssException(CdssErrorIds.WaitInterrupted, CdssErrorCategory.ConnectionError,
                $"Waiting for the {_operation.Kind.DisplayName} stopped {how} ({cause.ErrorId}: {cause.Description.TrimEnd('.')}). The {_operation.Kind.DisplayName} may still be running on the service",
                "Re-attach with Wait-CdssRollingRestart -ServiceGroupInstanceNo <number>, or run the same command again with the same -JournalPath; it will not be requested again.",
                cause) { RequestId = item.Result.RequestId });

        private RolloutOutcome Finish(RolloutItem item, RolloutOutcome outcome, CdssException? error, string? message = null)
        {
            item.Error = error;
            item.Result.Outcome = outcome;
            item.Result.Message = message ?? error?.Description ?? "";
            return outcome;
        }

        /// <summary>Errors after which polling cannot go on: the key no longer works, or the session is gone.</summary>
        private static bool StopsPolling(CdssException error) =>
            error.ErrorId == CdssErrorIds.AuthenticationFailed || error.ErrorId == CdssErrorIds.PermissionDenied ||
            error.ErrorId == CdssErrorIds.NoSession;

        internal static string Describe(ClusterProgress? progress) =>
            progress == null ? "no progress could be read" : $"{progress.BrokersUp}/{progress.BrokersTotal} brokers up, status {progress.BrokerStatus}";
    }
}
