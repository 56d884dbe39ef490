using System;
using System.Globalization;

namespace Cdss.Maintenance
{
    /// <summary>Puts the cluster (or config group) a failure belongs to into its message.</summary>
    internal static class MaintenanceErrors
    {
        /// <summary>
        /// The same error with "Cluster 3432149 (kafka-prod-01): " in front, unless it starts so already. For
        /// CdssOutcomeUnknown, <paramref name="outcomeUnknownAction"/> replaces the transport's generic advice with
        /// what to look at for this operation.
        /// </summary>
        public static CdssException ForCluster(CdssException error, long serviceGroupInstanceNo, string? clusterName, string? outcomeUnknownAction = null) =>
            WithSubject(error, "Cluster " + ClusterLabel.Of(serviceGroupInstanceNo, clusterName), outcomeUnknownAction);

        public static CdssException ForConfigGroup(CdssException error, int configGroupNo, string? outcomeUnknownAction = null) =>
            WithSubject(error, "Config group " + configGroupNo.ToString(CultureInfo.InvariantCulture), outcomeUnknownAction);

        private static CdssException WithSubject(CdssException error, string subject, string? outcomeUnknownAction)
        {
            var action = error.ErrorId == CdssErrorIds.OutcomeUnknown && outcomeUnknownAction != null ? outcomeUnknownAction : error.RecommendedAction;
            var named = error.Message.StartsWith(subject + ":", StringComparison.OrdinalIgnoreCase);
            if (named && ReferenceEquals(action, error.RecommendedAction)) return error;
            return new CdssException(error.ErrorId, error.Category, named ? error.Message : $"{subject}: {error.Message}", action, error.InnerException)
            {
                HttpStatus = error.HttpStatus,
                ServiceCode = error.ServiceCode,
                RequestId = error.RequestId,
                Attempts = error.Attempts,
            };
        }
    }
}
