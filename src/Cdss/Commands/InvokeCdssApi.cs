using System;
using System.Collections;
using System.Management.Automation;
using System.Net.Http;
using Cdss.Api;

namespace Cdss.Commands
{
    /// <summary>
    /// Calls any CDSS operation with the session's signing, retries and error handling. An operation that is not a
    /// documented read may change a cluster: it asks for confirmation (ConfirmImpact High), is never sent again after
    /// an ambiguous failure, and -WhatIf sends nothing. Reads never prompt.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "CdssApi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeCdssApi : CdssSessionCmdlet
    {
        [Parameter]
        [ValidateSet("GET", "POST", "DELETE", IgnoreCase = true)]
        public string Method { get; set; } = "POST";

        /// <summary>Operation path relative to the session's base URL, e.g. /cluster/getClusterInfoList.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>A hashtable, object or JSON string.</summary>
        [Parameter(Position = 1, ValueFromPipeline = true)]
        public object? Body { get; set; }

        [Parameter]
        public IDictionary? Query { get; set; }

        /// <summary>Write the whole envelope (code, message, result, requestId) instead of the result.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>Send an operation that may change something without asking (-WhatIf and an explicit -Confirm still win).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private CdssClient? _client;

        protected override void BeginProcessing() => _client = ResolveSession().CreateClient(Log);

        protected override void ProcessRecord() => ForTarget(Path, Send);

        private void Send()
        {
            var method = new HttpMethod(Method.ToUpperInvariant());
            var path = CdssClient.ValidateRelativePath(Path);
            if (method == HttpMethod.Get && Body != null)
            {
                throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                    "-Body cannot be sent with -Method GET.", "Use -Query for GET parameters, or -Method POST.");
            }
            var body = Body == null ? (method == HttpMethod.Get ? null : "{}") : PSJson.ToJson(Body);
            var request = CdssClient.Request(method, path, body, PSJson.ToQuery(Query));
            if (!request.Idempotent && !ShouldProceed($"{method.Method} {path} on {_client!.Endpoint}",
                    "Send an operation that is not a documented read (it may change a cluster, and is never sent twice)", Force))
            {
                return;
            }
            var envelope = Await(_client!.CallAsync(request, StopToken));
            if (Raw)
            {
                var raw = new PSObject();
                raw.Properties.Add(new PSNoteProperty("code", envelope.Code));
                raw.Properties.Add(new PSNoteProperty("message", envelope.Message));
                raw.Properties.Add(new PSNoteProperty("result", PSJson.ToPowerShell(envelope.Result)));
                raw.Properties.Add(new PSNoteProperty("requestId", envelope.RequestId));
                WriteObject(raw);
                return;
            }
            if (!envelope.IsSuccess)
            {
                throw CdssException.ForServiceCode(CdssErrorIds.ApiError, CdssErrorCategory.InvalidOperation,
                    $"{method.Method} {path} answered", envelope.Code, envelope.Message, envelope.RequestId,
                    ServiceCodeHints.For(envelope.Code, "Check the parameters of the operation; use -Raw to see the whole answer."));
            }
            WriteObject(PSJson.ToPowerShell(envelope.Result), enumerateCollection: true);
        }
    }
}
