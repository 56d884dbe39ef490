using System;
using System.Threading;
using System.Threading.Tasks;

namespace Cdss.Api
{
    /// <summary>
    /// Walks a paged CDSS listing one page at a time, so a cmdlet can write each page as it arrives and the
    /// completer can read them all: the loop (numbering, when to stop) exists once, here.
    /// </summary>
    internal sealed class Pager<TPage> where TPage : class
    {
        private readonly Func<int, CancellationToken, Task<TPage>> _fetch;
        private readonly Func<TPage, bool> _hasNext;
        private int _nextPageNo = 1;
        private bool _done;

        public Pager(Func<int, CancellationToken, Task<TPage>> fetch, Func<TPage, bool> hasNext)
        {
            _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
            _hasNext = hasNext ?? throw new ArgumentNullException(nameof(hasNext));
        }

        /// <summary>The next page, or null after the last one.</summary>
        public async Task<TPage?> NextAsync(CancellationToken cancellationToken)
        {
            if (_done) return null;
            var page = await _fetch(_nextPageNo++, cancellationToken).ConfigureAwait(false);
            _done = !_hasNext(page);
            return page;
        }
    }
}
