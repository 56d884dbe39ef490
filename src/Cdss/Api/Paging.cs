using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Transport;

namespace Cdss.Api
{
    /// <summary>The one rule for every paged CDSS listing (the cluster list included): when it ends.</summary>
    internal static class Paging
    {
        /// <summary>More pages than any account has; only a server that never says "last" gets this far.</summary>
        public const int MaxPages = 10000;

        /// <summary>
        /// Whether the listing goes on after <paramref name="page"/>, of which <paramref name="newItems"/> items were
        /// not on an earlier page. A page that is not the one asked for (a server ignoring pageNo), a page of nothing
        /// new, an empty page, isLast, totalPage and <see cref="MaxPages"/> each end it, so a server that miscounts
        /// or ignores pageNo can never make a caller loop forever.
        /// </summary>
        public static PageEnd End<T>(ResultPage<T> page, int newItems)
        {
            if (page.CurrentPage > 0 && page.CurrentPage != page.RequestedPage) return PageEnd.NotThePageAskedFor;
            if (page.IsLast || page.Items.Count == 0) return PageEnd.Last;
            if (newItems == 0) return PageEnd.OnlyRepeats;
            if (page.TotalPage > 0 && page.RequestedPage >= page.TotalPage) return PageEnd.Last;
            return page.RequestedPage >= MaxPages ? PageEnd.MaxPages : PageEnd.None;
        }

        /// <summary>Every item of a listing, each once, in order: pages 1, 2, … until <see cref="End{T}"/> says stop.</summary>
        /// <param name="listing">What is listed, for warnings: "the config groups of Kafka version 3713006".</param>
        /// <param name="keyOf">What makes an item the same item on another page.</param>
        public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(string listing, Func<int, CancellationToken, Task<ResultPage<T>>> fetchPage,
            Func<T, object> keyOf, ICdssLog log, CancellationToken cancellationToken)
        {
            var pager = new Pager<ResultPage<T>, T>(listing, fetchPage, keyOf, log);
            var items = new List<T>();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var fresh = await pager.NextAsync(cancellationToken).ConfigureAwait(false);
                if (fresh == null) return items;
                items.AddRange(fresh);
            }
        }
    }
}
