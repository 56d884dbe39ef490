using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Rollout
{
    /// <summary>
    /// Watches one requested (or re-attached) cluster until <see cref="DoneRule"/> decides, or the timeout:
    /// <list type="number">
    /// <item>Read the progress check. A failed read is a warning and the wait goes on; an authentication or permission
    /// error ends the wait at once (WaitInterrupted), since no later read can succeed.</item>
    /// <item>When the progress shows nothing running (or could not be read), ask whether the service says the
    /// operation is in progress: that is a sign it began, and "done" needs it to say no more. When it says no, read
    /// the progress once more, so that "green" is known to come after "not running".</item>
    /// <item>Judge the look with the done rule and take the transition it calls for: began, finished, turned red,
    /// unknown (never seen to begin by the late-start grace), or nothing yet.</item>
    /// <item>At the timeout: WaitInterrupted if the last reads failed, else TimedOut. Otherwise wait a poll interval.</item>
    /// </list>
    /// </summary>
    internal sealed class ClusterWatcher
    {

        private readonly IRolloutOperation _operation;
        private readonly RolloutOptions _options;
        private readonly RolloutRecord _record;
        private readonly string? _journalPath;
        private readonly TrafficWatcher? _traffic;

        public ClusterWatcher(IRolloutOperation operation, RolloutOptions options, RolloutRecord record, string? journalPath)
        {
            _operation = operation;
            _options = options;
            _record = record;
            _journalPath = journalPath;
            _traffic = options.Traffic == null ? null : new TrafficWatcher(operation, options, record, journalPath);
        }

        private OperationKind Kind => _operation.Kind;

        /// <summary>Watches until the item is final.</summary>
        public async Task WaitAsync(RolloutItem item, CancellationToken cancellationToken)
        {
            var no = item.ServiceGroupInstanceNo;
            var deadline = _options.Now() + _options.Timeout;
            CdssException? pollError = null;
            var interrupted = false;

            // One read: its answer, or a failure as a warning (ending the wait at once when no later read can succeed).
            async Task<(bool Read, T Answer)> ReadAsync<T>(Func<Task<T>> read, string couldNot, string refusedTo)
            {
                try
                {
                    return (true, await read().ConfigureAwait(false));
                }
                catch (Exception ex) when (CdssException.From(ex) is { } error)
                {
                    if (StopsPolling(error))
                    {
                        Interrupt(item, error, $"the service refused to {refusedTo}");
                        interrupted = true;
                    }
                    else
                    {
                        pollError = error;
                        _record.Warning(item, $"could not {couldNot} ({error.Description.TrimEnd('.')}); still waiting");
                    }
                    return (false, default!);
                }
            }

            async Task<ClusterProgress?> ProgressAsync()
            {
                var (read, progress) = await ReadAsync(() => _operation.ProgressAsync(no, cancellationToken), "read progress", "show progress").ConfigureAwait(false);
                return read ? progress : null;
            }

            while (true)
            {
                var progress = await ProgressAsync().ConfigureAwait(false);
                if (interrupted) return;
                if (progress != null) pollError = null;

                bool? saysRunning = null;
                if (progress == null ? !item.BeganSeen : progress.IsComplete)
                {
                    var (read, running) = await ReadAsync(() => _operation.IsRunningAsync(no, cancellationToken), "ask whether it is still running", "say whether it is still running").ConfigureAwait(false);
                    if (read) saysRunning = running;
                    if (interrupted) return;
                    if (saysRunning == false && progress != null)
                    {
                        // Green and "not running" were read at two moments: done (or unknown) needs the green read after
                        // the "not running" one, or a cluster that turned red in between would look finished.
                        progress = await ProgressAsync().ConfigureAwait(false);
                        if (interrupted) return;
                    }
                }

                var seen = new Observation(item.BeganSeen, progress, saysRunning, _options.Now(), item.BeginBy);
                var verdict = DoneRule.Judge(seen);
                if (verdict == Verdict.Running && !item.BeganSeen)
                {
                    var sign = DoneRule.SignOf(seen);
                    item.Apply(RolloutEvent.Began, _record, $"{Kind.DisplayName} observed starting: {sign}", sign);
                }
                if (progress != null) Record(item, progress);
                if (verdict == Verdict.Done && _traffic != null)
                {
                    await _traffic.WaitAsync(item, $"Done: {DoneRule.Describe(progress)}", cancellationToken).ConfigureAwait(false);
                    return;
                }
                if (Decide(item, verdict, progress)) return;

                var now = _options.Now();
                if (now >= deadline)
                {
                    if (pollError != null) Interrupt(item, pollError, $"the polls kept failing until the {_options.Timeout.TotalMinutes:0.#}-minute timeout");
                    else TimeOut(item);
                    return;
                }
                _record.Heartbeat(item, () => item.BeganSeen
                    ? $"still waiting for the {Kind.DisplayName} to finish: {DoneRule.Describe(item.Result.Progress)}; the timeout is at {RolloutRecord.Time(deadline)}"
                    : $"still waiting for the {Kind.DisplayName} to begin: {DoneRule.Describe(item.Result.Progress)}, not in progress; " +
                      (item.BeginBy is { } by && by < deadline ? $"the late-start grace ends at {RolloutRecord.Time(by)}" : $"the timeout is at {RolloutRecord.Time(deadline)}"));
                var wait = deadline - now < _options.PollInterval ? deadline - now : _options.PollInterval;
                await _options.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Takes the final transition a verdict calls for; false while the wait goes on.</summary>
        private bool Decide(RolloutItem item, Verdict verdict, ClusterProgress? progress)
        {
            var no = item.ServiceGroupInstanceNo;
            switch (verdict)
            {
                case Verdict.Done:
                    item.Result.Message = $"Done: {DoneRule.Describe(progress)}.";
                    item.Apply(RolloutEvent.Finished, _record);
                    return true;
                case Verdict.Failed:
                    var red = $"The {Kind.DisplayName} turned {progress!.BrokerStatus}: {progress.BrokersUp}/{progress.BrokersTotal} brokers up; nodes: {progress.NodeSummary()}.";
                    item.Error = new CdssException(Kind.FailedErrorId, CdssErrorCategory.InvalidResult,
                        red + RolloutAdvice.DecideWith(no, _journalPath, "Once the cluster is looked after, decide"),
                        "Look at the failed nodes in the NAVER Cloud console or with Get-CdssRollingRestartProgress; the rollout stopped so no other cluster is touched. " +
                        RolloutAdvice.Resolve(no, _journalPath));
                    item.Result.Message = item.Error.Description;
                    // The journal keeps what happened; later runs add what to do.
                    item.Apply(RolloutEvent.TurnedRed, _record, detail: red);
                    return true;
                case Verdict.Unknown when _options.AttachOnly:
                    item.Result.Message = $"No {Kind.DisplayName} is running on this cluster ({DoneRule.Describe(progress)}); nothing to wait for.";
                    item.Apply(RolloutEvent.NothingRunning, _record);
                    return true;
                case Verdict.Unknown:
                    var requested = item.Result.RequestedAt is { } at ? $" requested at {RolloutRecord.Time(at)}" : "";
                    item.Error = new CdssException(CdssErrorIds.OutcomeUnknown, CdssErrorCategory.InvalidResult,
                        $"The {Kind.DisplayName}{requested} was never seen to begin, and the service shows nothing running " +
                        $"({DoneRule.Describe(progress)}, not in progress) after a late-start grace of {_options.LateStartGrace.TotalMinutes:0.#} minutes. " +
                        "It may have run while nothing watched, or never started; it is not requested again." + RolloutAdvice.DecideWith(no, _journalPath),
                        RolloutAdvice.Resolve(no, _journalPath)) { RequestId = item.Result.RequestId };
                    item.Result.Message = item.Error.Description;
                    item.Apply(RolloutEvent.NeverSeenStarting, _record);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>A progress reading: kept on the result, and recorded when brokers up or the status changed.</summary>
        private void Record(RolloutItem item, ClusterProgress current)
        {
            var previous = item.Result.Progress;
            item.Result.Progress = current;
            _record.Remember(item.ServiceGroupInstanceNo, current.ClusterName);
            item.Result.ClusterName ??= current.ClusterName;
            if (previous != null && previous.BrokersUp == current.BrokersUp && previous.BrokersTotal == current.BrokersTotal &&
                string.Equals(previous.BrokerStatus, current.BrokerStatus, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            item.Result.Samples.Add(new ProgressSample(_options.Now(), current.BrokersUp, current.BrokersTotal, current.BrokerStatus));
            item.Apply(RolloutEvent.Progressed, _record, DoneRule.Describe(current));
        }

        private void TimeOut(RolloutItem item)
        {
            var what = item.BeganSeen
                ? $"did not finish within {Minutes}"
                : $"never showed a change within {Minutes} (no broker down, no status change, and the service never said it was in progress)";
            var no = item.ServiceGroupInstanceNo;
            // A change never seen may never come: then only an operator can say what happened.
            var advice = RolloutAdvice.Reattach(Kind, _journalPath, no) + (item.BeganSeen ? "" : " If it never shows a change: " + RolloutAdvice.Resolve(no, _journalPath));
            var next = _journalPath == null ? "" : item.BeganSeen
                ? " Run the same command again with the journal to re-attach."
                : " Run the same command again with the journal to re-attach; if it never begins," + RolloutAdvice.DecideWith(no, _journalPath, "decide");
            item.Error = new CdssException(Kind.TimeoutErrorId, CdssErrorCategory.OperationTimeout,
                $"The {Kind.DisplayName} {what}; last seen: {DoneRule.Describe(item.Result.Progress)}. It may still be running on the service.{next}", advice)
            {
                RequestId = item.Result.RequestId,
            };
            item.Result.Message = item.Error.Description;
            item.Apply(RolloutEvent.TimedOut, _record);
        }

        private void Interrupt(RolloutItem item, CdssException cause, string how)
        {
            var reattach = _journalPath == null ? "" : " Run the same command again with the journal to re-attach; it is not requested again.";
            item.Error = new CdssException(CdssErrorIds.WaitInterrupted, CdssErrorCategory.ConnectionError,
                $"Waiting for the {Kind.DisplayName} stopped: {how} ({cause.ErrorId}: {cause.Description.TrimEnd('.')}). The {Kind.DisplayName} may still be running on the service.{reattach}",
                RolloutAdvice.Reattach(Kind, _journalPath, item.ServiceGroupInstanceNo), cause) { RequestId = item.Result.RequestId };
            item.Result.Message = item.Error.Description;
            item.Apply(RolloutEvent.PollsFailed, _record);
        }

        private string Minutes => $"{_options.Timeout.TotalMinutes:0.#} minutes";

        /// <summary>Errors after which polling cannot go on: the key no longer works, or the session is gone.</summary>
        private static bool StopsPolling(CdssException error) =>
            error.ErrorId == CdssErrorIds.AuthenticationFailed || error.ErrorId == CdssErrorIds.PermissionDenied ||
            error.ErrorId == CdssErrorIds.NoSession;
    }
}
