using System;

namespace Cdss.Transport
{
    /// <summary>What came back from the last attempt of a call.</summary>
    internal sealed class ApiResponse
    {
        public ApiResponse(int statusCode, string body, int attempts, Uri requestUri)
        {
            StatusCode = statusCode;
            Body = body;
            Attempts = attempts;
            RequestUri = requestUri;
        }

        public int StatusCode { get; }
        public string Body { get; }
        public int Attempts { get; }
        public Uri RequestUri { get; }
    }
}
