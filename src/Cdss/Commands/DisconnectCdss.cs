using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>Forgets the default session (or the one given) and clears its secret key.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Cdss")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCdss : CdssCmdlet
    {
        [Parameter(ValueFromPipeline = true, Position = 0)]
        [ValidateNotNull]
        public Session? Session { get; set; }

        protected override void ProcessRecord()
        {
            var session = Session ?? DefaultSessionStore.Get();
            if (session == null)
            {
                WriteVerbose("There is no default Cdss session to disconnect.");
                return;
            }
            if (DefaultSessionStore.IsDefault(session)) DefaultSessionStore.Set(null);
            session.Dispose();
            WriteVerbose($"Disconnected {Transport.CdssTransport.ShortKey(session.AccessKey)} from {session.Endpoint}.");
        }
    }
}
