namespace Cdss.Rollout
{
    /// <summary>The service's answer to a pre-check or a start request, reduced to what a rollout decides on.</summary>
    internal sealed class ServiceAnswer
    {
        public ServiceAnswer(bool granted, int code, string message, string? requestId)
        {
            Granted = granted;
            Code = code;
            Message = message;
            RequestId = requestId;
        }

        /// <summary>
        /// The service granted what was asked: the pre-check allows the start, or the start request was accepted. Only
        /// code 0 with result true grants; the documented "no" (code 0, result null) and any other code do not.
        /// </summary>
        public bool Granted { get; }
        public int Code { get; }
        public string Message { get; }
        public string? RequestId { get; }
    }
}
