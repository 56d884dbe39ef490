using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>Lists the Kafka versions CDSS offers, with the codes the other maintenance cmdlets take.</summary>
    [Cmdlet(VerbsCommon.Get, "CdssKafkaVersion")]
    [OutputType(typeof(KafkaVersion))]
    public sealed class GetCdssKafkaVersion : CdssSessionCmdlet
    {
        protected override void EndProcessing()
        {
            var client = ResolveSession().CreateClient(Log);
            ForTarget("Kafka versions", () => WriteObject(Await(client.GetKafkaVersionsAsync(StopToken)), enumerateCollection: true));
        }
    }
}
