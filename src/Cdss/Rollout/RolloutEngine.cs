using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Api;

namespace Cdss.Rollout
{
    /// <summary>
    /// Runs one operation over a fleet, safely unattended. One engine serves the rolling restart, the rolling
    /// upgrade, the config group apply and the node restart; only the <see cref="IRolloutOperation"/> differs.
    /// <list type="number">
    /// <item>Read the journal of earlier runs (<see cref="JournalHistory"/>): a cluster done (or resolved as done) is
    /// AlreadyDone; one left unresolved or failed stays so (OutcomeUnknown, Failed) until an operator decides with
    /// Resolve-CdssRollout; one requested without an end is re-attached and never requested again; the rest are fresh.</item>
    /// <item>Re-attached clusters take their slots first, so ThrottleLimit holds across a resume.</item>
    /// <item>Each fresh cluster, in input order while a slot is free: halted (more than MaxFailures failures) is
    /// NotStarted; past the Deadline is Deferred; otherwise the pre-check, then the same two checks again, then the
    /// "requesting" journal line (on disk before the request leaves), then the request, sent once.</item>
    /// <item>An accepted (or re-attached) cluster is watched by <see cref="ClusterWatcher"/> until the done rule
    /// decides; after a success its slot pauses for Settle before the next cluster starts.</item>
    /// <item>Every cluster ends in exactly one final phase, and is handed to the finished callback once, when it does.</item>
    /// </list>
    /// Every change of a cluster's phase is a transition of <see cref="Transitions.Table"/>, taken in
    /// <see cref="RolloutItem.Apply"/>.
    /// </summary>
    internal sealed class RolloutEngine
    {
        private readonly IRolloutOperation _operation;
        private readonly RolloutOptions _options;
        private readonly RolloutRecord _record;
        private readonly IRolloutJournal? _journal;
        private readonly ClusterWatcher _watcher;
        private readonly Action<RolloutItem> _finished;
        private int _failures;

        public RolloutEngine(IRolloutOperation operation, RolloutOptions options, RolloutRecord record, IRolloutJournal? journal,
            Action<RolloutItem> finished)
        {
            _operation = operation ?? throw new ArgumentNullException(nameof(operation));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.ThrottleLimit < 1) throw new ArgumentOutOfRangeException(nameof(options), "ThrottleLimit must be at least 1.");
            _record = record;
            _journal = journal;
            _finished = finished;
            _watcher = new ClusterWatcher(operation, options, record, journal?.Path);
        }

        private OperationKind Kind => _operation.Kind;
        private string? JournalPath => _journal?.Path;

        /// <summary>True once more than MaxFailures clusters failed: nothing more is started.</summary>
        public bool Halted => _failures > _options.MaxFailures;

        /// <summary>The items, in input order.</summary>
        public IReadOnlyList<RolloutItem> Items { get; private set; } = Array.Empty<RolloutItem>();

        /// <summary>Clusters whose operation may be running server-side right now because of this rollout (what a Ctrl+C leaves behind).</summary>
        public IReadOnlyList<RolloutItem> Running =>
            Items.Where(i => i.Phase.MayBeRunning() || (i.Phase == RolloutPhase.Pending && i.History.State == HistoryState.Open)).ToList();

