using System;
using System.Globalization;
using Cdss.Api;
using Cdss.Transport;

namespace Cdss.Rollout
{
    /// <summary>
    /// Everything a rollout says about itself, and nothing more: a timestamped Information line per state change
    /// (naming the cluster's number and name, so a CI log or an Automation job keeps it), the journal line that
    /// goes with it, warnings, and a notification for the progress bars. It changes no state: phases change in
    /// <see cref="RolloutItem.Apply"/>, which calls it.
    /// </summary>
    internal sealed class RolloutRecord
    {
        private readonly OperationKind _kind;
        private readonly string? _target;
        private readonly ClusterDirectory _clusters;
        private readonly ICdssLog _log;
        private readonly IRolloutJournal? _journal;
        private readonly Action<RolloutItem> _changed;

        public RolloutRecord(OperationKind kind, string? target, Func<DateTimeOffset> now, ClusterDirectory clusters, ICdssLog log,
            IRolloutJournal? journal, Action<RolloutItem> changed)
        {
            _kind = kind;
            _target = target;
            Now = now;
            _clusters = clusters;
            _log = log;
            _journal = journal;
            _changed = changed;
        }

        public Func<DateTimeOffset> Now { get; }

        /// <summary>Called after every transition with the phase it left; the simulation checks its rules here.</summary>
        public Action<RolloutItem, RolloutPhase, RolloutEvent>? Transitioned { get; set; }

        public string? NameOf(long no) => _clusters.NameOf(no);

        /// <summary>"Cluster 3432149 (kafka-prod-01)": how an error about it begins.</summary>
        public string Subject(long no) => _clusters.Label(no);

        public void Remember(long no, string? name) => _clusters.Remember(no, name);

        /// <summary>At most this long without a line about a cluster that is being waited on: a 3 a.m. log must not look hung.</summary>
        public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMinutes(2);

        private readonly System.Collections.Concurrent.ConcurrentDictionary<long, DateTimeOffset> _lastLine =
            new System.Collections.Concurrent.ConcurrentDictionary<long, DateTimeOffset>();

        /// <summary>A line for the record: "2026-11-27T03:00:00Z cluster 3432149 (kafka-prod-01): text".</summary>
        public void Line(RolloutItem item, string text)
        {
            var now = Now();
            _lastLine[item.ServiceGroupInstanceNo] = now;
            _log.Information($"{Time(now)} cluster {Describe(item)}: {text}");
        }

        /// <summary>Says what a wait is waiting for, when nothing was said about the cluster for a while.</summary>
        public void Heartbeat(RolloutItem item, Func<string> text)
        {
            if (_lastLine.TryGetValue(item.ServiceGroupInstanceNo, out var last) && Now() - last < HeartbeatInterval) return;
            Line(item, text());
        }

        /// <summary>A line about the whole rollout.</summary>
        public void Line(string text) => _log.Information($"{Time(Now())} {text}");

        public void Warning(RolloutItem item, string text) => _log.Warning($"{Time(Now())} cluster {Describe(item)}: {text}");

        public void Journal(RolloutItem item, string journalEvent, string? detail)
        {
            if (_journal == null) return;
            var result = item.Result;
            _journal.Append(new JournalEntry
            {
                Time = Now().ToUniversalTime(),
                Operation = _kind.JournalName,
                Target = _target,
                Cluster = item.ServiceGroupInstanceNo,
                ClusterName = _clusters.NameOf(item.ServiceGroupInstanceNo) ?? result.ClusterName,
                Event = journalEvent,
                RequestId = result.RequestId,
                Detail = detail,
                Code = journalEvent == "requested" || journalEvent == "notAccepted" || journalEvent == "skipped" ? result.Code : null,
            });
        }

        public void Changed(RolloutItem item, RolloutPhase from, RolloutEvent on)
        {
            Transitioned?.Invoke(item, from, on);
            _changed(item);
        }

        private string Describe(RolloutItem item)
        {
            var number = item.ServiceGroupInstanceNo.ToString(CultureInfo.InvariantCulture);
            var name = _clusters.NameOf(item.ServiceGroupInstanceNo) ?? item.Result.ClusterName;
            return name == null ? number : $"{number} ({name})";
        }

        internal static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
