using System.Management.Automation;

namespace TrivialModule
{
    /// <summary>Does nothing: it only gives the module a cmdlet to register.</summary>
    [Cmdlet(VerbsCommon.Get, "Trivial")]
    public sealed class GetTrivial : PSCmdlet
    {
    }
}
