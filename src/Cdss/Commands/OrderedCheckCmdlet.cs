using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>
    /// Base of the pre-check cmdlets: one read-only check per cluster number, up to -ThrottleLimit at once, results
    /// written strictly in input order (one object or one error per number), -Quiet for a [bool] per number, and a
    /// progress bar on long runs.
    /// </summary>
    public abstract class OrderedCheckCmdlet<TResult> : CdssSessionCmdlet where TResult : class
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private CdssClient? _client;
        private OrderedRequestQueue<TResult>? _queue;
        private readonly Stopwatch _progressClock = new Stopwatch();
        private int _done;
        private long _lastProgressMs = -1;

        /// <summary>The clusters to check, from the parameter or the pipeline (by value or by property name).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ClusterNumberTransformation]
        [ValidateRange(1L, long.MaxValue)]
        [ArgumentCompleter(typeof(ClusterNumberCompleter))]
        public long[] ServiceGroupInstanceNo { get; set; } = Array.Empty<long>();

        /// <summary>Write only the yes/no answer ([bool]) for each number.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>How many checks may be in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>The progress bar's title, e.g. "Rolling-restart pre-check".</summary>
        protected abstract string Activity { get; }

        /// <summary>The check for one number; runs on a worker thread.</summary>
        private protected abstract Task<TResult> CheckAsync(CdssClient client, long serviceGroupInstanceNo, CancellationToken cancellationToken);

        /// <summary>What -Quiet writes for a result.</summary>
        protected abstract bool Answer(TResult result);

        protected override void BeginProcessing()
        {
            _client = ResolveSession().CreateClient(Log);
            _queue = new OrderedRequestQueue<TResult>(ThrottleLimit, StopToken);
            _progressClock.Start();
        }

        protected sealed override void ProcessRecord()
        {
            foreach (var number in ServiceGroupInstanceNo)
            {
                var captured = number;
                _queue!.Enqueue(captured, token => CheckAsync(_client!, captured, token));
            }
            // Stream what is ready; hold back only when far ahead, so memory stays bounded on huge inputs.
            Drain(untilPendingAtMost: _queue!.ThrottleLimit * 4, total: null);
        }

        protected sealed override void EndProcessing()
        {
            // The total is known only now; a bar already on screen shows it at once.
            if (_lastProgressMs >= 0) ShowProgress(_queue!.Queued, force: true);
            Drain(untilPendingAtMost: 0, total: _queue!.Queued);
            if (_progressClock.Elapsed > ProgressInterval) WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private void Drain(int untilPendingAtMost, int? total)
        {
            var queue = _queue!;
            while (queue.Pending > 0)
            {
                QueuedResult<TResult>? result;
                try
                {
                    var mustWait = queue.Pending > untilPendingAtMost;
                    if (!queue.TryTake(mustWait ? TimeSpan.FromMilliseconds(50) : TimeSpan.Zero, out result))
                    {
                        FlushLog();
                        if (!mustWait) return;
                        ShowProgress(total);
                        continue;
                    }
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }
                FlushLog();
                Emit(result!);
                _done++;
                ShowProgress(total);
            }
        }

        private void Emit(QueuedResult<TResult> result)
        {
            if (result.Error != null)
            {
                WriteError(ToErrorRecord(result.Error, result.Input));
                return;
            }
            if (Quiet) WriteObject(Answer(result.Value!));
            else WriteObject(result.Value);
        }

        internal override void DisposeResources() => _queue?.Dispose();

        private void ShowProgress(int? total, bool force = false)
        {
            // Only long runs get a bar, refreshed a few times a second rather than per item.
            var now = _progressClock.ElapsedMilliseconds;
            if (!force && (now < ProgressInterval.TotalMilliseconds || now - _lastProgressMs < ProgressInterval.TotalMilliseconds)) return;
            _lastProgressMs = now;
            var record = new ProgressRecord(1, Activity,
                total.HasValue ? $"Checked {_done} of {total.Value} clusters" : $"Checked {_done} clusters");
            if (total.HasValue && total.Value > 0) record.PercentComplete = Math.Min(100, _done * 100 / total.Value);
            WriteProgress(record);
        }
    }
}
