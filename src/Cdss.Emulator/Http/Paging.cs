using System.Text.Json;
using Cdss.Emulator.Clusters;

namespace Cdss.Emulator.Http;

/// <summary>
/// pageNo and pageSize of the paged reads. pageSize is clamped to 1..100 and pageNo to >= 1 rather than
/// refused, so a client that asks for more than 100 per page sees fewer rows and must follow totalPage.
/// </summary>
public sealed record Paging(int PageNo, int PageSize)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    /// <summary>From the body, or from the query string (the body wins); a mistyped value is code 1000.</summary>
    public static Outcome? Read(JsonElement body, IQueryCollection? query, out Paging paging)
    {
        paging = new Paging(1, DefaultPageSize);
        long? pageNo = null, pageSize = null;
        if (query is not null)
        {
            if (query.TryGetValue("pageNo", out var qp) && !TryQuery(qp.ToString(), out pageNo)) return Invalid("pageNo");
            if (query.TryGetValue("pageSize", out var qs) && !TryQuery(qs.ToString(), out pageSize)) return Invalid("pageSize");
        }
        if (!RequestBody.TryGetLong(body, "pageNo", out var bp)) return Invalid("pageNo");
        if (!RequestBody.TryGetLong(body, "pageSize", out var bs)) return Invalid("pageSize");
        pageNo = bp ?? pageNo;
        pageSize = bs ?? pageSize;
        paging = new Paging((int)Math.Clamp(pageNo ?? 1, 1, int.MaxValue), (int)Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
        return null;
    }

    public IEnumerable<T> Apply<T>(IEnumerable<T> items) =>
        items.Skip((int)Math.Min(int.MaxValue, (long)(PageNo - 1) * PageSize)).Take(PageSize);

    /// <summary>The paging fields every paged result starts with; the caller adds its lists.</summary>
    public Dictionary<string, object?> Fields(int totalCount)
    {
        var totalPage = (int)((totalCount + (long)PageSize - 1) / PageSize);
        return new Dictionary<string, object?>
        {
            ["currentPage"] = PageNo,
            ["pageSize"] = PageSize,
            ["totalCount"] = totalCount,
            ["totalPage"] = totalPage,
            ["isFirst"] = PageNo == 1,
            ["isLast"] = PageNo >= totalPage,
        };
    }

    private static bool TryQuery(string text, out long? value)
    {
        value = null;
        if (text.Length == 0) return true;
        if (!RequestBody.TryParseInteger(text, out var n)) return false;
        value = n;
        return true;
    }

    private static Outcome Invalid(string name) => Outcome.Error(EnvelopeCodes.InvalidParameter, $"Invalid parameter: {name} must be an integer");
}
