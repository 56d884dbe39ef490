namespace Cdss.Emulator.Clusters;

/// <summary>
/// Non-zero envelope codes. Only code 3 "Invalid Service Group Instance No" (the reference's example)
/// and code 3 "Invalid Compute Instance No list" come from public sources; the rest are the emulator's
/// choice, listed in docs/EMULATOR.md. Clients should show code and message, not branch on them.
/// </summary>
public static class EnvelopeCodes
{
    public const int InvalidNo = 3;
    public const string InvalidNoMessage = "Invalid Service Group Instance No";
    public const string InvalidComputeInstanceListMessage = "Invalid Compute Instance No list";

    /// <summary>Answered with HTTP 500 when a body is missing or is not JSON.</summary>
    public const int JsonParseError = 900;
    /// <summary>A parameter that is missing, of the wrong type or out of range; the message says which.</summary>
    public const int InvalidParameter = 1000;
    /// <summary>Only kafka-dev answers "not running" with a non-zero code (see <see cref="Cluster.NotReadyCode"/>).</summary>
    public const int NotRunning = 1001;
    public const int VersionMismatch = 1003;
    public const int InvalidConfigGroup = 1004;
    public const int InvalidKafkaVersion = 1005;
}
