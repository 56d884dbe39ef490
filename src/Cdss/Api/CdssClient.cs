using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Cdss.Transport;

namespace Cdss.Api
{
    /// <summary>The CDSS operations this module uses, over a session's transport.</summary>
    public sealed partial class CdssClient
    {
        public const string PreCheckPath = "/cluster/rollingRestartPreCheck";
        public const string RollingRestartPath = "/cluster/rollingRestart";
        public const string ProgressPath = "/cluster/rollingRestartProgressCheck";
        public const string ClusterListPath = "/cluster/getClusterInfoList";

        /// <summary>The page size Get-CdssCluster asks for.</summary>
        public const int DefaultPageSize = 100;

        private readonly CdssTransport _transport;
        private readonly ICdssLog _log;

        public CdssClient(CdssTransport transport, ICdssLog? log = null)
        {
            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            _log = log ?? NullLog.Instance;
        }

        public string Endpoint => _transport.BaseUrl.ToString();

        /// <summary>Sends a call and reads the envelope; gateway errors and unreadable answers become CdssException.</summary>
        public async Task<Envelope> CallAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            var response = await _transport.SendAsync(request, _log, cancellationToken).ConfigureAwait(false);
            var operation = $"{request.Method.Method} {response.RequestUri.AbsolutePath}";
            if (response.StatusCode != 200)
            {
                throw GatewayError.ToException(response.StatusCode, response.Body, operation, response.Attempts);
            }
            var envelope = Envelope.Parse(response.Body, operation);
            _log.Verbose($"{operation}: code {envelope.Code} '{envelope.Message}', requestId {envelope.RequestId ?? "(none)"}.");
            return envelope;
        }

