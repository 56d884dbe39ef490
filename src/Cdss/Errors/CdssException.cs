using System;
using System.Globalization;
using System.Text;

namespace Cdss
{
    /// <summary>What kind of failure this is; the command layer maps it onto PowerShell's ErrorCategory.</summary>
    internal enum CdssErrorCategory
    {
        InvalidArgument,
        InvalidData,
        AuthenticationError,
        PermissionDenied,
        ObjectNotFound,
        LimitsExceeded,
        ResourceUnavailable,
        ConnectionError,
        OperationTimeout,
        SecurityError,
        InvalidResult,
        InvalidOperation,
        NotSpecified,
    }

    /// <summary>
    /// A failure with a stable error id and everything a user needs to act on it. The message is composed from
    /// structured fields when it is read (subject, description, attempts, request id), so code that learns more
    /// on the way up (which cluster, how many attempts) sets a field instead of patching text.
    /// </summary>
    public class CdssException : Exception
    {
        internal CdssException(string errorId, CdssErrorCategory category, string description, string? recommendedAction = null, Exception? inner = null)
            : base(description, inner)
        {
            ErrorId = errorId;
            Category = category;
            Description = description;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }
        internal CdssErrorCategory Category { get; }
        public string? RecommendedAction { get; set; }

        /// <summary>What went wrong, without the subject, attempts or request id.</summary>
        public string Description { get; }

        /// <summary>What the failure is about, e.g. "Cluster 3432149 (kafka-prod-01)"; it leads the message.</summary>
        public string? Subject { get; set; }

        /// <summary>HTTP status of the last attempt, when there was one.</summary>
        public int? HttpStatus { get; set; }

        /// <summary>The gateway's errorCode (section 4 of the reference) or the CDSS envelope code.</summary>
        public string? ServiceCode { get; set; }

        /// <summary>The requestId NAVER Cloud support asks for.</summary>
        public string? RequestId { get; set; }

        /// <summary>How many attempts were made before giving up (1 = no retry).</summary>
        public int Attempts { get; set; } = 1;

        public override string Message
        {
            get
            {
                var text = new StringBuilder();
                if (!string.IsNullOrEmpty(Subject)) text.Append(Subject).Append(": ");
                text.Append(Sentence(Description));
                if (Attempts > 1) text.Append(" Gave up after ").Append(Attempts.ToString(CultureInfo.InvariantCulture)).Append(" attempts.");
                if (!string.IsNullOrEmpty(RequestId)) text.Append(" RequestId: ").Append(RequestId).Append('.');
                return text.ToString();
            }
        }

        /// <summary>
        /// An error for a CDSS answer whose envelope code was not what the caller needed, quoting the service's code
        /// and message unchanged: "{what}: code {code}: {message}. {detail}".
        /// </summary>
        internal static CdssException ForServiceCode(string errorId, CdssErrorCategory category, string what,
            int code, string message, string? requestId, string recommendedAction, string? detail = null) =>
            new CdssException(errorId, category,
                $"{what}: code {code}: {Sentence(message)}{(detail == null ? "" : " " + detail)}", recommendedAction)
            {
                ServiceCode = code.ToString(CultureInfo.InvariantCulture),
                RequestId = requestId,
            };

        /// <summary>
        /// An exception that means something the user can act on, as the CdssException it stands for; null otherwise.
        /// A disposed session object means the session was disconnected (Disconnect-Cdss elsewhere) while in use.
        /// </summary>
        internal static CdssException? From(Exception exception) => exception switch
        {
            CdssException cdss => cdss,
            ObjectDisposedException disposed => new CdssException(CdssErrorIds.NoSession, CdssErrorCategory.InvalidOperation,
                $"The session was disconnected while this command was using it ({disposed.ObjectName}), so no request was sent",
                "Run Connect-Cdss first, or pass -Session with a session from Connect-Cdss.", disposed),
            _ => null,
        };

        private static string Sentence(string text)
        {
            var trimmed = (text ?? "").TrimEnd();
            return trimmed.EndsWith(".", StringComparison.Ordinal) || trimmed.EndsWith("?", StringComparison.Ordinal) ? trimmed : trimmed + ".";
        }
    }
}
