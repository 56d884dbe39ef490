using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security;
using Cdss.Api;
using Cdss.Signing;
using Cdss.Transport;

namespace Cdss.Tests;

internal static class Json
{
    public static string Envelope(int code, string message, string resultJson, string? requestId = "req-1") =>
        "{\"code\":" + code + ",\"message\":\"" + message + "\",\"result\":" + resultJson +
        (requestId == null ? "" : ",\"requestId\":\"" + requestId + "\"") + "}";

    public static string GatewayError(string errorCode, string message, string? details = null, string detailsName = "details") =>
        "{\"error\":{\"errorCode\":\"" + errorCode + "\",\"message\":\"" + message + "\"" +
        (details == null ? "" : ",\"" + detailsName + "\":\"" + details + "\"") + "}}";
}

internal static class Secure
{
    public static SecureString From(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        return secure;
    }

    public static string Plain(SecureString secure)
    {
        var ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try { return Marshal.PtrToStringUni(ptr, secure.Length); }
        finally { Marshal.ZeroFreeGlobalAllocUnicode(ptr); }
    }
}

/// <summary>Thread-safe ICdssLog that keeps every line.</summary>
internal sealed class RecordingLog : ICdssLog
{
    private readonly ConcurrentQueue<(string Level, string Text)> _lines = new();

    public IReadOnlyList<(string Level, string Text)> Lines => _lines.ToList();
    public IReadOnlyList<string> Warnings => _lines.Where(l => l.Level == "Warning").Select(l => l.Text).ToList();

    public void Verbose(string message) => _lines.Enqueue(("Verbose", message));
    public void Debug(string message) => _lines.Enqueue(("Debug", message));
    public void Warning(string message) => _lines.Enqueue(("Warning", message));
    public void Information(string message) => _lines.Enqueue(("Information", message));
}

/// <summary>A transport and client over a stub, with a fixed (or given) clock and a retry wait that only records.</summary>
internal sealed class Harness : IDisposable
{
    public const string AccessKey = "AKIDTEST0000000000";
    public const string SecretKey = "TopSecret-Key-Value-0123456789abcdef";
    public static readonly Uri BaseUrl = new("https://clouddatastreamingservice.apigw.ntruss.com/api/v1");
    public static readonly DateTimeOffset FixedNow = new(2025, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public Harness(int maxRetries = 3, int timeoutSec = 30, Func<DateTimeOffset>? clock = null, StubHandler? stub = null)
    {
        Stub = stub ?? new StubHandler();
        Signer = new RequestSigner(AccessKey, Secure.From(SecretKey), clock ?? (() => FixedNow));
        Policy = new RetryPolicy(seed: 42);
        Policy.Delay = (wait, token) =>
        {
            lock (Delays) Delays.Add(wait);
            token.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        };
        Transport = new CdssTransport(BaseUrl, Signer, new TransportSettings(timeoutSec, maxRetries), Stub, Policy);
        Client = new CdssClient(Transport, Log);
    }

    public StubHandler Stub { get; }
    public RequestSigner Signer { get; }
    public RetryPolicy Policy { get; }
    public CdssTransport Transport { get; }
    public CdssClient Client { get; }
    public RecordingLog Log { get; } = new();
    public List<TimeSpan> Delays { get; } = new();

    public static long Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public void Dispose() => Transport.Dispose();
}
