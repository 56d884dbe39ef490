using System.Management.Automation;

namespace TrivialModule
{
    /// <summary>Does nothing: the second cmdlet, so the floor registers more than one.</summary>
    [Cmdlet(VerbsCommon.Set, "Trivial")]
    public sealed class SetTrivial : PSCmdlet
    {
    }
}
