using System;
using System.Globalization;
using Cdss.Api;
using Cdss.Transport;

namespace Cdss.Rollout
{
    /// <summary>
    /// Everything a rollout says about itself, in one place: a timestamped Information line per state change
    /// (naming the cluster's number and name, so a CI log or an Automation job keeps it), the journal line that
    /// goes with it, and a notification for the progress bars.
    /// </summary>
    internal sealed class RolloutRecord
    {
        private readonly IRolloutOperation _operation;
        private readonly RolloutOptions _options;
        private readonly ClusterDirectory _clusters;
        private readonly ICdssLog _log;
        private readonly RolloutJournal? _journal;
        private readonly Action<RolloutItem> _changed;

        public RolloutRecord(IRolloutOperation operation, RolloutOptions options, ClusterDirectory clusters, ICdssLog log,
            RolloutJournal? journal, Action<RolloutItem> changed)
        {
            _operation = operation;
            _options = options;
            _clusters = clusters;
            _log = log;
            _journal = journal;
            _changed = changed;
        }

        public string Label(RolloutItem item) => Label(item.ServiceGroupInstanceNo);

        /// <summary>"cluster 3432149 (kafka-prod-01)", as a record line names it.</summary>
        public string Label(long no) => "cluster " + _clusters.Describe(no);

        public void PreCheck(RolloutItem item, ServiceAnswer answer)
        {
            Journal(item, JournalEvents.PreCheck, answer.RequestId, answer.Yes ? "yes" : $"no: code {answer.Code}: {answer.Message}");
            Line(item, answer.Yes
                ? $"pre-check: can start the {_operation.Kind.DisplayName} (requestId {answer.RequestId ?? "none"})"
                : $"pre-check says no: code {answer.Code}: {answer.Message} (requestId {answer.RequestId ?? "none"})");
        }

        public void Requesting(RolloutItem item)
        {
            // Flushed to disk before the request is sent: a run killed from here on never requests this cluster again.
            Journal(item, JournalEvents.Requesting);
            Status(item, "requesting");
        }

        public void Requested(RolloutItem item, ServiceAnswer answer)
        {
            Journal(item, JournalEvents.Requested, answer.RequestId);
            Line(item, $"{_operation.Kind.DisplayName} requested (requestId {answer.RequestId ?? "none"})");
            Status(item, "requested; waiting for it to begin");
        }

        public void Reattaching(RolloutItem item, ResumeState state)
        {
            Line(item, $"re-attaching to the {_operation.Kind.DisplayName} requested at {Time(state.Since!.Time)} (requestId {state.RequestId ?? "unknown"}); it is not requested again");
            Status(item, "re-attached");
        }

        public void Began(RolloutItem item, string evidence)
        {
            item.Began = true;
            Journal(item, JournalEvents.Started, detail: evidence);
            Line(item, $"{_operation.Kind.DisplayName} observed starting: {evidence}");
        }

        /// <summary>Records a progress answer; a line only when brokers up or the status changed.</summary>
        public void Progress(RolloutItem item, ClusterProgress current)
        {
            var previous = item.Result.Progress;
            item.Result.Progress = current;
            _clusters.Remember(item.ServiceGroupInstanceNo, current.ClusterName);
            if (item.Result.ClusterName == null) item.Result.ClusterName = current.ClusterName;
            if (previous != null && previous.BrokersUp == current.BrokersUp && previous.BrokersTotal == current.BrokersTotal &&
                string.Equals(previous.BrokerStatus, current.BrokerStatus, StringComparison.OrdinalIgnoreCase))
            {
                _changed(item);
                return;
            }
            item.Result.Samples.Add(new ProgressSample(_options.Now(), current.BrokersUp, current.BrokersTotal, current.BrokerStatus));
            var text = ClusterWatcher.Describe(current);
            Journal(item, JournalEvents.Progress, detail: text);
            Line(item, text);
            Status(item, text);
        }

        public void Warning(RolloutItem item, string text) => _log.Warning($"{Time(_options.Now())} {Label(item)}: {text}");

        /// <summary>The outcome is decided: journal it, say it, and make the error name the cluster.</summary>
        public void Final(RolloutItem item)
        {
            var result = item.Result;
            result.FinishedAt = _options.Now();
            if (result.ClusterName == null) result.ClusterName = _clusters.NameOf(item.ServiceGroupInstanceNo);
            if (item.Error != null && item.Error.Subject == null) item.Error.Subject = _clusters.Label(item.ServiceGroupInstanceNo);
            var journalEvent = result.Outcome switch
            {
                RolloutOutcome.Succeeded => JournalEvents.Succeeded,
                RolloutOutcome.Failed => item.NotRequested ? JournalEvents.RequestFailed : JournalEvents.Failed,
                RolloutOutcome.TimedOut => JournalEvents.TimedOut,
                RolloutOutcome.OutcomeUnknown => JournalEvents.OutcomeUnknown,
                RolloutOutcome.WaitInterrupted => JournalEvents.WaitInterrupted,
                RolloutOutcome.Skipped => result.RequestedAt != null ? JournalEvents.NotAccepted : JournalEvents.Skipped,
                RolloutOutcome.Deferred => JournalEvents.Deferred,
                RolloutOutcome.NotStarted => JournalEvents.NotStarted,
                _ => null,
            };
            if (journalEvent != null && !_options.AttachOnly) Journal(item, journalEvent, result.RequestId, result.Message);
            var duration = result.Duration.HasValue ? $" after {result.Duration.Value:hh\\:mm\\:ss}" : "";
            Line(item, $"{result.Outcome}{duration}: {result.Message}");
            item.State = ItemState.Final;
            Status(item, result.Outcome.ToString());
        }

        private void Status(RolloutItem item, string status)
        {
            item.Status = status;
            _changed(item);
        }

        private void Line(RolloutItem item, string text) => _log.Information($"{Time(_options.Now())} {Label(item)}: {text}");

        private void Journal(RolloutItem item, string journalEvent, string? requestId = null, string? detail = null)
        {
            if (_journal == null) return;
            _journal.Append(_operation.Kind.JournalName, item.ServiceGroupInstanceNo, _clusters.NameOf(item.ServiceGroupInstanceNo),
                journalEvent, requestId ?? item.Result.RequestId, detail, _operation.JournalTarget);
        }

        internal static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
