namespace Cdss.Emulator.Http;

/// <summary>A set of operations, registered by operation name.</summary>
public interface IOperationGroup
{
    IEnumerable<KeyValuePair<string, OperationHandler>> Handlers { get; }
}
