using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>Asks CDSS whether each cluster can be rolling-upgraded to a Kafka version with a config group now.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "CdssRollingUpgrade")]
    [OutputType(typeof(RollingUpgradePreCheck), typeof(bool))]
    public sealed class TestCdssRollingUpgrade : OrderedCheckCmdlet<RollingUpgradePreCheck>
    {
        /// <summary>The target Kafka version (Get-CdssKafkaVersion).</summary>
        [Parameter(Mandatory = true)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(KafkaVersionCodeCompleter))]
        public int KafkaVersionCode { get; set; }

        /// <summary>A config group made for the target version (Get-CdssConfigGroup).</summary>
        [Parameter(Mandatory = true)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(ConfigGroupNumberCompleter))]
        public int ConfigGroupNo { get; set; }

        protected override string Activity => "Rolling-upgrade pre-check";

        private protected override Task<RollingUpgradePreCheck> CheckAsync(CdssClient client, long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            client.RollingUpgradePreCheckAsync(serviceGroupInstanceNo, KafkaVersionCode, ConfigGroupNo, cancellationToken);

        protected override bool Answer(RollingUpgradePreCheck result) => result.CanUpgrade;
    }
}
