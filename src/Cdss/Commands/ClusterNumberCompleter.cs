using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>
    /// Completes -ServiceGroupInstanceNo from the default session's clusters, with the name as tooltip.
    /// The list is cached briefly so repeated Tab presses do not hit the API; with no session it stays silent.
    /// </summary>
    public sealed class ClusterNumberCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan FetchBudget = TimeSpan.FromSeconds(5);
        private static readonly object Gate = new object();
        private static (Session Session, DateTime FetchedAt, IReadOnlyList<Cluster> Clusters)? _cache;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = DefaultSessionStore.Get();
            if (session == null) return Enumerable.Empty<CompletionResult>();
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return Clusters(session)
                .Where(c => c.ServiceGroupInstanceNo.ToString(CultureInfo.InvariantCulture).StartsWith(prefix, StringComparison.Ordinal)
                            || c.ClusterName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(c =>
                {
                    var number = c.ServiceGroupInstanceNo.ToString(CultureInfo.InvariantCulture);
                    return new CompletionResult(number, $"{number} ({c.ClusterName})", CompletionResultType.ParameterValue,
                        $"{c.ClusterName}: {c.Status}");
                });
        }

        private static IReadOnlyList<Cluster> Clusters(Session session)
        {
            lock (Gate)
            {
                if (_cache.HasValue && ReferenceEquals(_cache.Value.Session, session) && DateTime.UtcNow - _cache.Value.FetchedAt < CacheLifetime)
                {
                    return _cache.Value.Clusters;
                }
            }
            var clusters = new List<Cluster>();
            try
            {
                using var budget = new CancellationTokenSource(FetchBudget);
                var client = session.CreateClient();
                for (var pageNo = 1; ; pageNo++)
                {
                    var page = client.GetClusterPageAsync(pageNo, CdssClient.DefaultPageSize, null, budget.Token).GetAwaiter().GetResult();
                    clusters.AddRange(page.Clusters);
                    if (!CdssClient.HasNextPage(page)) break;
                }
            }
            catch (Exception)
            {
                // Completion must never throw or print; an unreachable API just means no suggestions.
                return clusters;
            }
            lock (Gate) _cache = (session, DateTime.UtcNow, clusters);
            return clusters;
        }
    }
}
