using System.Diagnostics;
using Cdss.Emulator.Auth;
using Cdss.Emulator.Options;
using Cdss.Emulator.Timing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Cdss.Emulator;

public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>
    /// The whole process: parse, answer --help or --verify-vectors, or serve until <paramref name="stop"/>, a signal
    /// or the parent's exit. Returns the exit code: 0, 1 (cannot listen, vectors failed) or 2 (bad options).
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken stop = default)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            await stdout.WriteLineAsync(EmulatorOptions.Usage);
            return 0;
        }

        EmulatorOptions options;
        try
        {
            options = EmulatorOptions.Parse(args);
        }
        catch (OptionsException e)
        {
            await stderr.WriteLineAsync($"Cdss.Emulator: {e.Message}\n{EmulatorOptions.Usage}");
            return 2;
        }

        if (options.VerifyVectorsFile is { } vectorsFile)
            return VectorSelfCheck.Run(vectorsFile, stdout);

        // A parent that is already gone would leave this process orphaned from the start.
        if (options.ParentPid is { } pp && !Probe(pp).Alive)
        {
            await stderr.WriteLineAsync($"Cdss.Emulator: --parent-pid {pp} is not a running process");
            return 2;
        }

        WebApplication app;
        try
        {
            app = EmulatorApp.Build(options, new EmulatorClock());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or FormatException)
        {
            await stderr.WriteLineAsync($"Cdss.Emulator: cannot load --faults {options.FaultsFile}: {e.Message}");
            return 2;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(stop);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                await stderr.WriteLineAsync($"Cdss.Emulator: cannot listen on {string.Join(";", options.Urls)}: {e.Message}");
                return 1;
            }

            // The one stdout line clients wait for; everything else goes to stderr.
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? options.Urls[0];
            await stdout.WriteLineAsync($"Listening on {address.TrimEnd('/')}/api/v1");
            await stdout.FlushAsync(CancellationToken.None);

            if (options.ParentPid is { } parentPid)
                _ = WatchParentAsync(parentPid, app.Lifetime, stderr);

            await app.WaitForShutdownAsync(stop);
            return 0;
        }
    }

    /// <summary>
    /// Polls rather than waiting on the process: on Unix a non-child process cannot be waited
    /// for. The start time guards against the pid being reused by an unrelated process.
    /// </summary>
    private static async Task WatchParentAsync(int pid, IHostApplicationLifetime lifetime, TextWriter stderr)
    {
        var (_, started) = Probe(pid);
        while (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            var (alive, now) = Probe(pid);
            if (!alive || (started is not null && now is not null && now != started))
            {
                await stderr.WriteLineAsync($"Cdss.Emulator: parent process {pid} exited; stopping");
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
