namespace Cdss.Emulator.Clusters;

/// <summary>The answer to an operation that asks for, or checks, a change.</summary>
public sealed record Outcome(OutcomeKind Kind, int Code, string Message)
{
    public static readonly Outcome Yes = new(OutcomeKind.Yes, 0, "SUCCESS");
    public static readonly Outcome Denied = new(OutcomeKind.Denied, 0, "access key has no permission for this cluster");
    public static readonly Outcome UnknownCluster = Error(EnvelopeCodes.InvalidNo, EnvelopeCodes.InvalidNoMessage);

    public static Outcome No(string reason) => new(OutcomeKind.No, 0, reason);

    public static Outcome Error(int code, string message) => new(OutcomeKind.Error, code, message);
}
