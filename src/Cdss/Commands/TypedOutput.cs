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
            if (wrapped.TypeNames[0] != answer.Kind.AnswerTypeName) wrapped.TypeNames.Insert(0, answer.Kind.AnswerTypeName);
            return wrapped;
        }

        /// <summary>
        /// A progress check answers for every operation (restart, upgrade, config group apply, node restart), but scripts
        /// and views know it as Cdss.RollingRestartProgress. PowerShell keeps a name added to a .NET object's type names
        /// for that object, so a result's nested Progress shows the same name.
        /// </summary>
        public static PSObject Wrap(ClusterProgress progress)
        {
            var wrapped = PSObject.AsPSObject(progress);
            if (wrapped.TypeNames[0] != ProgressTypeName) wrapped.TypeNames.Insert(0, ProgressTypeName);
            return wrapped;
        }

        public const string ProgressTypeName = "Cdss.RollingRestartProgress";

        public static PSObject Wrap(RolloutResult result)
        {
            if (result.Progress != null) Wrap(result.Progress);
            var wrapped = PSObject.AsPSObject(result);
            if (wrapped.TypeNames[0] != result.Kind.ResultTypeName) wrapped.TypeNames.Insert(0, result.Kind.ResultTypeName);
            foreach (var fact in result.Facts)
            {
                if (wrapped.Properties[fact.Key] == null) wrapped.Properties.Add(new PSNoteProperty(fact.Key, fact.Value));
            }
            return wrapped;
        }
    }
}
