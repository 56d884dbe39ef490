using System;
using System.Globalization;
using System.Management.Automation;
using Cdss.Rollout;

namespace Cdss.Commands
{
    /// <summary>
    /// Records an operator's decision about clusters a rollout could not finish on its own (OutcomeUnknown, TimedOut,
    /// WaitInterrupted, Failed): "Done" (it happened; later runs report AlreadyDone) or "Retry" (the next run pre-checks
    /// it and requests it exactly once more). It only appends to the journal; nothing is sent to the service.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "CdssRollout", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(ResolutionTypeName)]
    public sealed class ResolveCdssRollout : CdssCmdlet
    {
        internal const string ResolutionTypeName = "Cdss.RolloutResolution";

        /// <summary>The journal the rollout ran with (-JournalPath of the rollout).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string JournalPath { get; set; } = "";

        /// <summary>The clusters to decide about; rollout results bind by property name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ClusterNumberTransformation]
        [ValidateRange(1L, long.MaxValue)]
        public long[] ServiceGroupInstanceNo { get; set; } = Array.Empty<long>();

        /// <summary>Done: it happened. Retry: request it once more on the next run.</summary>
        [Parameter(Mandatory = true)]
        [ValidateSet("Done", "Retry", IgnoreCase = true)]
        public string As { get; set; } = "";

        /// <summary>Why: kept in the journal with the user name and the time, and shown by later runs.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Reason { get; set; } = "";

        private RolloutJournal? _journal;
        private RolloutResolver? _resolver;

        private bool IsDone => string.Equals(As, "Done", StringComparison.OrdinalIgnoreCase);

        protected override void BeginProcessing()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath);
            try
            {
                _journal = RolloutJournal.Open(path, mustExist: true);
            }
            catch (CdssException ex)
            {
                ThrowCdssError(ex, JournalPath);
            }
            _resolver = new RolloutResolver(_journal!);
        }

        protected override void ProcessRecord()
        {
            foreach (var number in ServiceGroupInstanceNo)
            {
                ForTarget(number, () => Resolve(number));
            }
        }

        private void Resolve(long number)
        {
            var unresolved = _resolver!.Unresolved(number);
            var name = unresolved.Count > 0 ? unresolved[0].History.ClusterName : null;
            var target = $"Cluster {number.ToString(CultureInfo.InvariantCulture)}{(name == null ? "" : $" ({name})")} in the journal '{_journal!.Path}'";
            var action = IsDone
                ? "Record it as done: later runs report AlreadyDone and request nothing"
                : "Record a retry: the next run pre-checks it and requests it once more";
            if (!ShouldProcess(target, action)) return;
            var decision = IsDone ? JournalHistory.DecisionDone : JournalHistory.DecisionRetry;
            foreach (var resolution in _resolver.Resolve(number, decision, UserName(), Reason, DateTimeOffset.UtcNow))
            {
                var label = resolution.ClusterName == null ? $"{number}" : $"{number} ({resolution.ClusterName})";
                WriteInformationLine($"{RolloutRecord.Time(resolution.At)} cluster {label}: {resolution.Operation} resolved as {resolution.Decision} by {resolution.User}: {resolution.Reason}");
                WriteObject(ToObject(resolution));
            }
        }

        private PSObject ToObject(RolloutResolution resolution)
        {
            var output = new PSObject();
            output.TypeNames.Insert(0, ResolutionTypeName);
            output.Properties.Add(new PSNoteProperty("ServiceGroupInstanceNo", resolution.ServiceGroupInstanceNo));
            output.Properties.Add(new PSNoteProperty("ClusterName", resolution.ClusterName));
            output.Properties.Add(new PSNoteProperty("Operation", resolution.Operation));
            output.Properties.Add(new PSNoteProperty("Decision", IsDone ? "Done" : "Retry"));
            output.Properties.Add(new PSNoteProperty("Was", resolution.Was.ToString()));
            output.Properties.Add(new PSNoteProperty("RequestedAt", resolution.RequestedAt));
            output.Properties.Add(new PSNoteProperty("RequestId", resolution.RequestId));
            output.Properties.Add(new PSNoteProperty("ResolvedBy", resolution.User));
            output.Properties.Add(new PSNoteProperty("ResolvedAt", resolution.At));
            output.Properties.Add(new PSNoteProperty("Reason", resolution.Reason));
            output.Properties.Add(new PSNoteProperty("JournalPath", _journal!.Path));
            return output;
        }

        /// <summary>Who decided, as the journal keeps it: DOMAIN\user on Windows, the user name elsewhere.</summary>
        private static string UserName() =>
            Environment.OSVersion.Platform == PlatformID.Win32NT ? $"{Environment.UserDomainName}\\{Environment.UserName}" : Environment.UserName;

        internal override void DisposeResources() => _journal?.Dispose();
    }
}
