using System;
using System.Collections.Generic;
using System.Globalization;

namespace Cdss.Reports
{
    /// <summary>How the HTML report shows an outcome: its colour, its name in a sentence, and what it means in plain words.</summary>
    internal sealed class OutcomeStyle
    {
        private OutcomeStyle(string colour, string words, string meaning)
        {
            Colour = colour;
            Words = words;
            Meaning = meaning;
        }

        /// <summary>A fill colour dark enough for the white brokers-up line to show on it.</summary>
        public string Colour { get; }

        /// <summary>The outcome in a sentence: "succeeded", "not started".</summary>
        public string Words { get; }

        /// <summary>What it means, for the legend.</summary>
        public string Meaning { get; }

        private static readonly Dictionary<string, OutcomeStyle> Known = new Dictionary<string, OutcomeStyle>(StringComparer.Ordinal)
        {
            [nameof(RolloutOutcome.Succeeded)] = new OutcomeStyle("#2e7d32", "succeeded", "done: the service showed it begin, then finish with every broker up and green"),
            [nameof(RolloutOutcome.AlreadyDone)] = new OutcomeStyle("#66a86a", "already done", "done by an earlier run with the same journal, or resolved as done by someone; not touched again"),
            [nameof(RolloutOutcome.Failed)] = new OutcomeStyle("#c62828", "failed", "not done: the cluster turned red, its traffic did not come back, or the request certainly failed; it stays failed until someone decides (Resolve-CdssRollout)"),
            [nameof(RolloutOutcome.TimedOut)] = new OutcomeStyle("#e65100", "timed out", "not done in time; it may still be running on the service"),
            [nameof(RolloutOutcome.OutcomeUnknown)] = new OutcomeStyle("#6a1b9a", "outcome unknown", "it cannot be told whether it happened: the request's answer was lost, or it was never seen to begin; it is not requested again until someone decides (Resolve-CdssRollout)"),
            [nameof(RolloutOutcome.WaitInterrupted)] = new OutcomeStyle("#ad5c00", "wait interrupted", "progress could not be read; it may still be running on the service"),
            [nameof(RolloutOutcome.Skipped)] = new OutcomeStyle("#757575", "skipped", "not touched: the pre-check said no or could not be asked, or the service declined the request"),
            [nameof(RolloutOutcome.NotStarted)] = new OutcomeStyle("#90a4ae", "not started", "not started, because the rollout stopped after a failure"),
            [nameof(RolloutOutcome.Deferred)] = new OutcomeStyle("#546e7a", "deferred", "not started, because the deadline had passed; a later run with the same journal picks it up"),
            ["CanRestart"] = new OutcomeStyle("#2e7d32", "can restart", "the pre-check said yes"),
            ["CannotRestart"] = new OutcomeStyle("#c62828", "cannot restart", "the pre-check said no"),
            ["CanUpgrade"] = new OutcomeStyle("#2e7d32", "can upgrade", "the pre-check said yes"),
            ["CannotUpgrade"] = new OutcomeStyle("#c62828", "cannot upgrade", "the pre-check said no"),
        };

        private static readonly OutcomeStyle Error = new OutcomeStyle("#b71c1c", "error", "an error kept the run from reaching its clusters");

        public static OutcomeStyle Of(ReportRow row) =>
            Known.TryGetValue(row.Outcome, out var style) ? style : Error;

        /// <summary>"6 clusters: 3 succeeded, 1 failed, 2 not started." Errors are counted apart: they are not clusters.</summary>
        public static string Summary(IReadOnlyCollection<ReportRow> rows)
        {
            var clusters = new List<ReportRow>();
            var errors = new List<ReportRow>();
            foreach (var row in rows) (row.ServiceGroupInstanceNo.HasValue ? clusters : errors).Add(row);
            var parts = new List<string>();
            if (clusters.Count > 0) parts.Add($"{Plural(clusters.Count, "cluster")}: {Counts(clusters)}");
            if (errors.Count > 0)
            {
                var ids = new List<string>();
                foreach (var e in errors) if (!ids.Contains(e.Outcome)) ids.Add(e.Outcome);
                parts.Add($"{Plural(errors.Count, "error")} ({string.Join(", ", ids)})");
            }
            if (parts.Count == 0) return "Nothing was reported.";
            return string.Join("; ", parts) + ".";
        }

        private static string Counts(List<ReportRow> rows)
        {
            var order = new List<string>();
            var counts = new Dictionary<string, int>();
            foreach (var row in rows)
            {
                var words = Of(row).Words;
                if (!counts.ContainsKey(words)) { order.Add(words); counts[words] = 0; }
                counts[words]++;
            }
            var parts = new List<string>();
            foreach (var words in order) parts.Add($"{counts[words].ToString(CultureInfo.InvariantCulture)} {words}");
            return string.Join(", ", parts);
        }

        public static string Plural(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

        /// <summary>"12 s", "4 min 09 s", "2 h 05 min".</summary>
        public static string Duration(TimeSpan span)
        {
            if (span.TotalSeconds < 60) return $"{Math.Max(0, (int)Math.Round(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s";
            if (span.TotalMinutes < 60) return $"{((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min {span.Seconds.ToString("00", CultureInfo.InvariantCulture)} s";
            return $"{((int)span.TotalHours).ToString(CultureInfo.InvariantCulture)} h {span.Minutes.ToString("00", CultureInfo.InvariantCulture)} min";
        }
    }
}
