namespace Cdss.Emulator.Clusters;

public enum OutcomeKind
{
    /// <summary>code 0, result true.</summary>
    Yes,
    /// <summary>The documented "no": code 0, result null, the reason in message.</summary>
    No,
    /// <summary>A non-zero envelope code with the reason in message, result null.</summary>
    Error,
    /// <summary>The access key may not act on this cluster: the gateway's 401/210.</summary>
    Denied,
}
