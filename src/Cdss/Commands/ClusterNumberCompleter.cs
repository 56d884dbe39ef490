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
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = DefaultSessionStore.Get();
            if (session == null) return Enumerable.Empty<CompletionResult>();
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return Clusters.Get(session)
                .Where(c => c.ServiceGroupInstanceNo.ToString(CultureInfo.InvariantCulture).StartsWith(prefix, StringComparison.Ordinal)
                            || c.ClusterName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(c =>
                {
                    var number = c.ServiceGroupInstanceNo.ToString(CultureInfo.InvariantCulture);
                    return new CompletionResult(number, $"{number} ({c.ClusterName})", CompletionResultType.ParameterValue,
                        $"{c.ClusterName}: {c.Status}");
                });
        }

        /// <summary>Every page of the cluster list, through the core's pager; shared with the name completer.</summary>
        internal static readonly CompletionCache<Cluster> Clusters = new CompletionCache<Cluster>("clusters", async (client, token) =>
        {
            var clusters = new List<Cluster>();
            var pager = client.ListClusters(null);
            IReadOnlyList<Cluster>? fresh;
            while ((fresh = await pager.NextAsync(token).ConfigureAwait(false)) != null) clusters.AddRange(fresh);
            return clusters;
        });
    }
}
