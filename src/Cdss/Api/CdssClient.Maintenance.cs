using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Maintenance;
using Cdss.Transport;

namespace Cdss.Api
{
    /// <summary>What the maintenance operations share: calls whose failures name the cluster or group they were for.</summary>
    partial class CdssClient
    {
        /// <summary>Sends a call about one cluster; a failure names the cluster (and its name when given).</summary>
        private async Task<Envelope> CallForClusterAsync(ApiRequest request, long serviceGroupInstanceNo, string? clusterName,
            string? outcomeUnknownAction, CancellationToken cancellationToken)
        {
            try
            {
                return await CallAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (CdssException ex)
            {
                throw MaintenanceErrors.ForCluster(ex, serviceGroupInstanceNo, clusterName, outcomeUnknownAction);
            }
        }

        /// <summary>Sends a call about one config group; a failure names the group.</summary>
        private async Task<Envelope> CallForConfigGroupAsync(ApiRequest request, int configGroupNo, string? outcomeUnknownAction, CancellationToken cancellationToken)
        {
            try
            {
                return await CallAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (CdssException ex)
            {
                throw MaintenanceErrors.ForConfigGroup(ex, configGroupNo, outcomeUnknownAction);
            }
        }

        /// <summary>The envelope's result object; a non-zero code is CdssApiError quoting the service's code, message and request id.</summary>
        private static JsonElement RequireObject(Envelope envelope, string subject, string operation, string recommendedAction)
        {
            if (!envelope.IsSuccess)
            {
                throw CdssException.ForServiceCode(CdssErrorIds.ApiError, CdssErrorCategory.InvalidOperation,
                    $"{subject}: {operation} answered", envelope.Code, envelope.Message, envelope.RequestId, recommendedAction);
            }
            if (envelope.Result.ValueKind != JsonValueKind.Object)
            {
                throw new CdssException(CdssErrorIds.InvalidResponse, CdssErrorCategory.InvalidResult,
                    $"{subject}: {operation} answered code 0 without a result object. RequestId: {envelope.RequestId ?? "(none)"}.",
                    "Check -Endpoint and any proxy in between, then try again.")
                { RequestId = envelope.RequestId };
            }
            return envelope.Result;
        }

        /// <summary>A documented read: it may be sent again after an ambiguous failure.</summary>
        private static ApiRequest ReadRequest(HttpMethod method, string path, string? jsonBody = null) =>
            new ApiRequest(method, path, jsonBody, idempotent: true);

        /// <summary>A call that changes something: never sent again once it may have reached the service.</summary>
        private static ApiRequest ChangeRequest(string path, string jsonBody) =>
            new ApiRequest(HttpMethod.Post, path, jsonBody, idempotent: false);

        /// <summary>Yes only for code 0 with result true; a null result (the documented "no") or any other code is no.</summary>
        private static bool IsYes(Envelope envelope) => envelope.IsSuccess && envelope.Result.ValueKind == JsonValueKind.True;

        private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
