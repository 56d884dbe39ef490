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

/// <summary>The answer to an operation that asks for, or checks, a change.</summary>
public sealed record Outcome(OutcomeKind Kind, int Code, string Message)
{
    public static readonly Outcome Yes = new(OutcomeKind.Yes, 0, "SUCCESS");
    public static readonly Outcome Denied = new(OutcomeKind.Denied, 0, "access key has no permission for this cluster");
    public static readonly Outcome UnknownCluster = Error(EnvelopeCodes.InvalidNo, EnvelopeCodes.InvalidNoMessage);

    public static Outcome No(string reason) => new(OutcomeKind.No, 0, reason);

    public static Outcome Error(int code, string message) => new(OutcomeKind.Error, code, message);
}
