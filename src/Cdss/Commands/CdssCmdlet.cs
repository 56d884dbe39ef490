using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Commands
{
    /// <summary>
    /// Base of every Cdss cmdlet: cancellation (Ctrl+C, or the pipeline ending early), log relay from worker
    /// threads, confirmation, and the one way a failure for one input becomes an ErrorRecord.
    /// </summary>
    public abstract class CdssCmdlet : PSCmdlet, IDisposable
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private bool _disposed;

        internal PipelineLog Log { get; } = new PipelineLog();

        /// <summary>
        /// Cancelled by StopProcessing (Ctrl+C, PowerShell.Stop()) and by Dispose, which PowerShell calls when the
        /// pipeline ends, also early (Select-Object -First, a downstream error): nothing keeps running after that.
        /// </summary>
        internal CancellationToken StopToken => _stop.Token;

        protected override void StopProcessing() => Cancel();

        private void Cancel()
        {
            try { _stop.Cancel(); }
            catch (ObjectDisposedException) { }
        }

        /// <summary>
        /// Waits for a task on the pipeline thread while relaying its log (and running <paramref name="whileWaiting"/>,
        /// e.g. to write progress), and honours Ctrl+C.
        /// </summary>
        internal T Await<T>(Task<T> task, Action? whileWaiting = null)
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

        /// <summary>Await for work that returns nothing.</summary>
        internal void Await(Task task, Action? whileWaiting = null) => Await(Completion(task), whileWaiting);

        private static async Task<bool> Completion(Task task)
        {
            await task.ConfigureAwait(false);
            return true;
        }

        /// <summary>Writes queued Verbose/Debug/Warning/Information messages. Call only from the pipeline thread.</summary>
        internal void FlushLog()
        {
            while (Log.TryTake(out var entry))
            {
                switch (entry.Kind)
                {
                    case PipelineLog.Kind.Verbose: WriteVerbose(entry.Message); break;
                    case PipelineLog.Kind.Debug: WriteDebug(entry.Message); break;
                    case PipelineLog.Kind.Warning: WriteWarning(entry.Message); break;
                    case PipelineLog.Kind.Information: WriteInformationLine(entry.Message); break;
                }
            }
        }

        /// <summary>
        /// A line for the record: the Information stream, shown by default like Write-Host output (console, a
        /// redirected pwsh -File run, CI logs, Azure Automation job output) and silenced with 6>$null.
        /// </summary>
        internal void WriteInformationLine(string message)
        {
            var text = new HostInformationMessage { Message = message, NoNewLine = false };
            WriteInformation(new InformationRecord(text, MyInvocation.MyCommand?.Name ?? "Cdss") { Tags = { "PSHOST", "Cdss" } });
        }

        /// <summary>
        /// The single confirmation rule: -WhatIf always wins (nothing is done); -Force skips the prompt unless
        /// -Confirm was given explicitly; otherwise ShouldProcess and $ConfirmPreference decide.
        /// </summary>
        internal bool ShouldProceed(string target, string action, bool force)
        {
            var bound = MyInvocation.BoundParameters;
            var explicitConfirm = bound.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter c && c.IsPresent;
            var whatIf = (bound.TryGetValue("WhatIf", out var w) && w is SwitchParameter s && s.IsPresent) ||
                         (!bound.ContainsKey("WhatIf") && LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference")));
            if (force && !explicitConfirm && !whatIf) return true;
            try
            {
                return ShouldProcess(target, action);
            }
            catch (Exception ex) when (ex is System.Management.Automation.Host.HostException || ex is PSInvalidOperationException)
            {
                // The prompt could not be shown (a non-interactive host): one stable id, whichever cmdlet asked.
                ThrowCdssError(new CdssException(CdssErrorIds.ConfirmationRequired, CdssErrorCategory.InvalidOperation,
                    $"{target}: '{action}' needs a confirmation, but this host cannot prompt (it is non-interactive: pwsh -NonInteractive, a CI job or a runbook), so nothing was done",
                    "Add -Force (or -Confirm:$false) to go ahead without a prompt, or -WhatIf to see what would happen.", ex) { Subject = "" }, target);
                return false;
            }
        }

        /// <summary>
        /// Runs the work for one input. Any failure becomes that input's non-terminating error (the right id and
        /// category, naming the target); the pipeline goes on with the next input. Stops pass through.
        /// </summary>
        /// <returns>True when the work completed without an error.</returns>
        internal bool ForTarget(object? target, Action work)
        {
            try
            {
                work();
                return true;
            }
            catch (PipelineStoppedException)
            {
                throw;
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                WriteError(ToErrorRecord(ex, target));
                return false;
            }
        }

        /// <summary>How an input is named at the front of an error message (e.g. "Cluster 3432149 (kafka-prod-01)"), or null.</summary>
        internal virtual string? DescribeTarget(object? target) => null;

        /// <summary>Turns any exception into the ErrorRecord scripts match on; the message is the exception's own.</summary>
        internal ErrorRecord ToErrorRecord(Exception exception, object? target)
        {
            var cdss = CdssException.From(exception);
            if (cdss == null) return new ErrorRecord(exception, CdssErrorIds.UnexpectedError, ErrorCategory.NotSpecified, target);
            if (cdss.Subject == null) cdss.Subject = DescribeTarget(target);
            return new ErrorRecord(cdss, cdss.ErrorId, Map(cdss.Category), target)
            {
                ErrorDetails = new ErrorDetails(cdss.Message) { RecommendedAction = cdss.RecommendedAction ?? "" },
            };
        }

        /// <summary>The one CdssNoSession error: no session, or a disconnected one.</summary>
        internal static CdssException NoSessionError(string reason, Exception? inner = null) =>
            new CdssException(CdssErrorIds.NoSession, CdssErrorCategory.InvalidOperation,
                $"{reason}, so no request was sent.",
                "Run Connect-Cdss first, or pass -Session with a session from Connect-Cdss.", inner);

        internal void ThrowCdssError(Exception exception, object? target) => ThrowTerminatingError(ToErrorRecord(exception, target));

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

        /// <summary>Cancels anything still running for this command, then lets subclasses release what they hold.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Cancel();
            DisposeResources();
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Release queues and other resources; the stop token is already cancelled.</summary>
        internal virtual void DisposeResources() { }
    }

    /// <summary>Base of the cmdlets that call the API: the -Session parameter and the default-session fallback.</summary>
    public abstract class CdssSessionCmdlet : CdssCmdlet
    {
        /// <summary>The session to use; defaults to this runspace's default session from Connect-Cdss.</summary>
        [Parameter]
        [ValidateNotNull]
        public Session? Session { get; set; }

        private Session? _resolved;

        /// <summary>The session in effect; a terminating CdssNoSession error when there is none.</summary>
        internal Session ResolveSession()
        {
            var session = Session ?? DefaultSessionStore.Get();
            if (session == null || !session.IsConnected)
            {
                var reason = session == null ? "There is no Cdss session in this runspace" : $"The session for {session.AccessKey} was disconnected";
                ThrowCdssError(NoSessionError(reason), null);
            }
            _resolved = session;
            return session!;
        }

        internal override string? DescribeTarget(object? target)
        {
            var number = target switch
            {
                long l => l,
                int i => i,
                _ => (long?)null,
            };
            if (number == null) return null;
            return _resolved?.Clusters.Label(number.Value) ?? $"Cluster {number.Value}";
        }
    }
}
