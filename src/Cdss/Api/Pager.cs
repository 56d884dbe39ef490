using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Transport;

namespace Cdss.Api
{
    /// <summary>
    /// Walks a paged CDSS listing one page at a time, so a cmdlet can write each page as it arrives and a completer
    /// can read them all. The loop exists once, here: numbering, when to stop (<see cref="Paging.End{T}"/>), and
    /// handing out each item once, however often the service repeats it.
    /// </summary>
    internal sealed class Pager<TPage, T> where TPage : ResultPage<T>
    {
        private readonly string _listing;
        private readonly Func<int, CancellationToken, Task<TPage>> _fetch;
        private readonly Func<T, object> _keyOf;
        private readonly ICdssLog _log;
        private readonly HashSet<object> _seen = new HashSet<object>();
        private int _nextPageNo = 1;
        private bool _done;

        /// <param name="listing">What is listed, for warnings: "the cluster list".</param>
        /// <param name="keyOf">What makes an item the same item on another page.</param>
        public Pager(string listing, Func<int, CancellationToken, Task<TPage>> fetch, Func<T, object> keyOf, ICdssLog? log = null)
        {
            _listing = listing ?? throw new ArgumentNullException(nameof(listing));
            _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
            _keyOf = keyOf ?? throw new ArgumentNullException(nameof(keyOf));
            _log = log ?? NullLog.Instance;
        }

        /// <summary>The page read last (for its paging fields and extras), or null before the first.</summary>
        public TPage? Page { get; private set; }

        /// <summary>
        /// The items of the next page that no earlier page had, in the service's order, or null once the listing has
        /// ended. A listing that ends because the service misbehaves says so in a warning.
        /// </summary>
        public async Task<IReadOnlyList<T>?> NextAsync(CancellationToken cancellationToken)
        {
            if (_done) return null;
            var page = await _fetch(_nextPageNo++, cancellationToken).ConfigureAwait(false);
            Page = page;
            var fresh = new List<T>(page.Items.Count);
            foreach (var item in page.Items)
            {
                if (_seen.Add(_keyOf(item))) fresh.Add(item);
            }
            var repeated = page.Items.Count - fresh.Count;
            var end = Paging.End(page, fresh.Count);
            _done = end != PageEnd.None;
            var number = page.RequestedPage.ToString(CultureInfo.InvariantCulture);
            var read = _seen.Count.ToString(CultureInfo.InvariantCulture);
            switch (end)
            {
                case PageEnd.NotThePageAskedFor:
                    _log.Warning($"Asked for page {number} of {_listing}, the service answered page {page.CurrentPage.ToString(CultureInfo.InvariantCulture)}: " +
                                 $"it seems to ignore pageNo, so the listing ends here with {read} entries, each listed once. Entries on later pages, if any, are missing.");
                    break;
                case PageEnd.OnlyRepeats:
                    _log.Warning($"Page {number} of {_listing} repeated only entries of earlier pages: the service seems to ignore pageNo, " +
                                 $"so the listing ends here with {read} entries, each listed once. Entries on later pages, if any, are missing.");
                    break;
                case PageEnd.MaxPages:
                    _log.Warning($"Stopped reading {_listing} after {number} pages, with {read} entries: the service never said which page is the last.");
                    break;
                default:
                    if (repeated > 0)
                    {
                        _log.Verbose($"Page {number} of {_listing} repeated {repeated.ToString(CultureInfo.InvariantCulture)} entries of earlier pages; each is listed once.");
                    }
                    break;
            }
            return fresh;
        }
    }
}
