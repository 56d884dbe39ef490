using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Cdss.Reports
{
    /// <summary>A summary table for an Azure DevOps build summary (##vso[task.uploadsummary]) or a job summary.</summary>
    internal static class MarkdownReport
    {
        public static void Write(TextWriter output, IReadOnlyList<ReportRow> rows, DateTimeOffset now)
        {
            output.Write("# Cdss report\n\n");
            output.Write($"Written {now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC.\n");
            foreach (var suite in rows.GroupBy(r => r.Suite))
            {
                var cases = suite.ToList();
                var counts = string.Join(", ", cases.GroupBy(r => r.Outcome).Select(g => $"{g.Count()} {g.Key}"));
                output.Write($"\n## {suite.Key}\n\n{cases.Count} cluster(s): {counts}.\n\n");
                output.Write("| Cluster | Number | Result | Outcome | Duration | Brokers | Traffic | Message | Request id |\n");
                output.Write("|---|---:|---|---|---|---|---|---|---|\n");
                foreach (var row in cases)
                {
                    var mark = row.Verdict switch { ReportVerdict.Passed => "✅ passed", ReportVerdict.Failed => "❌ failed", _ => "⏭ skipped" };
                    var duration = row.Duration.HasValue ? row.Duration.Value.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "";
                    output.Write($"| {Cell(row.ClusterName ?? row.Name ?? "")} | {row.ServiceGroupInstanceNo} | {mark} | {row.Outcome} | {duration} | {Cell(row.Brokers ?? "")} | {Cell(row.Traffic ?? "")} | {Cell(row.Message)} | {Cell(row.RequestId ?? "")} |\n");
                }
            }
        }

        /// <summary>Keeps a cell on one line and its pipes from ending it.</summary>
        private static string Cell(string text) => text.Replace("\r", " ").Replace("\n", " ").Replace("|", "\\|");
    }
}
