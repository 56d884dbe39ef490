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
    /// Completes -KafkaVersionCode with the versions CDSS offers (the code, with the version name as tooltip),
    /// from the default session. Cached briefly; silent when there is no session or the API cannot be reached.
    /// </summary>
    internal sealed class KafkaVersionCodeCompleter : IArgumentCompleter
    {
        private static readonly CompletionCache<KafkaVersion> Versions = new CompletionCache<KafkaVersion>("kafkaVersions", (client, token) => client.GetKafkaVersionsAsync(token));

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = DefaultSessionStore.Get();
            if (session == null || !session.IsConnected) return Enumerable.Empty<CompletionResult>();
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return Versions.Get(session)
                .Where(v => v.KafkaVersionCode.ToString(CultureInfo.InvariantCulture).StartsWith(prefix, StringComparison.Ordinal)
                            || v.KafkaVersionName.IndexOf(prefix, StringComparison.OrdinalIgnoreCase) >= 0)
                .Select(v =>
                {
                    var code = v.KafkaVersionCode.ToString(CultureInfo.InvariantCulture);
                    return new CompletionResult(code, $"{code} ({v.KafkaVersionName})", CompletionResultType.ParameterValue, v.KafkaVersionName);
                });
        }
    }
}
