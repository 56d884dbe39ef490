using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Cdss.Api;
using Cdss.Rollout;

namespace Cdss.Commands
{
    /// <summary>
    /// Runs a rollout from a cmdlet: the engine works on other threads; this writes, on the pipeline thread, each
    /// cluster's result in input order as soon as it and every earlier one are final, the record lines, an overall
    /// "cluster n of N" bar and a bar per running cluster. The per-cluster error records are written only at the
    /// end, after every result: under $ErrorActionPreference = 'Stop' the first of them ends the command, and by
    /// then no cluster this rollout started is left unwatched. Shared by every rollout cmdlet.
    /// </summary>
    internal sealed class RolloutRunner
    {
        private const int OverallActivityId = 10;
        private readonly CdssCmdlet _cmdlet;
        private readonly string _activity;
        private readonly ConcurrentQueue<RolloutItem> _changes = new ConcurrentQueue<RolloutItem>();
        private readonly HashSet<int> _barsShown = new HashSet<int>();
        private IReadOnlyList<RolloutItem> _items = Array.Empty<RolloutItem>();
        private int _nextToWrite;

        public RolloutRunner(CdssCmdlet cmdlet, string activity)
        {
            _cmdlet = cmdlet;
            _activity = activity;
        }

        /// <summary>For the engine's callbacks (any thread).</summary>
        private void Changed(RolloutItem item) => _changes.Enqueue(item);

        public void Run(IRolloutOperation operation, RolloutOptions options, CdssClient client, IReadOnlyList<long> targets,
            string? journalPath, Action? beforeRollout = null)
        {
            using var journal = journalPath == null ? null : RolloutJournal.Open(journalPath);
            var record = new RolloutRecord(operation.Kind, operation.JournalTarget, options.Now, client.Clusters, _cmdlet.Log, journal, Changed);
            var engine = new RolloutEngine(operation, options, record, journal, Changed);
            try
            {
                LearnNames(client, targets);
                if (options.Traffic != null && targets.Count > 0)
                {
                    _cmdlet.Await(options.Traffic.CheckMetricAsync(targets[0], options.Now(), _cmdlet.StopToken));
                }
                beforeRollout?.Invoke();
                var run = engine.RunAsync(targets, _cmdlet.StopToken);
                _items = engine.Items;
                _cmdlet.Await(run, () => { _items = engine.Items; Refresh(); });
                _items = engine.Items;
                Refresh();
            }
            catch (PipelineStoppedException)
            {
                WarnStillRunning(engine, operation, journal?.Path);
                throw;
            }
            _cmdlet.WriteProgress(new ProgressRecord(OverallActivityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            foreach (var item in _items.Where(i => i.Error != null))
            {
                _cmdlet.WriteError(_cmdlet.ToErrorRecord(item.Error!, item.ServiceGroupInstanceNo));
            }
        }

        /// <summary>
        /// Numbers given alone carry no name; one read of the cluster list lets every result and line name its cluster.
        /// A failure here only costs the names.
        /// </summary>
        private void LearnNames(CdssClient client, IReadOnlyList<long> targets)
        {
            if (targets.All(no => client.Clusters.NameOf(no) != null)) return;
            try
            {
                var pager = client.ListClusters(null);
                while (_cmdlet.Await(pager.NextAsync(_cmdlet.StopToken)) != null) { }
            }
            catch (CdssException ex)
            {
                _cmdlet.WriteVerbose($"Could not read the cluster list for the clusters' names ({ex.ErrorId}); results show numbers only.");
            }
        }

        private void Refresh()
        {
            var touched = new HashSet<RolloutItem>();
            while (_changes.TryDequeue(out var item)) touched.Add(item);
            while (_nextToWrite < _items.Count && _items[_nextToWrite].Phase.IsFinal())
            {
                _cmdlet.WriteObject(TypedOutput.Wrap(_items[_nextToWrite++].Result));
            }
            if (touched.Count == 0 || _items.Count == 0) return;
            var final = _items.Count(i => i.Phase.IsFinal());
            _cmdlet.WriteProgress(new ProgressRecord(OverallActivityId, _activity, $"Cluster {Math.Min(final + 1, _items.Count)} of {_items.Count}")
            {
                PercentComplete = final * 100 / _items.Count,
            });
            foreach (var item in touched)
            {
                var id = OverallActivityId + 1 + item.Index;
                var label = item.Result.ClusterName == null ? $"Cluster {item.ServiceGroupInstanceNo}" : $"Cluster {item.ServiceGroupInstanceNo} ({item.Result.ClusterName})";
                if (item.Phase.IsFinal())
                {
                    if (_barsShown.Remove(id)) _cmdlet.WriteProgress(new ProgressRecord(id, label, item.Status) { ParentActivityId = OverallActivityId, RecordType = ProgressRecordType.Completed });
                    continue;
                }
                var progress = item.Result.Progress;
                var record = new ProgressRecord(id, label, item.Status) { ParentActivityId = OverallActivityId, CurrentOperation = progress?.NodeSummary() };
                if (progress != null && progress.BrokersTotal > 0) record.PercentComplete = Math.Min(100, progress.BrokersUp * 100 / progress.BrokersTotal);
                _barsShown.Add(id);
                _cmdlet.WriteProgress(record);
            }
        }

        /// <summary>After Ctrl+C: which clusters keep going on the service, written even though the pipeline is stopping.</summary>
        private void WarnStillRunning(RolloutEngine engine, IRolloutOperation operation, string? journalPath)
        {
            var running = engine.Running;
            if (running.Count == 0) return;
            var names = string.Join(", ", running.Select(i => i.Result.ClusterName == null ? $"{i.ServiceGroupInstanceNo}" : $"{i.ServiceGroupInstanceNo} ({i.Result.ClusterName})"));
            var advice = RolloutAdvice.Reattach(operation.Kind, journalPath, running.Select(i => i.ServiceGroupInstanceNo).ToArray());
            var text = $"Stopped. The {operation.Kind.DisplayName} of these clusters is still running on the service: {names}. {advice}";
            try { _cmdlet.Host.UI.WriteWarningLine(text); }
            catch (Exception) { /* no host to tell */ }
        }
    }
}
