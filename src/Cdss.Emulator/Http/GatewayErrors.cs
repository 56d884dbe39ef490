namespace Cdss.Emulator.Http;

/// <summary>The API Gateway error table from the reference (section 4).</summary>
public static class GatewayErrors
{
    public sealed record Entry(int Status, string ErrorCode, string Message);

    public static readonly Entry BadRequest = new(400, "100", "Bad Request Exception");
    public static readonly Entry AuthenticationFailed = new(401, "200", "Authentication Failed");
    public static readonly Entry PermissionDenied = new(401, "210", "Permission Denied");
    public static readonly Entry Forbidden = new(403, "230", "Forbidden");
    public static readonly Entry NotFound = new(404, "300", "Not Found Exception");
    public static readonly Entry QuotaExceeded = new(429, "400", "Quota Exceeded");
    public static readonly Entry ThrottleLimited = new(429, "410", "Throttle Limited");
    public static readonly Entry RateLimited = new(429, "420", "Rate Limited");
    public static readonly Entry EntityTooLarge = new(413, "430", "Request Entity Too Large");
    public static readonly Entry EndpointError = new(503, "500", "Endpoint Error");
    public static readonly Entry EndpointTimeout = new(504, "510", "Endpoint Timeout");
    public static readonly Entry Unexpected = new(500, "900", "Unexpected Error");

    public static readonly IReadOnlyList<Entry> All =
    [
        BadRequest, AuthenticationFailed, PermissionDenied, Forbidden, NotFound, QuotaExceeded,
        ThrottleLimited, RateLimited, EntityTooLarge, EndpointError, EndpointTimeout, Unexpected,
    ];

    public static Entry? ByErrorCode(string errorCode) => All.FirstOrDefault(e => e.ErrorCode == errorCode);

    /// <summary>First table row for an HTTP status (429 maps to 410, the transient one).</summary>
    public static Entry? ByStatus(int status) =>
        status == 429 ? ThrottleLimited : All.FirstOrDefault(e => e.Status == status);
}
