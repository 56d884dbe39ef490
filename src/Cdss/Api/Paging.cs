using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Api
{
    /// <summary>Reads every page of a CDSS listing whose pages are <see cref="ResultPage{T}"/>.</summary>
    internal static class Paging
    {
        /// <summary>More pages than any account has; only a server that never says "last" gets this far.</summary>
        public const int MaxPages = 10000;

        /// <summary>
        /// Whether another page follows. isLast, totalPage and an empty page each end the listing, and so does a page
        /// that is not the one asked for (a server ignoring pageNo), so a server that miscounts can never make a
        /// caller loop forever.
        /// </summary>
        public static bool HasNextPage<T>(ResultPage<T> page)
        {
            if (page.IsLast || page.Items.Count == 0 || page.RequestedPage >= MaxPages) return false;
            if (page.CurrentPage > 0 && page.CurrentPage != page.RequestedPage) return false;
            return page.TotalPage <= 0 || page.RequestedPage < page.TotalPage;
        }

        /// <summary>Fetches pages 1, 2, … until <see cref="HasNextPage{T}"/> says stop, and returns their items in order.</summary>
        public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(Func<int, CancellationToken, Task<ResultPage<T>>> fetchPage, CancellationToken cancellationToken)
        {
            var pager = new Pager<ResultPage<T>>(fetchPage, HasNextPage);
            var items = new List<T>();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = await pager.NextAsync(cancellationToken).ConfigureAwait(false);
                if (page == null) return items;
                items.AddRange(page.Items);
            }
        }
    }
}
