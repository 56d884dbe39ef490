using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>
    /// A completer's list, fetched with the default session and kept briefly, so repeated Tab presses do not hit the
    /// API. The list is kept on the session itself (under this cache's name), so it belongs to the runspace's default
    /// session and goes with it; nothing static holds a session. A fetch that fails or runs out of time gives an empty
    /// list: completion must never throw or print.
    /// </summary>
    internal sealed class CompletionCache<T>
    {
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan FetchBudget = TimeSpan.FromSeconds(5);

        private readonly string _name;
        private readonly Func<CdssClient, CancellationToken, Task<IReadOnlyList<T>>> _fetch;

        public CompletionCache(string name, Func<CdssClient, CancellationToken, Task<IReadOnlyList<T>>> fetch)
        {
            _name = name;
            _fetch = fetch;
        }

        public IReadOnlyList<T> Get(Session session)
        {
            if (session.Completions.TryGetValue(_name, out var cached) && DateTime.UtcNow - cached.FetchedAt < CacheLifetime)
            {
                return (IReadOnlyList<T>)cached.Items;
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
            session.Completions[_name] = (DateTime.UtcNow, items);
            return items;
        }
    }
}
