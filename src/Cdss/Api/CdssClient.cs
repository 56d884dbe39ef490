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
    internal sealed partial class CdssClient
    {
        public const string PreCheckPath = "/cluster/rollingRestartPreCheck";
        public const string RollingRestartPath = "/cluster/rollingRestart";
        public const string ProgressPath = "/cluster/rollingRestartProgressCheck";
        public const string ClusterListPath = "/cluster/getClusterInfoList";

        /// <summary>The page size Get-CdssCluster asks for.</summary>
        public const int DefaultPageSize = 100;

        private readonly CdssTransport _transport;
        private readonly ICdssLog _log;

        public CdssClient(CdssTransport transport, ICdssLog? log = null, ClusterDirectory? clusters = null)
        {
            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            _log = log ?? NullLog.Instance;
            Clusters = clusters ?? new ClusterDirectory();
        }

        public string Endpoint => _transport.BaseUrl.ToString();

        /// <summary>Names of the clusters this session has seen, for messages.</summary>
        public ClusterDirectory Clusters { get; }

        /// <summary>Sends a call and reads the envelope; gateway errors and unreadable answers become CdssException.</summary>
        public async Task<Envelope> CallAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            var response = await _transport.SendAsync(request, _log, cancellationToken).ConfigureAwait(false);
            var operation = $"{request.Method.Method} {response.RequestUri.AbsolutePath}";
            if (response.StatusCode != 200)
            {
                var error = GatewayError.ToException(response.StatusCode, response.Body, operation);
                error.Attempts = response.Attempts;
                throw error;
            }
            var envelope = Envelope.Parse(response.Body, operation);
            _log.Verbose($"{operation}: code {envelope.Code} '{envelope.Message}', requestId {envelope.RequestId ?? "(none)"}.");
            return envelope;
        }

        public Task<RollingRestartPreCheck> PreCheckAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            About(() => Clusters.Label(serviceGroupInstanceNo), null, async () =>
            {
                var envelope = await CallAsync(ClusterRequest(PreCheckPath, serviceGroupInstanceNo), cancellationToken).ConfigureAwait(false);
                return new RollingRestartPreCheck
                {
                    ServiceGroupInstanceNo = serviceGroupInstanceNo,
                    ClusterName = Clusters.NameOf(serviceGroupInstanceNo),
                    // Only an explicit true allows a restart. The documented "no" is code 0 with result null and the
                    // reason in message; a non-zero code is handled the same way.
                    CanRestart = IsYes(envelope),
                    Code = envelope.Code,
                    Message = envelope.Message,
                    RequestId = envelope.RequestId,
                    Endpoint = Endpoint,
                    CheckedAt = DateTimeOffset.UtcNow,
                };
            });

        /// <summary>Asks for a rolling restart. Never retried once it may have reached the service.</summary>
        public Task<OperationRequest> StartRollingRestartAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            About(() => Clusters.Label(serviceGroupInstanceNo), null, async () =>
            {
                var envelope = await CallAsync(ClusterRequest(RollingRestartPath, serviceGroupInstanceNo), cancellationToken).ConfigureAwait(false);
                return new OperationRequest(OperationKind.RollingRestart)
                {
                    ServiceGroupInstanceNo = serviceGroupInstanceNo,
                    ClusterName = Clusters.NameOf(serviceGroupInstanceNo),
                    Accepted = IsYes(envelope),
                    Code = envelope.Code,
                    Message = envelope.Message,
                    RequestId = envelope.RequestId,
                };
            });

        public Task<ClusterProgress> GetRollingRestartProgressAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            ProgressAsync(ProgressPath, serviceGroupInstanceNo, cancellationToken);

        /// <summary>A progress check (restart or upgrade: the result has the same shape).</summary>
        private Task<ClusterProgress> ProgressAsync(string path, long serviceGroupInstanceNo, CancellationToken cancellationToken) =>
            About(() => Clusters.Label(serviceGroupInstanceNo), null, async () =>
            {
                var envelope = await CallAsync(ClusterRequest(path, serviceGroupInstanceNo), cancellationToken).ConfigureAwait(false);
                var result = RequireObject(envelope, path);
                var progress = ResultMapping.ToProgress(result, serviceGroupInstanceNo);
                progress.RequestId = envelope.RequestId;
                Clusters.Remember(serviceGroupInstanceNo, progress.ClusterName);
                return progress;
            });

        public async Task<ClusterPage> GetClusterPageAsync(int pageNo, int pageSize, string? inputText, CancellationToken cancellationToken)
        {
            // The service answers a body-less list call with HTTP 500 "JSON Parse error": always send every field.
            var body = new Dictionary<string, object?> { ["pageNo"] = pageNo, ["pageSize"] = pageSize, ["inputText"] = inputText ?? "", ["vpcName"] = "" };
            var request = Request(HttpMethod.Post, ClusterListPath, JsonSerializer.Serialize(body));
            var envelope = await CallAsync(request, cancellationToken).ConfigureAwait(false);
            var result = RequireObject(envelope, ClusterListPath);
            var page = ResultMapping.ToClusterPage(result, pageNo);
            page.RequestId = envelope.RequestId;
            foreach (var cluster in page.Items) Clusters.Remember(cluster.ServiceGroupInstanceNo, cluster.ClusterName);
            foreach (var cluster in page.Disallowed) Clusters.Remember(cluster.ServiceGroupInstanceNo, cluster.ClusterName);
            return page;
        }

        /// <summary>
        /// Every page of the cluster list (optionally narrowed by the service's substring match), in order, by the
        /// one paging rule: each cluster once, however the service pages.
        /// </summary>
        public Pager<ClusterPage, Cluster> ListClusters(string? inputText) =>
            new Pager<ClusterPage, Cluster>("the cluster list",
                (pageNo, token) => GetClusterPageAsync(pageNo, DefaultPageSize, inputText, token),
                // The number is what makes a cluster the same one; the name keeps apart answers that lack numbers.
                cluster => (cluster.ServiceGroupInstanceNo, cluster.ClusterName), _log);

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

        /// <summary>
        /// Whether the service says a rolling restart (or another restart of this cluster) is running now: the pre-check
        /// answers "no" with "in progress" in its message.
        /// </summary>
        public async Task<bool> IsRestartRunningAsync(long serviceGroupInstanceNo, CancellationToken cancellationToken)
        {
            var check = await PreCheckAsync(serviceGroupInstanceNo, cancellationToken).ConfigureAwait(false);
            return !check.CanRestart && SaysInProgress(check.Message);
        }

        /// <summary>Whether an answer says a restart (or upgrade) is already running: the documented form puts it in message.</summary>
        public static bool SaysInProgress(string? message) =>
            message != null && message.IndexOf("in progress", StringComparison.OrdinalIgnoreCase) >= 0;

        private static ApiRequest ClusterRequest(string path, long serviceGroupInstanceNo) =>
            // The reference types serviceGroupInstanceNo as an Integer in request bodies, so it goes as a JSON number.
            Request(HttpMethod.Post, path, "{\"serviceGroupInstanceNo\":" + Number(serviceGroupInstanceNo) + "}");
    }
}
