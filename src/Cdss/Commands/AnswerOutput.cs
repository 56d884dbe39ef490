using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>
    /// How every start cmdlet without -Wait reports the service's answer: the answer object first, for scripts that
    /// read Accepted, and then, when the service said no (a non-zero code, or code 0 without result true), a
    /// CdssRestartNotAccepted error for that cluster, so that -ErrorAction Stop and $? catch a refusal too.
    /// </summary>
    internal static class AnswerOutput
    {
        /// <summary>Call inside ForTarget: the refusal is thrown after the answer is written and becomes the input's error.</summary>
        public static void Write(CdssCmdlet cmdlet, OperationRequest answer)
        {
            cmdlet.WriteObject(TypedOutput.Wrap(answer));
            if (answer.Accepted) return;
            var otherwise = answer.Kind == OperationKind.KafkaNodeRestart
                ? "Nothing was restarted. Check the broker numbers with Get-CdssClusterNode and that no other operation is running (Get-CdssRollingRestartProgress)."
                : ServiceCodeHints.For(answer.Code, "Nothing was started. Check the cluster with Get-CdssRollingRestartProgress and its pre-check, then try again.");
            throw CdssException.ForServiceCode(CdssErrorIds.RestartNotAccepted, CdssErrorCategory.InvalidOperation,
                $"The {answer.Kind.DisplayName} was not accepted", answer.Code, answer.Message, answer.RequestId, otherwise,
                detail: "Nothing was started.");
        }
    }
}
