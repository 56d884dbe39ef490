using System;
using System.Net.Http;
using Cdss.Api;
using Cdss.Signing;
using Cdss.Transport;

namespace Cdss
{
    /// <summary>
    /// A connection to one CDSS API endpoint with one key pair (Connect-Cdss). Only non-secret facts are
    /// public: the secret key lives inside the signer as a read-only SecureString and no member exposes it.
    /// </summary>
    public sealed class Session : IDisposable
    {
        private readonly CdssTransport _transport;

        internal Session(string accessKey, CdssSite site, string region, CdssTransport transport, string credentialSource)
        {
            AccessKey = accessKey;
            SiteKind = site;
            Region = region;
            _transport = transport;
            CredentialSource = credentialSource;
        }

        public string AccessKey { get; }
        /// <summary>Public, Gov or Fin.</summary>
        public string Site => SiteKind.ToString();

        internal CdssSite SiteKind { get; }
        public string Region { get; }

        /// <summary>The base URL every operation path is appended to, e.g. https://…/api/v1.</summary>
        public string Endpoint => _transport.BaseUrl.ToString();

        public int TimeoutSec => _transport.Settings.TimeoutSec;
        public int MaxRetries => _transport.Settings.MaxRetries;
        public string? Proxy => _transport.Settings.Proxy?.ToString();

        /// <summary>Where the credentials came from: Parameter, Credential, Environment or Profile:&lt;name&gt;.</summary>
        public string CredentialSource { get; }

        /// <summary>False once Disconnect-Cdss has cleared the secret.</summary>
        public bool IsConnected { get; private set; } = true;

        /// <summary>Correction applied to the local clock after the gateway reported skew.</summary>
        public TimeSpan ClockOffset => _transport.ClockOffset;

        internal CdssTransport Transport => IsConnected ? _transport
            : throw new CdssException(CdssErrorIds.NoSession, CdssErrorCategory.InvalidOperation,
                $"The session for {AccessKey} at {Endpoint} was disconnected.", "Run Connect-Cdss again.");

        /// <summary>Lists fetched for tab completion, by name, with when; kept here so they go with the session.</summary>
        internal System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime FetchedAt, object Items)> Completions { get; } =
            new System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime FetchedAt, object Items)>();

        /// <summary>
        /// The disallowed clusters Get-CdssCluster has already warned about: the warning says once per session that a
        /// cluster exists but this key may not use it, not on every listing.
        /// </summary>
        internal System.Collections.Concurrent.ConcurrentDictionary<long, bool> DisallowedWarned { get; } =
            new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();

        /// <summary>Cluster names this session has seen, so errors can name the cluster.</summary>
        internal ClusterDirectory Clusters { get; } = new ClusterDirectory();

        /// <summary>A client that reports through <paramref name="log"/>; cheap, so one per command call.</summary>
        internal CdssClient CreateClient(ICdssLog? log = null) => new CdssClient(Transport, log, Clusters);

        public override string ToString() => $"{AccessKey}@{Endpoint}";

        /// <summary>Clears the secret and closes the connection pool.</summary>
        public void Dispose()
        {
            if (!IsConnected) return;
            IsConnected = false;
            _transport.Dispose();
        }
    }
}
