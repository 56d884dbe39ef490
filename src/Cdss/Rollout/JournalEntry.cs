using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Cdss.Rollout
{
    /// <summary>One journal line.</summary>
    internal sealed class JournalEntry
    {
        public DateTimeOffset Time { get; set; }
        public string Operation { get; set; } = "";
        public string? Target { get; set; }
        public long Cluster { get; set; }
        public string? ClusterName { get; set; }
        public string Event { get; set; } = "";
        public string? RequestId { get; set; }
        public string? Detail { get; set; }

        public string ToJson()
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("time", Time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                json.WriteString("operation", Operation);
                if (Target != null) json.WriteString("target", Target);
                json.WriteNumber("cluster", Cluster);
                if (ClusterName != null) json.WriteString("clusterName", ClusterName);
                json.WriteString("event", Event);
                if (RequestId != null) json.WriteString("requestId", RequestId);
                if (Detail != null) json.WriteString("detail", Detail);
                json.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        public static JournalEntry? TryParse(string line)
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("event", out var e) || !root.TryGetProperty("cluster", out var c) ||
                    !c.TryGetInt64(out var cluster) || !root.TryGetProperty("operation", out var op))
                {
                    return null;
                }
                return new JournalEntry
                {
                    Time = root.TryGetProperty("time", out var t) && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : default,
                    Operation = op.GetString() ?? "",
                    Target = root.TryGetProperty("target", out var target) ? target.GetString() : null,
                    Cluster = cluster,
                    ClusterName = root.TryGetProperty("clusterName", out var n) ? n.GetString() : null,
                    Event = e.GetString() ?? "",
                    RequestId = root.TryGetProperty("requestId", out var r) ? r.GetString() : null,
                    Detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null,
                };
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