        public async Task<RollingRestartPreCheck> PreCheckAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var envelope = await CallAsync(ClusterRequest(PreCheckPath, serviceGroupInstanceNo, idempotent: true), cancellationToken).ConfigureAwait(false);
            return new RollingRestartPreCheck
            {
                ServiceGroupInstanceNo = serviceGroupInstanceNo,
                // A null or missing result with code 0 is not a yes: only an explicit true allows a restart.
                CanRestart = envelope.IsSuccess && envelope.Result.ValueKind == JsonValueKind.True,
                Code = envelope.Code,
                Message = envelope.Message,
                RequestId = envelope.RequestId,
                Endpoint = Endpoint,
                CheckedAt = DateTimeOffset.UtcNow,
            };
        }

        /// <summary>Asks for a rolling restart. Never retried once it may have reached the service.</summary>
        public async Task<RollingRestart> StartRollingRestartAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var envelope = await CallAsync(ClusterRequest(RollingRestartPath, serviceGroupInstanceNo, idempotent: false), cancellationToken).ConfigureAwait(false);
            return new RollingRestart
            {
                ServiceGroupInstanceNo = serviceGroupInstanceNo,
                Accepted = envelope.IsSuccess && envelope.Result.ValueKind == JsonValueKind.True,
                Code = envelope.Code,
                Message = envelope.Message,
                RequestId = envelope.RequestId,
            };
        }

        public async Task<RollingRestartProgress> GetRollingRestartProgressAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var envelope = await CallAsync(ClusterRequest(ProgressPath, serviceGroupInstanceNo, idempotent: true), cancellationToken).ConfigureAwait(false);
            var result = RequireResult(envelope, ProgressPath, serviceGroupInstanceNo);
            var progress = ResultMapping.ToProgress(result, serviceGroupInstanceNo);
            progress.RequestId = envelope.RequestId;
            return progress;
        }

        public async Task<ClusterPage> GetClusterPageAsync(int pageNo, int pageSize, string? inputText, CancellationToken cancellationToken)
        {
            var body = new Dictionary<string, object?> { ["pageNo"] = pageNo, ["pageSize"] = pageSize };
            if (!string.IsNullOrEmpty(inputText)) body["inputText"] = inputText;
            var request = new ApiRequest(HttpMethod.Post, ClusterListPath, JsonSerializer.Serialize(body));
            var envelope = await CallAsync(request, cancellationToken).ConfigureAwait(false);
            var result = RequireResult(envelope, ClusterListPath, null);
            var page = ResultMapping.ToClusterPage(result);
            page.RequestId = envelope.RequestId;
            return page;
        }

        /// <summary>
        /// Whether another page follows. Both totalPage and isLast are honoured, and an empty page ends the
        /// listing, so a server that miscounts can never make us loop forever.
        /// </summary>
        public static bool HasNextPage(ClusterPage page) =>
            !page.IsLast && page.Clusters.Count > 0 && (page.TotalPage <= 0 || page.CurrentPage < page.TotalPage);

        /// <summary>
        /// Whether a call may be sent again after an ambiguous failure. Reads are; anything else (restart,
        /// create, change, delete) is not, unless it is one of the known read-only POST operations.
        /// </summary>
        public static bool IsSafeToRepeat(HttpMethod method, string path)
        {
            if (method == HttpMethod.Get) return true;
            var trimmed = path.Split('?')[0].TrimEnd('/');
            var segments = trimmed.Split('/');
            // getClusterInfoList/{no}: the operation is the segment before the number.
            var operation = segments.Length > 1 && long.TryParse(segments[segments.Length - 1], out _) ? segments[segments.Length - 2] : segments[segments.Length - 1];
            if (method != HttpMethod.Post) return false;
            return operation.StartsWith("get", StringComparison.OrdinalIgnoreCase)
                || string.Equals(operation, "rollingRestartPreCheck", StringComparison.OrdinalIgnoreCase)
                || string.Equals(operation, "rollingRestartProgressCheck", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>A user-given operation path: relative to the base URL, never a full URL or a way out of it.</summary>
        public static string ValidateRelativePath(string path)
        {
            var trimmed = (path ?? "").Trim();
            if (trimmed.Length == 0 || trimmed.Contains("://") || trimmed.StartsWith("//", StringComparison.Ordinal) ||
                trimmed.Contains("?") || trimmed.Contains("#") || Array.IndexOf(trimmed.Split('/'), "..") >= 0)
            {
                throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                    $"Path '{path}' must be an operation path relative to the session's base URL, such as /cluster/getClusterInfoList.",
                    "Give only the operation path; put query parameters in -Query.");
            }
            return trimmed.StartsWith("/", StringComparison.Ordinal) ? trimmed : "/" + trimmed;
        }

        private static ApiRequest ClusterRequest(string path, long serviceGroupInstanceNo, bool idempotent) =>
            // serviceGroupInstanceNo goes as a JSON number: the service rejects a string.
            new ApiRequest(HttpMethod.Post, path,
                "{\"serviceGroupInstanceNo\":" + serviceGroupInstanceNo.ToString(CultureInfo.InvariantCulture) + "}",
                idempotent: idempotent);

        private static JsonElement RequireResult(Envelope envelope, string path, long? serviceGroupInstanceNo)
        {
            if (!envelope.IsSuccess)
            {
                var subject = serviceGroupInstanceNo.HasValue ? $" for cluster {serviceGroupInstanceNo}" : "";
                throw CdssException.ForServiceCode(CdssErrorIds.ApiError, CdssErrorCategory.InvalidOperation,
                    $"{path}{subject} answered", envelope.Code, envelope.Message, envelope.RequestId,
                    "Check the cluster number and state; quote the request id to NAVER Cloud support if it is unexpected.");
            }
            if (envelope.Result.ValueKind != JsonValueKind.Object)
            {
                throw new CdssException(CdssErrorIds.InvalidResponse, CdssErrorCategory.InvalidResult,
                    $"{path} answered code 0 without a result object. RequestId: {envelope.RequestId ?? "(none)"}.",
                    "Check -Endpoint and any proxy in between, then try again.")
                { RequestId = envelope.RequestId };
            }
            return envelope.Result;
        }
    }
}
