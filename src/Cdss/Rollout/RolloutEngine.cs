using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Api;

namespace Cdss.Rollout
{
    /// <summary>
    /// Runs one operation over a fleet, safely unattended: at most ThrottleLimit clusters at once, a pre-check
    /// before each start, a halt after more than MaxFailures failed clusters (no further start; the rest are
    /// NotStarted), no start after the Deadline (the rest are Deferred), a settle pause after each success, and
    /// a journal that lets a killed run resume without requesting anything twice. One engine serves the rolling
    /// restart, the rolling upgrade and the config group apply; only the operation differs.
    /// </summary>
    internal sealed class RolloutEngine
    {
        private readonly IRolloutOperation _operation;
        private readonly RolloutOptions _options;
        private readonly RolloutRecord _record;
        private readonly RolloutJournal? _journal;
        private readonly ClusterWatcher _watcher;
        private readonly Action<RolloutItem> _finished;
        private int _failures;

        public RolloutEngine(IRolloutOperation operation, RolloutOptions options, RolloutRecord record, RolloutJournal? journal,
            Action<RolloutItem> finished)
        {
            _operation = operation ?? throw new ArgumentNullException(nameof(operation));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.ThrottleLimit < 1) throw new ArgumentOutOfRangeException(nameof(options), "ThrottleLimit must be at least 1.");
            _record = record;
            _journal = journal;
            _finished = finished;
            _watcher = new ClusterWatcher(operation, options, record);
        }

        /// <summary>True once more than MaxFailures clusters failed: nothing more is started.</summary>
        public bool Halted => _failures > _options.MaxFailures;

        /// <summary>The items, in input order; each ends Final, and is handed to the finished callback once, when it does.</summary>
        public IReadOnlyList<RolloutItem> Items { get; private set; } = Array.Empty<RolloutItem>();

        /// <summary>Clusters whose operation is running server-side right now (what a Ctrl+C leaves behind).</summary>
        public IReadOnlyList<RolloutItem> Running => Items.Where(i => i.State == ItemState.Running && (i.Began || i.Result.RequestedAt != null)).ToList();

        public async Task RunAsync(IReadOnlyList<long> clusters, CancellationToken cancellationToken)
        {
            Items = clusters.Select((no, index) => new RolloutItem(index, _operation.NewResult(no))).ToList();
            var pending = new List<RolloutItem>();
            var reattach = new List<RolloutItem>();
            foreach (var item in Items)
            {
                var state = _journal == null ? ResumeState.Fresh
                    : JournalEvents.StateOf(_journal.Earlier, _operation.Kind.JournalName, _operation.JournalTarget, item.ServiceGroupInstanceNo);
                if (state.Kind == ResumeKind.Done)
                {
                    item.Result.Outcome = RolloutOutcome.AlreadyDone;
                    item.Result.RequestId = state.RequestId;
                    item.Result.Message = $"Done by an earlier run at {RolloutRecord.Time(state.Since!.Time)}, according to the journal; not touched.";
                    Finish(item);
                }
                else if (state.Kind == ResumeKind.Running || _options.AttachOnly)
                {
                    item.Reattach = true;
                    item.Began = state.Began;
                    item.Result.RequestId = state.RequestId;
                    item.Result.RequestedAt = state.Since?.Time;
                    if (state.Kind == ResumeKind.Running) _record.Reattaching(item, state);
                    reattach.Add(item);
                }
                else
                {
                    pending.Add(item);
                }
            }

            // Clusters already running server-side take their slots first, so ThrottleLimit holds across a resume.
            var queue = new Queue<RolloutItem>(reattach.Concat(pending));
            // A list, not a dictionary: work that completes synchronously shares one cached Task instance.
            var running = new List<(Task Task, RolloutItem Item)>();
            while (true)
            {
                while (running.Count < _options.ThrottleLimit && queue.Count > 0)
                {
                    var next = queue.Peek();
                    if (!next.Reattach && (Halted || PastDeadline())) break;
                    queue.Dequeue();
                    next.State = ItemState.Running;
                    running.Add((RunOneAsync(next, cancellationToken), next));
                }
                if (running.Count == 0) break;
                var done = await Task.WhenAny(running.Select(r => r.Task)).ConfigureAwait(false);
                var index = running.FindIndex(r => ReferenceEquals(r.Task, done));
                var item = running[index].Item;
                running.RemoveAt(index);
                await done.ConfigureAwait(false); // a cancellation ends the rollout here
                if (item.Result.IsFailure) _failures++;
            }

            foreach (var item in queue)
            {
                item.Result.Outcome = Halted ? RolloutOutcome.NotStarted : RolloutOutcome.Deferred;
                item.Result.Message = Halted
                    ? $"Not started: the rollout halted after {_failures} failed cluster(s) (-MaxFailures {_options.MaxFailures})."
                    : $"Not started: the deadline {RolloutRecord.Time(_options.Deadline!.Value)} had passed.";
                Finish(item);
            }
        }

