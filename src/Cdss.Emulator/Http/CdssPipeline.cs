using System.Text;
using System.Text.Json;
using Cdss.Emulator.Auth;
using Cdss.Emulator.Faults;
using Cdss.Emulator.Options;
using Microsoft.AspNetCore.Http.Features;

namespace Cdss.Emulator.Http;

/// <summary>
/// Everything under /api: log, global latency, route (404), authenticate (401), permission
/// (401/210), faults, body size (413), body parsing (500 "JSON Parse error"), then the operation.
/// The order matters: faults come after authentication so an injected error can never hide a signing bug.
/// </summary>
public sealed class CdssPipeline(
    RuntimeSettings settings,
    Authenticator authenticator,
    FaultInjector faults,
    RequestLog log,
    CdssDispatcher operations,
    IHostApplicationLifetime lifetime)
{
    /// <summary>Bigger bodies get the gateway's 413/430; no CDSS call needs more than a few bytes.</summary>
    private const int MaxBodyBytes = 1 << 20;

    /// <summary>What a proxy in front of the gateway might send instead of JSON.</summary>
    private const string HtmlErrorPage =
        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    public async Task HandleAsync(HttpContext ctx)
    {
        var req = ctx.Request;
        // The wire bytes of the request line: what the client signed, before any decoding. A server that keeps none
        // (the in-process test server leaves it empty) gets the path and query encoded again.
        var rawTarget = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : (req.PathBase + req.Path + req.QueryString).ToString();
        var entry = log.Begin(req.Method, rawTarget, Header(req, Authenticator.AccessKeyHeader),
            Header(req, Authenticator.TimestampHeader), req.ContentType);

        var aborted = false;
        // Lets hang/latency end promptly on shutdown instead of holding the host for 30 s.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            var latency = settings.Current.LatencyMs;
            if (latency > 0) await Task.Delay(latency, cts.Token);

            // Read before any check so the log shows the body even for 401/404 answers.
            var (bodyText, tooLarge) = await ReadBodyAsync(req, cts.Token);
            var body = ParseBody(bodyText, out var bodyProblem);
            log.Update(entry, e => e.Body = bodyText);

            var route = CdssRouter.Match(req.Method, req.Path.Value ?? "", out var reason);
            if (route is null)
            {
                await Responses.GatewayError(ctx, GatewayErrors.NotFound, reason);
                return;
            }
            // Only a /configGroup/ path names a config group; /cluster/ and /monitoring/ paths name a cluster.
            var inClusterPath = route.Spec.Area != CdssRouter.ConfigGroupArea;
            var no = NumberFromBody(body) ?? (inClusterPath ? RequestBody.PathNumber(route.PathNo) : null);
            var groupNo = inClusterPath ? null : RequestBody.PathNumber(route.PathNo);
            log.Update(entry, e => { e.Operation = route.Operation; e.ServiceGroupInstanceNo = no; e.ConfigGroupNo = groupNo; });

            var auth = authenticator.Check(req.Method, rawTarget, req.Headers);
            if (!auth.Authenticated)
            {
                await Responses.GatewayError(ctx, GatewayErrors.AuthenticationFailed, auth.Details ?? "authentication failed");
                return;
            }

            if (!auth.HasPermission)
            {
                await Responses.GatewayError(ctx, GatewayErrors.PermissionDenied, auth.Details ?? "permission denied");
                return;
            }

            var fault = faults.Pick(route, no);
            if (fault is not null)
            {
                log.Update(entry, e => e.Fault = fault.Name);
                if (fault.Kind == FaultKind.Latency)
                    await Task.Delay(fault.LatencyMs ?? 0, cts.Token);
                else if (fault.Kind == FaultKind.Reset)
                {
                    aborted = true;
                    ctx.Abort();
                    return;
                }
                else
                {
                    await ApplyAsync(ctx, fault, cts.Token);
                    return;
                }
            }

            if (tooLarge)
                await Responses.GatewayError(ctx, GatewayErrors.EntityTooLarge, $"request body exceeds {MaxBodyBytes} bytes");
            else if (!route.Spec.ReadsBody)
                await operations.RunAsync(ctx, route, default);
            else if (bodyProblem is not null)
                await Responses.JsonParseError(ctx, bodyProblem);
            else
                await operations.RunAsync(ctx, route, body);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // Client gave up (hang, latency) or the emulator is stopping: nothing was answered.
            aborted = true;
            if (!ctx.RequestAborted.IsCancellationRequested) ctx.Abort();
        }
        catch (Exception ex) when (!ctx.Response.HasStarted)
        {
            await Console.Error.WriteLineAsync($"emulator: unexpected error: {ex}");
            await Responses.GatewayError(ctx, GatewayErrors.Unexpected, "unexpected emulator error");
        }
        finally
        {
            var status = aborted ? 0 : ctx.Response.StatusCode;
            log.Update(entry, e => e.Status = status);
        }
    }

    private static async Task ApplyAsync(HttpContext ctx, FaultRule fault, CancellationToken token)
    {
        var status = fault.Status ?? 200;
        if (fault.RetryAfter is not null) ctx.Response.Headers.RetryAfter = fault.RetryAfter;
        switch (fault.Kind)
        {
            case FaultKind.Status:
                await Responses.GatewayError(ctx, status, fault.ErrorCode ?? "500", fault.Message ?? "Endpoint Error",
                    fault.Details ?? $"injected fault '{fault.Name}'", fault.RetryAfter);
                break;
            case FaultKind.Code:
                await Responses.Envelope(ctx, fault.Code ?? 1, fault.Message ?? "Emulated error", null);
                break;
            case FaultKind.Hang:
                // Never answers: only the client's timeout (or emulator shutdown) ends this.
                await Task.Delay(Timeout.Infinite, token);
                break;
            case FaultKind.Malformed:
                await Responses.Raw(ctx, status, Responses.JsonContentType, "{\"code\":0,\"mess");
                break;
            case FaultKind.Html:
                await Responses.Raw(ctx, status, "text/html;charset=UTF-8", HtmlErrorPage);
                break;
            case FaultKind.Empty:
                await Responses.Raw(ctx, status, Responses.JsonContentType, "");
                break;
            case FaultKind.NotEnvelope:
                await Responses.Raw(ctx, status, Responses.JsonContentType, "{\"hello\":\"world\"}");
                break;
            default:
                throw new InvalidOperationException($"fault kind {fault.Kind} is not a response");
        }
    }

    private static async Task<(string Text, bool TooLarge)> ReadBodyAsync(HttpRequest req, CancellationToken token)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await req.Body.ReadAsync(chunk, token)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return ("", true);
            buffer.Write(chunk, 0, read);
        }
        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), false);
    }

    /// <summary>
    /// The body as a JSON object, or the reason it cannot be one. Only operations that read a body care:
    /// for them a missing body, text that is not JSON and JSON that is not an object are all a parse error.
    /// </summary>
    private static JsonElement ParseBody(string text, out string? problem)
    {
        problem = null;
        if (text.Length == 0)
        {
            problem = "Required request body is missing";
            return default;
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc.RootElement.Clone();
            problem = $"expected a JSON object, got {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}";
        }
        catch (JsonException e)
        {
            problem = $"request body is not valid JSON ({e.Message})";
        }
        return default;
    }

    /// <summary>For the log and fault matching only; the operation itself validates the number.</summary>
    private static long? NumberFromBody(JsonElement body) =>
        RequestBody.TryGetLong(body, "serviceGroupInstanceNo", out var n) ? n : null;

    private static string? Header(HttpRequest req, string name) =>
        req.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
}
