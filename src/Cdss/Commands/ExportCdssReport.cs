using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using Cdss.Reports;

namespace Cdss.Commands
{
    /// <summary>
    /// Writes pre-check answers and rollout results as a JUnit XML file (for PublishTestResults@2 or the Jenkins
    /// junit step) or a Markdown summary, so a run's outcome is published where the team already looks.
    /// </summary>
    [Cmdlet(VerbsData.Export, "CdssReport", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class ExportCdssReport : CdssCmdlet
    {
        /// <summary>Cdss.RollingRestartPreCheck or rollout result objects (Cdss.RollingRestartResult, ...).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>JUnit or Markdown.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet(nameof(ReportFormat.JUnit), nameof(ReportFormat.Markdown), IgnoreCase = true)]
        public string Format { get; set; } = nameof(ReportFormat.JUnit);

        private ReportFormat FormatKind => (ReportFormat)Enum.Parse(typeof(ReportFormat), Format, ignoreCase: true);

        /// <summary>Also write the input objects on, so the report can sit in the middle of a pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly List<ReportRow> _rows = new List<ReportRow>();

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            if (PassThru) WriteObject(InputObject);
            ForTarget(InputObject, () =>
            {
                _rows.Add(InputObject.BaseObject switch
                {
                    RollingRestartPreCheck check => ReportRows.From(check),
                    RolloutResult result => ReportRows.From(result),
                    var other => throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                        $"Export-CdssReport takes pre-check answers and rollout results, not {other?.GetType().FullName ?? "null"}",
                        "Pipe the output of Test-CdssRollingRestart, Start-CdssRollingRestart -Wait or Wait-CdssRollingRestart."),
                });
            });
        }

        protected override void EndProcessing()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProceed(path, $"Write a {FormatKind} report of {_rows.Count} cluster(s)", force: false)) return;
            var directory = System.IO.Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
            var now = DateTimeOffset.UtcNow;
            if (FormatKind == ReportFormat.JUnit) JUnitReport.Write(writer, _rows, now, Environment.MachineName);
            else MarkdownReport.Write(writer, _rows, now);
            WriteVerbose($"Wrote a {FormatKind} report of {_rows.Count} cluster(s) to {path}.");
        }
    }
}
