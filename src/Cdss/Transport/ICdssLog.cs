namespace Cdss.Transport
{
    /// <summary>
    /// Where the core reports what it is doing. The command layer queues these and writes them from the
    /// pipeline thread, since PowerShell forbids Write-* calls from worker threads.
    /// Implementations must be thread-safe. Nothing passed here may contain the secret key or a signature.
    /// </summary>
    internal interface ICdssLog
    {
        void Verbose(string message);
        void Debug(string message);
        void Warning(string message);

        /// <summary>A line for the record (a rollout's state changes), shown by default.</summary>
        void Information(string message);
    }

    internal sealed class NullLog : ICdssLog
    {
        public static readonly NullLog Instance = new NullLog();
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) { }
        public void Information(string message) { }
    }
}
