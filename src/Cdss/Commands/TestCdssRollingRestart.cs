using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>Asks CDSS whether each cluster can be rolling-restarted now.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "CdssRollingRestart")]
    [OutputType(typeof(RollingRestartPreCheck), typeof(bool))]
    public sealed class TestCdssRollingRestart : OrderedCheckCmdlet<RollingRestartPreCheck>
    {
        protected override string Activity => "Rolling-restart pre-check";

        private protected override Task<RollingRestartPreCheck> CheckAsync(CdssClient client, long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            client.PreCheckAsync(serviceGroupInstanceNo, cancellationToken);

        protected override bool Answer(RollingRestartPreCheck result) => result.CanRestart;
    }
}
