namespace Cdss
{
    /// <summary>
    /// The one table of the fleet operations the module runs: the type names their answers and results go by (first
    /// in PSTypeNames; views, [OutputType] and scripts use them), and how logs, the journal and reports name them.
    /// </summary>
    internal sealed class OperationKind
    {
        // Constants because [OutputType] takes only constants.
        public const string RollingRestartAnswer = "Cdss.RollingRestart";
        public const string RollingRestartResult = "Cdss.RollingRestartResult";
        public const string RollingUpgradeAnswer = "Cdss.RollingUpgrade";
        public const string RollingUpgradeResult = "Cdss.RollingUpgradeResult";
        public const string ConfigGroupApplyAnswer = "Cdss.ConfigGroupApply";
        public const string ConfigGroupApplyResult = "Cdss.ConfigGroupApplyResult";
        public const string KafkaNodeRestartAnswer = "Cdss.KafkaNodeRestart";
        public const string KafkaNodeRestartResult = "Cdss.KafkaNodeRestartResult";

        public static readonly OperationKind RollingRestart = new OperationKind(RollingRestartAnswer, RollingRestartResult,
            "Rolling restart", "rolling restart", "rollingRestart", "Start-CdssRollingRestart", CdssErrorIds.RestartFailed, CdssErrorIds.RestartTimeout);
        public static readonly OperationKind RollingUpgrade = new OperationKind(RollingUpgradeAnswer, RollingUpgradeResult,
            "Rolling upgrade", "rolling upgrade", "rollingUpgrade", "Start-CdssRollingUpgrade", CdssErrorIds.UpgradeFailed, CdssErrorIds.UpgradeTimeout);
        public static readonly OperationKind ConfigGroupApply = new OperationKind(ConfigGroupApplyAnswer, ConfigGroupApplyResult,
            "Config group apply", "config group apply", "configGroupApply", "Set-CdssClusterConfigGroup",
            CdssErrorIds.ConfigGroupApplyFailed, CdssErrorIds.ConfigGroupApplyTimeout);
        public static readonly OperationKind KafkaNodeRestart = new OperationKind(KafkaNodeRestartAnswer, KafkaNodeRestartResult,
            "Kafka node restart", "Kafka node restart", "kafkaNodeRestart", "Restart-CdssKafkaNode", CdssErrorIds.NodeRestartFailed, CdssErrorIds.NodeRestartTimeout);

        /// <summary>Every operation, for looking one up by its journal name.</summary>
        public static readonly OperationKind[] All = { RollingRestart, RollingUpgrade, ConfigGroupApply, KafkaNodeRestart };

        private OperationKind(string answerTypeName, string resultTypeName, string title, string displayName, string journalName,
            string cmdlet, string failedErrorId, string timeoutErrorId)
        {
            AnswerTypeName = answerTypeName;
            ResultTypeName = resultTypeName;
            Title = title;
            DisplayName = displayName;
            JournalName = journalName;
            Cmdlet = cmdlet;
            FailedErrorId = failedErrorId;
            TimeoutErrorId = timeoutErrorId;
        }

        /// <summary>What the start cmdlets write without -Wait, e.g. "Cdss.RollingRestart"; also the JUnit class name.</summary>
        public string AnswerTypeName { get; }

        /// <summary>What a rollout writes per cluster, e.g. "Cdss.RollingRestartResult".</summary>
        public string ResultTypeName { get; }

        /// <summary>A report's heading: "Rolling restart".</summary>
        public string Title { get; }

        /// <summary>In a sentence: "rolling restart".</summary>
        public string DisplayName { get; }

        /// <summary>The journal's name for it; a journal line of another operation is ignored.</summary>
        public string JournalName { get; }

        /// <summary>The cmdlet that starts it; run again with the same journal, it re-attaches.</summary>
        public string Cmdlet { get; }

        /// <summary>The error id when the cluster turns red during it.</summary>
        public string FailedErrorId { get; }

        /// <summary>The error id when it does not finish (or never shows a change) within the timeout.</summary>
        public string TimeoutErrorId { get; }

        public override string ToString() => Title;
    }
}
