using Cdss.Emulator.Auth;
using Cdss.Emulator.Clusters;
using Cdss.Emulator.Faults;
using Cdss.Emulator.Http;
using Cdss.Emulator.Options;
using Cdss.Emulator.Timing;
using Cdss.Emulator.Traffic;

namespace Cdss.Emulator;

/// <summary>
/// Puts the emulator together: its services, the Date header and the routes. The process (<see cref="Program"/>)
/// and the in-process tests (a test server and a clock that stands still) build it the same way.
/// </summary>
public static class EmulatorApp
{
    /// <summary>
    /// Builds the emulator for <paramref name="options"/> on <paramref name="clock"/>; <paramref name="configure"/>
    /// may change the builder last (a test replaces the server). Loading --faults throws
    /// <see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>, <see cref="System.Text.Json.JsonException"/>
    /// or <see cref="FormatException"/>.
    /// </summary>
    public static WebApplication Build(EmulatorOptions options, EmulatorClock clock, Action<WebApplicationBuilder>? configure = null)
    {
        var settings = new RuntimeSettings(options, clock);
        var faults = new FaultInjector(options, settings, clock);

        // Our own flags are not configuration keys, so they are not handed to the host.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });

        // stdout carries only the "Listening on" line; warnings and errors go to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        builder.WebHost.UseUrls(options.Urls.ToArray());
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        // Registered as EmulatorClock only, not as TimeProvider: framework parts that look for a TimeProvider
        // (Kestrel's memory pool, for one) keep real time when a test moves the emulator's clock.
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton<DialectSettings>();
        builder.Services.AddSingleton<Authenticator>();
        builder.Services.AddSingleton<ClusterStore>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<ConfigGroupStore>();
        builder.Services.AddSingleton<CdssOperations>();
        builder.Services.AddSingleton<IOperationGroup>(sp => sp.GetRequiredService<CdssOperations>());
        builder.Services.AddSingleton<IOperationGroup, MaintenanceOperations>();
        builder.Services.AddSingleton<IOperationGroup, ConfigGroupOperations>();
        builder.Services.AddSingleton<IOperationGroup, MonitoringOperations>();
        builder.Services.AddSingleton<TrafficStore>();
        builder.Services.AddSingleton<CdssDispatcher>();
        builder.Services.AddSingleton<CdssPipeline>();
        configure?.Invoke(builder);

        var app = builder.Build();

        // Every response carries the emulator's (possibly skewed) clock, so clients that
        // correct their timestamps from the Date header can be tested.
        app.Use((ctx, next) =>
        {
            ctx.Response.OnStarting(() =>
            {
                ctx.Response.Headers.Date = settings.Now.ToString("r");
                return Task.CompletedTask;
            });
            return next(ctx);
        });

        ControlEndpoints.Map(app);
        var pipeline = app.Services.GetRequiredService<CdssPipeline>();
        // Everything that is not a control endpoint is "the gateway": logged, and 404 if unknown.
        app.Map("/{**rest}", pipeline.HandleAsync);
        return app;
    }
}
