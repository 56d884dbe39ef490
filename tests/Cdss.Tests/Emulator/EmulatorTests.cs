namespace Cdss.Tests;

/// <summary>Tests on the shared seed emulator: every test starts from a reset (the clock is never set back).</summary>
public abstract class EmulatorTests : IClassFixture<SeedEmulator>, IAsyncLifetime
{
    protected EmulatorTests(SeedEmulator seed) => Emu = seed.Host;

    internal EmulatorHost Emu { get; }

    public virtual Task InitializeAsync() => Emu.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
