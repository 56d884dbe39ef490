namespace Cdss.Tests;

/// <summary>--fault-rate 1: every read gets a random transient fault.</summary>
public sealed class FaultyEmulator : SeedEmulator
{
    protected override string[] Arguments => ["--fault-rate", "1"];
}
