using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Commands
{
    /// <summary>
    /// Runs up to <c>throttleLimit</c> calls at once but hands results back strictly in the order they were
    /// queued, exactly one per call. The caller (a cmdlet) takes them on its own thread and writes them out.
    /// </summary>
    internal sealed class OrderedRequestQueue<T> : IDisposable
    {
        private readonly Queue<(object? Input, Task<T> Task)> _pending = new Queue<(object?, Task<T>)>();
        private readonly SemaphoreSlim _slots;
        private readonly CancellationTokenSource _stop;
        private readonly CancellationToken _cancellationToken;

        public OrderedRequestQueue(int throttleLimit, CancellationToken cancellationToken)
        {
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit));
            ThrottleLimit = throttleLimit;
            _slots = new SemaphoreSlim(throttleLimit, throttleLimit);
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _cancellationToken = _stop.Token;
        }

        public int ThrottleLimit { get; }
        public int Pending => _pending.Count;
        public int Queued { get; private set; }

        public void Enqueue(object? input, Func<CancellationToken, Task<T>> work)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(OrderedRequestQueue<T>));
            Queued++;
            _pending.Enqueue((input, RunAsync(work)));
        }

        private async Task<T> RunAsync(Func<CancellationToken, Task<T>> work)
        {
            await _slots.WaitAsync(_cancellationToken).ConfigureAwait(false);
            try
            {
                // A slot freed by a cancelled call can be handed to a waiter before its own cancellation lands.
                _cancellationToken.ThrowIfCancellationRequested();
                return await work(_cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }

        /// <summary>Takes the oldest result if it is done, without waiting.</summary>
        public bool TryTake(out QueuedResult<T>? result) => TryTake(TimeSpan.Zero, out result);

        /// <summary>Waits up to <paramref name="wait"/> for the oldest call to finish and takes its result.</summary>
        /// <exception cref="OperationCanceledException">The queue's token was cancelled.</exception>
        public bool TryTake(TimeSpan wait, out QueuedResult<T>? result)
        {
            result = null;
            if (_pending.Count == 0) return false;
            var head = _pending.Peek();
            try
            {
                if (!head.Task.Wait((int)wait.TotalMilliseconds, _cancellationToken)) return false;
            }
            catch (AggregateException)
            {
                // The task is complete and faulted; its exception is read below.
            }
            _pending.Dequeue();
            _cancellationToken.ThrowIfCancellationRequested();
            if (head.Task.IsCanceled) throw new OperationCanceledException(_cancellationToken);
            result = head.Task.IsFaulted
                ? new QueuedResult<T>(head.Input, default, Unwrap(head.Task.Exception!))
                : new QueuedResult<T>(head.Input, head.Task.Result, null);
            return true;
        }

        private static Exception Unwrap(AggregateException exception) =>
            exception.InnerExceptions.Count == 1 ? exception.InnerExceptions[0] : exception;

        private bool _disposed;

        /// <summary>
        /// Cancels every call still waiting for a slot or in flight, so nothing is sent after the owner is gone.
        /// The semaphore is left to the GC: calls finishing on other threads still release it.
        /// </summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