        public async Task RunAsync(IReadOnlyList<long> clusters, CancellationToken cancellationToken)
        {
            Items = clusters.Select((no, index) => new RolloutItem(index, _operation.NewResult(no))).ToList();
            var reattached = new List<RolloutItem>();
            var fresh = new List<RolloutItem>();
            foreach (var item in Items)
            {
                Resume(item);
                if (item.Phase.IsFinal()) Finish(item);
                else if (IsToReattach(item)) reattached.Add(item);
                else fresh.Add(item);
            }
            SayIfAllDone();

            var queue = new Queue<RolloutItem>(reattached.Concat(fresh));
            // A list, not a dictionary: work that completes synchronously shares one cached Task instance.
            var running = new List<(Task Task, RolloutItem Item)>();
            while (true)
            {
                while (running.Count < _options.ThrottleLimit && queue.Count > 0)
                {
                    var next = queue.Dequeue();
                    if (!IsToReattach(next) && StopBeforeStart(next))
                    {
                        Finish(next);
                        continue;
                    }
                    running.Add((RunOneAsync(next, cancellationToken), next));
                }
                if (running.Count == 0) break;
                var done = await Task.WhenAny(running.Select(r => r.Task)).ConfigureAwait(false);
                running.RemoveAt(running.FindIndex(r => ReferenceEquals(r.Task, done)));
                await done.ConfigureAwait(false); // a cancellation or a crash ends the rollout here
            }
        }

        /// <summary>Step 1: what the journal says decides where the cluster starts.</summary>
        private void Resume(RolloutItem item)
        {
            var history = _journal == null ? ClusterHistory.None
                : JournalHistory.Of(_journal.Earlier, Kind.JournalName, _operation.JournalTarget, item.ServiceGroupInstanceNo);
            item.History = history;
            var result = item.Result;
            result.ClusterName = history.ClusterName;
            if (_options.AttachOnly) return;
            var no = item.ServiceGroupInstanceNo;
            result.RequestId = history.RequestId;
            result.RequestedAt = history.RequestedAt;
            result.Code = history.Code;
            if (history.State == HistoryState.Done || history.State == HistoryState.Unresolved || history.State == HistoryState.Failed)
            {
                // Decided by an earlier run: its times are the journal's, not this run's.
                result.FromEarlierRun = true;
                result.FinishedAt = history.Decided!.Time;
            }
            switch (history.State)
            {
                case HistoryState.Done:
                    result.Message = history.Resolution is { } done
                        ? $"Resolved as done by {done.User} at {RolloutRecord.Time(done.Time)}: {done.Reason}; not touched."
                        : $"Done by an earlier run at {RolloutRecord.Time(history.Decided!.Time)}, according to the journal; not touched.";
                    item.Apply(RolloutEvent.ResumeDone, _record);
                    break;
                case HistoryState.Unresolved:
                    item.Error = new CdssException(CdssErrorIds.OutcomeUnknown, CdssErrorCategory.InvalidResult,
                        $"The run at {RolloutRecord.Time(history.Decided!.Time)} could not tell whether the {Kind.DisplayName} requested at " +
                        $"{RolloutRecord.Time(history.RequestedAt!.Value)} happened: it was never seen to begin and nothing ran by the late-start grace. " +
                        "It is not requested again until an operator decides." + RolloutAdvice.DecideWith(no, JournalPath),
                        RolloutAdvice.Resolve(no, JournalPath)) { RequestId = history.RequestId };
                    result.Message = item.Error.Description;
                    item.Apply(RolloutEvent.ResumeUnresolved, _record);
                    break;
                case HistoryState.Failed:
                    item.Error = new CdssException(Kind.FailedErrorId, CdssErrorCategory.InvalidResult,
                        $"The {Kind.DisplayName} requested at {RolloutRecord.Time(history.RequestedAt!.Value)} failed in an earlier run " +
                        $"({history.Decided!.Detail?.TrimEnd('.')}); it is not requested again until an operator decides." + RolloutAdvice.DecideWith(no, JournalPath),
                        RolloutAdvice.Resolve(no, JournalPath)) { RequestId = history.RequestId };
                    result.Message = item.Error.Description;
                    item.Apply(RolloutEvent.ResumeFailed, _record);
                    break;
                case HistoryState.Open:
                    // Re-attached when it takes a slot (see Reattach).
                    break;
                default:
                    if (history.Resolution is { } retry)
                    {
                        _record.Line(item, $"to be requested again, as {retry.User} decided at {RolloutRecord.Time(retry.Time)}: {retry.Reason}");
                    }
                    result.RequestId = null;
                    result.RequestedAt = null;
                    result.Code = null;
                    break;
            }
        }

