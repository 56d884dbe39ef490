using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Api
{
    /// <summary>One observation while waiting for a rolling restart.</summary>
    internal sealed class RestartProgressUpdate
    {
        public RestartProgressUpdate(RollingRestartProgress progress, int brokersRestarted)
        {
            Progress = progress;
            BrokersRestarted = brokersRestarted;
        }

        public RollingRestartProgress Progress { get; }

        /// <summary>Brokers seen restarting that are green again (all of them once the cluster is complete).</summary>
        public int BrokersRestarted { get; }
    }

    /// <summary>
    /// Polls a cluster after its rolling restart was accepted until all brokers are up and green, it turns
    /// red (CdssRestartFailed), or the time runs out (CdssRestartTimeout).
    /// </summary>
    internal sealed class RollingRestartWatcher
    {
        /// <summary>Green polls in a row that count as done when no change was ever seen (a very quick restart).</summary>
        public const int QuietGreenPolls = 3;

        private readonly Func<long, CancellationToken, Task<RollingRestartProgress>> _poll;
        private readonly TimeSpan _pollInterval;
        private readonly TimeSpan _timeout;

        public RollingRestartWatcher(Func<long, CancellationToken, Task<RollingRestartProgress>> poll, TimeSpan pollInterval, TimeSpan timeout)
        {
            _poll = poll ?? throw new ArgumentNullException(nameof(poll));
            _pollInterval = pollInterval;
            _timeout = timeout;
        }

        /// <summary>Overridable wait between polls, so unit tests need not sleep.</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (wait, token) => Task.Delay(wait, token);

        /// <summary>Overridable elapsed-time source for the timeout.</summary>
        public Func<TimeSpan>? Elapsed { get; set; }

        public async Task<RollingRestartProgress> WaitAsync(long serviceGroupInstanceNo, IProgress<RestartProgressUpdate>? progress, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            var elapsed = Elapsed ?? (() => watch.Elapsed);
            var sawChange = false;
            var polls = 0;
            // The API reports brokers up, not brokers done; a node seen restarting and now green is done.
            var restarting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                var current = await _poll(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
                polls++;
                restarting.UnionWith(current.Nodes.Where(n => !IsGreen(n)).Select(n => n.Hostname));
                var done = current.IsComplete ? current.BrokersTotal : current.Nodes.Count(n => IsGreen(n) && restarting.Contains(n.Hostname));
                progress?.Report(new RestartProgressUpdate(current, done));
                var name = current.ClusterName ?? serviceGroupInstanceNo.ToString(System.Globalization.CultureInfo.InvariantCulture);

                if (current.IsFailed)
                {
                    throw new CdssException(CdssErrorIds.RestartFailed, CdssErrorCategory.InvalidResult,
                        $"The rolling restart of {name} turned {current.BrokerStatus}: {current.BrokersUp}/{current.BrokersTotal} brokers up; nodes: {current.NodeSummary()}.",
                        "Look at the failed nodes in the NAVER Cloud console or with Get-CdssRollingRestartProgress, and contact support with the cluster number.");
                }
                // Right after acceptance the status may not have changed yet; don't mistake that for "done".
                if (current.IsComplete && (sawChange || polls >= QuietGreenPolls)) return current;
                if (!current.IsComplete) sawChange = true;
                if (elapsed() >= _timeout)
                {
                    throw new CdssException(CdssErrorIds.RestartTimeout, CdssErrorCategory.OperationTimeout,
                        $"The rolling restart of {name} did not finish within {_timeout.TotalMinutes:0.#} minutes: {current.BrokersUp}/{current.BrokersTotal} brokers up, status {current.BrokerStatus}; nodes: {current.NodeSummary()}.",
                        "The restart keeps running on the service; follow it with Get-CdssRollingRestartProgress, or wait longer with -TimeoutMinutes.");
                }
                await Delay(_pollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        private static bool IsGreen(NodeStatus node) => string.Equals(node.Status, "green", StringComparison.OrdinalIgnoreCase);
    }
}
