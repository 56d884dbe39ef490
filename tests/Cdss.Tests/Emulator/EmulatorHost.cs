using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cdss.Emulator;
using Cdss.Emulator.Options;
using Cdss.Emulator.Timing;
using Cdss.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Cdss.Tests;

/// <summary>
/// The emulator in this process: built exactly as the emulator process builds itself, on a test server, with a clock
/// that stands still until a test moves it. Requests are signed by the module's signer on the emulator's clock, and
/// checked by the emulator's own verifier, which shares no code with it.
/// </summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    /// <summary>Where every emulator clock starts, so that logged times are exact.</summary>
    public static readonly DateTimeOffset StartTime = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static readonly Uri ApiBase = new("http://localhost/api/v1");
    private readonly WebApplication _app;
    private readonly RequestSigner _signer;

    private EmulatorHost(WebApplication app, EmulatorClock clock)
    {
        _app = app;
        Clock = clock;
        Http = app.GetTestClient();
        _signer = new RequestSigner(EmulatorOptions.DefaultAccessKey, Secure.From(EmulatorOptions.DefaultSecretKey), clock.GetUtcNow);
    }

    public EmulatorClock Clock { get; }

    public HttpClient Http { get; }

    public TestServer Server => _app.GetTestServer();

    /// <summary>Starts an emulator with these command-line options (e.g. "--clusters", "15").</summary>
    public static async Task<EmulatorHost> StartAsync(params string[] args)
    {
        var clock = new EmulatorClock(new FakeTimeProvider(StartTime));
        var app = EmulatorApp.Build(EmulatorOptions.Parse(args), clock, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<IStartupFilter, LoopbackCaller>();
        });
        await app.StartAsync();
        return new EmulatorHost(app, clock);
    }

    /// <summary>Moves the emulator clock forward, as POST /_emulator/clock does.</summary>
    public void Advance(double milliseconds) => Clock.Advance(TimeSpan.FromMilliseconds(milliseconds));

    public Task<EmulatorAnswer> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body));

    /// <summary>POST with the body sent as it is, or with no body at all.</summary>
    public Task<EmulatorAnswer> PostRawAsync(string path, string? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<EmulatorAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    /// <summary>POST /cluster/{operation} with {serviceGroupInstanceNo}.</summary>
    public Task<EmulatorAnswer> ClusterAsync(string operation, long no) =>
        PostAsync($"/cluster/{operation}", new { serviceGroupInstanceNo = no });

    /// <summary>Sends one signed request to the CDSS API at <paramref name="path"/> (below /api/v1).</summary>
    public async Task<EmulatorAnswer> SendAsync(HttpMethod method, string path, string? body, RequestSigner? signer = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(ApiBase + path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        (signer ?? _signer).Apply(request);
        using var response = await Http.SendAsync(request);
        return await EmulatorAnswer.ReadAsync(response);
    }

    /// <summary>A signer for another key pair, on the emulator's clock.</summary>
    public RequestSigner Signer(string accessKey, string secretKey) => new(accessKey, Secure.From(secretKey), Clock.GetUtcNow);

    /// <summary>A call to the control API under /_emulator; <paramref name="body"/> is serialized unless it is a string.</summary>
    public async Task<EmulatorAnswer> ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, "/_emulator/" + path);
        if (body is not null)
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        return await EmulatorAnswer.ReadAsync(response);
    }

    public async Task ResetAsync() => Assert.Equal(204, (await ControlAsync(HttpMethod.Post, "reset")).Status);

    public async Task SetConfigAsync(object settings) => Assert.Equal(200, (await ControlAsync(HttpMethod.Post, "config", settings)).Status);

    public async Task AddFaultAsync(object rule) => Assert.Equal(200, (await ControlAsync(HttpMethod.Post, "faults", rule)).Status);

    public Task<EmulatorAnswer> SetClusterAsync(long no, object settings) => ControlAsync(HttpMethod.Post, $"clusters/{no}", settings);

    /// <summary>GET /_emulator/restarts: every accepted run.</summary>
    public async Task<List<JsonElement>> RestartsAsync() => (await ControlAsync(HttpMethod.Get, "restarts")).Json.Items();

    /// <summary>GET /_emulator/requests: the request log.</summary>
    public async Task<List<JsonElement>> RequestsAsync() => (await ControlAsync(HttpMethod.Get, "requests")).Json.Items();

    /// <summary>
    /// Steps the clock through a rolling run, sampling the progress check in the middle of each wave (the first sample
    /// <paramref name="firstMs"/> from now), until the cluster is green. Returns the brokers seen restarting, in order,
    /// and checks that at most one is down at a time.
    /// </summary>
    public async Task<List<string>> WatchRollingRunAsync(long no, double firstMs, double stepMs)
    {
        var seen = new List<string>();
        Advance(firstMs);
        for (var sample = 0; sample < 50; sample++)
        {
            var status = (await ClusterAsync("rollingRestartProgressCheck", no)).Result;
            var down = status.Items("brokerStatusPerNode").Where(n => n.Str("status") == "restarting").ToList();
            Assert.True(down.Count <= 1, $"{down.Count} brokers down at once");
            if (down.Count == 1)
            {
                Assert.Equal(status.Int("brokerNodeTotalNumber") - 1, status.Int("brokerNumber"));
                if (!seen.Contains(down[0].Str("hostname"))) seen.Add(down[0].Str("hostname"));
            }
            if (status.Str("brokerStatus") == "green") return seen;
            Advance(stepMs);
        }
        throw new Xunit.Sdk.XunitException($"cluster {no} was not green again after 50 steps");
    }

    public async ValueTask DisposeAsync()
    {
        _signer.Dispose();
        Http.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// The test server leaves the caller's address empty; the control API answers loopback callers only, so a request
    /// without one comes from loopback here. A test that sets an address (TestServer.SendAsync) keeps it.
    /// </summary>
    private sealed class LoopbackCaller : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                ctx.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}
