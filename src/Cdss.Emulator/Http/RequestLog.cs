using Cdss.Emulator.Timing;

namespace Cdss.Emulator.Http;

/// <summary>
/// Every request received under /api, in arrival order, for tests to assert on what a client
/// actually sent (retries, bodies, targets). It never stores the signature header or a secret.
/// </summary>
public sealed class RequestLog(EmulatorClock clock)
{
    private readonly List<Entry> _entries = new();
    private readonly object _gate = new();
    private long _seq;

    public sealed class Entry
    {
        public long Seq { get; init; }
        /// <summary>Time of arrival on the emulator clock (without --clock-offset-sec), ISO 8601 UTC with ms.</summary>
        public required string ReceivedAt { get; init; }
        public required string Method { get; init; }
        public required string Target { get; init; }
        public string? Operation { get; set; }
        public long? ServiceGroupInstanceNo { get; set; }
        /// <summary>The config group number of a /configGroup/ path.</summary>
        public long? ConfigGroupNo { get; set; }
        public string? AccessKey { get; init; }
        /// <summary>The x-ncp-apigw-timestamp header as sent, to check clients sign with a fresh one.</summary>
        public string? Timestamp { get; init; }
        public string? ContentType { get; init; }
        public string Body { get; set; } = "";
        /// <summary>HTTP status answered; 0 while pending, and for reset or hang.</summary>
        public int Status { get; set; }
        public string? Fault { get; set; }
    }

    public Entry Begin(string method, string target, string? accessKey, string? timestamp, string? contentType)
    {
        lock (_gate)
        {
            var e = new Entry
            {
                Seq = ++_seq,
                ReceivedAt = EmulatorClock.Iso(clock.GetUtcNow()),
                Method = method,
                Target = target,
                AccessKey = accessKey,
                Timestamp = timestamp,
                ContentType = contentType,
            };
            _entries.Add(e);
            return e;
        }
    }

    /// <summary>Entries are mutated after Begin, so snapshot under the lock before serializing.</summary>
    public List<object> Snapshot()
    {
        lock (_gate)
            return _entries.Select(e => (object)new
            {
                seq = e.Seq,
                receivedAt = e.ReceivedAt,
                method = e.Method,
                target = e.Target,
                operation = e.Operation,
                serviceGroupInstanceNo = e.ServiceGroupInstanceNo,
                configGroupNo = e.ConfigGroupNo,
                accessKey = e.AccessKey,
                timestamp = e.Timestamp,
                contentType = e.ContentType,
                body = e.Body,
                status = e.Status,
                fault = e.Fault,
            }).ToList();
    }

    /// <summary>Clears entries and restarts numbering at 1, so each test sees seq from 1.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _seq = 0;
        }
    }

    /// <summary>Updates fields of an entry under the lock so a concurrent snapshot sees a consistent row.</summary>
    public void Update(Entry e, Action<Entry> change)
    {
        lock (_gate) change(e);
    }
}
