using System;
using System.Management.Automation;
using System.Security;
using Cdss.Sessions;

namespace Cdss.Commands
{
    /// <summary>Creates a signed session to the CDSS API and makes it this runspace's default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Cdss", DefaultParameterSetName = AutoSet)]
    [OutputType(typeof(Session))]
    public sealed class ConnectCdss : CdssCmdlet
    {
        private const string AutoSet = "Auto";
        private const string CredentialSet = "Credential";
        private const string KeySet = "Key";

        /// <summary>User name = access key ID, password = secret key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet, Position = 0)]
        [Credential]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [AllowEmptyString]
        public string AccessKey { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        public SecureString? SecretKey { get; set; }

        /// <summary>A section of the ncloud CLI configure file to read the key pair from.</summary>
        [Parameter(ParameterSetName = AutoSet)]
        [ValidateNotNullOrEmpty]
        public string? ProfileName { get; set; }

        /// <summary>Another ncloud configure file than ~/.ncloud/configure.</summary>
        [Parameter(ParameterSetName = AutoSet)]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        [Parameter]
        /// <summary>Public, Gov or Fin.</summary>
        [ValidateSet("Public", "Gov", "Fin", IgnoreCase = true)]
        public string Site { get; set; } = nameof(CdssSite.Public);

        private CdssSite SiteKind => (CdssSite)Enum.Parse(typeof(CdssSite), Site, ignoreCase: true);

        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        /// <summary>A full base URL including the /api/... prefix, e.g. http://127.0.0.1:5123/api/v1.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Endpoint { get; set; }

        [Parameter]
        public int TimeoutSec { get; set; } = Transport.TransportSettings.DefaultTimeoutSec;

        [Parameter]
        public int MaxRetries { get; set; } = Transport.TransportSettings.DefaultMaxRetries;

        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Do not make the new session the default one.</summary>
        [Parameter]
        public SwitchParameter NotDefault { get; set; }

        protected override void EndProcessing()
        {
            Session session;
            Uri? environmentEndpoint = null;
            try
            {
                environmentEndpoint = Endpoint == null ? CredentialChain.EndpointOverride(Environment.GetEnvironmentVariable) : null;
                var options = new SessionOptions
                {
                    Site = SiteKind,
                    Region = Region,
                    Endpoint = Endpoint ?? environmentEndpoint,
                    TimeoutSec = TimeoutSec,
                    MaxRetries = MaxRetries,
                    Proxy = Proxy,
                    ProxyCredential = ProxyCredential?.GetNetworkCredential(),
                };
                ApplyCredentials(options);
                session = SessionFactory.Create(options);
            }
            catch (CdssException ex)
            {
                ThrowCdssError(ex, Endpoint ?? (object)Site);
                return;
            }
            if (environmentEndpoint != null)
            {
                // A leftover variable would otherwise quietly redirect production calls; name the site the session
                // would have used (from -Site, NCLOUD_SITE or the profile), not the parameter's default.
                WriteWarning($"{CredentialChain.EndpointVariable} is set: this session uses {EndpointRules.Describe(environmentEndpoint)} instead of the {session.Site} site's gateway.");
            }
            // The replaced default session stays connected, because a script may still hold it in a variable;
            // Disconnect-Cdss -Session clears its secret when it is no longer wanted.
            if (!NotDefault) DefaultSessionStore.Set(session);
            WriteVerbose($"Connected to {session.Endpoint} as {Transport.CdssTransport.ShortKey(session.AccessKey)} (credentials from {session.CredentialSource}).");
            WriteObject(session);
        }

        private void ApplyCredentials(SessionOptions options)
        {
            var explicitSite = MyInvocation.BoundParameters.ContainsKey(nameof(Site)) ? SiteKind : (CdssSite?)null;
            var regionGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Region));
            switch (ParameterSetName)
            {
                case CredentialSet:
                case KeySet:
                    options.AccessKey = ParameterSetName == CredentialSet ? Credential.UserName : AccessKey;
                    options.SecretKey = ParameterSetName == CredentialSet ? Credential.Password : SecretKey;
                    options.CredentialSource = ParameterSetName == CredentialSet ? "Credential" : "Parameter";
                    // NCLOUD_SITE and NCLOUD_REGION are defaults however the keys are given.
                    var (site, region) = CredentialChain.SiteAndRegionDefaults(explicitSite, regionGiven, null, Environment.GetEnvironmentVariable);
                    if (site.HasValue) options.Site = site.Value;
                    if (region != null) options.Region = region;
                    break;
                default:
                    var found = CredentialChain.Resolve(new CredentialChain.Request
                    {
                        ProfileName = ProfileName,
                        ConfigPath = ConfigPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(ConfigPath),
                        ExplicitSite = explicitSite,
                        RegionGiven = regionGiven,
                    });
                    options.AccessKey = found.AccessKey;
                    options.SecretKey = found.SecretKey;
                    options.CredentialSource = found.Source;
                    if (found.Site.HasValue) options.Site = found.Site.Value;
                    if (found.Region != null) options.Region = found.Region;
                    break;
            }
        }
    }
}
