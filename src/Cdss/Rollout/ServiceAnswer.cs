namespace Cdss.Rollout
{
    /// <summary>The service's answer to a pre-check or a start request, reduced to what a rollout decides on.</summary>
    internal sealed class ServiceAnswer
    {
        public ServiceAnswer(bool yes, int code, string message, string? requestId)
        {
            Yes = yes;
            Code = code;
            Message = message;
            RequestId = requestId;
        }

        /// <summary>True for "can start" (pre-check) or "accepted" (start).</summary>
        public bool Yes { get; }
        public int Code { get; }
        public string Message { get; }
        public string? RequestId { get; }
    }
}