        /// <summary>Whether the service says it is running; an error counts as "maybe", and the watcher decides.</summary>
        private async Task<bool> IsRunningOrUnknownAsync(RolloutItem item, CancellationToken cancellationToken)
        {
            try
            {
                return await _operation.IsRunningAsync(item.ServiceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
            }
            catch (CdssException)
            {
                return true;
            }
        }

        private bool PastDeadline() => _options.Deadline.HasValue && _options.Now() >= _options.Deadline.Value;

        private async Task RunOneAsync(RolloutItem item, CancellationToken cancellationToken)
        {
            if (!item.Reattach)
            {
                if (!await StartAsync(item, cancellationToken).ConfigureAwait(false))
                {
                    Finish(item);
                    return;
                }
            }
            else if (_options.AttachOnly && !item.Began && !await IsRunningOrUnknownAsync(item, cancellationToken).ConfigureAwait(false))
            {
                // Wait-CdssRollingRestart on a cluster where nothing runs: say so at once rather than time out.
                ClusterProgress? progress = null;
                try { progress = await _operation.ProgressAsync(item.ServiceGroupInstanceNo, cancellationToken).ConfigureAwait(false); }
                catch (CdssException) { /* the watcher reports what polling finds */ }
                if (progress != null) _record.Progress(item, progress);
                if (progress == null) { }
                else if (!progress.IsComplete)
                {
                    _record.Began(item, ClusterWatcher.Describe(progress));
                }
                else
                {
                    item.Result.Outcome = RolloutOutcome.NotStarted;
                    item.Result.Message = $"No {_operation.Kind.DisplayName} is running on this cluster ({ClusterWatcher.Describe(progress)}); nothing to wait for.";
                    Finish(item);
                    return;
                }
            }

            await _watcher.WaitAsync(item, cancellationToken).ConfigureAwait(false);
            Finish(item);
            if (item.Result.Outcome == RolloutOutcome.Succeeded && _options.Settle > TimeSpan.Zero && !Halted)
            {
                // Hold the slot: the next cluster starts only after the pause.
                await _options.Delay(_options.Settle, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Pre-check, then the start request. False when the item is already decided (skipped, deferred, failed).</summary>
        private async Task<bool> StartAsync(RolloutItem item, CancellationToken cancellationToken)
        {
            var no = item.ServiceGroupInstanceNo;
            if (_operation.HasPreCheck && !_options.SkipPreCheck)
            {
                ServiceAnswer check;
                try
                {
                    check = await _operation.PreCheckAsync(no, cancellationToken).ConfigureAwait(false);
                }
                catch (CdssException ex)
                {
                    return Decide(item, RolloutOutcome.Skipped, ex, $"The pre-check failed, so nothing was requested: {ex.Description}");
                }
                _record.PreCheck(item, check);
                if (!check.Yes)
                {
                    item.Result.Code = check.Code;
                    item.Result.RequestId = check.RequestId;
                    return Decide(item, RolloutOutcome.Skipped,
                        CdssException.ForServiceCode(CdssErrorIds.PreCheckFailed, CdssErrorCategory.InvalidOperation,
                            $"The {_operation.Kind.DisplayName} pre-check said no", check.Code, check.Message, check.RequestId,
                            ServiceCodeHints.For(check.Code, "Nothing was touched. Wait until the cluster is running and healthy, then run again."),
                            detail: "Nothing was requested."),
                        check.Message);
                }
            }
            if (PastDeadline())
            {
                return Decide(item, RolloutOutcome.Deferred, null, $"Not started: the deadline {RolloutRecord.Time(_options.Deadline!.Value)} had passed.");
            }

            _record.Requesting(item);
            item.Result.RequestedAt = _options.Now();
            ServiceAnswer answer;
            try
            {
                answer = await _operation.StartAsync(no, cancellationToken).ConfigureAwait(false);
            }
            catch (CdssException ex) when (ex.ErrorId == CdssErrorIds.OutcomeUnknown)
            {
                return Decide(item, RolloutOutcome.OutcomeUnknown, ex, ex.Description);
            }
            catch (CdssException ex)
            {
                item.NotRequested = true;
                return Decide(item, RolloutOutcome.Failed, ex, $"The request failed, so nothing was started: {ex.Description}");
            }
            item.Result.Code = answer.Code;
            item.Result.RequestId = answer.RequestId;
            if (!answer.Yes)
            {
                item.NotRequested = true;
                return Decide(item, RolloutOutcome.Skipped,
                    CdssException.ForServiceCode(CdssErrorIds.RestartNotAccepted, CdssErrorCategory.InvalidOperation,
                        $"The {_operation.Kind.DisplayName} was not accepted", answer.Code, answer.Message, answer.RequestId,
                        ServiceCodeHints.For(answer.Code, "Nothing was started. Check the cluster with Test-CdssRollingRestart and Get-CdssRollingRestartProgress."),
                        detail: "Nothing was started."),
                    answer.Message);
            }
            _record.Requested(item, answer);
            return true;
        }

        private static bool Decide(RolloutItem item, RolloutOutcome outcome, CdssException? error, string message)
        {
            item.Result.Outcome = outcome;
            item.Result.Message = message;
            item.Error = error;
            return false;
        }

        private void Finish(RolloutItem item)
        {
            _record.Final(item);
            _finished(item);
        }
    }
}
