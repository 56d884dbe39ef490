using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Cdss.Sessions;

namespace Cdss.Commands
{
    /// <summary>Completes -Region with the regions of the -Site already typed (all regions when none is).</summary>
    internal sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IEnumerable<string> regions = SiteRegions.AllRegions;
            if (fakeBoundParameters != null && fakeBoundParameters.Contains("Site") &&
                System.Enum.TryParse(fakeBoundParameters["Site"]?.ToString(), true, out CdssSite site))
            {
                regions = SiteRegions.RegionsOf(site);
            }
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return regions
                .Where(r => r.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .Select(r => new CompletionResult(r, r, CompletionResultType.ParameterValue, r));
        }
    }
}
