using System.Collections.Concurrent;
using Cdss.Transport;

namespace Cdss.Commands
{
    /// <summary>
    /// Collects Verbose/Debug/Warning text from worker threads; the cmdlet writes it out from the pipeline thread.
    /// </summary>
    internal sealed class PipelineLog : ICdssLog
    {
        internal enum Kind { Verbose, Debug, Warning }

        private readonly ConcurrentQueue<(Kind Kind, string Message)> _messages = new ConcurrentQueue<(Kind, string)>();

        public void Verbose(string message) => _messages.Enqueue((Kind.Verbose, message));
        public void Debug(string message) => _messages.Enqueue((Kind.Debug, message));
        public void Warning(string message) => _messages.Enqueue((Kind.Warning, message));

        public bool TryTake(out (Kind Kind, string Message) entry) => _messages.TryDequeue(out entry);
    }
}
