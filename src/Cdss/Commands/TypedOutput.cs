using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>
    /// Writes the one-class-per-kind objects (start answers, rollout results) the way scripts know them: their
    /// operation's type name first in PSTypeNames, and a result's operation facts as properties.
    /// </summary>
    internal static class TypedOutput
    {
        public static PSObject Wrap(OperationRequest answer)
        {
            var wrapped = PSObject.AsPSObject(answer);
            if (wrapped.TypeNames[0] != answer.TypeName) wrapped.TypeNames.Insert(0, answer.TypeName);
            return wrapped;
        }

        public static PSObject Wrap(RolloutResult result)
        {
            var wrapped = PSObject.AsPSObject(result);
            if (wrapped.TypeNames[0] != result.TypeName) wrapped.TypeNames.Insert(0, result.TypeName);
            foreach (var fact in result.Facts)
            {
                if (wrapped.Properties[fact.Key] == null) wrapped.Properties.Add(new PSNoteProperty(fact.Key, fact.Value));
            }
            return wrapped;
        }
    }
}
