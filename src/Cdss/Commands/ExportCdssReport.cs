using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Cdss.Reports;

namespace Cdss.Commands
{
    /// <summary>
    /// Writes pre-check answers and rollout results as a JUnit XML file (for PublishTestResults@2 or the Jenkins
    /// junit step), a Markdown summary, or a self-contained HTML page with a timeline, so a run's outcome is published
    /// where the team already looks. Error records become failed rows too, so a run that never reached its clusters
    /// (a wrong key, a journal in use) is a failure in the report, not an empty one.
    /// </summary>
    [Cmdlet(VerbsData.Export, "CdssReport", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class ExportCdssReport : CdssCmdlet
    {
        /// <summary>Pre-checks (Cdss.RollingRestartPreCheck, Cdss.RollingUpgradePreCheck), rollout results, or ErrorRecords.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>JUnit, Markdown or Html.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet(nameof(ReportFormat.JUnit), nameof(ReportFormat.Markdown), nameof(ReportFormat.Html), IgnoreCase = true)]
        public string Format { get; set; } = nameof(ReportFormat.JUnit);

        private ReportFormat FormatKind => (ReportFormat)Enum.Parse(typeof(ReportFormat), Format, ignoreCase: true);

        /// <summary>Also write the input objects on, so the report can sit in the middle of a pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly List<ReportRow> _rows = new List<ReportRow>();
        private readonly List<ReportRow> _errors = new List<ReportRow>();

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            if (PassThru) WriteObject(InputObject);
            ForTarget(InputObject, () =>
            {
                switch (InputObject.BaseObject)
                {
                    case RollingRestartPreCheck check: _rows.Add(ReportRows.From(check)); break;
                    case RollingUpgradePreCheck check: _rows.Add(ReportRows.From(check)); break;
                    case RolloutResult result: _rows.Add(ReportRows.From(result)); break;
                    case ErrorRecord error: _errors.Add(FromError(error)); break;
                    case var other:
                        throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                            $"Export-CdssReport takes pre-check answers, rollout results and error records, not {other?.GetType().FullName ?? "null"}",
                            "Pipe the output of Test-CdssRollingRestart, Test-CdssRollingUpgrade, a rollout (-Wait) or Wait-CdssRollingRestart, and the errors of a run (-ErrorVariable).");
                }
            });
        }

        protected override void EndProcessing()
        {
            // An error about a cluster that has its own row (a rollout writes both) is already told by that row.
            var clusters = new HashSet<long>(_rows.Where(r => r.ServiceGroupInstanceNo.HasValue).Select(r => r.ServiceGroupInstanceNo!.Value));
            var rows = _rows.Concat(_errors.Where(e => !e.ServiceGroupInstanceNo.HasValue || !clusters.Contains(e.ServiceGroupInstanceNo.Value))).ToList();
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProceed(path, $"Write a {FormatKind} report of {rows.Count} row(s)", force: false)) return;
            if (rows.Count == 0)
            {
                WriteWarning($"The {FormatKind} report '{path}' has nothing to report: nothing was piped to Export-CdssReport. It is written as one failed row, so that a CI step does not take it for success.");
                rows.Add(ReportRows.NothingReported(DateTimeOffset.UtcNow));
            }
            try
            {
                var directory = System.IO.Path.GetDirectoryName(path);
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
                var now = DateTimeOffset.UtcNow;
                switch (FormatKind)
                {
                    case ReportFormat.JUnit: JUnitReport.Write(writer, rows, now, Environment.MachineName); break;
                    case ReportFormat.Markdown: MarkdownReport.Write(writer, rows, now); break;
                    default: HtmlReport.Write(writer, rows, now, Environment.MachineName); break;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                ThrowCdssError(ex, path);
            }
            WriteVerbose($"Wrote a {FormatKind} report of {rows.Count} row(s) to {path}.");
        }

        /// <summary>A failed row named after the command (or cluster) and the error id, with the request id when there was one.</summary>
        private static ReportRow FromError(ErrorRecord error)
        {
            var id = error.FullyQualifiedErrorId ?? "Error";
            var comma = id.IndexOf(',');
            if (comma > 0) id = id.Substring(0, comma);
            var cdss = FindCdss(error.Exception);
            long? cluster = error.TargetObject switch
            {
                long l => l,
                int i => i,
                _ => null,
            };
            var where = cluster.HasValue ? $"Cluster {cluster.Value}" : error.InvocationInfo?.MyCommand?.Name;
            var row = ReportRows.FromError(id, error.ErrorDetails?.Message ?? error.Exception?.Message ?? id, cdss?.RequestId, where, DateTimeOffset.UtcNow);
            row.ServiceGroupInstanceNo = cluster;
            return row;
        }

        private static CdssException? FindCdss(Exception? exception)
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is CdssException cdss) return cdss;
            }
            return null;
        }
    }
}
