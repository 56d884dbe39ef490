using System.Diagnostics;
using Cdss.Emulator.Auth;
using Cdss.Emulator.Clusters;
using Cdss.Emulator.Faults;
using Cdss.Emulator.Http;
using Cdss.Emulator.Options;
using Cdss.Emulator.Traffic;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Cdss.Emulator;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.Out.WriteLine(EmulatorOptions.Usage);
            return 0;
        }

        EmulatorOptions options;
        try
        {
            options = EmulatorOptions.Parse(args);
        }
        catch (OptionsException e)
        {
            await Console.Error.WriteLineAsync($"Cdss.Emulator: {e.Message}\n{EmulatorOptions.Usage}");
            return 2;
        }

        if (options.VerifyVectorsFile is { } vectorsFile)
            return VectorSelfCheck.Run(vectorsFile, Console.Out);

        // A parent that is already gone would leave this process orphaned from the start.
        if (options.ParentPid is { } pp && !Probe(pp).Alive)
        {
            await Console.Error.WriteLineAsync($"Cdss.Emulator: --parent-pid {pp} is not a running process");
            return 2;
        }

        var settings = new RuntimeSettings(options);
        FaultInjector faults;
        try
        {
            faults = new FaultInjector(options, settings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or FormatException)
        {
            await Console.Error.WriteLineAsync($"Cdss.Emulator: cannot load --faults {options.FaultsFile}: {e.Message}");
            return 2;
        }

        var app = Build(options, settings, faults);
        try
        {
            await app.StartAsync();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"Cdss.Emulator: cannot listen on {string.Join(";", options.Urls)}: {e.Message}");
            return 1;
        }

        // The one stdout line clients wait for; everything else goes to stderr.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? options.Urls[0];
        Console.Out.WriteLine($"Listening on {address.TrimEnd('/')}/api/v1");
        Console.Out.Flush();

        if (options.ParentPid is { } parentPid)
            _ = WatchParentAsync(parentPid, app.Lifetime);

        await app.WaitForShutdownAsync();
        return 0;
    }

    private static WebApplication Build(EmulatorOptions options, RuntimeSettings settings, FaultInjector faults)
    {
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

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(faults);
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

    /// <summary>
    /// Polls rather than waiting on the process: on Unix a non-child process cannot be waited
    /// for. The start time guards against the pid being reused by an unrelated process.
    /// </summary>
    private static async Task WatchParentAsync(int pid, IHostApplicationLifetime lifetime)
    {
        var (_, started) = Probe(pid);
        while (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            var (alive, now) = Probe(pid);
            if (!alive || (started is not null && now is not null && now != started))
            {
                await Console.Error.WriteLineAsync($"Cdss.Emulator: parent process {pid} exited; stopping");
                lifetime.StopApplication();
                return;
            }
            try { await Task.Delay(500, lifetime.ApplicationStopping); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Alive plus start time; the start time may be unreadable (another user's process on Windows).</summary>
    private static (bool Alive, DateTime? StartTime) Probe(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            if (p.HasExited) return (false, null);
            try { return (true, p.StartTime); }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException) { return (true, null); }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return (false, null);
        }
    }
}
