using System.Text;
using System.Text.Json;
using Cdss.Emulator.Auth;
using Cdss.Emulator.Faults;
using Cdss.Emulator.Options;
using Microsoft.AspNetCore.Http.Features;

namespace Cdss.Emulator.Http;

/// <summary>
/// Everything under /api: log, global latency, route (404), authenticate (401), permission
/// (401/210), faults, body validation (400), then the operation. The order matters: faults
/// come after authentication so an injected error can never hide a signing bug.
/// </summary>
public sealed class CdssPipeline(
    RuntimeSettings settings,
    Authenticator authenticator,
    FaultInjector faults,
    RequestLog log,
    CdssOperations operations,
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
        // The wire bytes of the request line: what the client signed, before any decoding.
        var rawTarget = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (req.PathBase + req.Path + req.QueryString).ToString();
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
            var body = ParseBody(bodyText, out var bodyError);
            log.Update(entry, e => e.Body = bodyText);

            var route = CdssRouter.Match(req.Method, req.Path.Value ?? "", out var reason);
            if (route is null)
            {
                await Responses.GatewayError(ctx, GatewayErrors.NotFound, reason);
                return;
            }
            var no = NumberFromBody(body) ?? NumberFromPath(route.PathNo);
            log.Update(entry, e => { e.Operation = route.Operation; e.ServiceGroupInstanceNo = no; });

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

            var fault = faults.Pick(route.Operation, route.LastSegment, no);
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
            else if (bodyError is not null)
                await Responses.GatewayError(ctx, GatewayErrors.BadRequest, bodyError);
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

    /// <summary>An absent body is fine (some calls have none); a present one must be JSON.</summary>
    private static JsonElement? ParseBody(string text, out string? error)
    {
        error = null;
        if (text.Length == 0) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            error = "request body is not valid JSON";
            return null;
        }
    }

    private static long? NumberFromBody(JsonElement? body) =>
        body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("serviceGroupInstanceNo", out var v)
            && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static long? NumberFromPath(string? text) =>
        text is not null && text.All(char.IsAsciiDigit) && long.TryParse(text, out var n) ? n : null;

    private static string? Header(HttpRequest req, string name) =>
        req.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
}
