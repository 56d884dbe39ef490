using System.Text.Json;

namespace Cdss.Emulator.Http;

/// <summary>Finds the handler of a routed operation; every row of the router's table must have exactly one.</summary>
public sealed class CdssDispatcher
{
    private readonly Dictionary<string, OperationHandler> _handlers = new(StringComparer.Ordinal);

    public CdssDispatcher(IEnumerable<IOperationGroup> groups)
    {
        foreach (var group in groups)
            foreach (var (operation, handler) in group.Handlers)
                if (!_handlers.TryAdd(operation, handler))
                    throw new InvalidOperationException($"two handlers for {operation}");
        var missing = CdssRouter.Table.Select(s => s.Operation).Where(op => !_handlers.ContainsKey(op)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"no handler for {string.Join(", ", missing)}");
    }

    public Task RunAsync(HttpContext ctx, CdssRoute route, JsonElement body) => _handlers[route.Operation](ctx, route, body);
}
