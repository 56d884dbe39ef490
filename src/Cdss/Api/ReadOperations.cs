using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;

namespace Cdss.Api
{
    /// <summary>
    /// The documented read operations (reference section 7, "Reads"): the only calls that may be sent again after
    /// an ambiguous failure. The HTTP method says nothing here: CDSS has GETs that restart services
    /// (restartKafkaService/{no}, restartAllServices/{no}, ...) and POSTs that only read. Anything not listed may
    /// have changed something, so it is never repeated and Invoke-CdssApi asks before sending it.
    /// </summary>
    internal static class ReadOperations
    {
        private static readonly HashSet<string> PostReads = new HashSet<string>(StringComparer.Ordinal)
        {
            "getClusterInfoList", "getNodeProductList", "getSubnetList", "getNodeProductListForSpecChange",
            "getKafkaConfigGroupList", "getKafkaVersionConfigGroupList", "getKafkaConfigGroup",
            "getKafkaConfigGroupDetailList", "getConfigGroupUsingClusterList", "getCdssMonitoringData",
            "getOsMonitoringData", "rollingRestartPreCheck", "rollingRestartProgressCheck", "rollingUpgradePreCheck",
            "rollingUpgradeProgressCheck",
        };

        private static readonly HashSet<string> GetReads = new HashSet<string>(StringComparer.Ordinal)
        {
            "getClusterStatus", "getClusterNodeList", "getBrokerInfo", "getAcgInfoList", "getLoadBalancerInstanceList",
            "downloadCertificate", "getNodeSpecDetail", "getCDSSVersionList", "getOsProductList", "getVpcList",
        };

        /// <summary>Whether <paramref name="path"/> (relative to the base URL) is a documented read for this method.</summary>
        public static bool IsRead(HttpMethod method, string path)
        {
            var operation = OperationName(path);
            if (operation == null) return false;
            if (method == HttpMethod.Post) return PostReads.Contains(operation);
            if (method == HttpMethod.Get) return GetReads.Contains(operation);
            return false;
        }

        /// <summary>"/cluster/getClusterInfoList/3432149" → "getClusterInfoList": the last segment that is not a number.</summary>
        public static string? OperationName(string path)
        {
            var segments = (path ?? "").Split('?')[0].Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            for (var i = segments.Length - 1; i >= 0; i--)
            {
                if (!long.TryParse(segments[i], NumberStyles.None, CultureInfo.InvariantCulture, out _)) return segments[i];
            }
            return null;
        }
    }
}
