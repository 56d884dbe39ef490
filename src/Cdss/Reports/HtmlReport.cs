using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;

namespace Cdss.Reports
{
    /// <summary>
    /// One self-contained page for the people who read a rollout's outcome the morning after: a title, when it ran, a
    /// one-line count of outcomes, a timeline per operation (<see cref="HtmlTimeline"/>) with a legend in plain words,
    /// and the table of every cluster. Inline CSS and SVG only (no script, style sheet, font or image to fetch), written
    /// as well-formed XHTML so that it opens in any browser and parses as XML.
    /// </summary>
    internal static class HtmlReport
    {
        public const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

        private const string Css =
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2328;margin:24px;max-width:1200px}" +
            "h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 6px}" +
            ".when{color:#57606a;margin:0 0 12px}.summary{font-size:16px;margin:6px 0}" +
            ".verdict{font-weight:600;padding:8px 12px;border-radius:6px;display:inline-block;margin:6px 0}" +
            ".verdict.good{background:#dafbe1;color:#116329}.verdict.bad{background:#ffebe9;color:#a40e26}" +
            "svg.timeline{display:block;max-width:100%;height:auto;margin:8px 0}" +
            "svg .grid{stroke:#d0d7de;stroke-width:1}svg .tick{font-size:11px;fill:#57606a}" +
            "svg .label{font-size:12px;fill:#1f2328}svg .note{font-size:11px;fill:#57606a;font-style:italic}" +
            "svg .brokers{fill:none;stroke:#ffffff;stroke-width:2;stroke-linejoin:round}" +
            "ul.legend{list-style:none;padding:0;margin:4px 0 12px;font-size:13px}ul.legend li{margin:2px 0}" +
            ".swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}" +
            "table{border-collapse:collapse;font-size:13px;margin:8px 0 16px}" +
            "th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}" +
            "th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}" +
            "td.name,td.brokers{white-space:nowrap}td.id{font-family:ui-monospace,Consolas,'Liberation Mono',monospace;font-size:12px;white-space:nowrap}" +
            ".chip{color:#ffffff;border-radius:10px;padding:1px 8px;white-space:nowrap}";

        public static void Write(TextWriter output, IReadOnlyList<ReportRow> rows, DateTimeOffset now, string hostName)
        {
            // The doctype as HTML5 spells it (XmlWriter would write "<!DOCTYPE html >"), then the document as XML.
            output.Write("<!DOCTYPE html>\n");
            var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Document };
            using var xml = XmlWriter.Create(output, settings);
            var suites = rows.GroupBy(r => r.Suite).Select(g => g.ToList()).ToList();
            // Named after what ran; errors alone (nothing reached a cluster) do not make an "Errors report".
            var ran = suites.Where(s => s[0].Suite != ReportRows.ErrorSuite).Select(s => s[0].Suite).ToList();
            var title = ran.Count == 0 ? "Cdss report" : string.Join(" and ", ran) + " report";
            var span = RolloutSpan.Of(rows);
            var pending = rows.Count(r => r.Verdict != ReportVerdict.Passed);

            xml.WriteStartElement("html", XhtmlNamespace);
            xml.WriteAttributeString("lang", "en");
            Start(xml, "head");
            Start(xml, "meta");
            xml.WriteAttributeString("charset", "utf-8");
            xml.WriteEndElement();
            Element(xml, "title", $"{title}, {Day(span.Start ?? now)}: {OutcomeStyle.Summary(rows)}");
            Element(xml, "style", Css);
            xml.WriteFullEndElement();

