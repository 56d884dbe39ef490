using System;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;

namespace Cdss.Api
{
    /// <summary>What the maintenance operations share: errors that name what they were about, and result checks.</summary>
    partial class CdssClient
    {
        /// <summary>
        /// Runs a call about one subject ("Cluster 3432149 (kafka-prod-01)", "Config group 101"), so that any error
        /// it ends with names it. For CdssOutcomeUnknown, <paramref name="outcomeUnknownAction"/> replaces the generic
        /// advice with what to look at for this operation.
        /// </summary>
        private static async Task<T> About<T>(string subject, string? outcomeUnknownAction, Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (CdssException ex)
            {
                if (ex.Subject == null) ex.Subject = subject;
                if (outcomeUnknownAction != null && ex.ErrorId == CdssErrorIds.OutcomeUnknown) ex.RecommendedAction = outcomeUnknownAction;
                throw;
            }
        }

        private static string ConfigGroupLabel(int configGroupNo) => "Config group " + Number(configGroupNo);

        /// <summary>The envelope's result object; a non-zero code is CdssApiError quoting the service's code and message.</summary>
        private static JsonElement RequireObject(Envelope envelope, string operation, string recommendedAction)
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
