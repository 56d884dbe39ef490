using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace Cdss.Reports
{
    /// <summary>
    /// JUnit XML as Azure DevOps PublishTestResults@2 (JUnit) and the Jenkins junit step read it: one testsuite per
    /// kind of row, one testcase per cluster named "name (number)" with the operation's type name as class name
    /// (Cdss.RollingRestart, ...), a failure element, with the message and request id, for every row not done. A suite's time
    /// is the rollout's wall time (first request to last finish), a case's time its cluster's.
    /// </summary>
    internal static class JUnitReport
    {
        public static void Write(TextWriter output, IReadOnlyList<ReportRow> rows, DateTimeOffset now, string hostName)
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
            using var xml = XmlWriter.Create(output, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "Cdss");
            xml.WriteAttributeString("tests", Count(rows.Count));
            xml.WriteAttributeString("failures", Count(rows.Count(r => r.Verdict == ReportVerdict.Failed)));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("time", Seconds(RolloutSpan.Of(rows).WallTime));
            foreach (var suite in rows.GroupBy(r => r.Suite))
            {
                var cases = suite.ToList();
                var span = RolloutSpan.Of(cases);
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", $"Cdss {suite.Key}");
                xml.WriteAttributeString("tests", Count(cases.Count));
                xml.WriteAttributeString("failures", Count(cases.Count(r => r.Verdict == ReportVerdict.Failed)));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("skipped", "0");
                xml.WriteAttributeString("time", Seconds(span.WallTime));
                xml.WriteAttributeString("timestamp", (span.Start ?? now).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                xml.WriteAttributeString("hostname", hostName);
                foreach (var row in cases)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", row.TestName);
                    xml.WriteAttributeString("classname", row.ClassName);
                    xml.WriteAttributeString("time", Seconds(row.Duration ?? TimeSpan.Zero));
                    if (row.Verdict != ReportVerdict.Passed)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("type", row.Outcome);
                        xml.WriteAttributeString("message", $"{row.Outcome}: {row.Message} (RequestId: {row.RequestId ?? "none"})");
                        xml.WriteString(Detail(row));
                        xml.WriteEndElement();
                    }
                    xml.WriteElementString("system-out", Detail(row));
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private static string Detail(ReportRow row)
        {
            var text = new StringBuilder();
            text.Append(row.ServiceGroupInstanceNo.HasValue ? "Cluster: " : "Error: ").Append(row.TestName).Append('\n');
            text.Append("Outcome: ").Append(row.Outcome).Append('\n');
            text.Append("Message: ").Append(row.Message).Append('\n');
            text.Append("RequestId: ").Append(row.RequestId ?? "none").Append('\n');
            if (row.Brokers != null) text.Append("Brokers: ").Append(row.Brokers).Append('\n');
            if (row.RequestedAt.HasValue) text.Append("Requested: ").Append(Utc(row.RequestedAt.Value)).Append('\n');
            if (row.At.HasValue) text.Append("At: ").Append(Utc(row.At.Value)).Append('\n');
            return text.ToString();
        }

        private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

        private static string Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3).ToString("0.###", CultureInfo.InvariantCulture);
    }
}