            Start(xml, "body");
            Element(xml, "h1", title);
            Element(xml, "p", When(span, now, hostName), "when");
            Element(xml, "p", OutcomeStyle.Summary(rows), "summary", "summary");
            Element(xml, "p", rows.Count == 0 ? "Nothing was reported: no cluster was given to the report."
                : pending == 0 ? "Every cluster is done."
                : $"Not everything is done: {OutcomeStyle.Plural(pending, "row")} below need{(pending == 1 ? "s" : "")} attention.",
                rows.Count > 0 && pending == 0 ? "verdict good" : "verdict bad", "verdict");
            foreach (var suite in suites) WriteSuite(xml, suite, suites.Count > 1);
            xml.WriteFullEndElement();
            xml.WriteFullEndElement();
        }

        private static void WriteSuite(XmlWriter xml, List<ReportRow> rows, bool ownSummary)
        {
            Start(xml, "section");
            xml.WriteAttributeString("class", "suite");
            Element(xml, "h2", rows[0].Suite);
            if (ownSummary) Element(xml, "p", OutcomeStyle.Summary(rows), "summary");
            if (HtmlTimeline.CanDraw(rows))
            {
                Element(xml, "p", "Each bar runs from the request to the outcome. The white line inside it is the number of brokers up, " +
                                  "as the progress checks read it: at the top of the bar every broker is up.", "when");
                HtmlTimeline.Write(xml, rows);
            }
            WriteLegend(xml, rows);
            WriteTable(xml, rows);
            xml.WriteFullEndElement();
        }

        private static void WriteLegend(XmlWriter xml, List<ReportRow> rows)
        {
            Start(xml, "ul");
            xml.WriteAttributeString("class", "legend");
            foreach (var row in rows.GroupBy(r => OutcomeStyle.Of(r).Words).Select(g => g.First()))
            {
                var style = OutcomeStyle.Of(row);
                Start(xml, "li");
                Start(xml, "span");
                xml.WriteAttributeString("class", "swatch");
                xml.WriteAttributeString("style", $"background:{style.Colour}");
                xml.WriteFullEndElement();
                Start(xml, "strong");
                xml.WriteString(Capital(style.Words));
                xml.WriteFullEndElement();
                xml.WriteString(": " + style.Meaning + ".");
                xml.WriteFullEndElement();
            }
            xml.WriteFullEndElement();
        }

        private static void WriteTable(XmlWriter xml, List<ReportRow> rows)
        {
            Start(xml, "table");
            Start(xml, "thead");
            Start(xml, "tr");
            foreach (var heading in new[] { "Cluster", "Number", "Outcome", "Requested (UTC)", "Finished (UTC)", "Took", "Brokers", "Traffic", "What happened", "Request id" })
            {
                Element(xml, "th", heading);
            }
            xml.WriteFullEndElement();
            xml.WriteFullEndElement();
            Start(xml, "tbody");
            foreach (var row in rows)
            {
                var style = OutcomeStyle.Of(row);
                Start(xml, "tr");
                xml.WriteAttributeString("data-outcome", row.Outcome);
                Element(xml, "td", row.ClusterName ?? row.TestName, "name");
                Element(xml, "td", row.ServiceGroupInstanceNo?.ToString(CultureInfo.InvariantCulture) ?? "", "num");
                Start(xml, "td");
                Start(xml, "span");
                xml.WriteAttributeString("class", "chip");
                xml.WriteAttributeString("style", $"background:{style.Colour}");
                xml.WriteString(row.Outcome);
                xml.WriteFullEndElement();
                xml.WriteFullEndElement();
                Element(xml, "td", row.RequestedAt.HasValue ? Time(row.RequestedAt.Value) : "");
                Element(xml, "td", row.At.HasValue ? Time(row.At.Value) : "");
                Element(xml, "td", row.Duration.HasValue ? OutcomeStyle.Duration(row.Duration.Value) : "", "num");
                Element(xml, "td", row.Brokers ?? "", "brokers");
                Element(xml, "td", row.Traffic ?? "", "brokers");
                Element(xml, "td", row.Message);
                Element(xml, "td", row.RequestId ?? "", "id");
                xml.WriteFullEndElement();
            }
            xml.WriteFullEndElement();
            xml.WriteFullEndElement();
        }

        private static string When(RolloutSpan span, DateTimeOffset now, string hostName)
        {
            var written = $"Report written {Day(now)} {Time(now)} UTC on {hostName}.";
            if (!span.Start.HasValue) return written;
            var end = span.End ?? span.Start.Value;
            var endText = Day(end) == Day(span.Start.Value) ? Time(end) : $"{Day(end)} {Time(end)}";
            return $"Ran {Day(span.Start.Value)} from {Time(span.Start.Value)} to {endText} UTC ({OutcomeStyle.Duration(span.WallTime)}). {written}";
        }

        private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

        private static string Capital(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words.Substring(1);

        private static void Start(XmlWriter xml, string name) => xml.WriteStartElement(name, XhtmlNamespace);

        /// <summary>An element with text and an explicit end tag: HTML parsers take "&lt;td/&gt;" for an unclosed start tag.</summary>
        private static void Element(XmlWriter xml, string name, string text, string? cssClass = null, string? id = null)
        {
            Start(xml, name);
            if (cssClass != null) xml.WriteAttributeString("class", cssClass);
            if (id != null) xml.WriteAttributeString("id", id);
            xml.WriteString(text);
            xml.WriteFullEndElement();
        }
    }
}
