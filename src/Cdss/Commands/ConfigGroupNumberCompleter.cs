using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Cdss.Commands
{
    /// <summary>
    /// Completes -ConfigGroupNo with the config groups CDSS has (the number, with the group's name and Kafka version as
    /// tooltip), from the default session. When -KafkaVersionCode is already on the command line only that version's
    /// groups are offered (a group belongs to one version). Cached briefly; silent when there is no session.
    /// </summary>
    internal sealed class ConfigGroupNumberCompleter : IArgumentCompleter
    {
        /// <summary>Every version's groups: the versions, then each version's list.</summary>
        private static readonly CompletionCache<ConfigGroup> Groups = new CompletionCache<ConfigGroup>("configGroups", async (client, token) =>
        {
            var groups = new List<ConfigGroup>();
            foreach (var version in await client.GetKafkaVersionsAsync(token).ConfigureAwait(false))
            {
                groups.AddRange(await client.GetConfigGroupsAsync(version.KafkaVersionCode, token).ConfigureAwait(false));
            }
            return groups;
        });

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = DefaultSessionStore.Get();
            if (session == null || !session.IsConnected) return Enumerable.Empty<CompletionResult>();
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            var versions = BoundVersions(fakeBoundParameters);
            return Groups.Get(session)
                .Where(g => versions.Count == 0 || versions.Contains(g.KafkaVersionCode))
                .Where(g => g.ConfigGroupNo.ToString(CultureInfo.InvariantCulture).StartsWith(prefix, StringComparison.Ordinal)
                            || (g.ConfigGroupName ?? "").StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(g =>
                {
                    var number = g.ConfigGroupNo.ToString(CultureInfo.InvariantCulture);
                    return new CompletionResult(number, $"{number} ({g.ConfigGroupName})", CompletionResultType.ParameterValue,
                        $"{g.ConfigGroupName}: Kafka {g.KafkaVersion} ({g.KafkaVersionCode.ToString(CultureInfo.InvariantCulture)})");
                });
        }

        /// <summary>The -KafkaVersionCode value(s) typed so far, if they are numbers.</summary>
        private static HashSet<int> BoundVersions(IDictionary? bound)
        {
            var versions = new HashSet<int>();
            if (bound == null || !bound.Contains("KafkaVersionCode")) return versions;
            var value = bound["KafkaVersionCode"];
            var items = value is IEnumerable list && !(value is string) ? list.Cast<object>() : new[] { value };
            foreach (var item in items)
            {
                if (LanguagePrimitives.TryConvertTo(item, CultureInfo.InvariantCulture, out int code)) versions.Add(code);
            }
            return versions;
        }
    }
}
