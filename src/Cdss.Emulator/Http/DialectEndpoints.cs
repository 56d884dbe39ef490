using System.Text.Json;
using Cdss.Emulator.Options;

namespace Cdss.Emulator.Http;

/// <summary>GET and POST /_emulator/dialect: show or change the forms the sources leave open.</summary>
public static class DialectEndpoints
{
    /// <param name="group">The /_emulator group, with its loopback-only filter.</param>
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/dialect", (DialectSettings d) => Results.Json(d.Current.Describe(), Responses.Json));
        group.MapPost("/dialect", async (HttpContext ctx, DialectSettings d) =>
        {
            JsonElement json;
            try
            {
                using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
                json = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                return Results.BadRequest(new { error = $"body is not valid JSON: {e.Message}" });
            }
            if (json.ValueKind != JsonValueKind.Object) return Results.BadRequest(new { error = "dialect must be a JSON object" });
            try
            {
                // All or nothing: every form is checked before any is changed.
                var changed = d.Current;
                foreach (var p in json.EnumerateObject())
                {
                    var value = p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString()!,
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => throw new FormatException($"{p.Name} must be a string or a boolean"),
                    };
                    changed = changed.With(p.Name, value);
                }
                d.Update(_ => changed);
                return Results.Json(d.Current.Describe(), Responses.Json);
            }
            catch (FormatException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });
    }
}
