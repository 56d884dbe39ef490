using System;
using System.Text.Json;

namespace Cdss.Api
{
    /// <summary>The CDSS answer envelope: {"code":0,"message":"SUCCESS","result":...,"requestId":"..."}.</summary>
    internal sealed class Envelope
    {
        private Envelope(int code, string message, JsonElement result, string? requestId)
        {
            Code = code;
            Message = message;
            Result = result;
            RequestId = requestId;
        }

        public int Code { get; }
        public string Message { get; }

        /// <summary>A detached copy of "result" (Undefined when the property is missing).</summary>
        public JsonElement Result { get; }
        public string? RequestId { get; }

        public bool IsSuccess => Code == 0;

        /// <summary>Reads an HTTP 200 body; anything that is not the envelope is CdssInvalidResponse.</summary>
        public static Envelope Parse(string? body, string operation)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                throw Invalid($"{operation} returned HTTP 200 with an empty body instead of the CDSS envelope.");
            }
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(body!);
            }
            catch (JsonException ex)
            {
                throw Invalid($"{operation} returned a body that is not JSON: {Transport.GatewayError.Snippet(body!)}", ex);
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object ||
                    !root.TryGetProperty("code", out var codeElement) || codeElement.ValueKind != JsonValueKind.Number ||
                    !codeElement.TryGetInt32(out var code))
                {
                    throw Invalid($"{operation} returned JSON that is not the CDSS envelope (no numeric 'code'): {Transport.GatewayError.Snippet(body!)}");
                }
                var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
                var requestId = root.TryGetProperty("requestId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                var result = root.TryGetProperty("result", out var res) ? res.Clone() : default;
                return new Envelope(code, message, result, requestId);
            }
        }

        private static CdssException Invalid(string message, Exception? inner = null) =>
            new CdssException(CdssErrorIds.InvalidResponse, CdssErrorCategory.InvalidResult, message,
                "The answer did not come from the CDSS API as expected; check -Endpoint and any proxy in between, then try again.", inner);
    }
}
