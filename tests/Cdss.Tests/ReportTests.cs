using System.Reflection;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Cdss.Reports;

namespace Cdss.Tests;

/// <summary>The reports Export-CdssReport writes, from rows built as a rollout builds them.</summary>
public class ReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    private static readonly XNamespace Xhtml = HtmlReport.XhtmlNamespace;
    private static readonly XNamespace Svg = HtmlTimeline.SvgNamespace;

    /// <summary>Two clusters restarted at once (0-60 s and 30-120 s), one that failed, one never started, one pre-check.</summary>
    private static List<ReportRow> Rollout()
    {
        var ok = Result("kafka-payments-prod-01", 3432149, RolloutOutcome.Succeeded, 0, 60, "req-ok-0000-0000-0000-000000000001");
        ok.Samples.Add(new ProgressSample(T0.AddSeconds(5), 3, 3, "green"));
        ok.Samples.Add(new ProgressSample(T0.AddSeconds(15), 2, 3, "orange"));
        ok.Samples.Add(new ProgressSample(T0.AddSeconds(50), 3, 3, "green"));
        var failed = Result("kafka-orders-prod-02", 3432150, RolloutOutcome.Failed, 30, 120, "req-failed-<&>");
        failed.Message = "Broker 2 turned red <error> & stayed so";
        var notStarted = Result("kafka-flaky", 3432154, RolloutOutcome.NotStarted, null, 120, null);
        var check = new RollingRestartPreCheck { ServiceGroupInstanceNo = 3432151, ClusterName = "kafka-stage", CanRestart = false, Code = 0, Message = "in progress", RequestId = "req-check", CheckedAt = T0 };
        return new List<ReportRow> { ReportRows.From(check), ReportRows.From(ok), ReportRows.From(failed), ReportRows.From(notStarted) };
    }

    private static RolloutResult Result(string name, long no, RolloutOutcome outcome, int? requestedSec, int finishedSec, string? requestId) =>
        new(OperationKind.RollingRestart)
        {
            ServiceGroupInstanceNo = no,
            ClusterName = name,
            Outcome = outcome,
            Message = outcome.ToString(),
            RequestId = requestId,
            RequestedAt = requestedSec.HasValue ? T0.AddSeconds(requestedSec.Value) : null,
            FinishedAt = T0.AddSeconds(finishedSec),
        };

    private static string Write(Action<TextWriter> write)
    {
        using var text = new StringWriter();
        write(text);
        return text.ToString();
    }

    [Fact]
    public void JUnit_class_names_are_the_operation_and_suite_time_is_the_rollouts_wall_time()
    {
        var xml = XDocument.Parse(Write(w => JUnitReport.Write(w, Rollout(), T0.AddHours(1), "host")));
        var restart = xml.Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "Cdss Rolling restart");
        Assert.Equal(new[] { "Cdss.RollingRestart" }, restart.Elements("testcase").Select(c => (string)c.Attribute("classname")!).Distinct());
        // From the first request (0 s) to the last outcome (120 s); the cases add up to 60 + 90 = 150.
        Assert.Equal("120", (string?)restart.Attribute("time"));
        Assert.Equal(new[] { "60", "90", "0" }, restart.Elements("testcase").Select(c => (string)c.Attribute("time")!));
        Assert.Equal("2026-11-27T02:00:00", (string?)restart.Attribute("timestamp"));
        Assert.Equal("120", (string?)xml.Root!.Attribute("time"));
        var precheck = xml.Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "Cdss Rolling restart pre-check");
        Assert.Equal("Cdss.RollingRestartPreCheck", (string?)precheck.Element("testcase")!.Attribute("classname"));
        Assert.Equal("0", (string?)precheck.Attribute("time"));
    }

    [Fact]
    public void JUnit_validates_against_the_schema_with_an_error_row()
    {
        var rows = Rollout();
        rows.Add(ReportRows.FromError("CdssJournalInUse", "The journal is open in another process.", null, "Start-CdssRollingRestart", T0));
        var text = Write(w => JUnitReport.Write(w, rows, T0, "host"));
        var schemas = new XmlSchemaSet();
        var sources = typeof(ReportTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CdssSourceDirectory").Value!;
        schemas.Add(null, Path.Combine(sources, "..", "..", "tests", "TestData", "junit-10.xsd"));
        var problems = new List<string>();
        var document = XDocument.Parse(text);
        document.Validate(schemas, (_, e) => problems.Add(e.Message));
        Assert.Empty(problems);
        var error = document.Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "Cdss Errors").Element("testcase")!;
        Assert.Equal("Start-CdssRollingRestart: CdssJournalInUse", (string?)error.Attribute("name"));
        Assert.Equal("Cdss.Error", (string?)error.Attribute("classname"));
        Assert.Equal("CdssJournalInUse", (string?)error.Element("failure")!.Attribute("type"));
    }

    [Fact]
    public void Html_is_well_formed_self_contained_xhtml_with_a_timeline_row_per_cluster_and_a_table_row_per_row()
    {
        var text = Write(w => HtmlReport.Write(w, Rollout(), T0.AddHours(1), "buildhost"));
        Assert.StartsWith("<!DOCTYPE html>", text);
        var html = XDocument.Parse(text).Root!;
        Assert.Equal(Xhtml + "html", html.Name);

        // Nothing to fetch: no script, style sheet, font, image or link of any kind.
        var all = html.DescendantsAndSelf().ToList();
        Assert.DoesNotContain(all, e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object");
        Assert.DoesNotContain(all.SelectMany(e => e.Attributes()), a => a.Name.LocalName is "src" or "href");
        var css = string.Concat(all.Where(e => e.Name == Xhtml + "style").Select(e => e.Value)) + string.Concat(all.Select(e => (string?)e.Attribute("style")));
        Assert.DoesNotContain("url(", css);
        Assert.DoesNotContain("@import", css);

        Assert.Equal("Rolling restart pre-check and Rolling restart report", html.Descendants(Xhtml + "h1").Single().Value);
        Assert.Equal("4 clusters: 1 cannot restart, 1 succeeded, 1 failed, 1 not started.",
            html.Descendants(Xhtml + "p").Single(p => (string?)p.Attribute("id") == "summary").Value);
        Assert.Contains("Ran 2026-11-27 from 02:00:00 to 02:02:00 UTC (2 min 00 s)", html.Descendants(Xhtml + "p").First().Value);

        // The pre-check is in a table of its own and on no timeline; the rollout has one timeline row per cluster.
        Assert.Equal(4, html.Descendants(Xhtml + "tbody").Elements(Xhtml + "tr").Count());
        var timelines = html.Descendants(Svg + "svg").ToList();
        var timeline = Assert.Single(timelines);
        var rows = timeline.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "row").ToList();
        Assert.Equal(new[] { "Succeeded", "Failed", "NotStarted" }, rows.Select(r => (string)r.Attribute("data-outcome")!));
        Assert.Equal(2, timeline.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("class") == "bar"));
        Assert.Equal("#2e7d32", (string?)rows[0].Element(Svg + "rect")!.Attribute("fill"));
        Assert.Equal("#c62828", (string?)rows[1].Element(Svg + "rect")!.Attribute("fill"));
        // Brokers up over time: three readings, each held until the next, as a step line (two points per reading).
        var line = rows[0].Element(Svg + "polyline")!;
        Assert.Equal(6, ((string)line.Attribute("points")!).Split(' ').Length);
        Assert.Null(rows[1].Element(Svg + "polyline"));

        // A legend in plain words for each outcome shown; text is escaped, not markup.
        var legend = html.Descendants(Xhtml + "ul").Where(u => (string?)u.Attribute("class") == "legend").SelectMany(u => u.Elements()).Select(li => li.Value).ToList();
        Assert.Contains(legend, l => l.StartsWith("Not started: not started, because the rollout stopped after a failure", StringComparison.Ordinal));
        Assert.Contains(html.Descendants(Xhtml + "td"), td => td.Value == "Broker 2 turned red <error> & stayed so");
    }

    [Fact]
    public void Clusters_left_untouched_fail_and_a_cluster_an_earlier_run_decided_takes_no_time_in_this_one()
    {
        var earlier = Result("kafka-prod-01", 3432149, RolloutOutcome.AlreadyDone, -86400, -86000, "req-yesterday");
        earlier.FromEarlierRun = true;
        var deferred = Result("kafka-prod-02", 3432150, RolloutOutcome.Deferred, null, 120, null);
        var skipped = Result("kafka-stage", 3432151, RolloutOutcome.Skipped, null, 30, "req-check");
        var done = Result("kafka-analytics", 3432153, RolloutOutcome.Succeeded, 0, 60, "req-today");
        var rows = new List<ReportRow> { ReportRows.From(earlier), ReportRows.From(deferred), ReportRows.From(skipped), ReportRows.From(done) };

        var xml = XDocument.Parse(Write(w => JUnitReport.Write(w, rows, T0.AddHours(1), "host")));
        Assert.Equal("2", (string?)xml.Root!.Attribute("failures"));
        Assert.Empty(xml.Descendants("skipped"));
        var cases = xml.Descendants("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.Equal("0", (string?)cases["kafka-prod-01 (3432149)"].Attribute("time"));
        Assert.Null(cases["kafka-prod-01 (3432149)"].Element("failure"));
        Assert.NotNull(cases["kafka-prod-02 (3432150)"].Element("failure"));
        // The wall time is today's: the earlier run's day does not stretch it.
        Assert.Equal("120", (string?)xml.Root!.Attribute("time"));
    }

    [Fact]
    public void A_report_that_nothing_reached_is_one_failed_row()
    {
        var rows = new List<ReportRow> { ReportRows.NothingReported(T0) };
        var xml = XDocument.Parse(Write(w => JUnitReport.Write(w, rows, T0, "host")));
        Assert.Equal("1", (string?)xml.Root!.Attribute("tests"));
        Assert.Equal("1", (string?)xml.Root!.Attribute("failures"));
        Assert.Contains("Nothing reached the report", xml.Descendants("failure").Single().Attribute("message")!.Value);
    }

    [Fact]
    public void A_gated_result_shows_its_traffic_before_and_after_in_Markdown_and_Html()
    {
        var gated = Result("kafka-payments-prod-01", 3432149, RolloutOutcome.Succeeded, 0, 300, "req-gated");
        gated.TrafficBaseline = 5250;
        gated.TrafficAfter = 4987.5;
        var ungated = Result("kafka-orders-prod-02", 3432150, RolloutOutcome.Succeeded, 300, 400, "req-plain");
        var rows = new List<ReportRow> { ReportRows.From(gated), ReportRows.From(ungated) };

        var markdown = Write(w => MarkdownReport.Write(w, rows, T0.AddHours(1)));
        Assert.Contains("| Traffic |", markdown);
        Assert.Contains("| 5,250 before, 4,987.5 after (95%) |", markdown);
        var html = XDocument.Parse(Write(w => HtmlReport.Write(w, rows, T0.AddHours(1), "host")));
        var cells = html.Descendants(Xhtml + "td").Select(td => td.Value).ToList();
        Assert.Contains("5,250 before, 4,987.5 after (95%)", cells);
        Assert.Contains("Traffic", html.Descendants(Xhtml + "th").Select(th => th.Value));
    }

    [Fact]
    public void Html_of_nothing_but_an_error_says_nothing_ran_and_draws_no_timeline()
    {
        var rows = new List<ReportRow> { ReportRows.FromError("CdssAuthenticationFailed", "Authentication Failed.", "req-1", "Get-CdssCluster", T0) };
        var html = XDocument.Parse(Write(w => HtmlReport.Write(w, rows, T0, "host"))).Root!;
        Assert.Empty(html.Descendants(Svg + "svg"));
        Assert.Equal("1 error (CdssAuthenticationFailed).", html.Descendants(Xhtml + "p").Single(p => (string?)p.Attribute("id") == "summary").Value);
        Assert.Equal("verdict bad", (string?)html.Descendants(Xhtml + "p").Single(p => (string?)p.Attribute("id") == "verdict").Attribute("class"));
        Assert.Equal("Get-CdssCluster: CdssAuthenticationFailed", html.Descendants(Xhtml + "td").First().Value);
    }
}
