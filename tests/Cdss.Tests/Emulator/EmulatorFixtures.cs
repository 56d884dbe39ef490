namespace Cdss.Tests;

/// <summary>
/// One in-process emulator shared by the tests of a class, which xunit runs one at a time; each test starts with a
/// reset (<see cref="EmulatorTests"/>). The seed clusters, and brokers that restart in 100 ms of the emulator clock.
/// </summary>
public class SeedEmulator : IAsyncLifetime
{
    internal EmulatorHost Host { get; private set; } = null!;

    protected virtual string[] Arguments => ["--broker-restart-ms", "100"];

    public async Task InitializeAsync() => Host = await EmulatorHost.StartAsync(Arguments);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Fifteen generated clusters (5000001…; 5, 10 and 15 are changing, error and creating).</summary>
public sealed class GeneratedEmulator : SeedEmulator
{
    protected override string[] Arguments => ["--clusters", "15", "--broker-restart-ms", "100"];
}

/// <summary>--fault-rate 1: every read gets a random transient fault.</summary>
public sealed class FaultyEmulator : SeedEmulator
{
    protected override string[] Arguments => ["--fault-rate", "1"];
}
