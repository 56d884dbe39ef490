using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cdss.Tests;

/// <summary>One request as the stub saw it.</summary>
public sealed class RecordedRequest
{
    public required string Method { get; init; }
    public required Uri Uri { get; init; }
    public required string PathAndQuery { get; init; }
    public required IReadOnlyDictionary<string, string[]> Headers { get; init; }
    public string? ContentType { get; init; }
    public string? Body { get; init; }

    /// <summary>The single value of a header; fails when it is missing or repeated.</summary>
    public string Header(string name)
    {
        Assert.True(Headers.TryGetValue(name, out var values), $"Header '{name}' was not sent.");
        Assert.Single(values!);
        return values![0];
    }
}

/// <summary>
/// An HttpMessageHandler that records every request and answers from a script of responses or exceptions.
/// When the script runs out it uses <see cref="Fallback"/>, or fails the call loudly.
/// </summary>
public sealed class StubHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly List<RecordedRequest> _requests = new();

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? Fallback { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    public StubHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    public StubHandler Respond(int status, string body, Action<HttpResponseMessage>? configure = null) =>
        Then((_, _) => Task.FromResult(Response(status, body, configure)));

    public StubHandler RespondEnvelope(int code, string message, string resultJson, string? requestId = "req-1") =>
        Respond(200, Json.Envelope(code, message, resultJson, requestId));

    public StubHandler RespondGateway(int status, string errorCode, string message = "msg", string? details = null) =>
        Respond(status, Json.GatewayError(errorCode, message, details));

    public StubHandler Throw(Exception exception) => Then((_, _) => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>Never answers; ends only when the request's token is cancelled.</summary>
    public StubHandler Hang() => Then(async (_, token) =>
    {
        await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
        throw new InvalidOperationException("unreachable");
    });

    /// <summary>Answers every further request the same way.</summary>
    public StubHandler Always(int status, string body, Action<HttpResponseMessage>? configure = null)
    {
        Fallback = (_, _) => Task.FromResult(Response(status, body, configure));
        return this;
    }

    public static HttpResponseMessage Response(int status, string body, Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        configure?.Invoke(response);
        return response;
    }

    public static HttpRequestException ConnectionRefused() =>
        new("Connection refused (127.0.0.1:443)", new SocketException((int)SocketError.ConnectionRefused));

    public static HttpRequestException ConnectionReset() =>
        new("An error occurred while sending the request.",
            new IOException("Unable to read data from the transport connection: Connection reset by peer.",
                new SocketException((int)SocketError.ConnectionReset)));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in request.Headers) headers[h.Key] = h.Value.ToArray();
        string? body = null;
        if (request.Content != null)
        {
            foreach (var h in request.Content.Headers) headers[h.Key] = h.Value.ToArray();
            body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        lock (_requests)
        {
            _requests.Add(new RecordedRequest
            {
                Method = request.Method.Method,
                Uri = request.RequestUri!,
                PathAndQuery = request.RequestUri!.PathAndQuery,
                Headers = headers,
                ContentType = request.Content?.Headers.ContentType?.MediaType,
                Body = body,
            });
        }

        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step;
        if (_script.TryDequeue(out var next)) step = next;
        else step = Fallback ?? throw new InvalidOperationException($"The stub has no scripted answer for request #{_requests.Count}.");
        var response = await step(request, cancellationToken).ConfigureAwait(false);
        response.RequestMessage = request;
        return response;
    }
}
