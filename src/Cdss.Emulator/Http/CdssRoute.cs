namespace Cdss.Emulator.Http;

/// <summary>A matched CDSS operation: its table row, region prefix and the optional number in the path.</summary>
public sealed record CdssRoute(OperationSpec Spec, string Prefix, string? PathNo)
{
    public string Operation => Spec.Operation;

    /// <summary>The operation's path segment ("getClusterInfoList" for the list and for .../{no}), which fault rules may name.</summary>
    public string PathSegment => Spec.Segment;
}
