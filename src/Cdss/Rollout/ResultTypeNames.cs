namespace Cdss.Rollout
{
    /// <summary>The type names rollout results are known by (first in PSTypeNames; [OutputType] and the views use them).</summary>
    internal static class ResultTypeNames
    {
        public const string RollingRestart = "Cdss.RollingRestartResult";
        public const string RollingUpgrade = "Cdss.RollingUpgradeResult";
        public const string ConfigGroupApply = "Cdss.ConfigGroupApplyResult";
        public const string KafkaNodeRestart = "Cdss.KafkaNodeRestartResult";
    }
}
