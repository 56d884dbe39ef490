using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Rollout
{
    /// <summary>
    /// The traffic gate, once the done rule says the operation finished:
    /// <list type="number">
    /// <item>Read the gate's metric from the start of the baseline window (the window before the request time, as the
    /// journal records it for a resumed run) up to now.</item>
    /// <item>The baseline is the metric's mean over that window (the steps that end before the request). Absent, or
    /// zero: one CdssMetricUnavailable warning, and the cluster is not gated (Succeeded, saying so).</item>
    /// <item>The latest value counts once its point's step reaches the moment the operation was done; at or above
    /// Recovery × baseline the cluster is Succeeded, and the next one may start.</item>
    /// <item>A failed read is a warning and the wait goes on. Not recovered (or not readable) by the timeout: Failed,
    /// CdssTrafficNotRecovered, naming the baseline and the last value; the rollout halts as for any failure.</item>
    /// </list>
    /// </summary>
    internal sealed class TrafficWatcher
    {
        private readonly IRolloutOperation _operation;
        private readonly RolloutOptions _options;
        private readonly RolloutRecord _record;
        private readonly string? _journalPath;

        public TrafficWatcher(IRolloutOperation operation, RolloutOptions options, RolloutRecord record, string? journalPath)
        {
            _operation = operation;
            _options = options;
            _record = record;
            _journalPath = journalPath;
        }

        public async Task WaitAsync(RolloutItem item, string done, CancellationToken cancellationToken)
        {
            var gate = _options.Traffic!;
            var no = item.ServiceGroupInstanceNo;
            var doneAt = _options.Now();
            var requestedAt = item.Result.RequestedAt ?? doneAt;
            var from = requestedAt - gate.BaselineWindow;
            var deadline = doneAt + _options.Timeout;
            var share = Percent(gate.Recovery);
            item.Apply(RolloutEvent.AwaitingTraffic, _record,
                $"{done}; waiting for {gate.Metric} to come back to {share} of its mean over the {Minutes(gate.BaselineWindow)} before the request");
            CdssException? lastError = null;
            double? lastShare = null;
            // The lowest value seen in any read: a service may smooth a step it has closed, so one read can miss the dip.
            double? lowest = null;
            while (true)
            {
                var now = _options.Now();
                try
                {
                    var points = await gate.Read(no, gate.Metric, from, now, cancellationToken).ConfigureAwait(false);
                    lastError = null;
                    // Only steps wholly before the request: a step that ends after it may already hold the dip.
                    var step = points.Select(StepOf).FirstOrDefault();
                    var baseline = MetricSeries.Mean(points, gate.Metric, from, requestedAt - step);
                    if (baseline == null || baseline <= 0)
                    {
                        NotGated(item, done, baseline == null
                            ? $"{gate.Metric} is not in the monitoring answer for the {Minutes(gate.BaselineWindow)} before the request"
                            : $"{gate.Metric} was 0 over the {Minutes(gate.BaselineWindow)} before the request");
                        return;
                    }
                    var after = points.Where(p => p.Timestamp + step > requestedAt).ToList();
                    var latest = MetricSeries.LatestPoint(after, gate.Metric);
                    var dip = after.Where(p => string.Equals(p.Metric, gate.Metric, StringComparison.OrdinalIgnoreCase)).Select(p => (double?)p.Value).Min();
                    if (dip != null && (lowest == null || dip < lowest)) lowest = dip;
                    item.Result.TrafficBaseline = baseline;
                    // A point counts once its step reaches the moment the operation was done.
                    if (latest != null && latest.Timestamp + StepOf(latest) > doneAt)
                    {
                        var value = MetricSeries.Latest(after.Where(p => p.Timestamp == latest.Timestamp), gate.Metric)!.Value;
                        if (lowest == null || value < lowest) lowest = value;
                        item.Result.TrafficAfter = value;
                        var reached = value / baseline.Value;
                        if (value >= gate.Recovery * baseline.Value)
                        {
                            item.Result.Message = $"{done}; traffic back: {gate.Metric} {Number(value)} ({Percent(reached)} of the baseline {Number(baseline.Value)}, " +
                                                  $"lowest after the request {Number(lowest!.Value)}).";
                            item.Apply(RolloutEvent.TrafficRecovered, _record);
                            return;
                        }
                        if (lastShare == null || Math.Abs(reached - lastShare.Value) >= 0.05)
                        {
                            lastShare = reached;
                            item.Apply(RolloutEvent.TrafficRead, _record,
                                $"traffic: {gate.Metric} {Number(value)}, {Percent(reached)} of the baseline {Number(baseline.Value)} (lowest {Number(lowest!.Value)}); waiting for {share}");
                        }
                    }
                }
                catch (Exception ex) when (CdssException.From(ex) is { } error)
                {
                    lastError = error;
                    _record.Warning(item, $"could not read {gate.Metric} ({error.Description.TrimEnd('.')}); still waiting");
                }
                if (now >= deadline)
                {
                    NotRecovered(item, lastError);
                    return;
                }
                _record.Heartbeat(item, () => $"still waiting for {gate.Metric} to come back to {share} of the baseline" +
                    (item.Result.TrafficAfter is { } after && item.Result.TrafficBaseline is { } b ? $" (now {Percent(after / b)})" : "") +
                    $"; the timeout is at {RolloutRecord.Time(deadline)}");
                var wait = deadline - now < _options.PollInterval ? deadline - now : _options.PollInterval;
                await _options.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private void NotGated(RolloutItem item, string done, string why)
        {
            _record.Warning(item, $"{CdssErrorIds.MetricUnavailable}: {why}; the cluster is not gated on traffic");
            item.Result.Message = $"{done}; not gated on traffic: {why}.";
            item.Apply(RolloutEvent.TrafficNotGated, _record);
        }

        private void NotRecovered(RolloutItem item, CdssException? lastError)
        {
            var gate = _options.Traffic!;
            var result = item.Result;
            var last = result.TrafficAfter is { } value
                ? $"{gate.Metric} is {Number(value)}" + (result.TrafficBaseline is { } b ? $", {Percent(value / b)} of" : ", against")
                : lastError != null ? $"{gate.Metric} could not be read ({lastError.ErrorId}), against" : $"no reading of {gate.Metric} after it finished, against";
            var baseline = result.TrafficBaseline is { } baselineValue ? $" the baseline {Number(baselineValue)}" : " a baseline that could not be read";
            var why = $"The traffic did not come back within {_options.Timeout.TotalMinutes:0.#} minutes after the {_operation.Kind.DisplayName}: {last}{baseline} " +
                      $"(its mean over the {Minutes(gate.BaselineWindow)} before the request); the gate needs {Percent(gate.Recovery)}.";
            item.Error = new CdssException(CdssErrorIds.TrafficNotRecovered, CdssErrorCategory.OperationTimeout,
                why + RolloutAdvice.DecideWith(item.ServiceGroupInstanceNo, _journalPath, "Once the traffic is looked after, decide"),
                $"Look at the cluster's producers and consumers, and at Get-CdssMetric {item.ServiceGroupInstanceNo.ToString(CultureInfo.InvariantCulture)} -Metric {gate.Metric}; " +
                "the rollout stopped so that no other cluster is touched.")
            {
                RequestId = result.RequestId,
            };
            result.Message = item.Error.Description;
            item.Apply(RolloutEvent.TrafficNotRecovered, _record, detail: why);
        }

        /// <summary>The step of the interval the point was read at; the points come from the gate's own query, so it is known.</summary>
        private static TimeSpan StepOf(MetricPoint point) => MetricInterval.Named(point.Interval)?.Step ?? TimeSpan.Zero;

        private static string Minutes(TimeSpan span) => $"{span.TotalMinutes:0.#} minutes";

        private static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

        private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
    }
}
