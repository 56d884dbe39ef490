using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>
    /// A completer's list, fetched with the default session and kept briefly, so repeated Tab presses do not hit the
    /// API. A fetch that fails or runs out of time gives an empty list: completion must never throw or print.
    /// </summary>
    internal sealed class CompletionCache<T>
    {
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan FetchBudget = TimeSpan.FromSeconds(5);

        private readonly Func<CdssClient, CancellationToken, Task<IReadOnlyList<T>>> _fetch;
        private readonly object _gate = new object();
        private (Session Session, DateTime FetchedAt, IReadOnlyList<T> Items)? _cache;

        public CompletionCache(Func<CdssClient, CancellationToken, Task<IReadOnlyList<T>>> fetch) => _fetch = fetch;

        public IReadOnlyList<T> Get(Session session)
        {
            lock (_gate)
            {
                if (_cache.HasValue && ReferenceEquals(_cache.Value.Session, session) && DateTime.UtcNow - _cache.Value.FetchedAt < CacheLifetime)
                {
                    return _cache.Value.Items;
                }
            }
            IReadOnlyList<T> items;
            try
            {
                using var budget = new CancellationTokenSource(FetchBudget);
                items = _fetch(session.CreateClient(), budget.Token).GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                return Array.Empty<T>();
            }
            lock (_gate) _cache = (session, DateTime.UtcNow, items);
            return items;
        }
    }
}
