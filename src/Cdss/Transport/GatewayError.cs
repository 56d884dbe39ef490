using System;
using System.Text;
using System.Text.Json;

namespace Cdss.Transport
{
    /// <summary>
    /// The API Gateway's error body, {"error":{"errorCode","message","details"}} (newer APIs write "detail"),
    /// and its mapping onto Cdss error ids.
    /// </summary>
    internal sealed class GatewayError
    {
        public string? ErrorCode { get; private set; }
        public string? Message { get; private set; }
        public string? Details { get; private set; }

        public static GatewayError? TryParse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using var doc = JsonDocument.Parse(body!);
                if (doc.RootElement.ValueKind != JsonValueKind.Object ||
                    !doc.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }
                return new GatewayError
                {
                    ErrorCode = Text(error, "errorCode"),
                    Message = Text(error, "message"),
                    Details = Text(error, "details") ?? Text(error, "detail"),
                };
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>Builds the error a non-200 answer stands for.</summary>
        public static CdssException ToException(int status, string? body, string operation)
        {
            var gateway = TryParse(body);
            var code = gateway?.ErrorCode;
            string id;
            CdssErrorCategory category;
            string action;
            switch (status)
            {
                case 401 when code == "210":
                case 403:
                    id = CdssErrorIds.PermissionDenied; category = CdssErrorCategory.PermissionDenied;
                    action = "Grant this access key permission for Cloud Data Streaming Service (Sub Account policy), or use another key.";
                    break;
                case 401:
                    id = CdssErrorIds.AuthenticationFailed; category = CdssErrorCategory.AuthenticationError;
                    action = "Check the access key and secret key (Connect-Cdss), and that the local clock is within 5 minutes of the real time.";
                    break;
                case 404:
                    id = CdssErrorIds.NotFound; category = CdssErrorCategory.ObjectNotFound;
                    action = "Check the site, region and -Endpoint: an unknown path usually means a wrong region prefix.";
                    break;
                case 429:
                    id = CdssErrorIds.Throttled; category = CdssErrorCategory.LimitsExceeded;
                    action = code == "400" ? "The API quota is used up; wait for it to reset or ask NAVER Cloud to raise it."
                                           : "Slow down: lower -ThrottleLimit, or try again later.";
                    break;
                case int s when s >= 500 && s <= 599:
                    id = CdssErrorIds.ServiceError; category = CdssErrorCategory.ResourceUnavailable;
                    action = "The service failed to answer; try again later, and quote the request id to NAVER Cloud support if it persists.";
                    break;
                case int s when s >= 400 && s <= 499:
                    id = CdssErrorIds.BadRequest; category = CdssErrorCategory.InvalidArgument;
                    action = "The gateway rejected the request as malformed; check the parameters.";
                    break;
                default:
                    id = CdssErrorIds.InvalidResponse; category = CdssErrorCategory.InvalidResult;
                    action = "The answer was not what the CDSS API returns; check -Endpoint and any proxy in between.";
                    break;
            }

            var message = new StringBuilder();
            message.Append($"{operation} failed with HTTP {status}");
            if (gateway != null)
            {
                message.Append($", gateway error {gateway.ErrorCode ?? "?"} '{gateway.Message}'");
                if (!string.IsNullOrEmpty(gateway.Details)) message.Append($": {gateway.Details}");
            }
            else if (!string.IsNullOrWhiteSpace(body))
            {
                message.Append($"; body: {Snippet(body!)}");
            }
            message.Append('.');

            return new CdssException(id, category, message.ToString(), action)
            {
                HttpStatus = status,
                ServiceCode = code,
            };
        }

        /// <summary>A short single-line excerpt of a body we could not read, for the error message.</summary>
        public static string Snippet(string body, int max = 160)
        {
            var flat = string.Join(" ", body.Split(new[] { ' ', '\r', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries));
            return flat.Length <= max ? flat : flat.Substring(0, max) + "…";
        }

        private static string? Text(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => value.GetRawText(),
            };
        }
    }
}
