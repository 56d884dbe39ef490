using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Api
{
    /// <summary>Reads every page of a CDSS listing.</summary>
    internal static class Paging
    {
        /// <summary>More pages than any account has; only a server that never says "last" gets this far.</summary>
        public const int MaxPages = 10000;

        /// <summary>
        /// Whether another page follows page <paramref name="requestedPage"/>. isLast, totalPage and an empty page
        /// each end the listing, and so does a page that is not the one asked for (a server ignoring pageNo), so a
        /// server that miscounts can never make a caller loop forever.
        /// </summary>
        public static bool HasNextPage(int requestedPage, int reportedPage, int totalPage, bool isLast, int itemCount)
        {
            if (isLast || itemCount == 0 || requestedPage >= MaxPages) return false;
            if (reportedPage > 0 && reportedPage != requestedPage) return false;
            return totalPage <= 0 || requestedPage < totalPage;
        }

        /// <summary>Fetches pages 1, 2, … until <see cref="HasNextPage"/> says stop, and returns their items in order.</summary>
        public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(Func<int, CancellationToken, Task<ResultPage<T>>> fetchPage, CancellationToken cancellationToken)
        {
            if (fetchPage == null) throw new ArgumentNullException(nameof(fetchPage));
            var items = new List<T>();
            for (var pageNo = 1; ; pageNo++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = await fetchPage(pageNo, cancellationToken).ConfigureAwait(false);
                items.AddRange(page.Items);
                if (!HasNextPage(pageNo, page.CurrentPage, page.TotalPage, page.IsLast, page.Items.Count)) return items;
            }
        }
    }
}
