namespace Cdss.Commands
{
    /// <summary>The formats Export-CdssReport writes.</summary>
    public enum ReportFormat
    {
        JUnit,
        Markdown,
    }
}
