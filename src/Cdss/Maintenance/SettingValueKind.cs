namespace Cdss.Maintenance
{
    /// <summary>How a setting's value travels in JSON.</summary>
    internal enum SettingValueKind
    {
        Number,
        Boolean,
        Text,
    }
}
