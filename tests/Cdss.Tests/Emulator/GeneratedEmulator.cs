namespace Cdss.Tests;

/// <summary>Fifteen generated clusters (5000001…; 5, 10 and 15 are changing, error and creating).</summary>
public sealed class GeneratedEmulator : SeedEmulator
{
    protected override string[] Arguments => ["--clusters", "15", "--broker-restart-ms", "100"];
}
