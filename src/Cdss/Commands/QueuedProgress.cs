using System;
using System.Collections.Concurrent;

namespace Cdss.Commands
{
    /// <summary>
    /// An IProgress that only queues: reports arrive on worker threads, and the cmdlet writes them from the
    /// pipeline thread (System.Progress would post them to the thread pool instead).
    /// </summary>
    internal sealed class QueuedProgress<T> : IProgress<T>
    {
        private readonly ConcurrentQueue<T> _items = new ConcurrentQueue<T>();

        public void Report(T value) => _items.Enqueue(value);

        public bool TryTake(out T? value) => _items.TryDequeue(out value);
    }
}
