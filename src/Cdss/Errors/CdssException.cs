using System;

namespace Cdss
{
    /// <summary>What kind of failure this is; the command layer maps it onto PowerShell's ErrorCategory.</summary>
    public enum CdssErrorCategory
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

    /// <summary>A failure with a stable error id and everything a user needs to act on it.</summary>
    public class CdssException : Exception
    {
        public CdssException(string errorId, CdssErrorCategory category, string message, string? recommendedAction = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }
        public CdssErrorCategory Category { get; }
        public string? RecommendedAction { get; }

        /// <summary>HTTP status of the last attempt, when there was one.</summary>
        public int? HttpStatus { get; set; }

        /// <summary>The gateway's errorCode (section 4 of the reference) or the CDSS envelope code.</summary>
        public string? ServiceCode { get; set; }

        /// <summary>The requestId NAVER Cloud support asks for.</summary>
        public string? RequestId { get; set; }

        /// <summary>How many attempts were made before giving up (1 = no retry).</summary>
        public int Attempts { get; set; } = 1;

        /// <summary>
        /// An error for a CDSS answer whose envelope code was not what the caller needed, quoting the
        /// service's code, message and request id unchanged: "{subject}: code {code}: {message}.{detail} RequestId: …".
        /// </summary>
        public static CdssException ForServiceCode(string errorId, CdssErrorCategory category, string subject,
            int code, string message, string? requestId, string recommendedAction, string? detail = null) =>
            new CdssException(errorId, category,
                $"{subject}: code {code}: {message.TrimEnd('.')}.{(detail == null ? "" : " " + detail)} RequestId: {requestId ?? "(none)"}.",
                recommendedAction)
            {
                ServiceCode = code.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RequestId = requestId,
            };
    }
}
