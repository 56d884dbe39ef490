using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml;

namespace Cdss.Reports
{
    /// <summary>
    /// The HTML report's timeline, as inline SVG: one row per cluster, a bar from its request to its outcome in the
    /// outcome's colour, and inside it a white line of brokers up over time from the progress readings (top of the
    /// bar = all brokers up). A cluster that was never requested gets a dot where its outcome was decided.
    /// </summary>
    internal static class HtmlTimeline
    {
        public const string SvgNamespace = "http://www.w3.org/2000/svg";
        private const double Width = 960, LabelWidth = 230, RightMargin = 24, AxisHeight = 28, RowHeight = 26, BarHeight = 18;
        private const double PlotWidth = Width - LabelWidth - RightMargin;
        private static readonly int[] TickSteps = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400 };

        /// <summary>True when some row has a time to place it on a timeline.</summary>
        public static bool CanDraw(IReadOnlyList<ReportRow> rows) => rows.Any(r => r.RequestedAt.HasValue);

        public static void Write(XmlWriter xml, IReadOnlyList<ReportRow> rows)
        {
            var span = RolloutSpan.Of(rows);
            var start = span.Start ?? DateTimeOffset.UtcNow;
            var seconds = Math.Max(1, span.WallTime.TotalSeconds);
            double X(DateTimeOffset t) => LabelWidth + Math.Max(0, Math.Min(1, (t - start).TotalSeconds / seconds)) * PlotWidth;
            var height = AxisHeight + rows.Count * RowHeight + 8;

            xml.WriteStartElement("svg", SvgNamespace);
            Attr(xml, "class", "timeline");
            Attr(xml, "viewBox", $"0 0 {N(Width)} {N(height)}");
            Attr(xml, "width", N(Width));
            Attr(xml, "height", N(height));
            Attr(xml, "role", "img");
            Attr(xml, "aria-label", $"Timeline of {OutcomeStyle.Plural(rows.Count, "cluster")} from {Clock(start, seconds)} to {Clock(start.AddSeconds(seconds), seconds)} UTC");
            WriteAxis(xml, start, seconds, height, X);
            for (var i = 0; i < rows.Count; i++) WriteRow(xml, rows[i], AxisHeight + i * RowHeight, X);
            xml.WriteEndElement();
        }

        private static void WriteAxis(XmlWriter xml, DateTimeOffset start, double seconds, double height, Func<DateTimeOffset, double> x)
        {
            var step = TickSteps.FirstOrDefault(s => seconds / s <= 8);
            if (step == 0) step = TickSteps[TickSteps.Length - 1];
            // Ticks on whole multiples of the step (02:05, 02:10), not at the odd second the rollout began.
            var first = Math.Ceiling(start.ToUnixTimeSeconds() / (double)step) * step;
            xml.WriteStartElement("g", SvgNamespace);
            Attr(xml, "class", "axis");
            for (var t = first; t <= start.ToUnixTimeSeconds() + seconds; t += step)
            {
                var at = DateTimeOffset.FromUnixTimeSeconds((long)t);
                var left = x(at);
                Line(xml, left, AxisHeight - 6, left, height - 8, "grid");
                Text(xml, left, AxisHeight - 10, Clock(at, step), "tick", "middle");
            }
            xml.WriteEndElement();
        }

