namespace Cdss
{
    /// <summary>
    /// Stable error ids. They become the start of each ErrorRecord's FullyQualifiedErrorId, and scripts
    /// match on them, so never rename one.
    /// </summary>
    internal static class CdssErrorIds
    {
        // Session and input
        public const string NoSession = "CdssNoSession";
        public const string MissingCredential = "CdssMissingCredential";
        public const string InvalidAccessKey = "CdssInvalidAccessKey";
        public const string InvalidSecretKey = "CdssInvalidSecretKey";
        public const string InsecureEndpoint = "CdssInsecureEndpoint";
        public const string InvalidEndpoint = "CdssInvalidEndpoint";
        public const string InvalidRegion = "CdssInvalidRegion";
        public const string InvalidSetting = "CdssInvalidSetting";
        public const string ProfileNotFound = "CdssProfileNotFound";
        public const string InvalidConfig = "CdssInvalidConfig";
        public const string InvalidArgument = "CdssInvalidArgument";

        /// <summary>A confirmation was needed but the host cannot prompt (pwsh -NonInteractive, CI, a runbook).</summary>
        public const string ConfirmationRequired = "CdssConfirmationRequired";

        // Gateway and transport
        public const string AuthenticationFailed = "CdssAuthenticationFailed";
        public const string PermissionDenied = "CdssPermissionDenied";
        public const string NotFound = "CdssNotFound";
        public const string Throttled = "CdssThrottled";
        public const string ServiceError = "CdssServiceError";
        public const string BadRequest = "CdssBadRequest";
        public const string InvalidResponse = "CdssInvalidResponse";
        public const string NetworkError = "CdssNetworkError";
        public const string TlsError = "CdssTlsError";
        public const string Timeout = "CdssTimeout";
        public const string OutcomeUnknown = "CdssOutcomeUnknown";

        // Operations
        public const string ApiError = "CdssApiError";
        public const string PreCheckFailed = "CdssPreCheckFailed";
        public const string RestartFailed = "CdssRestartFailed";
        public const string RestartTimeout = "CdssRestartTimeout";
        public const string RestartNotAccepted = "CdssRestartNotAccepted";
        public const string ClusterNotFound = "CdssClusterNotFound";
        public const string WaitInterrupted = "CdssWaitInterrupted";
        public const string JournalInUse = "CdssJournalInUse";
        public const string InvalidJournal = "CdssInvalidJournal";
        public const string JournalNotWritable = "CdssJournalNotWritable";
        public const string NothingToResolve = "CdssNothingToResolve";
        public const string UpgradeFailed = "CdssUpgradeFailed";
        public const string UpgradeTimeout = "CdssUpgradeTimeout";
        public const string ConfigGroupApplyFailed = "CdssConfigGroupApplyFailed";
        public const string ConfigGroupApplyTimeout = "CdssConfigGroupApplyTimeout";
        public const string NodeRestartFailed = "CdssNodeRestartFailed";
        public const string NodeRestartTimeout = "CdssNodeRestartTimeout";
        public const string TrafficNotRecovered = "CdssTrafficNotRecovered";

        /// <summary>A warning's id, not an error's: the traffic gate's metric is absent or zero, so a cluster is not gated.</summary>
        public const string MetricUnavailable = "CdssMetricUnavailable";

        // Maintenance: config groups and their settings
        public const string ConfigGroupNotFound = "CdssConfigGroupNotFound";
        public const string ConfigGroupVersionMismatch = "CdssConfigGroupVersionMismatch";
        public const string UnknownSetting = "CdssUnknownSetting";
        public const string SettingNotModifiable = "CdssSettingNotModifiable";
        public const string SettingOutOfRange = "CdssSettingOutOfRange";
        public const string SettingNotApplied = "CdssSettingNotApplied";

        // Monitoring
        public const string MetricRangeTooLong = "CdssMetricRangeTooLong";
        public const string NodeNotFound = "CdssNodeNotFound";

        /// <summary>A failure the module did not anticipate; the exception inside says what happened.</summary>
        public const string UnexpectedError = "CdssUnexpectedError";
    }
}
