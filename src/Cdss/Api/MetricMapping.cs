using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using static Cdss.Api.ResultMapping;

namespace Cdss.Api
{
    /// <summary>
    /// Turns a getCdssMonitoringData result into points. No CDSS example answer is public (the shape comes from the
    /// Go SDK's models), so reading is liberal: dps as [[timestamp, value], ...] or as an object {"timestamp": value};
    /// timestamps in epoch milliseconds or seconds, as numbers or strings, or ISO 8601 text; values as numbers or
    /// numeric strings. A pair without a usable timestamp or value (null, "NaN", text) is skipped, not guessed.
    /// </summary>
    internal static class MetricMapping
    {
        /// <summary>Below this a numeric timestamp is taken as seconds (1e11 s is the year 5138; 1e11 ms is 1973).</summary>
        private const double SecondsBelow = 1e11;

        /// <summary>The series of a result: {data: [...]}, or the array itself.</summary>
        public static IReadOnlyList<MetricPoint> ToPoints(JsonElement result, long serviceGroupInstanceNo, string? clusterName, long askedInstanceNo, string interval)
        {
            var series = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("data", out var data) ? data : result;
            var points = new List<MetricPoint>();
            if (series.ValueKind != JsonValueKind.Array) return points;
            foreach (var item in series.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                var metric = Str(item, "metric");
                if (string.IsNullOrEmpty(metric)) continue;
                var instanceNo = item.TryGetProperty("dimensions", out var dimensions) && dimensions.ValueKind == JsonValueKind.Object
                    ? Long(dimensions, "instanceNo") ?? askedInstanceNo
                    : askedInstanceNo;
                if (!item.TryGetProperty("dps", out var dps)) continue;
                foreach (var (timestamp, value) in Pairs(dps).OrderBy(p => p.Timestamp))
                {
                    points.Add(new MetricPoint
                    {
                        ServiceGroupInstanceNo = serviceGroupInstanceNo,
                        ClusterName = clusterName,
                        Metric = metric!,
                        InstanceNo = instanceNo,
                        Timestamp = timestamp,
                        Value = value,
                        Interval = interval,
                    });
                }
            }
            return points;
        }

        private static IEnumerable<(DateTimeOffset Timestamp, double Value)> Pairs(JsonElement dps)
        {
            if (dps.ValueKind == JsonValueKind.Array)
            {
                foreach (var pair in dps.EnumerateArray())
                {
                    if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() < 2) continue;
                    var timestamp = Timestamp(pair[0]);
                    var value = Number(pair[1]);
                    if (timestamp.HasValue && value.HasValue) yield return (timestamp.Value, value.Value);
                }
            }
            else if (dps.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in dps.EnumerateObject())
                {
                    var timestamp = TimestampFromText(property.Name);
                    var value = Number(property.Value);
                    if (timestamp.HasValue && value.HasValue) yield return (timestamp.Value, value.Value);
                }
            }
        }

        internal static DateTimeOffset? Timestamp(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out var number) ? FromEpoch(number) : null,
            JsonValueKind.String => TimestampFromText(element.GetString()),
            _ => null,
        };

        private static DateTimeOffset? TimestampFromText(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return FromEpoch(number);
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed.ToUniversalTime()
                : (DateTimeOffset?)null;
        }

        private static DateTimeOffset? FromEpoch(double number)
        {
            if (double.IsNaN(number) || double.IsInfinity(number) || number < 0) return null;
            var milliseconds = number < SecondsBelow ? number * 1000 : number;
            // DateTimeOffset's range ends in the year 9999.
            if (milliseconds > 253402300799999) return null;
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(milliseconds));
        }

        internal static double? Number(JsonElement element)
        {
            double value;
            if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var number)) value = number;
            else if (element.ValueKind == JsonValueKind.String && double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) value = parsed;
            else return null;
            return double.IsNaN(value) || double.IsInfinity(value) ? (double?)null : value;
        }
    }
}
