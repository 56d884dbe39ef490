using System.Collections.Concurrent;
using Cdss.Transport;

namespace Cdss.Commands
{
    /// <summary>
    /// Collects Verbose/Debug/Warning/Information text from worker threads; the cmdlet writes it out from the
    /// pipeline thread, since PowerShell forbids Write-* calls from other threads.
    /// </summary>
    internal sealed class PipelineLog : ICdssLog
    {
        internal enum Kind { Verbose, Debug, Warning, Information }

        private readonly ConcurrentQueue<(Kind Kind, string Message)> _messages = new ConcurrentQueue<(Kind, string)>();

        public void Verbose(string message) => _messages.Enqueue((Kind.Verbose, message));
        public void Debug(string message) => _messages.Enqueue((Kind.Debug, message));
        public void Warning(string message) => _messages.Enqueue((Kind.Warning, message));
        public void Information(string message) => _messages.Enqueue((Kind.Information, message));

        public bool TryTake(out (Kind Kind, string Message) entry) => _messages.TryDequeue(out entry);
    }
}
