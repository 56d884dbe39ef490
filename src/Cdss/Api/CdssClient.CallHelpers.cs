using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Cdss.Transport;

namespace Cdss.Api
{
    /// <summary>
    /// What every operation's call shares: building the request (with the one decision whether it may be sent
    /// twice), naming what an error is about, and checking the answer.
    /// </summary>
    partial class CdssClient
    {
        private const string DefaultResultAction = "Quote the request id to NAVER Cloud support if this is unexpected.";

        /// <summary>
        /// A request to send. Whether it may be sent again after an ambiguous failure is decided here, from the
        /// documented reads alone (<see cref="ReadOperations"/>), for the typed operations and Invoke-CdssApi alike.
        /// </summary>
        public static ApiRequest Request(HttpMethod method, string path, string? jsonBody = null,
            IEnumerable<KeyValuePair<string, string>>? query = null) =>
            new ApiRequest(method, path, ReadOperations.IsRead(method, path), jsonBody, query);

        /// <summary>
        /// Runs a call about one subject ("Cluster 3432149 (kafka-prod-01)", "Config group 101"), so that any error
        /// it ends with names it. The subject is read when the error happens, so a name learned meanwhile shows.
        /// For CdssOutcomeUnknown, <paramref name="outcomeUnknownAction"/> replaces the generic advice with what to
        /// look at for this operation.
        /// </summary>
        private static async Task<T> About<T>(Func<string> subject, string? outcomeUnknownAction, Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (CdssException ex)
            {
                if (ex.Subject == null) ex.Subject = subject();
                if (outcomeUnknownAction != null && ex.ErrorId == CdssErrorIds.OutcomeUnknown) ex.RecommendedAction = outcomeUnknownAction;
                throw;
            }
        }

        private static string ConfigGroupLabel(int configGroupNo) => "Config group " + Number(configGroupNo);

        /// <summary>
        /// The envelope's result object. A non-zero code is CdssApiError quoting the service's code and message (with
        /// <paramref name="recommendedAction"/> unless the code says more); code 0 without an object is CdssInvalidResponse.
        /// </summary>
        private static JsonElement RequireObject(Envelope envelope, string operation, string recommendedAction = DefaultResultAction)
        {
            if (!envelope.IsSuccess)
            {
                throw CdssException.ForServiceCode(CdssErrorIds.ApiError, CdssErrorCategory.InvalidOperation,
                    $"{operation} answered", envelope.Code, envelope.Message, envelope.RequestId,
                    ServiceCodeHints.For(envelope.Code, recommendedAction));
            }
            if (envelope.Result.ValueKind != JsonValueKind.Object)
            {
                throw new CdssException(CdssErrorIds.InvalidResponse, CdssErrorCategory.InvalidResult,
                    $"{operation} answered code 0 without a result object", "Check -Endpoint and any proxy in between, then try again.")
                { RequestId = envelope.RequestId };
            }
            return envelope.Result;
        }

        /// <summary>Yes only for code 0 with result true; a null result (the documented "no") or any other code is no.</summary>
        private static bool IsYes(Envelope envelope) => envelope.IsSuccess && envelope.Result.ValueKind == JsonValueKind.True;

        private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
