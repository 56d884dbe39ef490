using System.Globalization;

namespace Cdss.Maintenance
{
    /// <summary>How messages name a cluster: its number, and its name when known.</summary>
    internal static class ClusterLabel
    {
        public static string Of(long serviceGroupInstanceNo, string? clusterName)
        {
            var number = serviceGroupInstanceNo.ToString(CultureInfo.InvariantCulture);
            return string.IsNullOrEmpty(clusterName) ? number : $"{number} ({clusterName})";
        }
    }
}
