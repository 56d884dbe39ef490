namespace Cdss.Commands
{
    /// <summary>The formats Export-CdssReport writes.</summary>
    internal enum ReportFormat
    {
        JUnit,
        Markdown,
        Html,
    }
}
