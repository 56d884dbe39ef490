using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Commands
{
    /// <summary>
    /// Base of every Cdss cmdlet: cancellation on Ctrl+C, log relay from worker threads, and one way to turn
    /// a CdssException into an ErrorRecord.
    /// </summary>
    public abstract class CdssCmdlet : PSCmdlet, IDisposable
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        internal PipelineLog Log { get; } = new PipelineLog();

        /// <summary>Cancelled by StopProcessing (Ctrl+C, or PowerShell.Stop()).</summary>
        protected CancellationToken StopToken => _stop.Token;

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>
        /// Waits for a task on the pipeline thread while relaying its log (and running <paramref name="whileWaiting"/>,
        /// e.g. to write progress), and honours Ctrl+C.
        /// </summary>
        protected T Await<T>(Task<T> task, Action? whileWaiting = null)
        {
            try
            {
                while (!task.Wait((int)PollInterval.TotalMilliseconds, StopToken))
                {
                    FlushLog();
                    whileWaiting?.Invoke();
                }
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch (AggregateException)
            {
                // Completed with an error: GetResult below rethrows the original exception.
            }
            FlushLog();
            whileWaiting?.Invoke();
            if (task.IsCanceled && StopToken.IsCancellationRequested) throw new PipelineStoppedException();
            return task.GetAwaiter().GetResult();
        }

        /// <summary>Waits on the pipeline thread; Ctrl+C ends the wait at once.</summary>
        protected void Sleep(TimeSpan wait)
        {
            if (StopToken.WaitHandle.WaitOne(wait)) throw new PipelineStoppedException();
        }

        /// <summary>Writes queued Verbose/Debug/Warning messages. Call only from the pipeline thread.</summary>
        protected void FlushLog()
        {
            while (Log.TryTake(out var entry))
            {
                switch (entry.Kind)
                {
                    case PipelineLog.Kind.Verbose: WriteVerbose(entry.Message); break;
                    case PipelineLog.Kind.Debug: WriteDebug(entry.Message); break;
                    case PipelineLog.Kind.Warning: WriteWarning(entry.Message); break;
                }
            }
        }

        protected static ErrorRecord ToErrorRecord(Exception exception, object? target)
        {
            if (exception is CdssException cdss)
            {
                var message = cdss.Message;
                if (!string.IsNullOrEmpty(cdss.RequestId) && !message.Contains(cdss.RequestId))
                {
                    message = message.TrimEnd('.') + $". RequestId: {cdss.RequestId}.";
                }
                var record = new ErrorRecord(cdss, cdss.ErrorId, Map(cdss.Category), target)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = cdss.RecommendedAction ?? "" },
                };
                return record;
            }
            return new ErrorRecord(exception, CdssErrorIds.UnexpectedError, ErrorCategory.NotSpecified, target);
        }

        protected void WriteCdssError(Exception exception, object? target) => WriteError(ToErrorRecord(exception, target));

        protected void ThrowCdssError(Exception exception, object? target) => ThrowTerminatingError(ToErrorRecord(exception, target));

        private static ErrorCategory Map(CdssErrorCategory category) => category switch
        {
            CdssErrorCategory.InvalidArgument => ErrorCategory.InvalidArgument,
            CdssErrorCategory.InvalidData => ErrorCategory.InvalidData,
            CdssErrorCategory.AuthenticationError => ErrorCategory.AuthenticationError,
            CdssErrorCategory.PermissionDenied => ErrorCategory.PermissionDenied,
            CdssErrorCategory.ObjectNotFound => ErrorCategory.ObjectNotFound,
            CdssErrorCategory.LimitsExceeded => ErrorCategory.LimitsExceeded,
            CdssErrorCategory.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            CdssErrorCategory.ConnectionError => ErrorCategory.ConnectionError,
            CdssErrorCategory.OperationTimeout => ErrorCategory.OperationTimeout,
            CdssErrorCategory.SecurityError => ErrorCategory.SecurityError,
            CdssErrorCategory.InvalidResult => ErrorCategory.InvalidResult,
            CdssErrorCategory.InvalidOperation => ErrorCategory.InvalidOperation,
            _ => ErrorCategory.NotSpecified,
        };

        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Base of the cmdlets that call the API: the -Session parameter and the default-session fallback.</summary>
    public abstract class CdssSessionCmdlet : CdssCmdlet
    {
        /// <summary>The session to use; defaults to this runspace's default session from Connect-Cdss.</summary>
        [Parameter]
        [ValidateNotNull]
        public Session? Session { get; set; }

        /// <summary>The session in effect; a terminating CdssNoSession error when there is none.</summary>
        protected Session ResolveSession()
        {
            var session = Session ?? DefaultSessionStore.Get();
            if (session == null || !session.IsConnected)
            {
                var reason = session == null ? "There is no Cdss session in this runspace" : $"The session for {session.AccessKey} was disconnected";
                ThrowCdssError(new CdssException(CdssErrorIds.NoSession, CdssErrorCategory.InvalidOperation,
                    $"{reason}, so no request was sent.",
                    "Run Connect-Cdss first, or pass -Session with a session from Connect-Cdss."), null);
            }
            return session!;
        }
    }
}
