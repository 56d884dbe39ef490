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
    internal sealed class ClusterNumberCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan FetchBudget = TimeSpan.FromSeconds(5);

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

        /// <summary>
        /// The clusters, from the cache kept on the session itself (so it belongs to the runspace's default session
        /// and goes with it), fetched again after a minute.
        /// </summary>
        private static IReadOnlyList<Cluster> Clusters(Session session)
        {
            var cached = session.CompletionCache;
            if (cached != null && DateTime.UtcNow - cached.Value.FetchedAt < CacheLifetime) return cached.Value.Clusters;
            var clusters = new List<Cluster>();
            try
            {
                using var budget = new CancellationTokenSource(FetchBudget);
                var pager = session.CreateClient().ListClusters(null);
                ClusterPage? page;
                while ((page = pager.NextAsync(budget.Token).GetAwaiter().GetResult()) != null) clusters.AddRange(page.Clusters);
            }
            catch (Exception)
            {
                // Completion must never throw or print; an unreachable API just means no suggestions.
                return clusters;
            }
            session.CompletionCache = (DateTime.UtcNow, clusters);
            return clusters;
        }
    }
}