        /// <summary>When every cluster was done by earlier runs, a reused journal should be visible at a glance.</summary>
        private void SayIfAllDone()
        {
            if (_journal == null || Items.Count == 0 || Items.Any(i => i.Phase != RolloutPhase.AlreadyDone)) return;
            var first = JournalHistory.FirstRun(_journal.Earlier);
            _record.Line($"Every one of the {Items.Count} cluster(s) is already done according to the journal '{_journal.Path}' " +
                         $"(first run {(first.HasValue ? RolloutRecord.Time(first.Value) : "unknown")}); nothing was requested. " +
                         "A new rollout needs a new journal.");
        }

        /// <summary>Halted or past the deadline: the cluster is not started. Checked before the pre-check and again before the request.</summary>
        private bool StopBeforeStart(RolloutItem item)
        {
            if (Halted)
            {
                End(item, RolloutEvent.Halted, null, $"Not started: the rollout halted after {_failures} failed cluster(s) (-MaxFailures {_options.MaxFailures}).");
                return true;
            }
            if (_options.Deadline is { } deadline && _options.Now() >= deadline)
            {
                End(item, RolloutEvent.PastDeadline, null, $"Not started: the deadline {RolloutRecord.Time(deadline)} had passed.");
                return true;
            }
            return false;
        }

        /// <summary>Requested by an earlier run without an end (or any cluster, for Wait-CdssRollingRestart): watched, never requested.</summary>
        private bool IsToReattach(RolloutItem item) => _options.AttachOnly || item.History.State == HistoryState.Open;

        /// <summary>Step 2: a cluster requested earlier takes its slot and is watched again.</summary>
        private void Reattach(RolloutItem item)
        {
            if (_options.AttachOnly)
            {
                item.BeginBy = _options.Now();
                item.Apply(RolloutEvent.Attached, _record, $"waiting for the {Kind.DisplayName} running on it");
                return;
            }
            var history = item.History;
            item.BeginBy = history.RequestedAt!.Value + _options.LateStartGrace;
            var requested = $"requested at {RolloutRecord.Time(history.RequestedAt.Value)} (requestId {history.RequestId ?? "unknown"})";
            if (history.AwaitingTraffic && _options.Traffic == null)
            {
                _record.Warning(item, "the run that requested it was waiting for its traffic to come back (-TrafficRecovery); " +
                                      "this run has no -TrafficRecovery, so it does not check the traffic");
            }
            if (history.Began)
            {
                item.Apply(RolloutEvent.ResumeStarted, _record, $"re-attaching to the {Kind.DisplayName} {requested}, seen starting by an earlier run; it is not requested again");
            }
            else
            {
                item.Apply(RolloutEvent.ResumeRequested, _record, $"re-attaching to the {Kind.DisplayName} {requested}, never seen starting; it is not requested again");
            }
        }

