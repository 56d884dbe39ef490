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
                WriteError(ToErrorRecord(NoSessionError("There is no default Cdss session in this runspace"), null));
                return;
            }
            WriteObject(session);
        }
    }
}
