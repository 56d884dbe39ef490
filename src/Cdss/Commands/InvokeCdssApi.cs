using System;
using System.Collections;
using System.Management.Automation;
using System.Net.Http;
using Cdss.Api;
using Cdss.Transport;

namespace Cdss.Commands
{
    /// <summary>Calls any CDSS operation with the session's signing, retries and error handling.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "CdssApi")]
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

        private CdssClient? _client;

        protected override void BeginProcessing() => _client = ResolveSession().CreateClient(Log);

        protected override void ProcessRecord()
        {
            try
            {
                var method = new HttpMethod(Method.ToUpperInvariant());
                var path = CdssClient.ValidateRelativePath(Path);
                var body = Body == null ? (method == HttpMethod.Get ? null : "{}") : PSJson.ToJson(Body);
                if (method == HttpMethod.Get && Body != null)
                {
                    throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                        "-Body cannot be sent with -Method GET.", "Use -Query for GET parameters, or -Method POST.");
                }
                var request = new ApiRequest(method, path, body, PSJson.ToQuery(Query), CdssClient.IsSafeToRepeat(method, path));
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
                        $"{Method.ToUpperInvariant()} {path} answered", envelope.Code, envelope.Message, envelope.RequestId,
                        "Check the parameters of the operation; use -Raw to see the whole answer.");
                }
                WriteObject(PSJson.ToPowerShell(envelope.Result), enumerateCollection: true);
            }
            catch (CdssException ex)
            {
                WriteCdssError(ex, Path);
            }
        }
    }
}