        private async Task RunOneAsync(RolloutItem item, CancellationToken cancellationToken)
        {
            if (IsToReattach(item))
            {
                Reattach(item);
            }
            else if (!await StartAsync(item, cancellationToken).ConfigureAwait(false))
            {
                Finish(item);
                return;
            }
            await _watcher.WaitAsync(item, cancellationToken).ConfigureAwait(false);
            Finish(item);
            if (item.Phase == RolloutPhase.Succeeded && _options.Settle > TimeSpan.Zero && !Halted)
            {
                // Hold the slot: the next cluster starts only after the pause.
                await _options.Delay(_options.Settle, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Pre-check, then the start request. False when the item is already final (skipped, deferred, failed, ...).</summary>
        private async Task<bool> StartAsync(RolloutItem item, CancellationToken cancellationToken)
        {
            var no = item.ServiceGroupInstanceNo;
            var result = item.Result;
            if (_operation.HasPreCheck && !_options.SkipPreCheck)
            {
                ServiceAnswer check;
                try
                {
                    check = await _operation.PreCheckAsync(no, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (CdssException.From(ex) is { } error)
                {
                    return End(item, RolloutEvent.PreCheckFailed, error, $"The pre-check failed, so nothing was requested: {error.Description}");
                }
                result.Code = check.Code;
                result.RequestId = check.RequestId;
                if (!check.Granted)
                {
                    return End(item, RolloutEvent.PreCheckSaidNo,
                        Refusal(CdssErrorIds.PreCheckFailed, "pre-check said no", check,
                            "Nothing was touched. Wait until the cluster is running and healthy, then run again.", "Nothing was requested."),
                        check.Message, $"no: code {check.Code}: {check.Message}");
                }
                item.Apply(RolloutEvent.PreCheckPassed, _record,
                    $"pre-check: can start the {Kind.DisplayName} (requestId {check.RequestId ?? "none"})", "yes");
                if (StopBeforeStart(item)) return false;
            }
            else if (StopBeforeStart(item))
            {
                return false;
            }

            // On disk before the request leaves: a run killed from here on never requests this cluster again.
            result.RequestId = null;
            result.Code = null;
            result.RequestedAt = _options.Now();
            item.Apply(RolloutEvent.Requesting, _record);
            ServiceAnswer answer;
            try
            {
                answer = await _operation.StartAsync(no, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (CdssException.From(ex) is { } error && error.ErrorId == CdssErrorIds.OutcomeUnknown)
            {
                error.RecommendedAction = RolloutAdvice.Reattach(Kind, JournalPath, no) + " If it shows nothing running: " + RolloutAdvice.Resolve(no, JournalPath);
                return End(item, RolloutEvent.RequestAmbiguous, error, JournalPath == null ? error.Description
                    : error.Description.TrimEnd('.') + ". Run the same command again with the journal to re-attach; if nothing runs," +
                      RolloutAdvice.DecideWith(no, JournalPath, "decide"));
            }
            catch (Exception ex) when (CdssException.From(ex) is { } error)
            {
                return End(item, RolloutEvent.RequestFailed, error, $"The request failed, so nothing was started: {error.Description}");
            }
            result.Code = answer.Code;
            result.RequestId = answer.RequestId;
            if (!answer.Granted)
            {
                return End(item, RolloutEvent.NotAccepted,
                    Refusal(CdssErrorIds.RestartNotAccepted, "was not accepted", answer,
                        "Nothing was started. Check the cluster with Get-CdssRollingRestartProgress, then run again.", "Nothing was started."),
                    answer.Message);
            }
            item.Apply(RolloutEvent.Accepted, _record, $"{Kind.DisplayName} requested (requestId {answer.RequestId ?? "none"})");
            return true;
        }

        /// <summary>Ends a cluster before or at its request: its error, its message, its final transition. False, for StartAsync.</summary>
        private bool End(RolloutItem item, RolloutEvent on, CdssException? error, string message, string? detail = null)
        {
            item.Error = error;
            item.Result.Message = message;
            item.Apply(on, _record, detail: detail);
            return false;
        }

        /// <summary>The service said no, in either documented form: an error quoting its code and message unchanged.</summary>
        private CdssException Refusal(string errorId, string what, ServiceAnswer answer, string hint, string detail) =>
            CdssException.ForServiceCode(errorId, CdssErrorCategory.InvalidOperation, $"The {Kind.DisplayName} {what}",
                answer.Code, answer.Message, answer.RequestId, ServiceCodeHints.For(answer.Code, hint),
                // "code 0: SUCCESS" that grants nothing reads as a contradiction: only result true is a yes.
                answer.Code == 0 && string.Equals(answer.Message?.Trim(), "SUCCESS", StringComparison.OrdinalIgnoreCase)
                    ? $"The answer had no result true, which is the only yes. {detail}" : detail);

        private void Finish(RolloutItem item)
        {
            if (item.Result.IsFailure) _failures++;
            _finished(item);
        }
    }
}
