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
