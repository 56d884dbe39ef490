using System.Collections.Concurrent;
using System.Globalization;

namespace Cdss.Api
{
    /// <summary>
    /// The cluster names a session has seen (listings, progress answers), so that an error about cluster 3432149
    /// can also say "kafka-prod-01": a CI log prints the message, not the error's target object.
    /// </summary>
    internal sealed class ClusterDirectory
    {
        private readonly ConcurrentDictionary<long, string> _names = new ConcurrentDictionary<long, string>();

        public void Remember(long serviceGroupInstanceNo, string? name)
        {
            if (!string.IsNullOrEmpty(name)) _names[serviceGroupInstanceNo] = name!;
        }

        public string? NameOf(long serviceGroupInstanceNo) => _names.TryGetValue(serviceGroupInstanceNo, out var name) ? name : null;

        /// <summary>"Cluster 3432149 (kafka-prod-01)", or "Cluster 3432149" when the name is not known.</summary>
        public string Label(long serviceGroupInstanceNo) => "Cluster " + Describe(serviceGroupInstanceNo);

        /// <summary>"3432149 (kafka-prod-01)", or "3432149" when the name is not known.</summary>
        public string Describe(long serviceGroupInstanceNo)
        {
            var number = serviceGroupInstanceNo.ToString(CultureInfo.InvariantCulture);
            var name = NameOf(serviceGroupInstanceNo);
            return name == null ? number : $"{number} ({name})";
        }
    }
}
