namespace Cdss.Emulator.Http;

/// <summary>
/// One row of the gateway's resource table. <paramref name="IsRead"/> marks the documented reads, the only
/// operations random faults may hit; <paramref name="ReadsBody"/> marks the operations that parse a JSON body.
/// </summary>
public sealed record OperationSpec(string Method, string Area, string Segment, bool HasPathNo, string Operation, bool IsRead, bool ReadsBody);
