namespace Cdss
{
    /// <summary>The type names of the answers and results the cmdlets write (first in PSTypeNames; views and [OutputType] use them).</summary>
    internal static class OperationTypeNames
    {
        public const string RollingRestart = "Cdss.RollingRestart";
        public const string RollingUpgrade = "Cdss.RollingUpgrade";
        public const string ConfigGroupApply = "Cdss.ConfigGroupApply";
        public const string KafkaNodeRestart = "Cdss.KafkaNodeRestart";
    }
}