        private static void WriteRow(XmlWriter xml, ReportRow row, double top, Func<DateTimeOffset, double> x)
        {
            var style = OutcomeStyle.Of(row);
            var name = row.ClusterName ?? row.TestName;
            xml.WriteStartElement("g", SvgNamespace);
            Attr(xml, "class", "row");
            Attr(xml, "data-outcome", row.Outcome);
            xml.WriteElementString("title", SvgNamespace, Tooltip(row, style));
            Text(xml, LabelWidth - 10, top + BarHeight - 4, name.Length > 30 ? name.Substring(0, 29) + "…" : name, "label", "end");
            var barTop = top + (RowHeight - BarHeight) / 2;
            if (row.RequestedAt.HasValue)
            {
                var left = x(row.RequestedAt.Value);
                var right = Math.Max(left + 3, x(row.At ?? row.RequestedAt.Value));
                xml.WriteStartElement("rect", SvgNamespace);
                Attr(xml, "class", "bar");
                Attr(xml, "x", N(left));
                Attr(xml, "y", N(barTop));
                Attr(xml, "width", N(right - left));
                Attr(xml, "height", N(BarHeight));
                Attr(xml, "rx", "3");
                Attr(xml, "fill", style.Colour);
                xml.WriteEndElement();
                WriteBrokersLine(xml, row, barTop, right, x);
            }
            else
            {
                var at = row.At.HasValue ? x(row.At.Value) : LabelWidth;
                xml.WriteStartElement("circle", SvgNamespace);
                Attr(xml, "class", "mark");
                Attr(xml, "cx", N(at + 6));
                Attr(xml, "cy", N(barTop + BarHeight / 2));
                Attr(xml, "r", "5");
                Attr(xml, "fill", style.Colour);
                xml.WriteEndElement();
                // The note goes on whichever side of the dot has room.
                var leftOfDot = at > LabelWidth + PlotWidth / 2;
                Text(xml, leftOfDot ? at - 4 : at + 16, top + BarHeight - 4, $"{style.Words}, not requested", "note", leftOfDot ? "end" : "start");
            }
            xml.WriteEndElement();
        }

        /// <summary>A step line: each reading holds until the next one; its height is the share of brokers up.</summary>
        private static void WriteBrokersLine(XmlWriter xml, ReportRow row, double barTop, double barRight, Func<DateTimeOffset, double> x)
        {
            var samples = row.Samples.Where(s => s.BrokersTotal > 0).ToList();
            if (samples.Count == 0) return;
            double Y(ProgressSample s) => barTop + 3 + (1 - Math.Min(1.0, (double)s.BrokersUp / s.BrokersTotal)) * (BarHeight - 6);
            var points = new StringBuilder();
            for (var i = 0; i < samples.Count; i++)
            {
                var left = Math.Min(barRight, x(samples[i].At));
                var right = i + 1 < samples.Count ? Math.Min(barRight, x(samples[i + 1].At)) : barRight;
                points.Append(N(left)).Append(',').Append(N(Y(samples[i]))).Append(' ');
                points.Append(N(right)).Append(',').Append(N(Y(samples[i]))).Append(' ');
            }
            xml.WriteStartElement("polyline", SvgNamespace);
            Attr(xml, "class", "brokers");
            Attr(xml, "points", points.ToString().TrimEnd());
            xml.WriteStartElement("title", SvgNamespace);
            xml.WriteString("Brokers up: " + string.Join(", ", samples.Select(s => $"{s.BrokersUp}/{s.BrokersTotal} at {s.At.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}")));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        private static string Tooltip(ReportRow row, OutcomeStyle style)
        {
            var text = new StringBuilder(row.TestName).Append(": ").Append(style.Words);
            if (row.RequestedAt.HasValue) text.Append(", requested ").Append(row.RequestedAt.Value.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append(" UTC");
            if (row.Duration.HasValue) text.Append(", took ").Append(OutcomeStyle.Duration(row.Duration.Value));
            if (!string.IsNullOrEmpty(row.Message)) text.Append(". ").Append(row.Message);
            return text.ToString();
        }

        private static string Clock(DateTimeOffset at, double step) =>
            at.UtcDateTime.ToString(step < 60 ? "HH:mm:ss" : "HH:mm", CultureInfo.InvariantCulture);

        private static void Line(XmlWriter xml, double x1, double y1, double x2, double y2, string cssClass)
        {
            xml.WriteStartElement("line", SvgNamespace);
            Attr(xml, "class", cssClass);
            Attr(xml, "x1", N(x1));
            Attr(xml, "y1", N(y1));
            Attr(xml, "x2", N(x2));
            Attr(xml, "y2", N(y2));
            xml.WriteEndElement();
        }

        private static void Text(XmlWriter xml, double x, double y, string text, string cssClass, string anchor)
        {
            xml.WriteStartElement("text", SvgNamespace);
            Attr(xml, "class", cssClass);
            Attr(xml, "x", N(x));
            Attr(xml, "y", N(y));
            Attr(xml, "text-anchor", anchor);
            xml.WriteString(text);
            xml.WriteEndElement();
        }

        private static void Attr(XmlWriter xml, string name, string value) => xml.WriteAttributeString(name, value);

        private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
    }
}
