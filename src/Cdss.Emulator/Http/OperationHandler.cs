using System.Text.Json;

namespace Cdss.Emulator.Http;

/// <summary>
/// Runs one operation after authentication and faults. <paramref name="body"/> is the parsed JSON object
/// for operations that read a body, and an undefined element for those that do not.
/// </summary>
public delegate Task OperationHandler(HttpContext ctx, CdssRoute route, JsonElement body);
