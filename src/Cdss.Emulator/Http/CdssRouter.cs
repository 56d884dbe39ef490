namespace Cdss.Emulator.Http;

/// <summary>A matched CDSS operation: name, region prefix and the optional {serviceGroupInstanceNo} path value.</summary>
public sealed record CdssRoute(string Operation, string Prefix, string? PathNo, string LastSegment);

/// <summary>
/// Maps method + path to an operation. Matching is exact and case-sensitive, like the
/// gateway's resource table, so a wrong prefix, a typo or a wrong method is a 404 that a
/// client test notices instead of a lenient success.
/// </summary>
public static class CdssRouter
{
    public static readonly string[] Prefixes = ["v1", "sgn-v1", "jpn-v1", "krs-v1"];

    private static readonly (string Method, string Segment, bool HasNo, string Operation)[] Table =
    [
        ("POST", "rollingRestartPreCheck", false, "rollingRestartPreCheck"),
        ("POST", "rollingRestart", false, "rollingRestart"),
        ("POST", "rollingRestartProgressCheck", false, "rollingRestartProgressCheck"),
        ("POST", "getClusterInfoList", false, "getClusterInfoList"),
        ("POST", "getClusterInfoList", true, "getClusterInfo"),
        ("GET", "getClusterStatus", true, "getClusterStatus"),
    ];

    /// <summary>Returns the route, or null with a reason for the 404 details.</summary>
    public static CdssRoute? Match(string method, string path, out string reason)
    {
        // "/api/{prefix}/cluster/{op}" or ".../{op}/{no}"; an empty segment (double or trailing slash) never matches.
        var parts = path.Split('/');
        reason = $"no such resource: {method} {path}";
        if (parts.Length is < 5 or > 6 || parts[0] != "" || parts[1] != "api" || parts[3] != "cluster") return null;
        if (!Prefixes.Contains(parts[2]))
        {
            reason = $"unknown API prefix '/api/{parts[2]}' (expected v1, sgn-v1, jpn-v1 or krs-v1)";
            return null;
        }

        var hasNo = parts.Length == 6;
        if (hasNo && parts[5].Length == 0) return null;
        foreach (var (m, segment, withNo, op) in Table)
        {
            if (segment != parts[4] || withNo != hasNo) continue;
            if (m != method)
            {
                reason = $"method {method} is not allowed on {path}";
                continue;
            }
            return new CdssRoute(op, parts[2], hasNo ? parts[5] : null, parts[^1]);
        }
        return null;
    }
}
