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

        /// <summary>CDSS's code of the answer the line records (requested, notAccepted, skipped), when there was one.</summary>
        public int? Code { get; set; }

        /// <summary>For a "resolved" line: the operator's decision ("done" or "retry"), who made it and why.</summary>
        public string? Decision { get; set; }
        public string? User { get; set; }
        public string? Reason { get; set; }

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
                if (Code != null) json.WriteNumber("code", Code.Value);
                if (Decision != null) json.WriteString("decision", Decision);
                if (User != null) json.WriteString("user", User);
                if (Reason != null) json.WriteString("reason", Reason);
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
                    Target = Text(root, "target"),
                    Cluster = cluster,
                    ClusterName = Text(root, "clusterName"),
                    Event = e.GetString() ?? "",
                    RequestId = Text(root, "requestId"),
                    Detail = Text(root, "detail"),
                    Code = root.TryGetProperty("code", out var code) && code.TryGetInt32(out var number) ? number : (int?)null,
                    Decision = Text(root, "decision"),
                    User = Text(root, "user"),
                    Reason = Text(root, "reason"),
                };
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException)
            {
                // Not JSON, or a field of the wrong JSON type: not a journal line.
                return null;
            }
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
