using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Cdss.Commands
{
    /// <summary>
    /// Completes Get-CdssCluster -Name from the default session's clusters (the same briefly cached list as the number
    /// completer), with the number and status as tooltip; a word with wildcards narrows the list. Silent without a session.
    /// </summary>
    internal sealed class ClusterNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = DefaultSessionStore.Get();
            if (session == null || !session.IsConnected) return Enumerable.Empty<CompletionResult>();
            var word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(WildcardPattern.ContainsWildcardCharacters(word) ? word : word + "*", WildcardOptions.IgnoreCase);
            return ClusterNumberCompleter.Clusters.Get(session)
                .Where(c => pattern.IsMatch(c.ClusterName))
                .Select(c => new CompletionResult(Quote(c.ClusterName), c.ClusterName, CompletionResultType.ParameterValue,
                    $"{c.ServiceGroupInstanceNo} {c.ClusterName}: {c.Status}"));
        }

        /// <summary>Names with characters the parser would split on are completed in single quotes.</summary>
        private static string Quote(string name) =>
            name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ',', ';', '(', ')', '{', '}', '@', '#', '&', '|' }) < 0 ? name : "'" + name.Replace("'", "''") + "'";
    }
}
