namespace Cdss.Emulator.Clusters;

/// <summary>The kind of a restart-like run, as shown by GET /_emulator/restarts.</summary>
public static class RunKinds
{
    public const string RollingRestart = "rollingRestart";
    public const string RollingUpgrade = "rollingUpgrade";
    public const string ConfigApply = "configApply";
    public const string NodeRestart = "nodeRestart";
    public const string RestartKafkaService = "restartKafkaService";
    public const string RestartAllServices = "restartAllServices";
}
