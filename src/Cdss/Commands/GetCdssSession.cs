using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>Writes this runspace's default session.</summary>
    [Cmdlet(VerbsCommon.Get, "CdssSession")]
    [OutputType(typeof(Session))]
    public sealed class GetCdssSession : CdssCmdlet
    {
        protected override void EndProcessing()
        {
            var session = DefaultSessionStore.Get();
            if (session == null)
            {
                WriteCdssError(new CdssException(CdssErrorIds.NoSession, CdssErrorCategory.ObjectNotFound,
                    "There is no default Cdss session in this runspace.", "Run Connect-Cdss to create one."), null);
                return;
            }
            WriteObject(session);
        }
    }
}
